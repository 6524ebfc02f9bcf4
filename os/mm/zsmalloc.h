/*
 * zsmalloc.h - a size-class allocator for compressed pages (zram's store),
 * after Linux's zsmalloc, simplified: each "zspage" is one guest frame from
 * alloc_pages(), tagged FK_ZRAM and counted in NR_ZSPAGES; a class of object
 * size s (32, 48, ..., PAGE_SIZE: steps of ZS_SIZE_CLASS_DELTA) packs
 * PAGE_SIZE / s objects per frame. A frame is freed as soon as it is empty.
 *
 * Objects are named by handles (frame pfn << 8 | object index), never 0, and
 * reached with zs_map_object() (a host pointer into guest RAM).
 *
 * Frame bookkeeping lives in the frame's struct page (its slab fields:
 * slab_list = the class's list, inuse, objects, slab_off = class index,
 * freelist = first free index + 1); the free chain is threaded through the
 * free objects' first two bytes.
 */
#ifndef RVMM_OS_MM_ZSMALLOC_H
#define RVMM_OS_MM_ZSMALLOC_H

#include <stddef.h>

#include "os/mm/gfp.h"

#define ZS_MIN_ALLOC_SIZE     32
#define ZS_SIZE_CLASS_DELTA   16

struct zs_pool;

struct zs_pool *zs_create_pool(const char *name, gfp_t gfp);
/* Every object must have been freed. */
void zs_destroy_pool(struct zs_pool *pool);
/* An object of size bytes (1..PAGE_SIZE); 0 when no frame can be had. */
unsigned long zs_malloc(struct zs_pool *pool, size_t size);
void zs_free(struct zs_pool *pool, unsigned long handle);
/* The object's bytes. */
void *zs_map_object(struct zs_pool *pool, unsigned long handle);
/* Frames held by the pool. */
unsigned long zs_get_total_pages(const struct zs_pool *pool);
/* The class size an object of size bytes gets. */
size_t zs_class_size(size_t size);

#endif
