/*
 * mmzone.h - zones and the node that holds them.
 *
 * Zone layout (rvmm's mapping, documented in docs/mm.md). Guest RAM starts at
 * physical 0x80000000 on the virt board, so Linux's physical-address rule
 * ("DMA below 16 MiB") would leave ZONE_DMA empty. For teaching value:
 *   ZONE_DMA    = the first 16 MiB of RAM (or all of it if RAM is smaller),
 *   ZONE_DMA32  = the rest of RAM below physical 4 GiB (0x100000000),
 *   ZONE_NORMAL = RAM above physical 4 GiB (appears with -m larger than 2 GiB),
 *   ZONE_MOVABLE = the top of RAM, carved out of the zones above when
 *     movablecore= or kernelcore= is on the command line, or by default (75%
 *     of RAM) in NOMMU mode; only __GFP_HIGHMEM|__GFP_MOVABLE allocations use
 *     it, and with movable_no_fallback they use nothing else (NOMMU: U-mode
 *     may touch this zone only, so user memory must live there and kernel
 *     memory must not). mem_map then sits just below it.
 * Empty zones exist (present_pages 0) and show in /proc/zoneinfo, as on Linux.
 *
 * Watermarks follow Linux: min_free_kbytes = sqrt(lowmem_kbytes * 16), clamped
 * to [128, 262144], shared between zones by managed pages; low = min + d and
 * high = min + 2d with d = max(min/4, managed * watermark_scale_factor / 10000).
 * lowmem_reserve[] protects lower zones from fallback allocations (ratios 256, 256, 32).
 *
 * Invariants: free_area[o].nr_free counts the free blocks of order o on its
 * list; vm_stat[NR_FREE_PAGES] == sum over o of nr_free << o; pages on the
 * per-CPU list are not counted as free (as Linux).
 */
#ifndef RVMM_OS_MM_MMZONE_H
#define RVMM_OS_MM_MMZONE_H

#include <stdbool.h>
#include <stdint.h>

#include "os/list.h"
#include "os/mm/vmstat.h"

enum zone_type { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE, MAX_NR_ZONES };

#define MAX_ORDER		11 /* orders 0 .. MAX_ORDER-1 (Linux before 6.4 spelled it so) */
#define NR_PAGE_ORDERS		MAX_ORDER
#define MAX_PAGE_ORDER		(MAX_ORDER - 1)
#define PAGE_ALLOC_COSTLY_ORDER 3

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

struct free_area {
	struct list_head free_list; /* heads of free blocks of this order (page->lru) */
	unsigned long nr_free;	    /* blocks on free_list */
};

/* The per-CPU order-0 cache (rvmm has one CPU). */
struct per_cpu_pages {
	int count; /* pages on list */
	int high;  /* above this, return batch pages to the buddy lists */
	int batch; /* pages moved to or from the buddy lists at a time */
	struct list_head list;
};

struct zone {
	const char *name;
	unsigned long watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES];
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* pfn range size */
	unsigned long present_pages; /* frames of RAM in the range */
	unsigned long managed_pages; /* present minus what boot kept (mem_map, reserved) */
	struct per_cpu_pages pcp;
	struct free_area free_area[NR_PAGE_ORDERS];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long nr_alloc_fail; /* allocations that failed in this zone's zonelist */
};

struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones; /* populated zones are node_zones[0 .. nr_zones-1] with present_pages > 0 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	long vm_stat[NR_VM_NODE_STAT_ITEMS];
	unsigned long totalreserve_pages; /* high watermarks + reserves: not "available" */
};

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

extern int min_free_kbytes;
/* Movable allocations may not fall back to the kernel's zones (set in NOMMU mode). */
extern bool movable_no_fallback;
/* Percent of RAM ZONE_MOVABLE gets when the command line does not say (0: none). */
extern int movable_default_percent;

/*
 * Pages of ZONE_MOVABLE for nr_pages of RAM of which memmap_pages hold
 * mem_map, from movablecore= (bytes with K/M/G, or N%), kernelcore= (what
 * the kernel keeps; the rest is movable) or default_percent. The kernel
 * keeps at least mem_map plus 4 MiB, rounded up to whole MAX_ORDER blocks
 * (RAM starts block-aligned, so the zone does too); 0 if nothing is left.
 */
unsigned long movable_zone_pages(const char *cmdline, unsigned long nr_pages,
				 unsigned long memmap_pages, int default_percent);
extern int watermark_scale_factor;

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_MIN];
}
static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_LOW];
}
static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_HIGH];
}

static inline int populated_zone(const struct zone *z)
{
	return z->present_pages != 0;
}

static inline int zone_idx(const struct zone *z)
{
	return (int)(z - contig_page_data.node_zones);
}

struct page;
struct zone *page_zone(const struct page *page);

#define for_each_zone(z)                                                                           \
	for (z = contig_page_data.node_zones; z < contig_page_data.node_zones + MAX_NR_ZONES; z++)
#define for_each_populated_zone(z)                                                                 \
	for_each_zone(z)                                                                           \
		if (!populated_zone(z)) {                                                          \
		} else

/*
 * Would an allocation of 2^order pages leave z above mark (a WMARK_* value in
 * pages), counting lowmem_reserve for an allocation whose preferred zone is
 * highest_zoneidx? alloc_flags are ALLOC_* from page_alloc.h.
 */
int zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		      unsigned int alloc_flags);

/* Recompute watermarks and lowmem_reserve (after changing min_free_kbytes). */
void setup_per_zone_wmarks(void);

#endif
