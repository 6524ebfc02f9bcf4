/*
 * internal.h - what the files of os/mm/ share and nobody else should use:
 * boot-time hooks between mm_init.c and the allocators, the checker's parts,
 * and the slab layer's bootstrap.
 */
#ifndef RVMM_OS_MM_INTERNAL_H
#define RVMM_OS_MM_INTERNAL_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <stdint.h>

#include "os/mm/gfp.h"
#include "os/mm/mmzone.h"
#include "os/mm/page.h"

/* Guest RAM's memory file descriptor (-1 if none): vmalloc maps frames through it. */
extern int mm_ram_fd;

/* Smallest order whose block holds size bytes. */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;
	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* page_alloc.c: put a boot frame range [start, end) of one zone on the free lists. */
void memmap_free_range(unsigned long start_pfn, unsigned long end_pfn);
/* page_alloc.c: (re)compute per-CPU list high and batch for every zone. */
void setup_pcp_sizes(void);
/* page_alloc.c: retag the frames [pfn, pfn + 2^order) of one block. */
void tag_block(struct page *page, unsigned int order, enum frame_kind kind, unsigned int flags);
/* page_alloc.c: bad frames quarantined by the free path since boot. */
extern unsigned long mm_bad_pages;

/* slab_common.c: start and stop the slab layer (allocator chosen by name). 0 or -errno. */
int kmem_cache_init(const char *allocator);
void kmem_cache_exit(void);
/* slab_common.c: slab consistency (NULL or the first problem), for mm_check(). */
const char *slab_check(char *why, size_t size);
/* slab_common.c: pages held by slabs. */
unsigned long slab_nr_pages(void);

/* vmalloc.c */
int vmalloc_init(void);
unsigned long vmalloc_total_bytes(void);
void vmalloc_exit(void);

/* mm_check.c reports into this buffer. */
#define MM_CHECK_WHY 256

#endif
