/*
 * workingset.h - refault detection with shadow entries (the idea of Linux's
 * mm/workingset.c, Linux 5.9+ where anon pages have shadows too).
 *
 * The node keeps one clock, the non-resident age, advanced by one for every
 * page evicted from an LRU list and every page activated (by
 * mark_page_accessed, by reclaim putting a page back on an active list, or
 * by a refault). When reclaim evicts a page, the slot it leaves behind keeps
 * a shadow: the clock at that moment and whether the page was in the
 * workingset (PG_workingset: it had been active). A file page's shadow is the
 * value entry of its index in the page cache, an anonymous (or shmem) page's
 * sits in its swap-cache slot.
 *
 * When a fault brings a page back for a slot that has a shadow, it is a
 * refault (workingset_refault_anon/file). The refault distance, clock now
 * minus clock at eviction, is how much the LRU moved while the page was out:
 * the least it would have needed to stay resident. If that is no more than
 * the workingset the page competes with, the page is activated at once
 * (workingset_activate_*), and if it had been active before its eviction,
 * that is a restore (workingset_restore_*).
 *
 * The workingset a refaulting page competes with: the active file list; for
 * an anon page also the inactive file list; with swap space free, also the
 * active anon list, and for a file page the inactive anon list too.
 *
 * Shadows die with their slot (an inode evicted, a swap slot freed). rvmm
 * does not reclaim the memory shadows take (Linux's shadow-node shrinker),
 * so workingset_nodes and workingset_nodereclaim stay 0.
 */
#ifndef RVMM_OS_MM_WORKINGSET_H
#define RVMM_OS_MM_WORKINGSET_H

#include <stdbool.h>

#include "os/mm/vmstat.h"

struct page;

/* A shadow is never 0 and always has bit 0 set (a page pointer never does). */
static inline bool is_shadow(const void *entry)
{
	return ((unsigned long)entry & 1) != 0;
}

/* Advance the non-resident age by nr (an eviction or an activation). */
void workingset_age_nonresident(unsigned long nr);
/* The clock now (tests). */
unsigned long workingset_nonresident_age(void);
/* Reset the clock (boot). */
void workingset_init(void);
/* Reclaim evicts page: its shadow (the clock before this eviction, its
 * PG_workingset), and the clock advances. */
unsigned long workingset_eviction(struct page *page);
/*
 * page (not yet on an LRU list) was read back for a slot whose shadow is
 * shadow: count the refault and set PG_active / PG_workingset as the rule
 * says, before the caller adds the page to the LRU.
 */
void workingset_refault(struct page *page, unsigned long shadow);
/*
 * The rule alone: should a page evicted at clock eviction, refaulting at
 * clock now, be activated? lru[] are the list sizes, swap whether swap has
 * free space, file whether the page is a file page.
 */
bool workingset_test_refault(unsigned long eviction, unsigned long now, bool file,
			     const unsigned long lru[NR_LRU_LISTS], bool swap);

#endif
