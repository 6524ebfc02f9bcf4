/*
 * shmem.c - shmem pages to swap and back (see shmem.h).
 */
#include "os/mm/shmem.h"

#include <errno.h>
#include <string.h>

#include "os/klog.h"
#include "os/fs/file.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/pgtable.h"
#include "os/mm/rmap.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"
#include "os/uapi.h"

int shmem_writeout(struct page *pg)
{
	struct address_space *as = page_mapping(pg);
	swp_entry_t entry;

	if (!shmem_mapping(as) || !PageSwapBacked(pg))
		panic("shmem_writeout: pfn %#lx is not a shmem page", page_to_pfn(pg));
	if (page_mapped(pg) || page_count(pg) != 2)
		return -EBUSY; /* a fault holds it, or a PTE came back */
	if (pagecache_value_reserve(as) < 0)
		return -ENOMEM;
	entry = get_swap_page();
	if (!entry.val)
		return -ENOSPC;
	if (swap_duplicate(entry) < 0) { /* the value entry's count */
		put_swap_page(entry);
		return -ENOSPC;
	}
	pagecache_delete(as, pg); /* the cache's reference is ours now */
	pagecache_value_store(as, pg->index, entry.val);
	if (add_to_swap_cache(pg, entry) < 0)
		panic("shmem_writeout: slot %016lx already cached", entry.val);
	put_page(pg);
	SetPageDirty(pg);
	set_page_tag_flags(pg, FTF_DIRTY, 0);
	return 0;
}

struct page *shmem_swapin(struct address_space *as, unsigned long index, bool *major)
{
	swp_entry_t entry = {pagecache_value_peek(as, index)};
	struct page *pg;
	bool read_in;

	*major = false;
	pg = swap_cache_get_or_read(entry, GFP_HIGHUSER_MOVABLE, &read_in);
	if (!pg)
		return NULL;
	/* room in the cache's array first, so that moving the page cannot fail;
	 * reclaim never swaps in, so the allocation cannot change our index */
	if (pagecache_reserve(as) < 0) {
		put_page(pg); /* it stays in the swap cache */
		return NULL;
	}
	if (pagecache_value_peek(as, index) != entry.val || page_mapped(pg))
		panic("shmem_swapin: index %lu changed under the fault", index);
	pagecache_value_take(as, index);
	delete_from_swap_cache(pg); /* the slot keeps the value entry's count */
	swap_free(entry);	    /* and that goes too: the page is the only copy again */
	pg->index = index;
	set_page_kind(pg, FK_FILE);
	SetPageDirty(pg);
	if (pagecache_add(as, pg) < 0)
		panic("shmem_swapin: reserved room is gone");
	get_page(pg); /* the caller's; the cache keeps the swap-in's */
	*major = read_in;
	return pg;
}

unsigned long shmem_swap_usage(const struct address_space *as, unsigned long start,
			       unsigned long end)
{
	unsigned long n = 0;
	for (unsigned long k = 0; k < as->nrvalues; k++)
		if (as->values[k].index >= start && as->values[k].index < end)
			n++;
	return n;
}

/*
 * The file side of shmem (memfd_create; MAP_SHARED|MAP_ANONYMOUS objects
 * have no descriptor): read, write and truncate through the page cache.
 * The object's size is its inode's i_size (shared by every file that opens
 * it), which the fault path reads for SIGBUS.
 */

static uint64_t shmem_size(const struct file *f)
{
	return f->f_inode->i_size;
}

/* Copy between buf and [pos, pos+n) of the object; pages are made as needed. */
static ssize_t shmem_rw(struct file *f, void *buf, size_t n, int64_t pos, bool write)
{
	size_t done = 0;

	while (done < n) {
		uint64_t at = (uint64_t)pos + done, off = at & (PAGE_SIZE - 1);
		size_t k = PAGE_SIZE - off < n - done ? PAGE_SIZE - off : n - done;
		bool major;
		struct page *pg = filemap_get_page(f, at >> PAGE_SHIFT, &major);
		if (!pg)
			return done ? (ssize_t)done : -ENOMEM;
		if (write) {
			memcpy((uint8_t *)page_address(pg) + off, (const uint8_t *)buf + done, k);
			flush_icache_frame(page_to_pfn(pg));
		} else {
			memcpy((uint8_t *)buf + done, (uint8_t *)page_address(pg) + off, k);
		}
		put_page(pg);
		done += k;
	}
	return (ssize_t)done;
}

ssize_t shmem_file_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	uint64_t size = shmem_size(f);
	ssize_t r;
	if ((uint64_t)*pos >= size)
		return 0;
	if (n > size - (uint64_t)*pos)
		n = size - (uint64_t)*pos;
	r = shmem_rw(f, buf, n, *pos, false);
	if (r > 0)
		*pos += r;
	return r;
}

ssize_t shmem_file_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	ssize_t r;
	if (f->f_flags & LINUX_O_APPEND)
		*pos = (int64_t)shmem_size(f);
	if ((uint64_t)*pos + n > SHMEM_MAX_BYTES)
		return -EFBIG;
	r = shmem_rw(f, (void *)buf, n, *pos, true);
	if (r > 0) {
		*pos += r;
		if ((uint64_t)*pos > shmem_size(f))
			f->f_inode->i_size = (uint64_t)*pos;
	}
	return r;
}

/* Take pg out of every page table that maps it (truncation: those PTEs now fault, SIGBUS). */
static void unmap_all(struct page *pg)
{
	struct rmap_item *r;
	while ((r = pg->rmap)) {
		struct mm_struct *mm = r->mm;
		uint64_t va = r->address;
		pte_t *pte = pte_offset(mm, va, false);
		if (!pte || pte_pfn(*pte) != page_to_pfn(pg))
			panic("shmem unmap_all: pfn %#lx is not mapped at %#llx", page_to_pfn(pg),
			      (unsigned long long)va);
		*pte = 0;
		flush_tlb_page(mm, va);
		unmap_page(mm, va, pg);
	}
}

int shmem_file_truncate(struct file *f, int64_t len)
{
	struct address_space *as = &f->f_inode->i_data;
	unsigned long first = (unsigned long)PFN_UP((uint64_t)len);
	struct page *pg;

	if ((uint64_t)len > SHMEM_MAX_BYTES)
		return -EFBIG;
	/* the pages wholly beyond the end go, from page tables, cache and swap */
	while (as->nrpages && (pg = as->pages[as->nrpages - 1])->index >= first) {
		get_page(pg);
		unmap_all(pg);
		pagecache_delete(as, pg);
		put_page(pg); /* the cache's reference */
		put_page(pg);
	}
	for (unsigned long k = as->nrvalues; k-- > 0;)
		if (as->values[k].index >= first)
			free_swap_and_cache(
			    (swp_entry_t){pagecache_value_take(as, as->values[k].index)});
	/* the page the end falls in keeps only what lies before it */
	if (len & (PAGE_SIZE - 1) && (pg = pagecache_lookup(as, first - 1)))
		memset((uint8_t *)page_address(pg) + (len & (PAGE_SIZE - 1)), 0,
		       PAGE_SIZE - (len & (PAGE_SIZE - 1)));
	f->f_inode->i_size = (uint64_t)len;
	return 0;
}

int64_t shmem_file_llseek(struct file *f, int64_t off, int whence)
{
	int64_t base = whence == LINUX_SEEK_SET	  ? 0
		       : whence == LINUX_SEEK_CUR ? f->f_pos
		       : whence == LINUX_SEEK_END ? (int64_t)shmem_size(f)
						  : -1;
	if (base < 0 || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}
