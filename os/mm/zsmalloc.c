/*
 * zsmalloc.c - the size-class object store under zram (see zsmalloc.h).
 *
 * A zspage is 1 to ZS_MAX_PAGES_PER_ZSPAGE order-0 frames, not necessarily
 * contiguous, chosen per class as Linux's get_pages_per_zspage() does (the
 * count that leaves the smallest unused fraction). Objects are laid out one
 * after another across the zspage, so an object may straddle two frames;
 * callers copy in and out with zs_obj_write()/zs_obj_read(). A zspage of
 * several frames keeps the pfns of its other frames in a small header at the
 * start of its first frame; a one-frame zspage has no header (a raw 4096-byte
 * object fills it).
 *
 * Bookkeeping lives in the first frame's struct page (its slab fields):
 * slab_list = the class's partial or full list, inuse = live objects,
 * objects = capacity, slab_off = class index, freelist = first free object
 * index + 1 (0: none); the free chain is threaded through the free objects'
 * first two bytes.
 *
 * Invariants: a zspage is on its class's partial list while it has a free
 * object and on the full list otherwise; an empty zspage goes straight back to
 * the buddy allocator; pool->pages = frames of all zspages = what the pool adds
 * to NR_ZSPAGES. The pool struct is vzalloc'd, so it too costs guest frames.
 */
#include "os/mm/zsmalloc.h"

#include <stdint.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/page_alloc.h"
#include "os/mm/vmalloc.h"
#include "os/mm/vmstat.h"

#define ZS_NR_CLASSES ((PAGE_SIZE - ZS_MIN_ALLOC_SIZE) / ZS_SIZE_CLASS_DELTA + 1)
#define ZS_IDX_BITS   10 /* up to 4 * 4096 / 32 = 512 objects per zspage */
#define ZS_IDX_MASK   ((1UL << ZS_IDX_BITS) - 1)
#define ZS_HDR_SIZE   16 /* pfns of frames 1..3 of a multi-frame zspage */

struct size_class {
	struct list_head partial, full;
	unsigned int size, pages_per_zspage, objs_per_zspage;
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

static unsigned long zspage_bytes(unsigned int pages)
{
	return pages * PAGE_SIZE - (pages > 1 ? ZS_HDR_SIZE : 0);
}

/* Linux's rule: the frame count (1..4) whose zspage wastes the smallest share. */
unsigned int zs_pages_per_zspage(size_t class_size)
{
	unsigned int best = 1, best_pct = 0;
	for (unsigned int i = 1; i <= ZS_MAX_PAGES_PER_ZSPAGE; i++) {
		unsigned long bytes = zspage_bytes(i);
		unsigned long used = bytes - bytes % class_size;
		unsigned int pct = (unsigned int)(used * 100 / (i * PAGE_SIZE));
		if (pct > best_pct) {
			best_pct = pct;
			best = i;
		}
	}
	return best;
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
		c->pages_per_zspage = zs_pages_per_zspage(c->size);
		c->objs_per_zspage = (unsigned int)(zspage_bytes(c->pages_per_zspage) / c->size);
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

/* Frame k of the zspage headed by first. */
static struct page *zspage_frame(struct page *first, unsigned int k)
{
	if (k == 0)
		return first;
	uint32_t pfn_off;
	memcpy(&pfn_off, (uint8_t *)page_address(first) + (k - 1) * sizeof(uint32_t),
	       sizeof(pfn_off));
	return mem_map + pfn_off;
}

/* Copy len bytes at byte offset off of the zspage's object area to or from buf. */
static void zspage_copy(struct page *first, unsigned int pages, unsigned long off, void *buf,
			size_t len, bool to_zspage)
{
	off += pages > 1 ? ZS_HDR_SIZE : 0;
	uint8_t *b = buf;
	while (len) {
		unsigned int k = (unsigned int)(off >> PAGE_SHIFT);
		size_t in = off & (PAGE_SIZE - 1);
		size_t n = PAGE_SIZE - in < len ? PAGE_SIZE - in : len;
		uint8_t *p = (uint8_t *)page_address(zspage_frame(first, k)) + in;
		if (to_zspage)
			memcpy(p, b, n);
		else
			memcpy(b, p, n);
		b += n;
		off += n;
		len -= n;
	}
}

static uint16_t get_link(struct page *first, const struct size_class *c, unsigned int idx)
{
	uint16_t v;
	zspage_copy(first, c->pages_per_zspage, (unsigned long)idx * c->size, &v, sizeof(v), false);
	return v;
}

static void set_link(struct page *first, const struct size_class *c, unsigned int idx, uint16_t v)
{
	zspage_copy(first, c->pages_per_zspage, (unsigned long)idx * c->size, &v, sizeof(v), true);
}

static void account(struct zs_pool *pool, struct page *frame, long delta)
{
	pool->pages = (unsigned long)((long)pool->pages + delta);
	mod_zone_page_state(page_zone(frame), NR_ZSPAGES, delta);
}

static struct page *alloc_zspage(struct zs_pool *pool, unsigned int ci)
{
	struct size_class *c = &pool->classes[ci];
	struct page *frames[ZS_MAX_PAGES_PER_ZSPAGE] = {NULL};
	for (unsigned int k = 0; k < c->pages_per_zspage; k++) {
		frames[k] = alloc_pages(pool->gfp, 0);
		if (!frames[k]) {
			while (k--) {
				account(pool, frames[k], -1);
				__free_pages(frames[k], 0);
			}
			return NULL;
		}
		set_page_kind(frames[k], FK_ZRAM);
		account(pool, frames[k], 1);
	}
	struct page *first = frames[0];
	for (unsigned int k = 1; k < c->pages_per_zspage; k++) {
		uint32_t pfn_off = (uint32_t)(frames[k] - mem_map);
		memcpy((uint8_t *)page_address(first) + (k - 1) * sizeof(uint32_t), &pfn_off,
		       sizeof(pfn_off));
	}
	first->slab_cache = NULL;
	first->inuse = 0;
	first->objects = (uint16_t)c->objs_per_zspage;
	first->slab_off = ci;
	/* chain every object: object i links to i + 1 (stored as index + 1; 0 ends) */
	for (unsigned int i = 0; i < c->objs_per_zspage; i++)
		set_link(first, c, i, (uint16_t)(i + 1 < c->objs_per_zspage ? i + 2 : 0));
	first->freelist = (void *)(uintptr_t)1;
	list_add(&first->slab_list, &c->partial);
	return first;
}

static void free_zspage(struct zs_pool *pool, struct page *first)
{
	struct size_class *c = &pool->classes[first->slab_off];
	struct page *frames[ZS_MAX_PAGES_PER_ZSPAGE] = {NULL};
	for (unsigned int k = 0; k < c->pages_per_zspage; k++)
		frames[k] = zspage_frame(first, k);
	list_del(&first->slab_list);
	first->freelist = NULL;
	first->inuse = 0;
	first->objects = 0;
	first->slab_off = 0;
	for (unsigned int k = 0; k < c->pages_per_zspage; k++) {
		account(pool, frames[k], -1);
		__free_pages(frames[k], 0);
	}
}

unsigned long zs_malloc(struct zs_pool *pool, size_t size)
{
	if (size == 0 || size > PAGE_SIZE)
		return 0;
	unsigned int ci = class_index(size);
	struct size_class *c = &pool->classes[ci];
	struct page *first = list_first_entry_or_null(&c->partial, struct page, slab_list);
	if (!first && !(first = alloc_zspage(pool, ci)))
		return 0;
	unsigned int idx = (unsigned int)(uintptr_t)first->freelist - 1;
	uint16_t next = get_link(first, c, idx);
	first->freelist = (void *)(uintptr_t)next;
	first->inuse++;
	if (!next)
		list_move(&first->slab_list, &c->full);
	return page_to_pfn(first) << ZS_IDX_BITS | idx;
}

/* The first frame of a handle's zspage and the object index; panics on a bad handle. */
static struct page *handle_zspage(unsigned long handle, unsigned int *idx)
{
	unsigned long pfn = handle >> ZS_IDX_BITS;
	if (!pfn_valid(pfn))
		panic("zsmalloc: handle %#lx names no frame", handle);
	struct page *first = pfn_to_page(pfn);
	if (page_kind(first) != FK_ZRAM || first->objects == 0)
		panic("zsmalloc: handle %#lx names no zspage", handle);
	*idx = (unsigned int)(handle & ZS_IDX_MASK);
	if (*idx >= first->objects)
		panic("zsmalloc: handle %#lx: object %u of %u", handle, *idx, first->objects);
	return first;
}

void zs_free(struct zs_pool *pool, unsigned long handle)
{
	unsigned int idx;
	struct page *first = handle_zspage(handle, &idx);
	struct size_class *c = &pool->classes[first->slab_off];
	if (first->inuse == 0)
		panic("zs_free: handle %#lx in an empty zspage", handle);
	uint16_t next = (uint16_t)(uintptr_t)first->freelist;
	set_link(first, c, idx, next);
	if (!next)
		list_move(&first->slab_list, &c->partial);
	first->freelist = (void *)(uintptr_t)(idx + 1);
	if (--first->inuse == 0)
		free_zspage(pool, first);
}

void zs_obj_write(struct zs_pool *pool, unsigned long handle, const void *src, size_t len)
{
	unsigned int idx;
	struct page *first = handle_zspage(handle, &idx);
	struct size_class *c = &pool->classes[first->slab_off];
	if (len > c->size)
		panic("zs_obj_write: %zu bytes into a %u-byte object", len, c->size);
	zspage_copy(first, c->pages_per_zspage, (unsigned long)idx * c->size, (void *)src, len,
		    true);
}

void zs_obj_read(struct zs_pool *pool, unsigned long handle, void *dst, size_t len)
{
	unsigned int idx;
	struct page *first = handle_zspage(handle, &idx);
	struct size_class *c = &pool->classes[first->slab_off];
	if (len > c->size)
		panic("zs_obj_read: %zu bytes from a %u-byte object", len, c->size);
	zspage_copy(first, c->pages_per_zspage, (unsigned long)idx * c->size, dst, len, false);
}

unsigned long zs_get_total_pages(const struct zs_pool *pool)
{
	return pool->pages;
}

/* Live objects of the zspage headed by first with bytes in its frame k. */
static unsigned int zspage_objects_in(struct page *first, const struct size_class *c,
				      unsigned int k)
{
	uint8_t free_obj[ZS_MAX_PAGES_PER_ZSPAGE * PAGE_SIZE / ZS_MIN_ALLOC_SIZE] = {0};
	unsigned long hdr = c->pages_per_zspage > 1 ? ZS_HDR_SIZE : 0;
	unsigned long lo = (unsigned long)k * PAGE_SIZE, hi = lo + PAGE_SIZE;
	unsigned int n = 0, steps = 0;

	for (uint16_t f = (uint16_t)(uintptr_t)first->freelist; f && steps < c->objs_per_zspage;
	     steps++) {
		free_obj[f - 1] = 1;
		f = get_link(first, c, f - 1u);
	}
	for (unsigned int i = 0; i < c->objs_per_zspage; i++) {
		unsigned long s = hdr + (unsigned long)i * c->size, e = s + c->size;
		if (!free_obj[i] && s < hi && e > lo)
			n++;
	}
	return n;
}

int zs_frame_objects(struct zs_pool *pool, const struct page *frame, unsigned int *class_size)
{
	for (unsigned int ci = 0; ci < ZS_NR_CLASSES; ci++) {
		struct size_class *c = &pool->classes[ci];
		struct list_head *lists[2] = {&c->partial, &c->full};
		for (int l = 0; l < 2; l++) {
			struct page *first;
			list_for_each_entry(first, lists[l], slab_list) {
				for (unsigned int k = 0; k < c->pages_per_zspage; k++) {
					if (zspage_frame(first, k) != frame)
						continue;
					*class_size = c->size;
					return (int)zspage_objects_in(first, c, k);
				}
			}
		}
	}
	return -1;
}
