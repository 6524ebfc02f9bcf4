/*
 * vmalloc.h - virtually contiguous kernel memory made of scattered frames.
 *
 * Each area is a vm_struct (from a slab cache) listing its frames (tagged
 * FK_VMALLOC, counted in VmallocUsed, listed in /proc/vmallocinfo). The area
 * is given a kernel virtual address in [VMALLOC_START, VMALLOC_END) and, when
 * guest RAM is backed by a memory file descriptor (mm_init's ram_fd), the host
 * maps each frame at that address, so the kernel sees one contiguous range
 * whose bytes are the frames' bytes in guest RAM (the host's MMU plays the
 * role of the kernel page tables). Without an fd, vmalloc falls back to one
 * physically contiguous block (see docs/mm.md): the API and the accounting
 * are the same, only the frames are not scattered.
 */
#ifndef RVMM_OS_MM_VMALLOC_H
#define RVMM_OS_MM_VMALLOC_H

#include <stddef.h>

#include "os/mm/gfp.h"

struct page;

struct vm_struct {
	struct vm_struct *next; /* the list of areas, by address */
	void *addr;		/* kernel (host) virtual address of the area */
	unsigned long size;	/* bytes, including the guard page */
	unsigned long flags;	/* VM_* */
	struct page **pages;	/* nr_pages frames, kmalloc'd */
	unsigned int nr_pages;
	const void *caller; /* who asked, for /proc/vmallocinfo */
};

#define VM_ALLOC  0x2
#define VM_MAP	  0x4
#define VM_CONTIG 0x100 /* rvmm: fallback area backed by one contiguous block */

/* Allocate size bytes (rounded up to pages), NULL on failure. */
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp);
void vfree(const void *addr);
/* Is addr inside a vmalloc area? */
int is_vmalloc_addr(const void *addr);
/* The frame behind a vmalloc address (NULL if not one). */
struct page *vmalloc_to_page(const void *addr);
/* Map pages (already allocated) contiguously; NULL on failure. vunmap leaves the pages. */
void *vmap(struct page **pages, unsigned int count, unsigned long flags);
void vunmap(const void *addr);

/* Pages held by vmalloc areas (VmallocUsed). */
unsigned long vmalloc_nr_pages(void);
/* /proc/vmallocinfo text; returns bytes needed (snprintf-like). */
size_t proc_vmallocinfo_show(char *buf, size_t size);

#endif
