/*
 * rmap.h - reverse mapping: from a user page to every PTE that maps it.
 *
 * Each mapping of a page by a PTE is one rmap_item (mm, address) on the
 * page's chain (page->rmap), allocated from the "rmap_item" slab cache. This
 * is the direct form of what Linux builds from anon_vma and i_mmap: reclaim
 * (issue 5) walks it to clear accessed bits, unmap a page for swap-out or
 * write back dirty file pages. The zero page has no chain.
 *
 * Invariant: the chain of a page has exactly page_mapcount(page) items, one
 * per present PTE mapping it.
 */
#ifndef RVMM_OS_MM_RMAP_H
#define RVMM_OS_MM_RMAP_H

#include <stdint.h>

struct mm_struct;
struct page;

struct rmap_item {
	struct mm_struct *mm;
	uint64_t address;
	struct rmap_item *next;
};

int rmap_init(void);
void rmap_exit(void);
/* Record that mm maps page at address. 0 or -ENOMEM. */
int page_add_rmap(struct page *page, struct mm_struct *mm, uint64_t address);
/* Forget it (panics if it was not recorded). */
void page_remove_rmap(struct page *page, struct mm_struct *mm, uint64_t address);
/* Call fn for every (mm, address) mapping page; stops early when fn returns nonzero. */
int rmap_walk(struct page *page, int (*fn)(struct mm_struct *mm, uint64_t address, void *arg),
	      void *arg);
/* Number of items on the chain (for checks). */
int rmap_count(const struct page *page);

#endif
