/*
 * page_alloc.h - the page allocator: blocks of 2^order contiguous frames from
 * the buddy lists of a zone, order-0 pages through the per-CPU list.
 *
 * Failure is real: NULL (or 0), after the slow path had its chance, and a
 * "page allocation failure: order:N, mode:0x...(...)" warning in the kernel log
 * unless __GFP_NOWARN.
 */
#ifndef RVMM_OS_MM_PAGE_ALLOC_H
#define RVMM_OS_MM_PAGE_ALLOC_H

#include <stddef.h>

#include "os/mm/gfp.h"
#include "os/mm/mmzone.h"
#include "os/mm/page.h"

/* alloc_flags: which watermark to respect and how far into the reserves to go. */
#define ALLOC_WMARK_MIN	    WMARK_MIN
#define ALLOC_WMARK_LOW	    WMARK_LOW
#define ALLOC_WMARK_HIGH    WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04
#define ALLOC_WMARK_MASK    (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER	    0x10 /* __GFP_ATOMIC: min - min/4 */
#define ALLOC_HIGH	    0x20 /* __GFP_HIGH: min - min/2 */

/*
 * Allocate 2^order contiguous frames. The head page has refcount 1; with
 * __GFP_COMP the block is a compound page (tails point at the head), otherwise
 * the other frames have refcount 0. The frames are tagged FK_KMEM until the
 * caller says otherwise (set_page_kind()). NULL on failure.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)

/* Free a block allocated with alloc_pages() of the same order (drops one reference). */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)

/* The same with host addresses (page_address()), as Linux's unsigned long API. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)

/* Exactly PAGE_ALIGN(size) bytes of physically contiguous frames (the tail of
 * the power-of-two block is given back), as NOMMU mappings need. */
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);

/* Turn a non-compound block of 2^order into 2^order order-0 pages, each with refcount 1. */
void split_page(struct page *page, unsigned int order);

/* Page-table pages: tagged FK_PGTABLE, PG_table set, counted in NR_PAGETABLE, zeroed. */
struct page *pagetable_alloc(gfp_t gfp, unsigned int order);
void pagetable_free(struct page *page, unsigned int order);

/* Free pages on the buddy lists (what NR_FREE_PAGES says). */
unsigned long nr_free_pages(void);
/* Pages handed to the buddy allocator at boot (MemTotal). */
unsigned long totalram_pages(void);
/* Estimate of pages available without swapping (MemAvailable's rule). */
long si_mem_available(void);

/* Give every per-CPU list back to the buddy lists (before checks and /proc snapshots). */
void drain_all_pages(void);

/*
 * The slow path's hook for reclaim, installed by issue 5 (kswapd wake-up,
 * direct reclaim, compaction-free retry, the OOM killer). Called when the
 * zonelist cannot satisfy an allocation at the min watermark and the gfp mask
 * allows reclaim; returns the number of pages it freed (0: no progress, the
 * allocation then fails). Until reclaim exists it is NULL: no progress.
 */
extern unsigned long (*mm_slowpath_reclaim)(gfp_t gfp, unsigned int order);
/* Called when the zone falls below its low watermark (issue 5: wake kswapd). May be NULL. */
extern void (*mm_wakeup_kswapd)(struct zone *zone, gfp_t gfp, unsigned int order);
/* Called after reclaim made no progress for a __GFP_FS allocation (issue 5: the
 * OOM killer). Returns true if it freed memory and the allocation should retry. */
extern bool (*mm_out_of_memory)(gfp_t gfp, unsigned int order);
/* Name of the task allocating, for failure reports (issue 4 installs it). */
extern const char *(*mm_current_comm)(void);

/*
 * PF_MEMALLOC: while the kernel reclaims, its own allocations (zram's
 * compressed copies, swap-cache metadata) may use the reserves below the min
 * watermark, because they are what frees memory, and they never recurse into
 * reclaim. Linux keeps the flag in the task; rvmm's kernel runs one thing at a
 * time, so a nesting count does. Usage: flags = memalloc_noreclaim_save(); ...
 * memalloc_noreclaim_restore(flags);
 */
extern unsigned int memalloc_noreclaim_depth;
static inline unsigned int memalloc_noreclaim_save(void)
{
	return memalloc_noreclaim_depth++;
}
static inline void memalloc_noreclaim_restore(unsigned int old)
{
	memalloc_noreclaim_depth = old;
}

#endif
