/*
 * swap.c - the LRU lists (swap.h): adding pages, moving them between the
 * active and inactive lists, isolating them for reclaim, and taking a freed
 * page off its list. Linux's names; Linux batches additions in per-CPU
 * pagevecs, rvmm (one CPU, no locks) adds at once.
 *
 * Every move goes through add_page_to_lru_list()/del_page_from_lru_list(),
 * which keep the node and zone counters and the frame tags, so /proc/meminfo,
 * /proc/zoneinfo and the viewer agree with the lists at all times.
 */
#include "os/mm/swap.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/mmzone.h"
#include "os/mm/workingset.h"

static struct lruvec the_lruvec;
static bool lru_up;

struct lruvec *node_lruvec(void)
{
	return &the_lruvec;
}

static unsigned int lru_tag_flags(enum lru_list lru)
{
	if (lru == LRU_UNEVICTABLE)
		return FTF_LRU | FTF_LOCKED;
	return FTF_LRU | (is_active_lru(lru) ? FTF_ACTIVE : 0);
}

static void update_lru_size(struct page *page, enum lru_list lru, long delta)
{
	mod_node_page_state(&contig_page_data, (enum node_stat_item)(NR_LRU_BASE + lru), delta);
	mod_zone_page_state(page_zone(page), (enum zone_stat_item)(NR_ZONE_LRU_BASE + lru), delta);
}

void add_page_to_lru_list(struct page *page, enum lru_list lru)
{
	list_add(&page->lru, &the_lruvec.lists[lru]);
	update_lru_size(page, lru, 1);
	set_page_tag_flags(page, lru_tag_flags(lru), FTF_LRU | FTF_ACTIVE | FTF_LOCKED);
}

void add_page_to_lru_list_tail(struct page *page, enum lru_list lru)
{
	list_add_tail(&page->lru, &the_lruvec.lists[lru]);
	update_lru_size(page, lru, 1);
	set_page_tag_flags(page, lru_tag_flags(lru), FTF_LRU | FTF_ACTIVE | FTF_LOCKED);
}

void del_page_from_lru_list(struct page *page, enum lru_list lru)
{
	list_del(&page->lru);
	update_lru_size(page, lru, -1);
	set_page_tag_flags(page, 0, FTF_LRU | FTF_ACTIVE | FTF_LOCKED);
}

/* put_page() dropped the last reference of a page still on a list. */
static void lru_release(struct page *page)
{
	if (!PageLRU(page))
		panic("lru_release: pfn %#lx is not on an LRU list", page_to_pfn(page));
	del_page_from_lru_list(page, page_lru(page));
	ClearPageLRU(page);
	ClearPageActive(page);
	ClearPageUnevictable(page);
	if (TestClearPageMlocked(page)) { /* freed while locked (its last mapping went) */
		mod_zone_page_state(page_zone(page), NR_MLOCK, -1);
		count_vm_event(UNEVICTABLE_PGCLEARED);
	}
}

void lru_init(void)
{
	for (int i = 0; i < NR_LRU_LISTS; i++)
		INIT_LIST_HEAD(&the_lruvec.lists[i]);
	mm_lru_release_hook = lru_release;
	workingset_init();
	lru_up = true;
}

void lru_exit(void)
{
	lru_up = false;
	mm_lru_release_hook = NULL;
}

void lru_cache_add(struct page *page)
{
	if (!lru_up)
		panic("lru_cache_add: lru_init() was not called");
	if (PageLRU(page))
		panic("lru_cache_add: pfn %#lx is already on an LRU list", page_to_pfn(page));
	SetPageLRU(page);
	add_page_to_lru_list(page, page_lru(page));
}

void lru_cache_add_inactive_or_unevictable(struct page *page, unsigned long vm_flags)
{
	if ((vm_flags & VM_LOCKED) && !TestSetPageMlocked(page)) {
		SetPageUnevictable(page);
		mod_zone_page_state(page_zone(page), NR_MLOCK, 1);
		count_vm_event(UNEVICTABLE_PGMLOCKED);
	}
	ClearPageActive(page);
	lru_cache_add(page);
}

void activate_page(struct page *page)
{
	if (!PageLRU(page) || PageActive(page) || PageUnevictable(page))
		return;
	del_page_from_lru_list(page, page_lru(page));
	SetPageActive(page);
	add_page_to_lru_list(page, page_lru(page));
	count_vm_event(PGACTIVATE);
}

void deactivate_page(struct page *page)
{
	if (!PageLRU(page) || !PageActive(page) || PageUnevictable(page))
		return;
	del_page_from_lru_list(page, page_lru(page));
	ClearPageActive(page);
	ClearPageReferenced(page);
	add_page_to_lru_list(page, page_lru(page));
	count_vm_event(PGDEACTIVATE);
}

/*
 * Linux's two-touch rule: inactive,unreferenced -> inactive,referenced ->
 * active,unreferenced. A page not on a list yet (being added) is made active
 * directly, as Linux does for a page still in a pagevec.
 */
void mark_page_accessed(struct page *page)
{
	if (!PageReferenced(page)) {
		SetPageReferenced(page);
		return;
	}
	if (PageUnevictable(page) || PageActive(page))
		return;
	if (PageLRU(page))
		activate_page(page);
	else
		SetPageActive(page);
	ClearPageReferenced(page);
	workingset_age_nonresident(1); /* Linux's workingset_activation */
}

int isolate_lru_page(struct page *page)
{
	if (!PageLRU(page))
		return -EBUSY;
	get_page(page);
	ClearPageLRU(page);
	del_page_from_lru_list(page, page_lru(page));
	return 0;
}

void putback_lru_page(struct page *page)
{
	lru_cache_add(page);
	put_page(page);
}

unsigned long lruvec_lru_size(enum lru_list lru)
{
	return global_node_page_state((enum node_stat_item)(NR_LRU_BASE + lru));
}
