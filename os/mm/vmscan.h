/*
 * vmscan.h - page reclaim: which LRU pages to scan (get_scan_count), aging
 * the active lists (shrink_active_list), freeing from the inactive lists
 * (shrink_inactive_list/shrink_page_list), direct reclaim for a failing
 * allocation (try_to_free_pages) and kswapd's balancing of the node between
 * the low and high watermarks (balance_pgdat).
 *
 * The HLE kernel has no kernel threads: wakeup_kswapd() (the page
 * allocator's hook, called below the low watermark) only records the
 * request, and the kernel's main loop calls kswapd_run() between guest time
 * slices to do kswapd's work. Direct reclaim runs inside the allocation.
 */
#ifndef RVMM_OS_MM_VMSCAN_H
#define RVMM_OS_MM_VMSCAN_H

#include <stdbool.h>

#include "os/list.h"
#include "os/mm/gfp.h"
#include "os/mm/mmzone.h"
#include "os/mm/swap.h"

#define DEF_PRIORITY	    12
#define SWAP_CLUSTER_MAX    32UL
#define MAX_RECLAIM_RETRIES 16

enum scan_balance { SCAN_EQUAL, SCAN_FRACT, SCAN_ANON, SCAN_FILE };

struct scan_control {
	unsigned long nr_to_reclaim;
	gfp_t gfp_mask;
	int order;
	int priority;		/* scan lru_size >> priority pages of each list */
	int reclaim_idx;	/* highest zone index the reclaim is for */
	bool may_swap;		/* anonymous pages may go to swap */
	bool may_writepage;	/* dirty file pages may be written back */
	bool kswapd;		/* run by kswapd (counted as such) or direct */
	bool ignore_references; /* madvise(MADV_PAGEOUT): reclaim even recently used pages */
	bool file_is_tiny, cache_trim_mode;
	enum scan_balance scan_balance; /* what get_scan_count chose last */
	unsigned long nr_scanned, nr_reclaimed;
};

/* vm.swappiness: 0..200, default 60, from swappiness= on the kernel command line. */
extern int vm_swappiness;

/* Read swappiness=, install the allocator hooks (kswapd wake-up, direct
 * reclaim, the OOM killer). Call after lru_init() and swap_init(). */
void vmscan_init(void);
void vmscan_exit(void);

/* Would the inactive list of this type (LRU_INACTIVE_ANON/FILE) be too small
 * next to its active list (Linux's inactive_is_low ratio)? */
bool inactive_is_low(enum lru_list inactive_lru);
/* How many pages of each evictable list to scan at sc->priority (sets sc->scan_balance). */
void get_scan_count(struct scan_control *sc, unsigned long nr[NR_LRU_LISTS]);
/* Try to free the isolated pages on page_list; the ones kept stay on it. Returns pages freed. */
unsigned long shrink_page_list(struct list_head *page_list, struct scan_control *sc);
/* Scan up to nr_to_scan pages from the tail of an inactive list; returns pages freed. */
unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct scan_control *sc,
				   enum lru_list lru);
/* Move up to nr_to_scan pages from the tail of an active list to its inactive list
 * (referenced executable file pages stay active). */
void shrink_active_list(unsigned long nr_to_scan, struct scan_control *sc, enum lru_list lru);
/* One pass over the node's lists at sc->priority. */
void shrink_node(struct scan_control *sc);

/* Direct reclaim: free at least SWAP_CLUSTER_MAX pages if possible; returns pages freed. */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order);

/* Does some zone up to highest_zoneidx meet its high watermark for order? */
bool pgdat_balanced(int order, int highest_zoneidx);
/* The allocator's hook: ask kswapd to balance the node (recorded, run by kswapd_run()). */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order);
bool kswapd_pending(void);
/* Do kswapd's pending work: reclaim until the node is balanced at the high
 * watermark or nothing more can be freed. Returns pages freed. */
unsigned long kswapd_run(void);
unsigned long balance_pgdat(int order, int highest_zoneidx);

#endif
