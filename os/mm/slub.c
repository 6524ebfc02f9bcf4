/*
 * slub.c - the SLUB allocator: each slab keeps a freelist threaded through
 * its free objects (the free pointer at s->offset in each object); one slab
 * per cache is the cpu slab that allocations come from; slabs with some free
 * objects wait on the cache's partial list; full slabs are on no list at all.
 *
 * Invariants (slub_check): every slab on the partial list has 0 < free
 * objects (or is empty and kept because nr_partial <= min_partial);
 * page->inuse + length(freelist) == page->objects; s->active_objects equals
 * the objects in use summed over cpu, partial and (implicitly) full slabs.
 */
#include "os/mm/internal.h"
#include "os/mm/slab_internal.h"

#include <errno.h>
#include <stdio.h>

static inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *fp)
{
	*(void **)((char *)obj + s->offset) = fp;
}

/* Smallest order from min_objects up whose leftover is at most 1/fraction of the slab. */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order, unsigned int fraction)
{
	unsigned int order = get_order((unsigned long)min_objects * size);
	for (; order <= max_order; order++) {
		unsigned long slab_size = PAGE_SIZE << order;
		if (slab_size % size <= slab_size / fraction)
			break;
	}
	return order;
}

static int slub_cache_init(struct kmem_cache *s)
{
	const unsigned int max_order = PAGE_ALLOC_COSTLY_ORDER;
	unsigned int min_objects = 4 * (1 + 1); /* 4 * (fls(nr_cpus) + 1), one CPU */
	unsigned int max_objects = (unsigned int)((PAGE_SIZE << max_order) / s->size);
	unsigned int order = max_order + 1;
	if (min_objects > max_objects)
		min_objects = max_objects;
	while (min_objects >= 1 && order > max_order) {
		for (unsigned int fraction = 16; fraction >= 4 && order > max_order; fraction /= 2)
			order = calc_slab_order(s->size, min_objects, max_order, fraction);
		min_objects--;
	}
	if (order > max_order)
		order = calc_slab_order(s->size, 1, MAX_ORDER - 1, 1);
	if (order > MAX_ORDER - 1)
		return -EINVAL;
	s->order = order;
	s->objects = (unsigned int)((PAGE_SIZE << order) / s->size);
	unsigned int lg = 0;
	while ((2U << lg) <= s->size)
		lg++;
	s->min_partial = lg / 2 < 5 ? 5 : (lg / 2 > 10 ? 10 : lg / 2);
	s->cpu_slab = NULL;
	return 0;
}

static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = slab_alloc_pages(s, gfp, s->order);
	if (!page)
		return NULL;
	char *base = page_address(page);
	void *prev = NULL;
	/* Thread the freelist from the last object to the first, so it pops in address order. */
	for (int i = (int)s->objects - 1; i >= 0; i--) {
		void *obj = slot_object(s, base + (size_t)i * s->size);
		slab_init_object(s, obj);
		set_freepointer(s, obj, prev);
		prev = obj;
	}
	page->freelist = prev;
	page->objects = (uint16_t)s->objects;
	page->inuse = 0;
	s->nr_slabs++;
	s->total_objects += s->objects;
	return page;
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	s->nr_slabs--;
	s->total_objects -= s->objects;
	slab_free_pages(s, page, s->order);
}

static void *slub_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = s->cpu_slab;
	if (!page || !page->freelist) {
		/* The cpu slab is full: it leaves (full slabs are on no list); refill. */
		s->cpu_slab = NULL;
		if (!list_empty(&s->partial)) {
			page = list_first_entry(&s->partial, struct page, slab_list);
			list_del_init(&page->slab_list);
			s->nr_partial--;
		} else {
			page = new_slab(s, gfp);
			if (!page)
				return NULL;
		}
		s->cpu_slab = page;
	}
	void *obj = page->freelist;
	page->freelist = get_freepointer(s, obj);
	page->inuse++;
	slab_alloc_debug(s, obj);
	return obj;
}

static void slub_free(struct kmem_cache *s, struct page *page, void *obj)
{
	char *base = page_address(page);
	size_t off = (size_t)((char *)object_slot(s, obj) - base);
	if (off % s->size || off / s->size >= page->objects) {
		slab_report(s, obj, "Invalid object pointer", "INFO: offset %zu is not an object",
			    off);
		return;
	}
	if (!slab_free_debug(s, obj))
		return;
	bool was_full = page->inuse == page->objects;
	set_freepointer(s, obj, page->freelist);
	page->freelist = obj;
	page->inuse--;
	s->active_objects--;
	if (page == s->cpu_slab)
		return;
	if (page->inuse == 0 && s->nr_partial >= s->min_partial) {
		if (!was_full) {
			list_del(&page->slab_list);
			s->nr_partial--;
		}
		discard_slab(s, page);
		return;
	}
	if (was_full) {
		list_add_tail(&page->slab_list, &s->partial);
		s->nr_partial++;
	}
}

static unsigned long slub_shrink(struct kmem_cache *s)
{
	unsigned long freed = 0;
	struct page *page, *n;
	if (s->cpu_slab && s->cpu_slab->inuse == 0) {
		freed += 1UL << s->order;
		discard_slab(s, s->cpu_slab);
		s->cpu_slab = NULL;
	}
	list_for_each_entry_safe(page, n, &s->partial, slab_list) {
		if (page->inuse)
			continue;
		list_del(&page->slab_list);
		s->nr_partial--;
		freed += 1UL << s->order;
		discard_slab(s, page);
	}
	return freed;
}

static int slub_destroy(struct kmem_cache *s)
{
	if (s->active_objects)
		return -EBUSY;
	slub_shrink(s);
	return s->nr_slabs ? -EBUSY : 0;
}

static const char *check_slab(struct kmem_cache *s, struct page *page, char *why, size_t size)
{
	if (!PageSlab(page) || page->slab_cache != s)
		CHECK_FAIL("slub %s: pfn %#lx is not one of its slabs", s->name, page_to_pfn(page));
	if (page->objects != s->objects || page->inuse > page->objects)
		CHECK_FAIL("slub %s: pfn %#lx objects %u inuse %u", s->name, page_to_pfn(page),
			   page->objects, page->inuse);
	char *base = page_address(page);
	unsigned int nfree = 0;
	for (void *p = page->freelist; p; p = get_freepointer(s, p)) {
		size_t off = (size_t)((char *)object_slot(s, p) - base);
		if ((char *)p < base || off % s->size || off / s->size >= page->objects)
			CHECK_FAIL("slub %s: pfn %#lx freelist points outside its objects (%p)",
				   s->name, page_to_pfn(page), p);
		if (++nfree > page->objects)
			CHECK_FAIL("slub %s: pfn %#lx freelist loops", s->name, page_to_pfn(page));
	}
	if (nfree + page->inuse != page->objects)
		CHECK_FAIL("slub %s: pfn %#lx has %u free + %u in use != %u objects", s->name,
			   page_to_pfn(page), nfree, page->inuse, page->objects);
	return NULL;
}

static const char *slub_check(struct kmem_cache *s, char *why, size_t size)
{
	unsigned long inuse = 0, slabs = 0, nr_partial = 0;
	if (s->cpu_slab) {
		if (check_slab(s, s->cpu_slab, why, size))
			return why;
		inuse += s->cpu_slab->inuse;
		slabs++;
	}
	struct page *page;
	list_for_each_entry(page, &s->partial, slab_list) {
		if (check_slab(s, page, why, size))
			return why;
		if (page == s->cpu_slab)
			CHECK_FAIL("slub %s: cpu slab is on the partial list", s->name);
		if (page->inuse == page->objects)
			CHECK_FAIL("slub %s: full slab pfn %#lx on the partial list", s->name,
				   page_to_pfn(page));
		inuse += page->inuse;
		slabs++;
		nr_partial++;
	}
	if (nr_partial != s->nr_partial)
		CHECK_FAIL("slub %s: %lu partial slabs listed, nr_partial %lu", s->name, nr_partial,
			   s->nr_partial);
	if (slabs > s->nr_slabs)
		CHECK_FAIL("slub %s: more slabs listed than nr_slabs", s->name);
	inuse += (s->nr_slabs - slabs) * s->objects; /* full slabs */
	if (inuse != s->active_objects)
		CHECK_FAIL("slub %s: slabs hold %lu objects in use, active_objects says %lu",
			   s->name, inuse, s->active_objects);
	if (s->total_objects != s->nr_slabs * s->objects)
		CHECK_FAIL("slub %s: total_objects %lu != %lu slabs * %u", s->name,
			   s->total_objects, s->nr_slabs, s->objects);
	return NULL;
}

/* As Linux's get_slabinfo(): objects on partial lists are free, the rest count as active. */
static void slub_info(struct kmem_cache *s, struct slabinfo *si)
{
	unsigned long nfree = 0;
	struct page *page;
	list_for_each_entry(page, &s->partial, slab_list)
		nfree += page->objects - page->inuse;
	si->active_objs = s->total_objects - nfree;
	si->num_objs = s->total_objects;
	si->active_slabs = s->nr_slabs;
	si->num_slabs = s->nr_slabs;
	si->objects_per_slab = s->objects;
	si->cache_order = s->order;
}

const struct slab_ops slub_ops = {
    .name = "slub",
    .cache_init = slub_cache_init,
    .alloc = slub_alloc,
    .free = slub_free,
    .shrink = slub_shrink,
    .destroy = slub_destroy,
    .check = slub_check,
    .info = slub_info,
};
