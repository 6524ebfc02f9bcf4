/*
 * shmem.h - swapping shmem (the object behind MAP_SHARED|MAP_ANONYMOUS):
 * its pages leave the page cache for the swap cache when reclaim writes
 * them, and come back from it on the next fault in any process sharing it.
 *
 * A shmem page is in exactly one of three places, by its index:
 *  - the inode's page cache (PG_swapbacked, PG_dirty, on an anon LRU list,
 *    counted in Shmem): mapped by any number of PTEs;
 *  - the swap cache, with the swap entry stored as the index's value entry
 *    (written or being written; unmapped; counted in SwapCached);
 *  - only on the swap device, the value entry naming its slot.
 * The value entry holds one count of its slot (swap_duplicate), dropped when
 * the page comes back or the object dies (truncate_inode_pages). shmem PTEs
 * are never swap PTEs: a sharer's fault always goes through the inode.
 */
#ifndef RVMM_OS_MM_SHMEM_H
#define RVMM_OS_MM_SHMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct address_space;
struct page;

/*
 * Reclaim: move an unmapped shmem page that only the cache and the caller
 * (isolation) hold from its page cache to the swap cache, dirty, under a new
 * slot; its index keeps the entry. The caller writes it (swap_writepage).
 * 0, -EBUSY (still in use), -ENOSPC (no slot) or -ENOMEM.
 */
int shmem_writeout(struct page *page);
/*
 * Fault side: the page of index, whose value entry is a swap entry, from
 * the swap cache or read from the device (*major), back in the page cache.
 * A new reference for the caller; NULL on ENOMEM or an I/O error.
 */
struct page *shmem_swapin(struct address_space *as, unsigned long index, bool *major);
/* Pages of as in [start, end) that are on swap (smaps' Swap of a shared mapping). */
unsigned long shmem_swap_usage(const struct address_space *as, unsigned long start,
			       unsigned long end);

/* memfd's file operations: read/write through the page cache (writing past the end
 * grows the object), truncate (shrinking unmaps, frees and unswaps what lies beyond;
 * mappings then fault SIGBUS there). Sizes up to SHMEM_MAX_BYTES (EFBIG beyond). */
#define SHMEM_MAX_BYTES (1ull << 38)
struct file;
ssize_t shmem_file_read(struct file *f, void *buf, size_t n, int64_t *pos);
ssize_t shmem_file_write(struct file *f, const void *buf, size_t n, int64_t *pos);
int shmem_file_truncate(struct file *f, int64_t len);
int64_t shmem_file_llseek(struct file *f, int64_t off, int whence);

#endif
