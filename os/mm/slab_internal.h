/*
 * slab_internal.h - struct kmem_cache and the contract between the common
 * slab layer (slab_common.c: registry, kmalloc, debug checks, slabinfo) and
 * the three allocators (slub.c, slab.c, slob.c), each a struct slab_ops.
 *
 * Object slot layout for SLUB and SLAB (SLOB has no per-object metadata):
 *
 *   slot: | left red zone | object (object_size) | right red zone | free ptr | pad |
 *         0               red_left_pad           +object_size     +rz_end    +offset  size
 *
 * Object pointers handed out point at "object" (slot + red_left_pad). The
 * red zones exist only with SLAB_RED_ZONE; the free pointer lies outside the
 * object (at offset) when the object must keep its bytes while free
 * (SLAB_POISON, SLAB_RED_ZONE, a ctor); otherwise offset is 0 and the free
 * pointer overlays the object's first word, as in SLUB.
 */
#ifndef RVMM_OS_MM_SLAB_INTERNAL_H
#define RVMM_OS_MM_SLAB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "os/list.h"
#include "os/mm/gfp.h"
#include "os/mm/page.h"
#include "os/mm/slab.h"

#define SLAB_AC_MAX	 120 /* the largest SLAB array cache (limit for small objects) */
#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON)

struct kmem_cache {
	const char *name;
	unsigned int object_size; /* what the user asked for */
	unsigned int size;	  /* slot size, metadata and alignment included */
	unsigned int align;
	unsigned int red_left_pad; /* bytes of left red zone (object offset in the slot) */
	unsigned int rz_end;	   /* end of the right red zone, from the object start */
	unsigned int offset;	   /* free pointer, from the object start */
	slab_flags_t flags;
	void (*ctor)(void *obj);
	gfp_t allocflags;      /* added to page allocations: GFP_DMA, __GFP_RECLAIMABLE */
	unsigned int order;    /* slab size: 2^order pages */
	unsigned int objects;  /* objects per slab */
	struct list_head list; /* the cache registry */
	int refcount;

	/* counters common to all allocators */
	unsigned long nr_slabs;
	unsigned long total_objects;
	unsigned long active_objects; /* held by users right now (exact) */

	/* SLUB */
	struct page *cpu_slab; /* the slab allocations come from (frozen: on no list) */
	struct list_head partial;
	unsigned long nr_partial;
	unsigned long min_partial;

	/* SLAB */
	struct list_head slabs_full, slabs_partial, slabs_free;
	unsigned long free_objects; /* free in slabs (not counting the array cache) */
	unsigned long free_slabs;
	unsigned long free_limit;
	unsigned int colour, colour_off, colour_next;
	bool off_slab; /* the free index array is kmalloc'd, not at the end of the slab */
	unsigned int limit, batchcount, avail;
	void *entry[SLAB_AC_MAX]; /* the array cache: LIFO of free objects */
};

/* What /proc/slabinfo prints for a cache (Linux's struct slabinfo). */
struct slabinfo {
	unsigned long active_objs, num_objs, active_slabs, num_slabs, shared_avail;
	unsigned int limit, batchcount, shared, objects_per_slab, cache_order;
};

struct slab_ops {
	const char *name;
	/* Choose order/objects for a cache whose layout is computed. 0 or -errno. */
	int (*cache_init)(struct kmem_cache *s);
	void *(*alloc)(struct kmem_cache *s, gfp_t gfp);
	void (*free)(struct kmem_cache *s, struct page *slab, void *obj);
	unsigned long (*shrink)(struct kmem_cache *s);
	/* Release everything; -EBUSY (and nothing released) if objects are in use. */
	int (*destroy)(struct kmem_cache *s);
	/* NULL if consistent, else writes a reason into why and returns it. */
	const char *(*check)(struct kmem_cache *s, char *why, size_t size);
	void (*info)(struct kmem_cache *s, struct slabinfo *si);
	/* Frames this allocator holds outside any cache's slabs (SLOB's shared pages). */
	unsigned long (*shared_pages)(void);
	/* Global check for allocator-wide structures (SLOB's page lists). */
	const char *(*check_global)(char *why, size_t size);
	/* kmalloc/kfree/ksize for allocators without kmalloc caches (SLOB); NULL otherwise. */
	void *(*kmalloc)(size_t size, gfp_t gfp);
	void (*kfree)(struct page *page, const void *obj);
	size_t (*ksize)(struct page *page, const void *obj);
	void (*reset)(void);
};

extern const struct slab_ops slub_ops, slab_ops, slob_ops;

/* Slab pages: allocate 2^s->order frames (tagged FK_SLAB, PG_slab, accounted). */
struct page *slab_alloc_pages(struct kmem_cache *s, gfp_t gfp, unsigned int order);
void slab_free_pages(struct kmem_cache *s, struct page *page, unsigned int order);

/* Are the small kmalloc caches (up to 256 bytes) ready for the slab layer's own use? */
extern bool slab_kmalloc_up;

/* kmalloc beyond the size classes: a compound page block, accounted as unreclaimable slab. */
void *kmalloc_large(size_t size, gfp_t gfp);

/* Debug hooks around the allocators' own work (no-ops without debug flags). */
void slab_init_object(struct kmem_cache *s, void *obj); /* a fresh slab's object */
void slab_alloc_debug(struct kmem_cache *s, void *obj); /* handing obj out */
bool slab_free_debug(struct kmem_cache *s, void *obj);	/* false: refuse the free */
/* Report a slab problem the Linux way and count it. */
void slab_report(struct kmem_cache *s, const void *obj, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static inline void *slot_object(const struct kmem_cache *s, void *slot)
{
	return (char *)slot + s->red_left_pad;
}

static inline void *object_slot(const struct kmem_cache *s, const void *obj)
{
	return (char *)obj - s->red_left_pad;
}

/* Index of obj within its slab whose first slot starts at base. */
static inline unsigned int obj_to_index(const struct kmem_cache *s, const void *base,
					const void *obj)
{
	return (unsigned int)(((const char *)object_slot(s, obj) - (const char *)base) / s->size);
}

/* In the allocators' check functions: write the reason into why[size] and return it. */
#define CHECK_FAIL(...)                                                                            \
	do {                                                                                       \
		snprintf(why, size, __VA_ARGS__);                                                  \
		return why;                                                                        \
	} while (0)

#endif
