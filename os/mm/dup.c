/*
 * dup.c - copying an address space at fork: the VMAs and the page tables,
 * not the memory. Private pages that could be written become read-only in
 * both address spaces and are shared with one more reference and mapping;
 * the first write on either side faults into do_wp_page(), which copies (or
 * reuses the page once it is no longer shared). Shared mappings stay
 * writable and shared.
 */
#include <string.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/rmap.h"
#include "os/mm/vmstat.h"

/* Copy the present PTEs of vma from src to dst. 0 or -ENOMEM. */
static int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
			   struct vm_area_struct *vma)
{
	bool cow = !(vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE);
	uint64_t a = vma->vm_start;

	while (a < vma->vm_end) {
		pte_t *s = pte_offset(src, a, false), *d;
		if (!s) {
			a = (a + (1ull << 21)) & ~((1ull << 21) - 1);
			continue;
		}
		if (pte_present(*s)) {
			struct page *pg = pfn_to_page(pte_pfn(*s));
			d = pte_offset(dst, a, true);
			if (!d)
				return -1;
			if (cow && pte_write(*s)) {
				*s &= ~(pte_t)_PAGE_WRITE;
				flush_tlb_page(src, a);
			}
			/* as Linux's copy_present_pte: the copy is old; shared mappings also clean */
			*d = *s & ~(pte_t)_PAGE_ACCESSED;
			if (vma->vm_flags & VM_SHARED)
				*d &= ~(pte_t)_PAGE_DIRTY;
			if (pg != zero_page()) {
				if (page_add_rmap(pg, dst, a)) {
					*d = 0;
					return -1;
				}
				get_page(pg);
				page_mapcount_inc(pg);
				if (cow && PageAnon(pg))
					set_page_tag_flags(pg, FTF_COW, 0);
				dst->rss_stat[mm_counter(pg)]++;
			}
		}
		a += PAGE_SIZE;
	}
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_base = old->mmap_base;
	memcpy(mm->saved_auxv, old->saved_auxv, sizeof(mm->saved_auxv));
	for (int i = 0; i < old->map_count; i++) {
		struct vm_area_struct *src = old->vmas[i], *v = vm_area_alloc(mm);
		if (!v)
			goto fail;
		*v = *src;
		v->vm_mm = mm;
		if (v->vm_file)
			get_file(v->vm_file);
		if (insert_vm_struct(mm, v)) {
			vm_area_free(v);
			goto fail;
		}
		if (copy_page_range(mm, old, src))
			goto fail;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	return mm;
fail:
	mmput(mm);
	return NULL;
}
