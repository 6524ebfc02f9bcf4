/*
 * zsmalloc.c - the size-class object store under zram (see zsmalloc.h).
 *
 * Invariants: a frame of class c is on c's partial list while it has a free
 * object and on its full list otherwise; page->inuse counts its live
 * objects; an empty frame goes straight back to the buddy allocator. The
 * pool struct itself is vzalloc'd, so it too costs guest frames.
 */
#include "os/mm/zsmalloc.h"

#include <stdint.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/page_alloc.h"
#include "os/mm/vmalloc.h"
#include "os/mm/vmstat.h"

#define ZS_NR_CLASSES ((PAGE_SIZE - ZS_MIN_ALLOC_SIZE) / ZS_SIZE_CLASS_DELTA + 1)
#define ZS_IDX_BITS   8
#define ZS_IDX_MASK   ((1UL << ZS_IDX_BITS) - 1)

struct size_class {
	struct list_head partial, full;
	unsigned int size, objs_per_page;
};

struct zs_pool {
	const char *name;
	gfp_t gfp;
	unsigned long pages;
	struct size_class classes[ZS_NR_CLASSES];
};

static unsigned int class_index(size_t size)
{
	if (size < ZS_MIN_ALLOC_SIZE)
		size = ZS_MIN_ALLOC_SIZE;
	return (unsigned int)((size - ZS_MIN_ALLOC_SIZE + ZS_SIZE_CLASS_DELTA - 1) /
			      ZS_SIZE_CLASS_DELTA);
}

size_t zs_class_size(size_t size)
{
	return ZS_MIN_ALLOC_SIZE + (size_t)class_index(size) * ZS_SIZE_CLASS_DELTA;
}

struct zs_pool *zs_create_pool(const char *name, gfp_t gfp)
{
	struct zs_pool *pool = vzalloc(sizeof(*pool));
	if (!pool)
		return NULL;
	pool->name = name;
	pool->gfp = gfp;
	for (unsigned int i = 0; i < ZS_NR_CLASSES; i++) {
		struct size_class *c = &pool->classes[i];
		INIT_LIST_HEAD(&c->partial);
		INIT_LIST_HEAD(&c->full);
		c->size = (unsigned int)(ZS_MIN_ALLOC_SIZE + i * ZS_SIZE_CLASS_DELTA);
		c->objs_per_page = (unsigned int)(PAGE_SIZE / c->size);
	}
	return pool;
}

void zs_destroy_pool(struct zs_pool *pool)
{
	if (!pool)
		return;
	if (pool->pages)
		panic("zs_destroy_pool: %s still holds %lu frames", pool->name, pool->pages);
	vfree(pool);
}

static uint16_t *obj_link(struct page *page, unsigned int size, unsigned int idx)
{
	return (uint16_t *)((uint8_t *)page_address(page) + (size_t)idx * size);
}

static struct page *alloc_zspage(struct zs_pool *pool, unsigned int ci)
{
	struct size_class *c = &pool->classes[ci];
	struct page *page = alloc_pages(pool->gfp, 0);
	if (!page)
		return NULL;
	set_page_kind(page, FK_ZRAM);
	page->slab_cache = NULL;
	page->inuse = 0;
	page->objects = (uint16_t)c->objs_per_page;
	page->slab_off = ci;
	/* chain every object: object i links to i + 1 (stored as index + 1; 0 ends) */
	for (unsigned int i = 0; i < c->objs_per_page; i++) {
		uint16_t next = (uint16_t)(i + 1 < c->objs_per_page ? i + 2 : 0);
		memcpy(obj_link(page, c->size, i), &next, sizeof(next));
	}
	page->freelist = (void *)(uintptr_t)1;
	list_add(&page->slab_list, &c->partial);
	pool->pages++;
	mod_zone_page_state(page_zone(page), NR_ZSPAGES, 1);
	return page;
}

static void free_zspage(struct zs_pool *pool, struct page *page)
{
	list_del(&page->slab_list);
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	page->slab_off = 0;
	pool->pages--;
	mod_zone_page_state(page_zone(page), NR_ZSPAGES, -1);
	__free_pages(page, 0);
}

unsigned long zs_malloc(struct zs_pool *pool, size_t size)
{
	if (size == 0 || size > PAGE_SIZE)
		return 0;
	unsigned int ci = class_index(size);
	struct size_class *c = &pool->classes[ci];
	struct page *page = list_first_entry_or_null(&c->partial, struct page, slab_list);
	if (!page && !(page = alloc_zspage(pool, ci)))
		return 0;
	unsigned int idx = (unsigned int)(uintptr_t)page->freelist - 1;
	uint16_t next;
	memcpy(&next, obj_link(page, c->size, idx), sizeof(next));
	page->freelist = (void *)(uintptr_t)next;
	page->inuse++;
	if (!next)
		list_move(&page->slab_list, &c->full);
	return page_to_pfn(page) << ZS_IDX_BITS | idx;
}

static struct page *handle_page(unsigned long handle)
{
	unsigned long pfn = handle >> ZS_IDX_BITS;
	if (!pfn_valid(pfn))
		panic("zsmalloc: handle %#lx names no frame", handle);
	struct page *page = pfn_to_page(pfn);
	if (page_kind(page) != FK_ZRAM)
		panic("zsmalloc: handle %#lx names a frame that is not zsmalloc's", handle);
	return page;
}

void zs_free(struct zs_pool *pool, unsigned long handle)
{
	struct page *page = handle_page(handle);
	struct size_class *c = &pool->classes[page->slab_off];
	unsigned int idx = (unsigned int)(handle & ZS_IDX_MASK);
	if (idx >= page->objects || page->inuse == 0)
		panic("zs_free: bad handle %#lx", handle);
	uint16_t next = (uint16_t)(uintptr_t)page->freelist;
	memcpy(obj_link(page, c->size, idx), &next, sizeof(next));
	if (!next)
		list_move(&page->slab_list, &c->partial);
	page->freelist = (void *)(uintptr_t)(idx + 1);
	if (--page->inuse == 0)
		free_zspage(pool, page);
}

void *zs_map_object(struct zs_pool *pool, unsigned long handle)
{
	struct page *page = handle_page(handle);
	struct size_class *c = &pool->classes[page->slab_off];
	return obj_link(page, c->size, (unsigned int)(handle & ZS_IDX_MASK));
}

unsigned long zs_get_total_pages(const struct zs_pool *pool)
{
	return pool->pages;
}
