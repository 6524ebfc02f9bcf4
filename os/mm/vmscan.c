/*
 * vmscan.c - page reclaim (see vmscan.h), Linux's algorithm in small:
 *
 *   balance_pgdat / try_to_free_pages
 *     -> shrink_node at priority 12, 11, ... 0 until enough is freed
 *        -> get_scan_count: lru_size >> priority per list, split between anon
 *           and file by the scan balance (swappiness, cache trim mode, ...)
 *        -> shrink_inactive_list: isolate from the tail, shrink_page_list
 *             (referenced? activate or keep; anon: add_to_swap; mapped:
 *              try_to_unmap; dirty: write to swap or back to the file;
 *              then drop it from the swap/page cache and free it)
 *        -> shrink_active_list when an inactive list runs low: deactivate
 *
 * The reverse map and the page cache are reached only through reclaim_ops.h.
 * Simplifications (documented in docs/swap.md): no cost-based anon/file
 * balance (SCAN_FRACT weighs by swappiness alone), synchronous writeback, no
 * compaction. Evicted pages leave shadows (workingset.h).
 */
#include "os/mm/psi.h"
#include "os/mm/vmscan.h"

#include <errno.h>
#include <stdlib.h>

#include "os/klog.h"
#include "os/mm/mm_init.h"
#include "os/mm/oom_kill.h"
#include "os/mm/page_alloc.h"
#include "os/mm/reclaim_ops.h"
#include "os/mm/swap_state.h"
#include "os/mm/swapfile.h"
#include "os/mm/vmstat.h"
#include "os/mm/workingset.h"

int vm_swappiness = 60;
static const struct reclaim_ops *rops;
static bool kswapd_wanted;
/* Linux's pgdat->kswapd_failures: balance_pgdat runs that freed nothing in a
 * row; at MAX_RECLAIM_RETRIES kswapd stops until direct reclaim frees a page. */
static int kswapd_failures;
static int kswapd_order, kswapd_highest_zoneidx;

void reclaim_set_ops(const struct reclaim_ops *ops)
{
	rops = ops;
}

void vmscan_init(void)
{
	char buf[16];
	vm_swappiness = 60;
	if (mm_cmdline_get("swappiness", buf, sizeof(buf))) {
		long v = strtol(buf, NULL, 10);
		vm_swappiness = v < 0 ? 0 : v > 200 ? 200 : (int)v;
	}
	kswapd_wanted = false;
	kswapd_failures = 0;
	mm_slowpath_reclaim = try_to_free_pages;
	mm_wakeup_kswapd = wakeup_kswapd;
	mm_out_of_memory = oom_alloc_hook;
}

void vmscan_exit(void)
{
	mm_slowpath_reclaim = NULL;
	mm_wakeup_kswapd = NULL;
	mm_out_of_memory = NULL;
	kswapd_wanted = false;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;
	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

bool inactive_is_low(enum lru_list inactive_lru)
{
	unsigned long inactive = lruvec_lru_size(inactive_lru);
	unsigned long active = lruvec_lru_size((enum lru_list)(inactive_lru + 1));
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;
	return inactive * ratio < active;
}

/* Decide the anon/file balance for this pass (Linux's prepare_scan_count). */
static void prepare_scan_count(struct scan_control *sc)
{
	unsigned long file = lruvec_lru_size(LRU_ACTIVE_FILE) + lruvec_lru_size(LRU_INACTIVE_FILE);
	unsigned long anon = lruvec_lru_size(LRU_ACTIVE_ANON) + lruvec_lru_size(LRU_INACTIVE_ANON);
	unsigned long free = 0, high = 0;
	struct zone *z;
	for_each_populated_zone(z) {
		if (zone_idx(z) > sc->reclaim_idx)
			continue;
		free += (unsigned long)zone_page_state(z, NR_FREE_PAGES);
		high += high_wmark_pages(z);
	}
	sc->file_is_tiny = file + free <= high && (anon >> sc->priority) != 0;
	sc->cache_trim_mode = (lruvec_lru_size(LRU_INACTIVE_FILE) >> sc->priority) != 0 &&
			      !inactive_is_low(LRU_INACTIVE_FILE);
}

void get_scan_count(struct scan_control *sc, unsigned long nr[NR_LRU_LISTS])
{
	unsigned long ap = 0, fp = 0;
	enum scan_balance b;
	if (!sc->may_swap || nr_swap_pages() == 0)
		b = SCAN_FILE;
	else if (sc->priority == 0 && vm_swappiness)
		b = SCAN_EQUAL;
	else if (sc->file_is_tiny)
		b = SCAN_ANON;
	else if (sc->cache_trim_mode)
		b = SCAN_FILE;
	else {
		b = SCAN_FRACT;
		ap = (unsigned long)vm_swappiness;
		fp = 200 - (unsigned long)vm_swappiness;
	}
	sc->scan_balance = b;
	for (int lru = 0; lru < LRU_UNEVICTABLE; lru++) {
		bool file = is_file_lru((enum lru_list)lru);
		unsigned long scan = lruvec_lru_size((enum lru_list)lru) >> sc->priority;
		switch (b) {
		case SCAN_EQUAL: break;
		case SCAN_FRACT: /* rounded up, as Linux, so a small share is not lost */
			scan = (scan * (file ? fp : ap) + 199) / 200;
			break;
		case SCAN_FILE:
			if (!file)
				scan = 0;
			break;
		case SCAN_ANON:
			if (file)
				scan = 0;
			break;
		}
		nr[lru] = scan;
	}
	nr[LRU_UNEVICTABLE] = 0;
}

/* Move up to nr_to_scan pages from the tail of lru to dst; returns pages taken. */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan, enum lru_list lru,
				       struct list_head *dst, unsigned long *nr_scanned)
{
	struct list_head *src = &node_lruvec()->lists[lru];
	unsigned long taken = 0, scanned = 0;
	while (scanned < nr_to_scan && !list_empty(src)) {
		struct page *page = list_last_entry(src, struct page, lru);
		scanned++;
		if (page_count(page) == 0 || isolate_lru_page(page) < 0) {
			list_move(&page->lru, src); /* being freed: skip it */
			continue;
		}
		list_add(&page->lru, dst);
		taken++;
	}
	*nr_scanned = scanned;
	return taken;
}

static void putback_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = list_last_entry(list, struct page, lru);
		list_del(&page->lru);
		if (PageActive(page))
			workingset_age_nonresident(1); /* an activation moves the clock too */
		putback_lru_page(page);
	}
}

static int referenced_ptes(struct page *page, unsigned long *vm_flags)
{
	*vm_flags = 0;
	if (!page_mapped(page) || !rops || !rops->page_referenced)
		return 0;
	return rops->page_referenced(page, vm_flags);
}

enum page_references { PAGEREF_RECLAIM, PAGEREF_RECLAIM_CLEAN, PAGEREF_KEEP, PAGEREF_ACTIVATE };

static enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags;
	int ptes = referenced_ptes(page, &vm_flags);
	bool referenced_page = TestClearPageReferenced(page);
	if (vm_flags & VM_LOCKED)
		return PAGEREF_ACTIVATE;
	if (ptes) {
		SetPageReferenced(page);
		if (referenced_page || ptes > 1)
			return PAGEREF_ACTIVATE;
		if ((vm_flags & VM_EXEC) && page_is_file_lru(page))
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;
	}
	if (referenced_page && page_is_file_lru(page))
		return PAGEREF_RECLAIM_CLEAN;
	return PAGEREF_RECLAIM;
}

/*
 * Try to free one isolated page we hold a reference on: true if it was freed.
 * *activate says whether a kept page should go to the active list.
 */
static bool reclaim_one(struct page *page, struct scan_control *sc, bool *activate)
{
	*activate = false;
	enum page_references ref =
	    sc->ignore_references ? PAGEREF_RECLAIM : page_check_references(page);
	if (ref == PAGEREF_ACTIVATE) {
		*activate = true;
		return false;
	}
	if (ref == PAGEREF_KEEP)
		return false;
	bool anon = PageSwapBacked(page);
	bool shmem = anon && page_mapping(page); /* swap-backed page cache */
	if (anon && !PageSwapCache(page)) {
		if (!sc->may_swap || !(sc->gfp_mask & __GFP_IO))
			return false;
		if (!shmem && !add_to_swap(page)) {
			*activate = true; /* swap is full */
			return false;
		}
	}
	if (page_mapped(page)) {
		if (!rops || !rops->try_to_unmap || !rops->try_to_unmap(page)) {
			*activate = true;
			return false;
		}
	}
	if (shmem) { /* Linux's shmem_writepage: into the swap cache, then written below */
		int err = rops && rops->shmem_writeout ? rops->shmem_writeout(page) : -ENOSPC;
		if (err < 0) {
			*activate = err == -ENOSPC;
			return false;
		}
	}
	if (PageDirty(page)) {
		int err;
		if (anon) {
			if (!(sc->gfp_mask & __GFP_IO))
				return false;
			err = swap_writepage(page);
		} else {
			if (ref == PAGEREF_RECLAIM_CLEAN || !sc->may_writepage ||
			    !(sc->gfp_mask & __GFP_FS) || !rops || !rops->writepage)
				return false;
			err = rops->writepage(page);
		}
		if (err < 0) {
			*activate = true;
			return false;
		}
		mod_node_page_state(&contig_page_data, NR_VMSCAN_WRITE, 1);
	}
	/* Nobody but us and the cache may hold it now (Linux freezes the refcount
	 * here); the slot it leaves keeps a shadow (workingset.h) */
	if (PageSwapCache(page)) {
		if (page_count(page) != 2)
			return false;
		__delete_from_swap_cache(page, workingset_eviction(page));
	} else if (page_mapping(page)) {
		if (page_count(page) != 2 || !rops || !rops->remove_mapping ||
		    !rops->remove_mapping(page, workingset_eviction(page)))
			return false;
	}
	if (page_count(page) != 1 || page_mapped(page))
		return false;
	if (PageAnon(page))
		page->mapping = NULL; /* what Linux's free path does for anon pages */
	put_page(page);
	return true;
}

unsigned long shrink_page_list(struct list_head *page_list, struct scan_control *sc)
{
	LIST_HEAD(ret_pages);
	unsigned long nr_reclaimed = 0;
	while (!list_empty(page_list)) {
		struct page *page = list_last_entry(page_list, struct page, lru);
		list_del(&page->lru);
		bool activate = false;
		if (!PageUnevictable(page) && reclaim_one(page, sc, &activate)) {
			nr_reclaimed++;
			continue;
		}
		if (activate && !PageActive(page)) {
			SetPageActive(page);
			count_vm_event(PGACTIVATE);
		}
		list_add(&page->lru, &ret_pages);
	}
	while (!list_empty(&ret_pages))
		list_move(ret_pages.next, page_list);
	return nr_reclaimed;
}

unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct scan_control *sc,
				   enum lru_list lru)
{
	LIST_HEAD(page_list);
	bool file = is_file_lru(lru);
	unsigned long nr_scanned;
	unsigned long nr_taken = isolate_lru_pages(nr_to_scan, lru, &page_list, &nr_scanned);
	enum node_stat_item isolated = file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON;
	mod_node_page_state(&contig_page_data, isolated, (long)nr_taken);
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr_scanned);
	count_vm_events(file ? PGSCAN_FILE : PGSCAN_ANON, nr_scanned);
	sc->nr_scanned += nr_scanned;

	unsigned long nr_reclaimed = shrink_page_list(&page_list, sc);

	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(file ? PGSTEAL_FILE : PGSTEAL_ANON, nr_reclaimed);
	putback_list(&page_list);
	mod_node_page_state(&contig_page_data, isolated, -(long)nr_taken);
	return nr_reclaimed;
}

void shrink_active_list(unsigned long nr_to_scan, struct scan_control *sc, enum lru_list lru)
{
	LIST_HEAD(l_hold);
	LIST_HEAD(l_active);
	LIST_HEAD(l_inactive);
	bool file = is_file_lru(lru);
	unsigned long nr_scanned, nr_rotated = 0, nr_deactivated = 0;
	unsigned long nr_taken = isolate_lru_pages(nr_to_scan, lru, &l_hold, &nr_scanned);
	enum node_stat_item isolated = file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON;
	mod_node_page_state(&contig_page_data, isolated, (long)nr_taken);
	count_vm_events(PGREFILL, nr_scanned);

	while (!list_empty(&l_hold)) {
		struct page *page = list_last_entry(&l_hold, struct page, lru);
		list_del(&page->lru);
		unsigned long vm_flags;
		if (referenced_ptes(page, &vm_flags) && (vm_flags & VM_EXEC) && file) {
			/* executable code gets another trip around the active list */
			list_add(&page->lru, &l_active);
			nr_rotated++;
			continue;
		}
		ClearPageActive(page);
		SetPageWorkingset(page);
		list_add(&page->lru, &l_inactive);
		nr_deactivated++;
	}
	putback_list(&l_active);
	putback_list(&l_inactive);
	count_vm_events(PGACTIVATE, nr_rotated);
	count_vm_events(PGDEACTIVATE, nr_deactivated);
	mod_node_page_state(&contig_page_data, isolated, -(long)nr_taken);
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (inactive_is_low((enum lru_list)(lru - 1)))
			shrink_active_list(nr_to_scan, sc, lru);
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, sc, lru);
}

void shrink_node(struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS];
	unsigned long reclaimed = 0;
	prepare_scan_count(sc);
	get_scan_count(sc, nr);
	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] || nr[LRU_INACTIVE_FILE]) {
		for (int lru = 0; lru < LRU_UNEVICTABLE; lru++) {
			if (!nr[lru])
				continue;
			unsigned long n = nr[lru] < SWAP_CLUSTER_MAX ? nr[lru] : SWAP_CLUSTER_MAX;
			nr[lru] -= n;
			reclaimed += shrink_list((enum lru_list)lru, n, sc);
		}
		if (sc->nr_reclaimed + reclaimed >= sc->nr_to_reclaim)
			break;
	}
	sc->nr_reclaimed += reclaimed;
	/* keep the anon inactive list from running dry, as Linux ages anon every pass */
	if (sc->may_swap && nr_swap_pages() && inactive_is_low(LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, sc, LRU_ACTIVE_ANON);
}

static unsigned long do_try_to_free_pages(struct scan_control *sc)
{
	do {
		shrink_node(sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	} while (--sc->priority >= 0);
	return sc->nr_reclaimed;
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	struct scan_control sc = {
	    .nr_to_reclaim = SWAP_CLUSTER_MAX,
	    .gfp_mask = gfp,
	    .order = (int)order,
	    .priority = DEF_PRIORITY,
	    .reclaim_idx = gfp_zone(gfp),
	    .may_swap = true,
	    .may_writepage = true,
	};
	unsigned int noreclaim = memalloc_noreclaim_save();
	unsigned long freed = do_try_to_free_pages(&sc);
	memalloc_noreclaim_restore(noreclaim);
	psi_memstall(sc.nr_scanned * PSI_RECLAIM_SCAN_US); /* the allocating task waited */
	if (freed)
		kswapd_failures = 0;
	return freed;
}

bool pgdat_balanced(int order, int highest_zoneidx)
{
	for (int i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *z = &contig_page_data.node_zones[i];
		if (!populated_zone(z))
			continue;
		if (zone_watermark_ok(z, (unsigned int)order, high_wmark_pages(z), highest_zoneidx,
				      0))
			return true;
	}
	return false;
}

void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
	if (!populated_zone(zone))
		return;
	int idx = zone_idx(zone);
	if (!kswapd_wanted) {
		kswapd_order = (int)order;
		kswapd_highest_zoneidx = idx;
	} else {
		if ((int)order > kswapd_order)
			kswapd_order = (int)order;
		if (idx > kswapd_highest_zoneidx)
			kswapd_highest_zoneidx = idx;
	}
	if (pgdat_balanced(kswapd_order, kswapd_highest_zoneidx))
		return;
	kswapd_wanted = true;
}

bool kswapd_pending(void)
{
	return kswapd_wanted;
}

unsigned long balance_pgdat(int order, int highest_zoneidx)
{
	struct scan_control sc = {
	    .gfp_mask = GFP_KERNEL,
	    .order = order,
	    .priority = DEF_PRIORITY,
	    .reclaim_idx = highest_zoneidx,
	    .may_swap = true,
	    .may_writepage = true,
	    .kswapd = true,
	};
	unsigned long total = 0;
	count_vm_event(PAGEOUTRUN);
	while (sc.priority >= 0 && !pgdat_balanced(order, highest_zoneidx)) {
		unsigned long target = 0;
		for (int i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
			struct zone *z = &contig_page_data.node_zones[i];
			if (populated_zone(z))
				target += high_wmark_pages(z) > SWAP_CLUSTER_MAX
					      ? high_wmark_pages(z)
					      : SWAP_CLUSTER_MAX;
		}
		sc.nr_to_reclaim = target;
		sc.nr_reclaimed = 0;
		shrink_node(&sc);
		total += sc.nr_reclaimed;
		/* Linux raises the priority (scans harder) only when a pass fell short */
		if (sc.nr_reclaimed < sc.nr_to_reclaim)
			sc.priority--;
	}
	return total;
}

unsigned long kswapd_run(void)
{
	if (!kswapd_wanted)
		return 0;
	kswapd_wanted = false;
	if (kswapd_failures >= MAX_RECLAIM_RETRIES)
		return 0; /* hopeless: direct reclaim (and the OOM killer) take over */
	unsigned int noreclaim = memalloc_noreclaim_save(); /* kswapd runs with PF_MEMALLOC */
	unsigned long freed = balance_pgdat(kswapd_order, kswapd_highest_zoneidx);
	memalloc_noreclaim_restore(noreclaim);
	if (freed)
		kswapd_failures = 0;
	else
		kswapd_failures++;
	return freed;
}
