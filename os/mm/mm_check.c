/*
 * mm_check.c - the memory manager's invariant checker.
 *
 * Every frame must be in exactly one state: on one buddy free block, on the
 * per-CPU list, or allocated (the head of an allocated block has refcount >= 1,
 * or PG_reserved; the rest of its block, as recorded by the frame tags, has
 * refcount 0 and the head's kind). Free lists must be well formed (aligned,
 * one zone, right order, no two free buddies left unmerged) and agree with
 * nr_free and NR_FREE_PAGES. The slab layer checks its own caches.
 * mm_check() reports the first problem as a string and never aborts.
 */
#include "os/mm/internal.h"
#include "os/mm/mm_init.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/mm/page_alloc.h"

static char why[MM_CHECK_WHY];

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		snprintf(why, sizeof(why), __VA_ARGS__);                                           \
		goto out;                                                                          \
	} while (0)

const char *mm_check(void)
{
	if (!mm_ready() || !mem_map)
		return "mm not initialised";
	uint8_t *seen = calloc(mm_nr_pages, 1);
	if (!seen)
		return "mm_check: out of host memory";
	const char *ret = NULL;
	why[0] = '\0';

	struct zone *zone;
	for_each_zone(zone) {
		unsigned long zs = zone->zone_start_pfn, ze = zs + zone->spanned_pages;
		long free_pages = 0;
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct free_area *area = &zone->free_area[o];
			unsigned long n = 0;
			struct list_head *pos;
			list_for_each(pos, &area->free_list) {
				struct page *page = list_entry(pos, struct page, lru);
				if (page < mem_map || page >= mem_map + mm_nr_pages)
					FAIL("%s order %u: list entry %p outside mem_map",
					     zone->name, o, (void *)page);
				unsigned long pfn = page_to_pfn(page);
				if (!PageBuddy(page) || page->private != o)
					FAIL("pfn %#lx on %s order-%u list without PG_buddy/order",
					     pfn, zone->name, o);
				if (pfn & ((1UL << o) - 1))
					FAIL("pfn %#lx: free order-%u block misaligned", pfn, o);
				if (pfn < zs || pfn + (1UL << o) > ze)
					FAIL("pfn %#lx: free order-%u block outside zone %s", pfn,
					     o, zone->name);
				if (o < MAX_ORDER - 1) {
					unsigned long bpfn = pfn ^ (1UL << o);
					struct page *b = pfn_to_page(bpfn);
					if (pfn_valid(bpfn) && PageBuddy(b) && b->private == o &&
					    page_zone(b) == zone)
						FAIL("pfn %#lx and its buddy %#lx both free at "
						     "order %u "
						     "(not coalesced)",
						     pfn, bpfn, o);
				}
				for (unsigned long i = 0; i < (1UL << o); i++) {
					unsigned long idx = pfn - mm_base_pfn + i;
					if (seen[idx])
						FAIL("pfn %#lx is in two free blocks", pfn + i);
					seen[idx] = 1;
					if (mem_map[idx]._refcount)
						FAIL("free pfn %#lx has refcount %d", pfn + i,
						     mem_map[idx]._refcount);
					if (i &&
					    (PageBuddy(&mem_map[idx]) || PagePcp(&mem_map[idx])))
						FAIL("pfn %#lx inside a free block has "
						     "PG_buddy/PG_pcp",
						     pfn + i);
					const struct frame_tag *t = &mm_obs->tags[idx];
					if (t->kind != FK_FREE || t->order != o)
						FAIL("free pfn %#lx tagged kind %u order %u, not "
						     "free/%u",
						     pfn + i, t->kind, t->order, o);
				}
				n++;
				free_pages += 1L << o;
			}
			if (n != area->nr_free)
				FAIL("%s order %u: %lu blocks listed, nr_free says %lu", zone->name,
				     o, n, area->nr_free);
		}
		if (free_pages != zone_page_state(zone, NR_FREE_PAGES))
			FAIL("%s: %ld pages on free lists, NR_FREE_PAGES says %ld", zone->name,
			     free_pages, zone_page_state(zone, NR_FREE_PAGES));
		int count = 0;
		struct list_head *pos;
		list_for_each(pos, &zone->pcp.list) {
			struct page *page = list_entry(pos, struct page, lru);
			unsigned long idx = (unsigned long)(page - mem_map);
			if (idx >= mm_nr_pages || !PagePcp(page) || page_zone(page) != zone)
				FAIL("%s pcp list: bad entry (pfn %#lx)", zone->name,
				     mm_base_pfn + idx);
			if (seen[idx])
				FAIL("pfn %#lx on the pcp list and elsewhere", mm_base_pfn + idx);
			if (page->_refcount)
				FAIL("pcp pfn %#lx has refcount %d", mm_base_pfn + idx,
				     page->_refcount);
			seen[idx] = 1;
			count++;
		}
		if (count != zone->pcp.count)
			FAIL("%s pcp: %d pages listed, count says %d", zone->name, count,
			     zone->pcp.count);
	}

	/* Allocated blocks: heads with references, their frames by tag order. */
	for (unsigned long idx = 0; idx < mm_nr_pages; idx++) {
		if (seen[idx])
			continue;
		struct page *page = &mem_map[idx];
		unsigned long pfn = mm_base_pfn + idx;
		if (PageBuddy(page) || PagePcp(page))
			FAIL("pfn %#lx has PG_buddy/PG_pcp but is on no free list", pfn);
		if (page->_refcount < 1)
			FAIL("pfn %#lx is in no state (not free, refcount %d, not in an allocated "
			     "block)",
			     pfn, page->_refcount);
		const struct frame_tag *t = &mm_obs->tags[idx];
		if (t->kind == FK_FREE)
			FAIL("allocated pfn %#lx tagged free", pfn);
		unsigned int o = t->order;
		if (o >= MAX_ORDER || idx + (1UL << o) > mm_nr_pages)
			FAIL("allocated pfn %#lx has bad order %u", pfn, o);
		seen[idx] = 1;
		for (unsigned long i = 1; i < (1UL << o); i++) {
			struct page *p = &mem_map[idx + i];
			if (seen[idx + i])
				FAIL(
				    "pfn %#lx inside allocated order-%u block at %#lx is also free",
				    pfn + i, o, pfn);
			if (p->_refcount)
				FAIL("pfn %#lx inside allocated block at %#lx has refcount %d",
				     pfn + i, pfn, p->_refcount);
			if (PageHead(page) && p->compound_head != ((unsigned long)page | 1))
				FAIL("compound tail pfn %#lx does not point at its head %#lx",
				     pfn + i, pfn);
			if (mm_obs->tags[idx + i].order != o)
				FAIL("pfn %#lx tagged order %u inside order-%u block", pfn + i,
				     mm_obs->tags[idx + i].order, o);
			seen[idx + i] = 1;
		}
		idx += (1UL << o) - 1;
	}

	if (slab_check(why, sizeof(why)))
		goto out;
out:
	free(seen);
	if (why[0])
		ret = why;
	return ret;
}
