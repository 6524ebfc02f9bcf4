/*
 * swap.h - the LRU lists: which user pages reclaim looks at, and in what order.
 *
 * One node, so one lruvec with Linux's five lists: inactive/active anon,
 * inactive/active file, unevictable. New pages enter at the head of a list;
 * reclaim takes from the tail (the oldest). File pages are promoted by the
 * two-touch rule of mark_page_accessed() (PG_referenced, then PG_active);
 * mapped pages by the PTE accessed bits that vmscan reads through the reverse
 * map (reclaim_ops.h).
 *
 * Invariants:
 *  - PG_lru is set exactly when the page is on one of the lists, and then the
 *    list is page_lru(page) (PG_swapbacked, PG_active, PG_unevictable decide).
 *  - The node counter NR_LRU_BASE + lru and the zone counter
 *    NR_ZONE_LRU_BASE + lru of the page's zone equal the list's length.
 *  - The frame tag carries FTF_LRU / FTF_ACTIVE / FTF_LOCKED for the list.
 *  - Being on a list holds no page reference (as Linux): the last put_page()
 *    takes the page off its list through mm_lru_release_hook. Isolation
 *    (isolate_lru_page) takes a reference and clears PG_lru.
 */
#ifndef RVMM_OS_MM_SWAP_H
#define RVMM_OS_MM_SWAP_H

#include <stdbool.h>

#include "os/list.h"
#include "os/mm/page.h"
#include "os/mm/vmstat.h"

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
};

/* The node's lruvec (rvmm has one node and no memory cgroups). */
struct lruvec *node_lruvec(void);

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/* LRU_INACTIVE_ANON or LRU_INACTIVE_FILE: anon means swap-backed (PG_swapbacked). */
static inline enum lru_list page_lru_base_type(const struct page *page)
{
	return PageSwapBacked(page) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
}

static inline bool page_is_file_lru(const struct page *page)
{
	return !PageSwapBacked(page);
}

/* The list a page belongs on, from its flags. */
static inline enum lru_list page_lru(const struct page *page)
{
	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	return (enum lru_list)(page_lru_base_type(page) + (PageActive(page) ? 1 : 0));
}

/* Set up the lists and install mm_lru_release_hook. Call after mm_init(). */
void lru_init(void);
/* Forget the lists (every page must be off them) and remove the hook. */
void lru_exit(void);

/* Low-level list moves: the caller sets or clears PG_lru. Counters and tags follow. */
void add_page_to_lru_list(struct page *page, enum lru_list lru);
void add_page_to_lru_list_tail(struct page *page, enum lru_list lru);
void del_page_from_lru_list(struct page *page, enum lru_list lru);

/* Put a new page (not on a list) on the list its flags choose. */
void lru_cache_add(struct page *page);
/*
 * A new anonymous page of a fault: inactive anon, or unevictable when its VMA is
 * mlocked (VM_LOCKED in vm_flags), as Linux's lru_cache_add_inactive_or_unevictable().
 */
void lru_cache_add_inactive_or_unevictable(struct page *page, unsigned long vm_flags);

/*
 * A reference through read()/write() or a page-cache lookup: the first touch
 * sets PG_referenced, the second moves an inactive page to the active list.
 */
void mark_page_accessed(struct page *page);
/* Move an inactive page on the LRU to its active list (PGACTIVATE). */
void activate_page(struct page *page);
/* Move an active page on the LRU to its inactive list (PGDEACTIVATE), clearing PG_referenced. */
void deactivate_page(struct page *page);

/*
 * Take a page off its list for reclaim or migration: takes a reference and
 * clears PG_lru. 0, or -EBUSY if the page is not on an LRU list.
 */
int isolate_lru_page(struct page *page);
/* Give an isolated page back: onto the list its flags choose, dropping the isolation reference. */
void putback_lru_page(struct page *page);

/* Pages on a list (its counter). */
unsigned long lruvec_lru_size(enum lru_list lru);

#ifndef VM_LOCKED
#define VM_LOCKED 0x00002000UL
#endif
#ifndef VM_EXEC
#define VM_EXEC 0x00000004UL
#endif

#endif
