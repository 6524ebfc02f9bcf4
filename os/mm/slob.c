/*
 * slob.c - the SLOB allocator ("simple list of blocks"): no per-cache slabs.
 * Every small allocation, whatever its cache, is carved first-fit out of
 * shared pages; each page keeps an address-ordered chain of free blocks, and
 * pages with free space wait on one of three lists by request size (small
 * < 256 bytes, medium < 1024, large), as Linux's SLOB did. Requests of a page
 * or more go straight to the page allocator.
 *
 * Space is counted in units of SLOB_UNIT (8) bytes. A free block starts with
 * a header { int32 units; int32 next } where next is the unit offset of the
 * next free block in the page, or SLOB_END. kmalloc() prefixes its block with
 * an 8-byte size header so kfree() knows how much to give back.
 * Debug flags (poison, red zones) are ignored, as Linux's SLOB ignored them.
 *
 * Invariants (slob_check_global): each listed page's free chain is address
 * ordered, inside the page, with no two blocks adjacent (they would have been
 * merged); the units on the chain equal page->slab_off; a page is on a list
 * iff it has free units.
 */
#include "os/mm/internal.h"
#include "os/mm/slab_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/page_alloc.h"

#define SLOB_UNIT	 8
#define SLOB_UNITS(size) (((size) + SLOB_UNIT - 1) / SLOB_UNIT)
#define SLOB_PAGE_UNITS	 ((int32_t)(PAGE_SIZE / SLOB_UNIT))
#define SLOB_END	 (-1)
#define SLOB_BREAK1	 256
#define SLOB_BREAK2	 1024
#define SLOB_KMALLOC_HDR 8

struct slob_block {
	int32_t units;
	int32_t next; /* unit offset in the page, or SLOB_END */
};

static LIST_HEAD(free_slob_small);
static LIST_HEAD(free_slob_medium);
static LIST_HEAD(free_slob_large);
static unsigned long slob_pages; /* PG_slab pages SLOB holds */

static void slob_reset(void)
{
	INIT_LIST_HEAD(&free_slob_small);
	INIT_LIST_HEAD(&free_slob_medium);
	INIT_LIST_HEAD(&free_slob_large);
	slob_pages = 0;
}

static struct list_head *slob_list_for(size_t size)
{
	if (size < SLOB_BREAK1)
		return &free_slob_small;
	if (size < SLOB_BREAK2)
		return &free_slob_medium;
	return &free_slob_large;
}

static inline struct slob_block *unit_ptr(struct page *page, int32_t unit)
{
	return (struct slob_block *)((char *)page_address(page) + (size_t)unit * SLOB_UNIT);
}

static inline int32_t ptr_unit(struct page *page, const void *p)
{
	return (int32_t)(((const char *)p - (const char *)page_address(page)) / SLOB_UNIT);
}

/* First fit inside one page; NULL if no block fits units at align. */
static void *slob_page_alloc(struct page *page, int32_t units, size_t align)
{
	int32_t prev = SLOB_END;
	for (int32_t cur = page->freelist ? ptr_unit(page, page->freelist) : SLOB_END;
	     cur != SLOB_END;) {
		struct slob_block *b = unit_ptr(page, cur);
		int32_t avail = b->units, next = b->next;
		uintptr_t addr = (uintptr_t)b;
		int32_t delta = (int32_t)(((addr + align - 1) / align * align - addr) / SLOB_UNIT);
		if (avail >= units + delta) {
			if (delta) {
				/* Keep the unaligned head as its own free block. */
				b->units = delta;
				b->next = cur + delta;
				prev = cur;
				cur += delta;
				b = unit_ptr(page, cur);
				b->units = avail - delta;
				b->next = next;
				avail -= delta;
			}
			int32_t after;
			if (avail == units) {
				after = next;
			} else {
				after = cur + units;
				struct slob_block *rest = unit_ptr(page, after);
				rest->units = avail - units;
				rest->next = next;
			}
			if (prev == SLOB_END)
				page->freelist = after == SLOB_END ? NULL : unit_ptr(page, after);
			else
				unit_ptr(page, prev)->next = after;
			page->slab_off -= (uint32_t)units;
			return b;
		}
		prev = cur;
		cur = next;
	}
	return NULL;
}

static void *slob_alloc(size_t size, gfp_t gfp, size_t align)
{
	int32_t units = (int32_t)SLOB_UNITS(size);
	struct list_head *list = slob_list_for(size);
	struct page *page;
	void *b = NULL;
	if (align < SLOB_UNIT)
		align = SLOB_UNIT;
	list_for_each_entry(page, list, slab_list) {
		if ((int32_t)page->slab_off < units)
			continue;
		b = slob_page_alloc(page, units, align);
		if (b)
			break;
	}
	if (!b) {
		page = slab_alloc_pages(NULL, gfp, 0);
		if (!page)
			return NULL;
		slob_pages++;
		struct slob_block *whole = page_address(page);
		whole->units = SLOB_PAGE_UNITS;
		whole->next = SLOB_END;
		page->freelist = whole;
		page->slab_off = (uint32_t)SLOB_PAGE_UNITS;
		list_add(&page->slab_list, list);
		b = slob_page_alloc(page, units, align);
		if (!b)
			panic("slob_alloc: fresh page cannot hold %zu bytes", size);
	}
	if (page->slab_off == 0)
		list_del_init(&page->slab_list);
	return b;
}

static void slob_free(void *block, size_t size)
{
	struct page *page = virt_to_page(block);
	int32_t units = (int32_t)SLOB_UNITS(size);
	int32_t at = ptr_unit(page, block);
	bool was_full = page->slab_off == 0;
	if ((int32_t)page->slab_off + units == SLOB_PAGE_UNITS) {
		/* The page becomes empty: give it back. */
		if (!was_full)
			list_del(&page->slab_list);
		slob_pages--;
		slab_free_pages(NULL, page, 0);
		return;
	}
	/* Insert in address order and merge with the neighbours. */
	int32_t prev = SLOB_END;
	int32_t cur = page->freelist ? ptr_unit(page, page->freelist) : SLOB_END;
	while (cur != SLOB_END && cur < at) {
		prev = cur;
		cur = unit_ptr(page, cur)->next;
	}
	struct slob_block *b = block;
	b->units = units;
	b->next = cur;
	if (cur != SLOB_END && at + units == cur) {
		b->units += unit_ptr(page, cur)->units;
		b->next = unit_ptr(page, cur)->next;
	}
	if (prev == SLOB_END) {
		page->freelist = b;
	} else {
		struct slob_block *p = unit_ptr(page, prev);
		if (prev + p->units == at) {
			p->units += b->units;
			p->next = b->next;
		} else {
			p->next = at;
		}
	}
	page->slab_off += (uint32_t)units;
	if (was_full)
		list_add(&page->slab_list, slob_list_for(size));
}

static int slob_cache_init(struct kmem_cache *s)
{
	s->flags &= ~SLAB_DEBUG_FLAGS;
	s->red_left_pad = 0;
	s->offset = 0;
	s->size = s->object_size;
	s->rz_end = s->object_size;
	s->order = 0;
	s->objects = 0;
	return 0;
}

static void *slob_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	void *b;
	if (s->size < PAGE_SIZE) {
		b = slob_alloc(s->size, gfp | s->allocflags, s->align);
	} else {
		unsigned int order = get_order(s->size);
		struct page *page =
		    alloc_pages((gfp & ~__GFP_ZERO) | s->allocflags | __GFP_COMP, order);
		b = page ? page_address(page) : NULL;
	}
	if (b && s->ctor)
		s->ctor(b);
	return b;
}

static void slob_cache_free(struct kmem_cache *s, struct page *page, void *obj)
{
	s->active_objects--;
	if (s->size < PAGE_SIZE)
		slob_free(obj, s->size);
	else
		__free_pages(page, compound_order(page));
}

static void *slob_kmalloc(size_t size, gfp_t gfp)
{
	if (size < PAGE_SIZE - SLOB_KMALLOC_HDR) {
		size_t *m = slob_alloc(size + SLOB_KMALLOC_HDR, gfp, SLOB_KMALLOC_HDR);
		if (!m)
			return NULL;
		*m = size;
		return (char *)m + SLOB_KMALLOC_HDR;
	}
	return kmalloc_large(size, gfp);
}

static void slob_kfree(struct page *page, const void *obj)
{
	size_t *m = (size_t *)((char *)obj - SLOB_KMALLOC_HDR);
	slob_free(m, *m + SLOB_KMALLOC_HDR);
}

static size_t slob_ksize(struct page *page, const void *obj)
{
	const size_t *m = (const size_t *)((const char *)obj - SLOB_KMALLOC_HDR);
	return SLOB_UNITS(*m + SLOB_KMALLOC_HDR) * SLOB_UNIT - SLOB_KMALLOC_HDR;
}

static unsigned long slob_shrink(struct kmem_cache *s)
{
	return 0; /* empty SLOB pages are returned as soon as they empty */
}

static int slob_destroy(struct kmem_cache *s)
{
	return s->active_objects ? -EBUSY : 0;
}

static const char *slob_check(struct kmem_cache *s, char *why, size_t size)
{
	return NULL; /* SLOB keeps no per-cache structure; see slob_check_global */
}

static const char *check_page_list(struct list_head *head, char *why, size_t size,
				   unsigned long *listed)
{
	struct page *page;
	list_for_each_entry(page, head, slab_list) {
		if (!PageSlab(page) || page->slab_cache)
			CHECK_FAIL("slob: pfn %#lx on a free list is not a SLOB page",
				   page_to_pfn(page));
		if (page->slab_off == 0 || !page->freelist)
			CHECK_FAIL("slob: full page pfn %#lx on a free list", page_to_pfn(page));
		int32_t units = 0, last_end = -1;
		for (int32_t cur = ptr_unit(page, page->freelist); cur != SLOB_END;) {
			if (cur < 0 || cur >= SLOB_PAGE_UNITS || cur <= last_end)
				CHECK_FAIL("slob: pfn %#lx free chain out of order at unit %d",
					   page_to_pfn(page), cur);
			struct slob_block *b = unit_ptr(page, cur);
			if (b->units <= 0 || cur + b->units > SLOB_PAGE_UNITS)
				CHECK_FAIL("slob: pfn %#lx block at unit %d has %d units",
					   page_to_pfn(page), cur, b->units);
			if (cur == last_end)
				CHECK_FAIL(
				    "slob: pfn %#lx adjacent free blocks at unit %d not merged",
				    page_to_pfn(page), cur);
			units += b->units;
			last_end = cur + b->units;
			if (b->next != SLOB_END && b->next == last_end)
				CHECK_FAIL(
				    "slob: pfn %#lx adjacent free blocks at unit %d not merged",
				    page_to_pfn(page), last_end);
			cur = b->next;
		}
		if ((uint32_t)units != page->slab_off)
			CHECK_FAIL("slob: pfn %#lx chain has %d units, page says %u",
				   page_to_pfn(page), units, page->slab_off);
		(*listed)++;
	}
	return NULL;
}

static const char *slob_check_global(char *why, size_t size)
{
	unsigned long listed = 0;
	if (check_page_list(&free_slob_small, why, size, &listed) ||
	    check_page_list(&free_slob_medium, why, size, &listed) ||
	    check_page_list(&free_slob_large, why, size, &listed))
		return why;
	if (listed > slob_pages)
		CHECK_FAIL("slob: %lu pages listed but only %lu held", listed, slob_pages);
	return NULL;
}

static unsigned long slob_shared_pages(void)
{
	return slob_pages;
}

/* SLOB has no slabs per cache: only objects in use are known. */
static void slob_info(struct kmem_cache *s, struct slabinfo *si)
{
	si->active_objs = s->active_objects;
	si->num_objs = s->active_objects;
}

const struct slab_ops slob_ops = {
    .name = "slob",
    .cache_init = slob_cache_init,
    .alloc = slob_cache_alloc,
    .free = slob_cache_free,
    .shrink = slob_shrink,
    .destroy = slob_destroy,
    .check = slob_check,
    .info = slob_info,
    .shared_pages = slob_shared_pages,
    .check_global = slob_check_global,
    .kmalloc = slob_kmalloc,
    .kfree = slob_kfree,
    .ksize = slob_ksize,
    .reset = slob_reset,
};
