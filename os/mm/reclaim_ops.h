/*
 * reclaim_ops.h - what reclaim (vmscan.c) needs from the reverse map and the
 * page cache, which the process layer (issue 4) owns. Declared here as a
 * table of functions that the kernel installs with reclaim_set_ops(), so
 * reclaim can be built and tested before (and independently of) the rmap;
 * tests install fakes that simulate mappings.
 *
 * A missing function means "cannot": without page_referenced every page looks
 * unreferenced, without try_to_unmap mapped pages stay, without writepage
 * dirty file pages stay, without remove_mapping page-cache pages stay, without shmem_writeout
 * shmem pages stay.
 */
#ifndef RVMM_OS_MM_RECLAIM_OPS_H
#define RVMM_OS_MM_RECLAIM_OPS_H

#include <stdbool.h>

struct page;

struct reclaim_ops {
	/*
	 * Test and clear the accessed (A) bit of every PTE that maps page,
	 * flushing the TLB for each cleared one (sfence.vma); return how many
	 * had it set, and OR the flags of their VMAs into *vm_flags (VM_EXEC,
	 * VM_LOCKED matter to reclaim). Called only for mapped pages.
	 */
	int (*page_referenced)(struct page *page, unsigned long *vm_flags);
	/*
	 * Remove every PTE mapping page (with TLB flushes). For an anonymous
	 * page in the swap cache, each PTE becomes the swap entry
	 * page_swap_entry(page), counted with swap_duplicate() and in the mm's
	 * MM_SWAPENTS; the dirty bit of a PTE moves to the page (SetPageDirty).
	 * Return true if the page is no longer mapped.
	 */
	bool (*try_to_unmap)(struct page *page);
	/* Write a dirty page-cache page back to its file, synchronously; the page is clean after. 0
	 * or -errno. */
	int (*writepage)(struct page *page);
	/*
	 * Take a clean, unmapped page-cache page out of its address_space and
	 * drop the cache's reference (the caller holds another), leaving shadow
	 * (workingset.h; 0: none) in its index. true on success.
	 */
	bool (*remove_mapping)(struct page *page, unsigned long shadow);
	/*
	 * A swap-backed page-cache page (shmem), unmapped: move it to the swap
	 * cache under a new slot, dirty, leaving the entry in its index, so the
	 * swap path writes and frees it like an anonymous page. 0, -ENOSPC (no
	 * slot: keep it active), or another -errno (keep it for now).
	 */
	int (*shmem_writeout)(struct page *page);
};

/* Install the kernel's functions (NULL: none). */
void reclaim_set_ops(const struct reclaim_ops *ops);

#endif
