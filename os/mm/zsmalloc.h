/*
 * zsmalloc.h - a size-class allocator for compressed pages (zram's store),
 * after Linux's zsmalloc: a class of object size s (32, 48, ..., PAGE_SIZE:
 * steps of ZS_SIZE_CLASS_DELTA) packs its objects into "zspages" of 1 to 4
 * guest frames from alloc_pages() (not necessarily contiguous), tagged FK_ZRAM
 * and counted in NR_ZSPAGES, so little of a frame is wasted. A zspage is freed
 * as soon as it is empty.
 *
 * Objects are named by handles (first frame pfn << 10 | object index), never
 * 0. An object may straddle two frames, so its bytes are copied in and out
 * with zs_obj_write()/zs_obj_read() (Linux maps through a per-CPU buffer).
 */
#ifndef RVMM_OS_MM_ZSMALLOC_H
#define RVMM_OS_MM_ZSMALLOC_H

#include <stddef.h>

#include "os/mm/gfp.h"

struct page;

#define ZS_MIN_ALLOC_SIZE	32
#define ZS_SIZE_CLASS_DELTA	16
#define ZS_MAX_PAGES_PER_ZSPAGE 4

struct zs_pool;

struct zs_pool *zs_create_pool(const char *name, gfp_t gfp);
/* Every object must have been freed. */
void zs_destroy_pool(struct zs_pool *pool);
/* An object of size bytes (1..PAGE_SIZE); 0 when no frame can be had. */
unsigned long zs_malloc(struct zs_pool *pool, size_t size);
void zs_free(struct zs_pool *pool, unsigned long handle);
/* Copy len bytes (at most the object's class size) into / out of an object. */
void zs_obj_write(struct zs_pool *pool, unsigned long handle, const void *src, size_t len);
void zs_obj_read(struct zs_pool *pool, unsigned long handle, void *dst, size_t len);
/* Frames held by the pool. */
unsigned long zs_get_total_pages(const struct zs_pool *pool);
/* The class size an object of size bytes gets, and the frames of that class's zspages. */
size_t zs_class_size(size_t size);
unsigned int zs_pages_per_zspage(size_t class_size);
/* For the frame inspector: the live objects with bytes in frame (an object
 * straddling two frames counts in both) and their class size; -1 if the frame
 * is not one of the pool's. Walks every zspage: not for hot paths. */
int zs_frame_objects(struct zs_pool *pool, const struct page *frame, unsigned int *class_size);

#endif
