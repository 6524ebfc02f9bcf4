/*
 * slab.c - the SLAB allocator (Bonwick's design as Linux had it): each cache
 * keeps its slabs on three lists (full, partial, free) and an array cache, a
 * LIFO of recently freed objects that allocations take first. Refill and
 * flush move batchcount objects at a time between the array and the slabs.
 *
 * A slab is 2^order frames: the first object starts at a colour offset (a
 * multiple of the cache line, rotating from slab to slab so objects of
 * different slabs fall in different cache lines), and an array of free object
 * indices (freelist_idx_t) sits at the end of the slab, or, for objects of
 * 512 bytes and more, in a kmalloc'd block ("off slab", so a 4 KiB object
 * still fits one page). Entries [inuse, objects) of that array are the free
 * objects.
 *
 * Invariants (slab_check_cache): a slab is on slabs_full iff inuse == objects,
 * on slabs_free iff inuse == 0, else on slabs_partial; free_objects is the sum
 * of free entries; objects in the array cache are "in use" for their slab.
 */
#include "os/mm/internal.h"
#include "os/mm/slab_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef uint16_t freelist_idx_t;

static inline char *slab_base(const struct page *page)
{
	return page_address(page);
}

static inline char *slab_s_mem(const struct page *page)
{
	return slab_base(page) + page->slab_off;
}

static inline freelist_idx_t *slab_idx(const struct kmem_cache *s, struct page *page)
{
	return (freelist_idx_t *)page->freelist;
}

static int slab_cache_init(struct kmem_cache *s)
{
	unsigned int order, num = 0;
	size_t left = 0;
	s->off_slab = slab_kmalloc_up && s->size >= 512;
	size_t per_obj = s->size + (s->off_slab ? 0 : sizeof(freelist_idx_t));
	for (order = 0; order < MAX_ORDER; order++) {
		size_t slab_size = PAGE_SIZE << order;
		num = (unsigned int)(slab_size / per_obj);
		if (num > 65535)
			num = 65535;
		if (!num)
			continue;
		left = slab_size - num * per_obj;
		/* Accept order 1 at most unless the object needs more; then 1/8 waste at most. */
		if (order >= 1 || left * 8 <= slab_size)
			break;
	}
	if (!num || order >= MAX_ORDER)
		return -EINVAL;
	s->order = order;
	s->objects = num;
	s->colour_off = L1_CACHE_BYTES;
	s->colour = (unsigned int)(left / s->colour_off);
	s->colour_next = 0;
	/* Linux's enable_cpucache() limits by object size; batchcount is half. */
	if (s->size > 131072)
		s->limit = 1;
	else if (s->size > PAGE_SIZE)
		s->limit = 8;
	else if (s->size > 1024)
		s->limit = 24;
	else if (s->size > 256)
		s->limit = 54;
	else
		s->limit = 120;
	s->batchcount = (s->limit + 1) / 2;
	s->avail = 0;
	s->free_limit = 2 * s->batchcount + s->objects;
	return 0;
}

static struct page *cache_grow(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = slab_alloc_pages(s, gfp, s->order);
	if (!page)
		return NULL;
	page->slab_off = s->colour_next * s->colour_off;
	if (++s->colour_next >= s->colour)
		s->colour_next = 0;
	page->objects = (uint16_t)s->objects;
	page->inuse = 0;
	if (s->off_slab) {
		page->freelist = kmalloc(s->objects * sizeof(freelist_idx_t), gfp & ~GFP_ZONEMASK);
		if (!page->freelist) {
			slab_free_pages(s, page, s->order);
			return NULL;
		}
	} else {
		page->freelist =
		    slab_base(page) + (PAGE_SIZE << s->order) - s->objects * sizeof(freelist_idx_t);
	}
	freelist_idx_t *idx = slab_idx(s, page);
	char *mem = slab_s_mem(page);
	for (unsigned int i = 0; i < s->objects; i++) {
		idx[i] = (freelist_idx_t)i;
		slab_init_object(s, slot_object(s, mem + (size_t)i * s->size));
	}
	list_add_tail(&page->slab_list, &s->slabs_free);
	s->nr_slabs++;
	s->free_slabs++;
	s->total_objects += s->objects;
	s->free_objects += s->objects;
	return page;
}

static void slab_destroy(struct kmem_cache *s, struct page *page)
{
	list_del(&page->slab_list);
	s->nr_slabs--;
	s->free_slabs--;
	s->total_objects -= s->objects;
	s->free_objects -= s->objects;
	void *idx = page->freelist;
	slab_free_pages(s, page, s->order);
	if (s->off_slab)
		kfree(idx);
}

/* Move up to batchcount objects from the slabs into the array cache. */
static int cache_alloc_refill(struct kmem_cache *s, gfp_t gfp)
{
	unsigned int batch = s->batchcount;
	while (batch) {
		struct page *page;
		if (!list_empty(&s->slabs_partial))
			page = list_first_entry(&s->slabs_partial, struct page, slab_list);
		else if (!list_empty(&s->slabs_free))
			page = list_first_entry(&s->slabs_free, struct page, slab_list);
		else if (s->avail)
			break; /* got some: do not grow just to fill the batch */
		else if (!(page = cache_grow(s, gfp)))
			return -ENOMEM;
		if (page->inuse == 0)
			s->free_slabs--;
		freelist_idx_t *idx = slab_idx(s, page);
		char *mem = slab_s_mem(page);
		while (batch && page->inuse < page->objects) {
			s->entry[s->avail++] =
			    slot_object(s, mem + (size_t)idx[page->inuse++] * s->size);
			s->free_objects--;
			batch--;
		}
		list_move(&page->slab_list,
			  page->inuse == page->objects ? &s->slabs_full : &s->slabs_partial);
	}
	return 0;
}

/* Return nr objects (from the start of the array cache) to their slabs. */
static void free_block(struct kmem_cache *s, void **objs, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++) {
		void *obj = objs[i];
		struct page *page = virt_to_head_page(obj);
		unsigned int index = obj_to_index(s, slab_s_mem(page), obj);
		slab_idx(s, page)[--page->inuse] = (freelist_idx_t)index;
		s->free_objects++;
		if (page->inuse == 0) {
			s->free_slabs++;
			if (s->free_objects > s->free_limit) {
				slab_destroy(s, page);
				continue;
			}
			list_move(&page->slab_list, &s->slabs_free);
		} else {
			list_move_tail(&page->slab_list, &s->slabs_partial);
		}
	}
}

static void cache_flusharray(struct kmem_cache *s)
{
	unsigned int batch = s->batchcount < s->avail ? s->batchcount : s->avail;
	free_block(s, s->entry, batch);
	s->avail -= batch;
	memmove(s->entry, s->entry + batch, s->avail * sizeof(void *));
}

static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	if (!s->avail && cache_alloc_refill(s, gfp))
		return NULL;
	void *obj = s->entry[--s->avail];
	slab_alloc_debug(s, obj);
	return obj;
}

static void slab_free(struct kmem_cache *s, struct page *page, void *obj)
{
	char *mem = slab_s_mem(page);
	size_t off = (size_t)((char *)object_slot(s, obj) - mem);
	if ((char *)object_slot(s, obj) < mem || off % s->size || off / s->size >= page->objects) {
		slab_report(s, obj, "Invalid object pointer", "INFO: offset %zu is not an object",
			    off);
		return;
	}
	if (!slab_free_debug(s, obj))
		return;
	s->active_objects--;
	if (s->avail >= s->limit)
		cache_flusharray(s);
	s->entry[s->avail++] = obj;
}

static unsigned long slab_shrink(struct kmem_cache *s)
{
	unsigned long freed = 0;
	free_block(s, s->entry, s->avail);
	s->avail = 0;
	while (!list_empty(&s->slabs_free)) {
		slab_destroy(s, list_first_entry(&s->slabs_free, struct page, slab_list));
		freed += 1UL << s->order;
	}
	return freed;
}

static int slab_destroy_cache(struct kmem_cache *s)
{
	if (s->active_objects)
		return -EBUSY;
	slab_shrink(s);
	return s->nr_slabs ? -EBUSY : 0;
}

static const char *check_list(struct kmem_cache *s, struct list_head *head, int kind,
			      unsigned long *slabs, unsigned long *nfree, char *why, size_t size)
{
	static const char *const names[] = {"full", "partial", "free"};
	struct page *page;
	list_for_each_entry(page, head, slab_list) {
		if (!PageSlab(page) || page->slab_cache != s || page->objects != s->objects)
			CHECK_FAIL("slab %s: pfn %#lx on its %s list is not its slab", s->name,
				   page_to_pfn(page), names[kind]);
		bool ok = kind == 0   ? page->inuse == page->objects
			  : kind == 2 ? page->inuse == 0
				      : page->inuse > 0 && page->inuse < page->objects;
		if (!ok)
			CHECK_FAIL("slab %s: pfn %#lx with %u/%u in use on the %s list", s->name,
				   page_to_pfn(page), page->inuse, page->objects, names[kind]);
		freelist_idx_t *idx = slab_idx(s, page);
		uint8_t seen[65536 / 8];
		memset(seen, 0, (page->objects + 7) / 8);
		for (unsigned int i = page->inuse; i < page->objects; i++) {
			if (idx[i] >= page->objects || (seen[idx[i] / 8] & (1 << (idx[i] % 8))))
				CHECK_FAIL("slab %s: pfn %#lx free index %u bad or repeated",
					   s->name, page_to_pfn(page), idx[i]);
			seen[idx[i] / 8] |= (uint8_t)(1 << (idx[i] % 8));
		}
		*nfree += page->objects - page->inuse;
		(*slabs)++;
	}
	return NULL;
}

static const char *slab_check_cache(struct kmem_cache *s, char *why, size_t size)
{
	unsigned long slabs = 0, nfree = 0, free_slabs_before;
	if (check_list(s, &s->slabs_full, 0, &slabs, &nfree, why, size) ||
	    check_list(s, &s->slabs_partial, 1, &slabs, &nfree, why, size))
		return why;
	free_slabs_before = slabs;
	if (check_list(s, &s->slabs_free, 2, &slabs, &nfree, why, size))
		return why;
	if (slabs != s->nr_slabs || slabs - free_slabs_before != s->free_slabs)
		CHECK_FAIL("slab %s: %lu slabs listed, nr_slabs %lu", s->name, slabs, s->nr_slabs);
	if (nfree != s->free_objects)
		CHECK_FAIL("slab %s: %lu free objects in slabs, free_objects says %lu", s->name,
			   nfree, s->free_objects);
	for (unsigned int i = 0; i < s->avail; i++) {
		struct page *page = virt_to_head_page(s->entry[i]);
		if (!virt_addr_valid(s->entry[i]) || !PageSlab(page) || page->slab_cache != s)
			CHECK_FAIL("slab %s: array cache entry %u is not its object", s->name, i);
	}
	if (s->total_objects - s->free_objects - s->avail != s->active_objects)
		CHECK_FAIL("slab %s: %lu objects, %lu free, %u cached, but %lu active", s->name,
			   s->total_objects, s->free_objects, s->avail, s->active_objects);
	return NULL;
}

/* As Linux's SLAB: objects in the array cache count as active. */
static void slab_info(struct kmem_cache *s, struct slabinfo *si)
{
	si->active_objs = s->total_objects - s->free_objects;
	si->num_objs = s->total_objects;
	si->active_slabs = s->nr_slabs - s->free_slabs;
	si->num_slabs = s->nr_slabs;
	si->limit = s->limit;
	si->batchcount = s->batchcount;
	si->shared = 0; /* one CPU: no shared array */
	si->objects_per_slab = s->objects;
	si->cache_order = s->order;
}

const struct slab_ops slab_ops = {
    .name = "slab",
    .cache_init = slab_cache_init,
    .alloc = slab_alloc,
    .free = slab_free,
    .shrink = slab_shrink,
    .destroy = slab_destroy_cache,
    .check = slab_check_cache,
    .info = slab_info,
};
