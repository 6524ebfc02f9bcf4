/*
 * filemap.h - inodes of host files and their page cache, keyed by
 * (inode, page index): every mapping of the same file (a program's text in
 * every process that runs it, a shared library) uses the same frames.
 *
 * An inode is found by the host's (st_dev, st_ino). Its address_space keeps
 * its cached pages sorted by index (binary search). The cache holds one
 * reference on each page; every PTE mapping a page holds another.
 *
 * Lifetime (Linux's icache): an inode lives while an open file refers to it
 * (i_count > 0) and, once unused, while it still caches pages: the last
 * iput() puts it on the LRU of unused inodes with its clean pages kept (they
 * sit on the inactive file LRU), so reopening the file reads them without
 * I/O. Reclaim takes its pages one by one (filemap_remove_page); the one
 * that empties an unused inode frees it. Unused inodes own no dirty pages:
 * pages dirtied through mappings are written back at munmap/exit, before the
 * last reference goes; a page still dirty at the last iput is dropped as it
 * always was, and the inode with it.
 *
 * The host file changing behind rvmm's back while the file is open is not
 * noticed; across a close it is: the inode remembers the host file's
 * (size, mtime, ctime) at its last close, and iget() with a different stamp
 * (the file was rewritten, or deleted and its inode number reused) drops the
 * stale pages first.
 */
#ifndef RVMM_OS_MM_FILEMAP_H
#define RVMM_OS_MM_FILEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>

struct file;
struct page;

/*
 * What an index holds once its page is gone (Linux keeps these as value
 * entries in the mapping's xarray): for a shmem inode the swap entry its page
 * was written to, for a host file the shadow of an evicted page
 * (workingset.h). Never at an index that has a page.
 */
struct pagecache_value {
	unsigned long index;
	unsigned long val;
};

struct address_space {
	struct inode *host;
	struct page **pages; /* sorted by page->index */
	unsigned long nrpages, cap;
	struct pagecache_value *values; /* sorted by index */
	unsigned long nrvalues, vcap;
};

/* What the host says about a file, to tell whether cached pages are stale. */
struct inode_stamp {
	int64_t size, mtime_ns, ctime_ns;
};

struct inode {
	uint64_t i_dev, i_ino;
	int i_count;
	struct address_space i_data;
	struct inode *hash_next;
	struct inode *lru_prev, *lru_next; /* on the unused LRU iff i_count == 0 */
	struct inode_stamp i_stamp;	   /* the host file at the last close */
	/* Linux's i_writecount: > 0 open for writing that many times, < 0 the
	 * executable of that many address spaces (writes fail with ETXTBSY) */
	int i_writecount;
	uint64_t i_size; /* shmem objects: their size (host files have the host's) */
};

/* An open for writing: -ETXTBSY while the file runs as a program, else 0. */
static inline int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

static inline void put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

/* exec: -ETXTBSY while the file is open for writing, else 0 (writes now fail). */
static inline int deny_write_access(struct inode *inode)
{
	if (inode->i_writecount > 0)
		return -ETXTBSY;
	inode->i_writecount--;
	return 0;
}

static inline void allow_write_access(struct inode *inode)
{
	inode->i_writecount++;
}

int filemap_init(void);
void filemap_exit(void);

struct stat;
/* The inode for host file st (a new reference); an unused cached inode whose
 * stamp differs from st's loses its pages first. NULL on ENOMEM. */
struct inode *iget(const struct stat *st);
/* Another reference on an inode someone holds (a second open of a shmem object). */
struct inode *igrab(struct inode *inode);
/* Is host file st some address space's program (so it may not be written)? */
bool inode_runs_as_program(const struct stat *st);
/* Drop a reference; the last keeps the inode cached if it has clean pages.
 * host_fd (or -1) is the host file, read for the stamp. */
void iput(struct inode *inode, int host_fd);
/* posix_fadvise(DONTNEED): drop the clean, unmapped cached pages of inode with index
 * in [start, end] (an open file's inode: it stays). How many went. */
unsigned long invalidate_mapping_pages(struct inode *inode, unsigned long start, unsigned long end);
/* Free every unused inode and its pages (shutdown, the leak check, drop_caches). */
void evict_unused_inodes(void);
/* Unused inodes on the icache LRU. */
unsigned long nr_unused_inodes(void);
/* drop_caches 1: drop every clean, unmapped page-cache page that only the
 * cache holds, of every host file (not shmem); no shadows. Pages dropped. */
unsigned long drop_pagecache(void);

/*
 * The cached page at index of f's inode, read from the host file on a miss
 * (*major set). A new reference for the caller. NULL on ENOMEM or I/O error.
 */
struct page *filemap_get_page(struct file *f, unsigned long index, bool *major);
/* write() wrote [pos, pos+len) to f's host file: the cache follows, as Linux's write
 * goes through it (cached pages get the bytes, the others are read back in, clean:
 * the cache is write-through). */
void filemap_update_range(struct file *f, int64_t pos, const void *buf, size_t len);
/* The file was truncated to len: zero the cached bytes beyond it. */
void filemap_truncate(struct inode *inode, int64_t len);
/*
 * shmem: the object behind MAP_SHARED|MAP_ANONYMOUS, a file with no host
 * file (host_fd -1) whose pages exist only in the page cache (zero-filled
 * when first touched, counted in Shmem), so that processes sharing the
 * mapping after fork see each other's pages, including ones touched later.
 * Its pages are swap-backed (shmem.c): they live on the anon LRU lists and
 * reclaim writes them to swap, leaving the swap entry in their index.
 */
#define SHMEM_DEV 0x1 /* the device number of shmem inodes */
struct file *shmem_file_setup(uint64_t len);
extern const struct file_operations shmem_file_ops;
/* stat of a shmem file (its size is the inode's i_size), for other shmem-based files. */
struct kstat;
int shmem_getattr(struct file *f, struct kstat *k);

static inline bool shmem_mapping(const struct address_space *as)
{
	return as && as->host && as->host->i_dev == SHMEM_DEV;
}

/* ---- the page cache's own operations, for shmem.c and workingset.c ---- */

/* The page cached at index, without a reference, or NULL. */
struct page *pagecache_lookup(struct address_space *as, unsigned long index);
/* Make room for one more page, so that pagecache_add cannot fail. 0 or -ENOMEM. */
int pagecache_reserve(struct address_space *as);
/* Insert pg (pg->index set, not cached anywhere), taking over one of the
 * caller's references for the cache. 0 or -ENOMEM. */
int pagecache_add(struct address_space *as, struct page *pg);
/* Take pg out of as (mapping cleared, counters); the cache's reference
 * passes to the caller. */
void pagecache_delete(struct address_space *as, struct page *pg);
/* Make room for one more value entry, so a store cannot fail. 0 or -ENOMEM. */
int pagecache_value_reserve(struct address_space *as);
/* Store val (nonzero) at index, which has no page; room must be reserved. */
void pagecache_value_store(struct address_space *as, unsigned long index, unsigned long val);
/* The value at index (0: none); take removes it. */
unsigned long pagecache_value_peek(const struct address_space *as, unsigned long index);
unsigned long pagecache_value_take(struct address_space *as, unsigned long index);

/* Write back the pages of inode dirtied through shared mappings (writeback.c). 0 or -EIO. */
int filemap_fdatawrite(struct inode *inode);
/* Reclaim: take a clean, unmapped page out of its page cache, dropping the
 * cache's reference (not shmem: its pages are the only copy), and leave
 * shadow (0: none) in its index. true on success. */
bool filemap_remove_page(struct page *page, unsigned long shadow);
/* Write a dirty page back to f's host file (at most the file's size). 0 or -errno. */
int filemap_write_page(struct file *f, struct page *page);

#endif
