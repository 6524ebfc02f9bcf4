/*
 * vmalloc.c - virtually contiguous kernel areas made of scattered frames.
 *
 * The HLE kernel is host code, so its "kernel virtual addresses" are host
 * addresses. At boot vmalloc reserves a window of host address space
 * (VMALLOC_WINDOW bytes, PROT_NONE); an area is a range of that window in
 * which each page is the host mapping (mmap MAP_SHARED|MAP_FIXED of the RAM
 * memory file at the frame's offset) of a frame from the buddy allocator.
 * Writes through the area land in guest RAM, in the frames the viewer shows
 * as FK_VMALLOC; the host MMU plays the kernel page tables' part. Each area
 * ends with an unmapped guard page, as Linux's do.
 *
 * Without a RAM memory file (mm_init's ram_fd < 0) there is no way to alias
 * frames, so an area is one physically contiguous run (alloc_pages_exact):
 * the same API, the same accounting, VM_CONTIG in /proc/vmallocinfo.
 *
 * Areas are kept on vmlist, sorted by address (Linux's original structure).
 */
#include "os/mm/internal.h"
#include "os/mm/vmalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "os/klog.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"

#define VMALLOC_WINDOW (1UL << 30)

static char *vmalloc_start; /* host window, or NULL without ram_fd */
static struct vm_struct *vmlist;
static unsigned long vmalloc_pages;

int vmalloc_init(void)
{
	vmlist = NULL;
	vmalloc_pages = 0;
	vmalloc_start = NULL;
	if (mm_ram_fd < 0)
		return 0;
	void *w = mmap(NULL, VMALLOC_WINDOW, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);
	if (w == MAP_FAILED) {
		pr_warn("vmalloc: cannot reserve a host window; areas will be contiguous\n");
		return 0;
	}
	vmalloc_start = w;
	return 0;
}

void vmalloc_exit(void)
{
	if (vmalloc_start)
		munmap(vmalloc_start, VMALLOC_WINDOW);
	vmalloc_start = NULL;
	vmlist = NULL;
	vmalloc_pages = 0;
}

/* First-fit a free range of size bytes in the window; links a new area in. */
static struct vm_struct *get_vm_area(unsigned long size, unsigned long flags, const void *caller)
{
	struct vm_struct *area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	if (!vmalloc_start)
		return area; /* contiguous fallback: the address comes with the frames */
	char *addr = vmalloc_start;
	struct vm_struct **p = &vmlist;
	for (; *p; p = &(*p)->next) {
		if ((*p)->flags & VM_CONTIG)
			continue;
		if ((char *)(*p)->addr >= addr + size)
			break;
		addr = (char *)(*p)->addr + (*p)->size;
	}
	if (addr + size > vmalloc_start + VMALLOC_WINDOW) {
		kfree(area);
		return NULL;
	}
	area->addr = addr;
	area->next = *p;
	*p = area;
	return area;
}

static void link_contig(struct vm_struct *area)
{
	struct vm_struct **p = &vmlist;
	while (*p && (char *)(*p)->addr < (char *)area->addr)
		p = &(*p)->next;
	area->next = *p;
	*p = area;
}

static struct vm_struct *find_area(const void *addr)
{
	for (struct vm_struct *a = vmlist; a; a = a->next)
		if ((const char *)addr >= (char *)a->addr &&
		    (const char *)addr < (char *)a->addr + a->size)
			return a;
	return NULL;
}

static void unlink_area(struct vm_struct *area)
{
	for (struct vm_struct **p = &vmlist; *p; p = &(*p)->next)
		if (*p == area) {
			*p = area->next;
			return;
		}
}

/* Map the area's pages at its address, coalescing runs of consecutive frames. 0 or -errno. */
static int map_area(struct vm_struct *area)
{
	unsigned int i = 0;
	while (i < area->nr_pages) {
		unsigned int j = i + 1;
		while (j < area->nr_pages &&
		       page_to_pfn(area->pages[j]) == page_to_pfn(area->pages[i]) + (j - i))
			j++;
		off_t off = (off_t)((unsigned long)(area->pages[i] - mem_map) << PAGE_SHIFT);
		void *at = (char *)area->addr + ((size_t)i << PAGE_SHIFT);
		void *m = mmap(at, (size_t)(j - i) << PAGE_SHIFT, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_FIXED, mm_ram_fd, off);
		if (m == MAP_FAILED)
			return -errno;
		i = j;
	}
	return 0;
}

static void unmap_area(struct vm_struct *area)
{
	if (area->flags & VM_CONTIG)
		return;
	mmap(area->addr, area->size, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
}

static void free_area_pages(struct vm_struct *area)
{
	if (area->flags & VM_CONTIG) {
		free_pages_exact(area->addr, (size_t)area->nr_pages << PAGE_SHIFT);
	} else {
		for (unsigned int i = 0; i < area->nr_pages; i++)
			if (area->pages[i])
				__free_pages(area->pages[i], 0);
	}
}

static void *vmalloc_node(unsigned long size, gfp_t gfp, const void *caller)
{
	if (!size || size > (VMALLOC_WINDOW >> 1))
		return NULL;
	size = PAGE_ALIGN(size);
	unsigned int nr = (unsigned int)(size >> PAGE_SHIFT);
	struct vm_struct *area = get_vm_area(size + PAGE_SIZE, VM_ALLOC, caller);
	if (!area)
		goto fail;
	area->pages = kcalloc(nr, sizeof(struct page *), GFP_KERNEL);
	if (!area->pages)
		goto fail_area;
	area->nr_pages = nr;
	if (!vmalloc_start) {
		void *p = alloc_pages_exact(size, gfp);
		if (!p)
			goto fail_pages;
		area->flags |= VM_CONTIG;
		area->addr = p;
		area->size = size; /* no guard page: the next run may start right after */
		for (unsigned int i = 0; i < nr; i++) {
			area->pages[i] = virt_to_page((char *)p + ((size_t)i << PAGE_SHIFT));
			set_page_kind(area->pages[i], FK_VMALLOC);
		}
		link_contig(area);
	} else {
		for (unsigned int i = 0; i < nr; i++) {
			area->pages[i] = alloc_pages(gfp, 0);
			if (!area->pages[i])
				goto fail_frames;
			set_page_kind(area->pages[i], FK_VMALLOC);
		}
		if (map_area(area))
			goto fail_frames;
	}
	vmalloc_pages += nr;
	return area->addr;

fail_frames:
	unmap_area(area);
	free_area_pages(area);
	unlink_area(area);
fail_pages:
	kfree(area->pages);
fail_area:
	if (vmalloc_start)
		unlink_area(area);
	kfree(area);
fail:
	if (!(gfp & __GFP_NOWARN))
		pr_warn("vmalloc: allocation failure: %lu bytes\n", size);
	return NULL;
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return vmalloc_node(size, gfp, __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return vmalloc_node(size, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return vmalloc_node(size, GFP_KERNEL | __GFP_ZERO, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	if (!addr)
		return;
	struct vm_struct *area = find_area(addr);
	if (!area || area->addr != addr || !(area->flags & VM_ALLOC)) {
		pr_err("vfree: trying to free nonexistent vm area (%p)\n", addr);
		return;
	}
	unlink_area(area);
	unmap_area(area);
	free_area_pages(area);
	vmalloc_pages -= area->nr_pages;
	kfree(area->pages);
	kfree(area);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags)
{
	if (!vmalloc_start || !count)
		return NULL;
	struct vm_struct *area = get_vm_area(((unsigned long)count + 1) << PAGE_SHIFT, VM_MAP,
					     __builtin_return_address(0));
	if (!area)
		return NULL;
	area->pages = kmemdup(pages, count * sizeof(*pages), GFP_KERNEL);
	area->nr_pages = count;
	if (!area->pages || map_area(area)) {
		unmap_area(area);
		unlink_area(area);
		kfree(area->pages);
		kfree(area);
		return NULL;
	}
	return area->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *area = find_area(addr);
	if (!area || !(area->flags & VM_MAP)) {
		pr_err("vunmap: bad address %p\n", addr);
		return;
	}
	unlink_area(area);
	unmap_area(area);
	kfree(area->pages);
	kfree(area);
}

int is_vmalloc_addr(const void *addr)
{
	if (vmalloc_start)
		return (const char *)addr >= vmalloc_start &&
		       (const char *)addr < vmalloc_start + VMALLOC_WINDOW;
	return find_area(addr) != NULL;
}

struct page *vmalloc_to_page(const void *addr)
{
	struct vm_struct *area = find_area(addr);
	if (!area)
		return NULL;
	unsigned long i = (unsigned long)((const char *)addr - (char *)area->addr) >> PAGE_SHIFT;
	return i < area->nr_pages ? area->pages[i] : NULL;
}

unsigned long vmalloc_total_bytes(void)
{
	return vmalloc_start ? VMALLOC_WINDOW : 0;
}

unsigned long vmalloc_nr_pages(void)
{
	return vmalloc_pages;
}

size_t proc_vmallocinfo_show(char *buf, size_t size)
{
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (struct vm_struct *a = vmlist; a; a = a->next) {
		/* (Linux prints the caller as a symbol; ours would be a host address,
		 * which a guest has no business seeing, so the field is left out) */
		int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
				 "0x%016lx-0x%016lx %7lu pages=%u %s%s\n", (unsigned long)a->addr,
				 (unsigned long)a->addr + a->size, a->size, a->nr_pages,
				 (a->flags & VM_ALLOC) ? "vmalloc" : "vmap",
				 (a->flags & VM_CONTIG) ? " contiguous" : "");
		len += (size_t)n;
	}
	return len;
}
