/*
 * swap_fixture.h - fake user pages for the reclaim/swap unit tests: anonymous
 * pages (swap-backed, FK_ANON) and page-cache pages (FK_FILE, owned by a fake
 * address_space), on top of mm_fixture.h's private RAM.
 */
#ifndef RVMM_TESTS_SWAP_FIXTURE_H
#define RVMM_TESTS_SWAP_FIXTURE_H

#include "mm_fixture.h"
#include "os/mm/slab.h"
#include "os/mm/swap.h"

static char fx_fake_mapping[64] __attribute__((aligned(8))); /* a page-cache owner */

static inline struct page *fx_anon_page(void)
{
	struct page *p = alloc_page(GFP_HIGHUSER_MOVABLE);
	ck_assert_ptr_nonnull(p);
	SetPageSwapBacked(p);
	set_page_kind(p, FK_ANON);
	return p;
}

static inline struct page *fx_file_page(unsigned long index)
{
	struct page *p = alloc_page(GFP_HIGHUSER_MOVABLE);
	ck_assert_ptr_nonnull(p);
	p->mapping = (struct address_space *)fx_fake_mapping;
	p->index = index;
	SetPageUptodate(p);
	set_page_kind(p, FK_FILE);
	return p;
}

/* Drop the fake owner and the last reference. */
static inline void fx_release(struct page *p)
{
	p->mapping = NULL;
	put_page(p);
}

static inline unsigned long nr_lru(enum lru_list l)
{
	return global_node_page_state((enum node_stat_item)(NR_LRU_BASE + l));
}

static inline long zone_lru(const struct page *p, enum lru_list l)
{
	return zone_page_state(page_zone(p), (enum zone_stat_item)(NR_ZONE_LRU_BASE + l));
}

/* Free pages once slab caches and per-CPU lists gave back what they keep. */
static inline unsigned long fx_free_now(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages();
}

#endif
