/*
 * filemap.c - inodes and the page cache (see filemap.h): the sorted page
 * array of each address_space and its value entries (shmem swap entries,
 * shadows of evicted file pages).
 */
#include "os/mm/filemap.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/page_alloc.h"
#include "os/mm/pgtable.h"
#include "os/mm/slab.h"
#include "os/mm/shmem.h"
#include "os/mm/swap.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"
#include "os/mm/workingset.h"
#include "os/uapi.h"

#define INODE_HASH 256

static struct inode *inode_hash[INODE_HASH];
static struct kmem_cache *inode_cachep;

int filemap_init(void)
{
	memset(inode_hash, 0, sizeof(inode_hash));
	if (!inode_cachep)
		inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0,
						 SLAB_RECLAIM_ACCOUNT, NULL);
	return inode_cachep ? 0 : -ENOMEM;
}

void filemap_exit(void)
{
	evict_unused_inodes();
	if (inode_cachep)
		kmem_cache_destroy(inode_cachep);
	inode_cachep = NULL;
}

static unsigned int ihash(uint64_t dev, uint64_t ino)
{
	return (unsigned int)((ino * 0x9e3779b97f4a7c15ull) ^ dev) % INODE_HASH;
}

/* The unused inodes, least recently used first (Linux's inode LRU). */
static struct inode *unused_head, *unused_tail;
static unsigned long nr_unused;

static void inode_lru_add(struct inode *i)
{
	i->lru_next = NULL;
	i->lru_prev = unused_tail;
	if (unused_tail)
		unused_tail->lru_next = i;
	else
		unused_head = i;
	unused_tail = i;
	nr_unused++;
}

static void inode_lru_del(struct inode *i)
{
	if (i->lru_prev)
		i->lru_prev->lru_next = i->lru_next;
	else
		unused_head = i->lru_next;
	if (i->lru_next)
		i->lru_next->lru_prev = i->lru_prev;
	else
		unused_tail = i->lru_prev;
	i->lru_prev = i->lru_next = NULL;
	nr_unused--;
}

unsigned long nr_unused_inodes(void)
{
	return nr_unused;
}

static struct inode_stamp stamp_of(const struct stat *st)
{
	struct inode_stamp s = {
	    .size = (int64_t)st->st_size,
	    .mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
	    .ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
	};
	return s;
}

static void truncate_inode_pages(struct address_space *as);

/* The hashed inode (dev, ino) with a new reference, or a new one. */
static struct inode *iget_locked(uint64_t dev, uint64_t ino)
{
	unsigned int h = ihash(dev, ino);
	struct inode *i;

	for (i = inode_hash[h]; i; i = i->hash_next) {
		if (i->i_dev == dev && i->i_ino == ino) {
			if (i->i_count++ == 0)
				inode_lru_del(i);
			return i;
		}
	}
	i = kmem_cache_zalloc(inode_cachep, GFP_KERNEL);
	if (!i)
		return NULL;
	i->i_dev = dev;
	i->i_ino = ino;
	i->i_count = 1;
	i->i_data.host = i;
	i->hash_next = inode_hash[h];
	inode_hash[h] = i;
	return i;
}

struct inode *igrab(struct inode *inode)
{
	if (inode->i_count++ == 0)
		inode_lru_del(inode);
	return inode;
}

bool inode_runs_as_program(const struct stat *st)
{
	for (struct inode *i = inode_hash[ihash(st->st_dev, st->st_ino)]; i; i = i->hash_next)
		if (i->i_dev == st->st_dev && i->i_ino == st->st_ino)
			return i->i_writecount < 0;
	return false;
}

struct inode *iget(const struct stat *st)
{
	struct inode *i = iget_locked((uint64_t)st->st_dev, (uint64_t)st->st_ino);
	struct inode_stamp now = stamp_of(st);

	/* only a reopened unused inode can be stale (see filemap.h) */
	if (i && i->i_count == 1 && i->i_data.nrpages &&
	    memcmp(&i->i_stamp, &now, sizeof(now)) != 0)
		truncate_inode_pages(&i->i_data);
	return i;
}

/* Drop every cached page (all unmapped by now: mappings hold file references). */
static void truncate_inode_pages(struct address_space *as)
{
	for (unsigned long k = 0; k < as->nrpages; k++) {
		struct page *pg = as->pages[k];
		if (page_mapped(pg))
			panic("truncate_inode_pages: page %lu still mapped", pg->index);
		pg->mapping = NULL;
		mod_lruvec_page_state(pg, NR_FILE_PAGES, -1);
		if (shmem_mapping(as))
			mod_lruvec_page_state(pg, NR_SHMEM, -1);
		put_page(pg);
	}
	kfree(as->pages);
	as->pages = NULL;
	as->nrpages = as->cap = 0;
	/* the object dies: shmem's swap slots go, shadows are forgotten */
	for (unsigned long k = 0; k < as->nrvalues; k++)
		if (shmem_mapping(as))
			free_swap_and_cache((swp_entry_t){as->values[k].val});
	kfree(as->values);
	as->values = NULL;
	as->nrvalues = as->vcap = 0;
}

/* Unhash and free an inode nobody uses, with its pages. */
static void evict(struct inode *inode)
{
	struct inode **pp;

	if (inode->i_count)
		panic("evict: i_count %d", inode->i_count);
	for (pp = &inode_hash[ihash(inode->i_dev, inode->i_ino)]; *pp != inode;
	     pp = &(*pp)->hash_next)
		if (!*pp)
			panic("evict: inode not hashed");
	*pp = inode->hash_next;
	truncate_inode_pages(&inode->i_data);
	kmem_cache_free(inode_cachep, inode);
}

/* Can an unused inode keep its pages? Not shmem's (no other copy), not dirty ones. */
static bool may_cache_unused(const struct inode *inode)
{
	const struct address_space *as = &inode->i_data;

	if (inode->i_dev == SHMEM_DEV || !as->nrpages)
		return false;
	for (unsigned long k = 0; k < as->nrpages; k++)
		if (PageDirty(as->pages[k]))
			return false;
	return true;
}

void iput(struct inode *inode, int host_fd)
{
	struct stat st;

	if (inode->i_count <= 0)
		panic("iput: i_count %d", inode->i_count);
	if (--inode->i_count)
		return;
	if (may_cache_unused(inode) && host_fd >= 0 && fstat(host_fd, &st) == 0) {
		inode->i_stamp = stamp_of(&st);
		inode_lru_add(inode);
		return;
	}
	evict(inode);
}

unsigned long invalidate_mapping_pages(struct inode *inode, unsigned long start, unsigned long end)
{
	struct address_space *as = &inode->i_data;
	unsigned long dropped = 0;

	if (inode->i_dev == SHMEM_DEV)
		return 0; /* its pages are the only copy */
	for (unsigned long k = as->nrpages; k-- > 0;) {
		struct page *pg = as->pages[k];
		if (pg->index < start || pg->index > end || page_count(pg) != 1 || PageLocked(pg))
			continue;
		dropped += filemap_remove_page(pg, 0);
	}
	return dropped;
}

unsigned long drop_pagecache(void)
{
	unsigned long dropped = 0;

	for (int h = 0; h < INODE_HASH; h++) {
		struct inode *i = inode_hash[h], *next;
		for (; i; i = next) {
			next = i->hash_next; /* i goes when its last page does (unused) */
			if (i->i_dev == SHMEM_DEV)
				continue;
			struct address_space *as = &i->i_data;
			for (unsigned long k = as->nrpages; k-- > 0;) {
				struct page *pg = as->pages[k];
				bool last = as->nrpages == 1 && !i->i_count;
				if (page_count(pg) != 1 || PageLocked(pg) ||
				    !filemap_remove_page(pg, 0))
					continue;
				dropped++;
				if (last)
					break; /* the unused inode went with its last page */
			}
		}
	}
	return dropped;
}

void evict_unused_inodes(void)
{
	while (unused_head) {
		struct inode *i = unused_head;
		inode_lru_del(i);
		evict(i);
	}
}

/* Position of index in as->pages (where it is or would be inserted). */
static unsigned long find_slot(const struct address_space *as, unsigned long index)
{
	unsigned long lo = 0, hi = as->nrpages;
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		if (as->pages[mid]->index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int pagecache_reserve(struct address_space *as)
{
	if (as->nrpages < as->cap)
		return 0;
	unsigned long cap = as->cap ? 2 * as->cap : 16;
	struct page **a = krealloc(as->pages, cap * sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	as->pages = a;
	as->cap = cap;
	return 0;
}

static int add_to_page_cache(struct address_space *as, struct page *pg)
{
	unsigned long slot;

	if (pagecache_reserve(as) < 0)
		return -ENOMEM;
	/* the allocations before this point may have reclaimed pages of as: look again */
	slot = find_slot(as, pg->index);
	memmove(&as->pages[slot + 1], &as->pages[slot], (as->nrpages - slot) * sizeof(*as->pages));
	as->pages[slot] = pg;
	as->nrpages++;
	pg->mapping = as;
	mod_lruvec_page_state(pg, NR_FILE_PAGES, 1);
	if (shmem_mapping(as))
		mod_lruvec_page_state(pg, NR_SHMEM, 1);
	return 0;
}

struct page *pagecache_lookup(struct address_space *as, unsigned long index)
{
	unsigned long slot = find_slot(as, index);
	return slot < as->nrpages && as->pages[slot]->index == index ? as->pages[slot] : NULL;
}

int pagecache_add(struct address_space *as, struct page *pg)
{
	if (pagecache_lookup(as, pg->index) || pagecache_value_peek(as, pg->index))
		panic("pagecache_add: index %lu is taken", pg->index);
	return add_to_page_cache(as, pg);
}

void pagecache_delete(struct address_space *as, struct page *pg)
{
	unsigned long slot = find_slot(as, pg->index);

	if (slot >= as->nrpages || as->pages[slot] != pg)
		panic("pagecache_delete: index %lu not cached", pg->index);
	memmove(&as->pages[slot], &as->pages[slot + 1],
		(as->nrpages - slot - 1) * sizeof(*as->pages));
	as->nrpages--;
	pg->mapping = NULL;
	mod_lruvec_page_state(pg, NR_FILE_PAGES, -1);
	if (shmem_mapping(as))
		mod_lruvec_page_state(pg, NR_SHMEM, -1);
}

/* Position of index among the value entries (where it is or would go). */
static unsigned long find_value(const struct address_space *as, unsigned long index)
{
	unsigned long lo = 0, hi = as->nrvalues;
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		if (as->values[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int pagecache_value_reserve(struct address_space *as)
{
	if (as->nrvalues < as->vcap)
		return 0;
	unsigned long cap = as->vcap ? 2 * as->vcap : 16;
	struct pagecache_value *v = krealloc(as->values, cap * sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	as->values = v;
	as->vcap = cap;
	return 0;
}

void pagecache_value_store(struct address_space *as, unsigned long index, unsigned long val)
{
	unsigned long k = find_value(as, index);

	if (!val || pagecache_lookup(as, index))
		panic("pagecache_value_store: index %lu has a page (or val 0)", index);
	if (k < as->nrvalues && as->values[k].index == index) {
		as->values[k].val = val; /* a newer value replaces the old one */
		return;
	}
	if (as->nrvalues == as->vcap)
		panic("pagecache_value_store: no room reserved");
	memmove(&as->values[k + 1], &as->values[k], (as->nrvalues - k) * sizeof(*as->values));
	as->values[k] = (struct pagecache_value){index, val};
	as->nrvalues++;
}

unsigned long pagecache_value_peek(const struct address_space *as, unsigned long index)
{
	unsigned long k = find_value(as, index);
	return k < as->nrvalues && as->values[k].index == index ? as->values[k].val : 0;
}

unsigned long pagecache_value_take(struct address_space *as, unsigned long index)
{
	unsigned long k = find_value(as, index), val;

	if (k >= as->nrvalues || as->values[k].index != index)
		return 0;
	val = as->values[k].val;
	memmove(&as->values[k], &as->values[k + 1], (as->nrvalues - k - 1) * sizeof(*as->values));
	as->nrvalues--;
	return val;
}

/* filemap_get_page, with the read from the host counted as I/O (pgpgin) or not
 * (a write filling the cache reads back what it has just written). */
static struct page *get_page_counted(struct file *f, unsigned long index, bool *major,
				     bool count_io);

struct page *filemap_get_page(struct file *f, unsigned long index, bool *major)
{
	return get_page_counted(f, index, major, true);
}

static struct page *get_page_counted(struct file *f, unsigned long index, bool *major,
				     bool count_io)
{
	struct address_space *as;
	struct page *pg;
	unsigned long shadow;
	ssize_t n;

	if (!f->f_inode)
		return NULL;
	as = &f->f_inode->i_data;
	*major = false;
	pg = pagecache_lookup(as, index);
	if (pg) {
		get_page(pg);
		mark_page_accessed(pg);
		return pg;
	}
	if (shmem_mapping(as) && pagecache_value_peek(as, index))
		return shmem_swapin(as, index, major); /* written to swap by reclaim */
	/* a host file's shadow: the page was evicted (reclaim stores no value
	 * at an index without a page, so the allocations below cannot add one) */
	shadow = shmem_mapping(as) ? 0 : pagecache_value_take(as, index);
	pg = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!pg)
		return NULL;
	/* shmem (no host file behind it): a new page is zeros, and not "I/O" */
	n = f->host_fd < 0
		? 0
		: pread(f->host_fd, page_address(pg), PAGE_SIZE, (off_t)index * PAGE_SIZE);
	if (n < 0) {
		__free_page(pg);
		return NULL;
	}
	memset((uint8_t *)page_address(pg) + n, 0, PAGE_SIZE - (size_t)n);
	flush_icache_frame(page_to_pfn(pg));
	pg->index = index;
	set_page_kind(pg, FK_FILE);
	SetPageUptodate(pg);
	if (shmem_mapping(as)) {
		/* swap-backed: the anon LRU lists; dirty, since no other copy exists */
		SetPageSwapBacked(pg);
		SetPageDirty(pg);
	}
	if (add_to_page_cache(as, pg)) {
		__free_page(pg);
		return NULL;
	}
	*major = f->host_fd >= 0 && count_io;
	if (*major)
		count_vm_events(PGPGIN, PAGE_SIZE >> 10); /* kB read, as Linux counts */
	if (shadow)
		workingset_refault(pg, shadow);
	lru_cache_add(pg);
	get_page(pg); /* the caller's; the cache keeps the allocation's */
	return pg;
}

static uint64_t shmem_ino_next = 1;

/* The file behind a MAP_SHARED|MAP_ANONYMOUS mapping: memory only, len bytes. */
struct file *shmem_file_setup(uint64_t len)
{
	struct file *f = alloc_file(&shmem_file_ops, -1, LINUX_O_RDWR,
				    FMODE_READ | FMODE_WRITE | FMODE_PREAD, "/dev/zero (deleted)");
	if (!f)
		return NULL;
	f->f_inode = iget_locked(SHMEM_DEV, shmem_ino_next++);
	if (!f->f_inode) {
		fput(f);
		return NULL;
	}
	f->f_inode->i_size = len;
	return f;
}

bool filemap_remove_page(struct page *pg, unsigned long shadow)
{
	struct address_space *as = page_mapping(pg);
	unsigned long index = pg->index;

	if (!as || shmem_mapping(as) || page_mapped(pg) || PageDirty(pg))
		return false;
	/* no room for the shadow (reclaim's allocations may not reclaim): none */
	if (shadow && pagecache_value_reserve(as) < 0)
		shadow = 0;
	pagecache_delete(as, pg);
	put_page(pg);
	if (shadow)
		pagecache_value_store(as, index, shadow);
	if (!as->nrpages && !as->host->i_count) {
		inode_lru_del(as->host); /* its last page: the unused inode goes too */
		evict(as->host);
	}
	return true;
}

int filemap_write_page(struct file *f, struct page *pg)
{
	if (f->host_fd < 0)
		return 0; /* shmem: the page cache is the only copy */
	struct stat st;
	off_t off = (off_t)pg->index * PAGE_SIZE;
	size_t len = PAGE_SIZE;

	if (fstat(f->host_fd, &st) < 0)
		return -errno;
	if (off >= st.st_size)
		return 0; /* beyond EOF: Linux drops it too */
	if (st.st_size - off < (off_t)len)
		len = (size_t)(st.st_size - off);
	if (pwrite(f->host_fd, page_address(pg), len, off) != (ssize_t)len)
		return -EIO;
	ClearPageDirty(pg);
	return 0;
}

void filemap_update_range(struct file *f, int64_t pos, const void *buf, size_t len)
{
	struct address_space *as = &f->f_inode->i_data;
	const uint8_t *b = buf;
	while (len) {
		unsigned long index = (unsigned long)(pos / (int64_t)PAGE_SIZE);
		size_t off = (size_t)(pos % (int64_t)PAGE_SIZE), k = PAGE_SIZE - off;
		struct page *pg = pagecache_lookup(as, index);
		bool major;
		if (k > len)
			k = len;
		if (pg) {
			memcpy((uint8_t *)page_address(pg) + off, b, k);
			flush_icache_frame(page_to_pfn(pg));
			mark_page_accessed(pg);
		} else if ((pg = get_page_counted(f, index, &major, false))) {
			put_page(pg); /* read back from the host file, which has the new bytes */
		}
		b += k;
		pos += (int64_t)k;
		len -= k;
	}
}

void filemap_truncate(struct inode *inode, int64_t len)
{
	struct address_space *as = &inode->i_data;
	for (unsigned long k = 0; k < as->nrpages; k++) {
		struct page *pg = as->pages[k];
		int64_t start = (int64_t)pg->index * (int64_t)PAGE_SIZE;
		if (start + (int64_t)PAGE_SIZE <= len)
			continue;
		size_t keep = len > start ? (size_t)(len - start) : 0;
		memset((uint8_t *)page_address(pg) + keep, 0, PAGE_SIZE - keep);
	}
}
