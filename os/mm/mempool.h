/*
 * mempool.h - memory pools: an allocator with a reserve of min_nr elements
 * set aside at creation, so an allocation made under memory pressure (the
 * writeback and swap-out paths, issue 5) can still make progress.
 *
 * mempool_alloc() tries the underlying allocator first and falls back to the
 * reserve; mempool_free() refills the reserve before giving elements back.
 * Invariant: 0 <= curr_nr <= min_nr; the reserve is full at creation.
 */
#ifndef RVMM_OS_MM_MEMPOOL_H
#define RVMM_OS_MM_MEMPOOL_H

#include "os/mm/gfp.h"

struct kmem_cache;

typedef void *(mempool_alloc_t)(gfp_t gfp, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

typedef struct mempool {
	int min_nr;	 /* the guaranteed reserve */
	int curr_nr;	 /* elements in the reserve now */
	void **elements; /* kmalloc'd array of min_nr slots */
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
} mempool_t;

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
void mempool_destroy(mempool_t *pool);
/* An element, from the allocator or else from the reserve; NULL only when both are empty. */
void *mempool_alloc(mempool_t *pool, gfp_t gfp);
void mempool_free(void *element, mempool_t *pool);
/* Change the reserve size. 0 or -ENOMEM. */
int mempool_resize(mempool_t *pool, int new_min_nr);

/* Ready-made element allocators: a slab cache (pool_data = struct kmem_cache *),
 * kmalloc of a fixed size (pool_data = (void *)size), pages of an order (pool_data = (void
 * *)order). */
void *mempool_alloc_slab(gfp_t gfp, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
void *mempool_kmalloc(gfp_t gfp, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
void *mempool_alloc_pages(gfp_t gfp, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);

mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *cache);
mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size);
mempool_t *mempool_create_page_pool(int min_nr, int order);

#endif
