/*
 * workingset.c - shadow entries and refault distances (see workingset.h).
 *
 * Shadow layout: bit 0 always set, bit 1 PG_workingset at eviction, bits
 * 2..63 the non-resident age at eviction (the clock wraps; distances are
 * taken modulo 2^62).
 */
#include "os/mm/workingset.h"

#include "os/mm/mmzone.h"
#include "os/mm/page.h"
#include "os/mm/swap.h"
#include "os/mm/swapfile.h"

#define SHADOW_AGE_SHIFT 2
#define EVICTION_MASK	 (~0UL >> SHADOW_AGE_SHIFT)

static unsigned long nonresident_age;

void workingset_init(void)
{
	nonresident_age = 0;
}

void workingset_age_nonresident(unsigned long nr)
{
	nonresident_age += nr;
}

unsigned long workingset_nonresident_age(void)
{
	return nonresident_age;
}

unsigned long workingset_eviction(struct page *page)
{
	unsigned long eviction = nonresident_age & EVICTION_MASK;

	workingset_age_nonresident(1);
	return eviction << SHADOW_AGE_SHIFT | (PageWorkingset(page) ? 2UL : 0) | 1UL;
}

bool workingset_test_refault(unsigned long eviction, unsigned long now, bool file,
			     const unsigned long lru[NR_LRU_LISTS], bool swap)
{
	unsigned long distance = (now - eviction) & EVICTION_MASK;
	unsigned long size = lru[LRU_ACTIVE_FILE];

	if (!file)
		size += lru[LRU_INACTIVE_FILE];
	if (swap) {
		size += lru[LRU_ACTIVE_ANON];
		if (file)
			size += lru[LRU_INACTIVE_ANON];
	}
	return distance <= size;
}

void workingset_refault(struct page *page, unsigned long shadow)
{
	bool file = page_is_file_lru(page);
	unsigned long lru[NR_LRU_LISTS];

	mod_node_page_state(&contig_page_data, WORKINGSET_REFAULT_BASE + file, 1);
	for (int l = 0; l < NR_LRU_LISTS; l++)
		lru[l] = lruvec_lru_size((enum lru_list)l);
	if (!workingset_test_refault(shadow >> SHADOW_AGE_SHIFT, nonresident_age, file, lru,
				     nr_swap_pages() > 0))
		return;
	SetPageActive(page);
	workingset_age_nonresident(1);
	mod_node_page_state(&contig_page_data, WORKINGSET_ACTIVATE_BASE + file, 1);
	if (shadow & 2) { /* it was active before it was evicted */
		SetPageWorkingset(page);
		mod_node_page_state(&contig_page_data, WORKINGSET_RESTORE_BASE + file, 1);
	}
}
