/*
 * slab.h - object caches and kmalloc, one API over three allocators chosen at
 * boot with slab_allocator=slub|slab|slob on the kernel command line:
 *   SLUB (default): free pointer inside free objects, per-cache partial lists, a cpu slab;
 *   SLAB: full/partial/free slab lists and a per-cache array cache;
 *   SLOB: first-fit over shared pages; caches are only names and sizes.
 * Slab pages are guest frames tagged FK_SLAB and counted in NR_SLAB_*_B.
 *
 * kmalloc size classes: 8 16 32 64 96 128 192 256 512 1k 2k 4k 8k (caches
 * kmalloc-8 ... kmalloc-8k, dma-kmalloc-N for GFP_DMA); larger requests go to
 * the page allocator (kmalloc_large), and kfree()/ksize() accept both.
 *
 * Debug flags (SLUB and SLAB; SLOB ignores them, as Linux did): SLAB_POISON
 * fills free objects with 0x6b ending in 0xa5 and checks the pattern on
 * allocation ("Poison overwritten"); SLAB_RED_ZONE guards each object with
 * 0xcc (allocated) / 0xbb (free) bytes checked on free ("Redzone overwritten",
 * and double frees). Problems are reported in the kernel log like Linux's
 * "BUG cache (Not tainted): ..." and counted (slab_error_count()); the
 * damaged bytes are restored and the kernel carries on. "slub_debug" on the
 * command line (or slub_debug=P / =Z / =PZ) turns them on for every cache.
 */
#ifndef RVMM_OS_MM_SLAB_H
#define RVMM_OS_MM_SLAB_H

#include <stddef.h>

#include "os/mm/gfp.h"

typedef unsigned int slab_flags_t;

#define SLAB_CONSISTENCY_CHECKS 0x00000100u
#define SLAB_RED_ZONE		0x00000400u
#define SLAB_POISON		0x00000800u
#define SLAB_HWCACHE_ALIGN	0x00002000u
#define SLAB_CACHE_DMA		0x00004000u
#define SLAB_CACHE_DMA32	0x00008000u
#define SLAB_STORE_USER		0x00010000u
#define SLAB_PANIC		0x00040000u /* kmem_cache_create failure panics */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u /* counted as SReclaimable */
#define SLAB_ACCOUNT		0x04000000u

#define POISON_FREE	  0x6b
#define POISON_END	  0xa5
#define POISON_INUSE	  0x5a
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE	  0xcc

#define ARCH_KMALLOC_MINALIGN  8
#define KMALLOC_MIN_SIZE       8
#define KMALLOC_SHIFT_HIGH     13
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE       (4UL << 20) /* MAX_ORDER-1 pages: the largest buddy block */
#define L1_CACHE_BYTES	       64

/* kmalloc(0) returns this: not NULL, not dereferenceable, accepted by kfree(). */
#define ZERO_SIZE_PTR	    ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

/*
 * Create a named cache of objects of size bytes aligned to align (0: the
 * word size; SLAB_HWCACHE_ALIGN: the cache line). ctor runs on each object
 * when its slab is created. NULL on failure (panic with SLAB_PANIC).
 * The name must stay valid for the life of the cache (Linux copies it; so do we).
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
/* Destroy an empty cache. Objects still allocated: logged, the cache is kept, -EBUSY. */
int kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* Release empty slabs back to the page allocator; returns the pages freed. */
unsigned long kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(const struct kmem_cache *s);
const char *kmem_cache_name(const struct kmem_cache *s);
/* Look a cache up by name (NULL if none). */
struct kmem_cache *kmem_cache_find(const char *name);
/* Release empty slabs of every cache (drop_slab). Returns pages freed. */
unsigned long kmem_cache_shrink_all(void);

void *kmalloc(size_t size, gfp_t gfp);
static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}
void *kmalloc_array(size_t n, size_t size, gfp_t gfp);
static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
void kfree(const void *p);
/* Usable size of a kmalloc'd block (>= the size asked for). */
size_t ksize(const void *p);
char *kstrdup(const char *s, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);

/* The cache kmalloc(size) would use (NULL above KMALLOC_MAX_CACHE_SIZE or under SLOB). */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t gfp);

/* Which allocator is running: "slub", "slab" or "slob". */
const char *slab_allocator_name(void);
/* Poison/red-zone/double-free problems found since boot. */
unsigned long slab_error_count(void);

#endif
