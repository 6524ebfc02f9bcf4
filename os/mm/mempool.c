/*
 * mempool.c - pools with a guaranteed reserve (see mempool.h). The element
 * array is kmalloc'd; elements come from the pool's own allocator.
 */
#include "os/mm/mempool.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/internal.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"

static void add_element(mempool_t *pool, void *element)
{
	if (pool->curr_nr >= pool->min_nr)
		panic("mempool add_element: reserve already full (%d)", pool->min_nr);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	if (pool->curr_nr <= 0)
		panic("mempool remove_element: reserve empty");
	return pool->elements[--pool->curr_nr];
}

void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	while (pool->curr_nr)
		pool->free(remove_element(pool), pool->pool_data);
	kfree(pool->elements);
	kfree(pool);
}

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	if (min_nr <= 0)
		return NULL;
	mempool_t *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	pool->elements = kmalloc_array((size_t)min_nr, sizeof(void *), GFP_KERNEL);
	if (!pool->elements) {
		kfree(pool);
		return NULL;
	}
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element) {
			mempool_destroy(pool);
			return NULL;
		}
		add_element(pool, element);
	}
	return pool;
}

int mempool_resize(mempool_t *pool, int new_min_nr)
{
	if (new_min_nr <= 0)
		return -EINVAL;
	while (pool->curr_nr > new_min_nr)
		pool->free(remove_element(pool), pool->pool_data);
	void **n = krealloc(pool->elements, (size_t)new_min_nr * sizeof(void *), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	pool->elements = n;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return -ENOMEM;
		add_element(pool, element);
	}
	return 0;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp)
{
	/* The underlying allocator first, quietly, without reclaim or emergency reserves. */
	gfp_t quick = (gfp | __GFP_NOWARN | __GFP_NOMEMALLOC | __GFP_NORETRY) &
		      ~(__GFP_DIRECT_RECLAIM | __GFP_IO);
	void *element = pool->alloc(quick, pool->pool_data);
	if (element)
		return element;
	if (pool->curr_nr)
		return remove_element(pool);
	/* Reserve empty: a caller that may sleep tries once more with reclaim allowed
	 * (Linux would wait for an element to be freed; rvmm has no other thread to free one). */
	if (gfpflags_allow_blocking(gfp))
		return pool->alloc(gfp, pool->pool_data);
	return NULL;
}

void mempool_free(void *element, mempool_t *pool)
{
	if (!element)
		return;
	if (pool->curr_nr < pool->min_nr) {
		add_element(pool, element);
		return;
	}
	pool->free(element, pool->pool_data);
}

void *mempool_alloc_slab(gfp_t gfp, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

void *mempool_kmalloc(gfp_t gfp, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp);
}

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}

void *mempool_alloc_pages(gfp_t gfp, void *pool_data)
{
	return alloc_pages(gfp, (unsigned int)(unsigned long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(unsigned long)pool_data);
}

mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *cache)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, cache);
}

mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages,
			      (void *)(unsigned long)order);
}
