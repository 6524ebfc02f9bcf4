/*
 * dup.c - copying an address space at fork: the VMAs and the page tables,
 * not the memory. Private pages that could be written become read-only in
 * both address spaces and are shared with one more reference and mapping;
 * the first write on either side faults into do_wp_page(), which copies (or
 * reuses the page once it is no longer shared). Shared mappings stay
 * writable and shared. The copy walks page-table pages, not addresses
 * (copy_page_range), so its cost follows the size of the page tables.
 */
#include <string.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/rmap.h"
#include "os/mm/swap_fault.h"
#include "os/mm/vmstat.h"

#define PMD_SIZE (1ull << 21) /* what one leaf table maps */

/*
 * Copy one present PTE *s (at a, in vma) to *d: a new mapping of its page.
 * The rmap item's allocation may reclaim, so the page is held (and locked)
 * across it. 0 or -1 (ENOMEM).
 */
static int copy_present_pte(struct mm_struct *dst, pte_t *d, pte_t *s, uint64_t a,
			    struct vm_area_struct *vma, bool cow)
{
	struct page *pg = pfn_to_page(pte_pfn(*s));
	int err;

	if (cow && pte_write(*s))
		*s &= ~(pte_t)_PAGE_WRITE; /* fork flushes the parent's TLB once, after dup_mm */
	/* as Linux's copy_present_pte: the copy is old; shared mappings also clean */
	*d = *s & ~(pte_t)_PAGE_ACCESSED;
	if (vma->vm_flags & VM_SHARED)
		*d &= ~(pte_t)_PAGE_DIRTY;
	if (pg == zero_page())
		return 0;
	get_page(pg);
	SetPageLocked(pg);
	err = page_add_rmap(pg, dst, a);
	ClearPageLocked(pg);
	if (err) {
		*d = 0;
		put_page(pg);
		return -1;
	}
	page_mapcount_inc(pg);
	if (cow && PageAnon(pg))
		set_page_tag_flags(pg, FTF_COW, 0);
	dst->rss_stat[mm_counter(pg)]++;
	return 0;
}

/*
 * Copy the present and swap PTEs of vma from src to dst, one leaf table at
 * a time: each source table is found once and scanned as an array (its
 * entries are consecutive in guest RAM), and the child's table is made when
 * the first entry needs it. Absent tables cost one lookup per 2 MiB.
 * Making the child's table may reclaim and swap out the entry being copied,
 * so it is looked at again after. 0 or -ENOMEM.
 */
static int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	bool cow = !(vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_MAYWRITE);
	uint64_t a = vma->vm_start;

	while (a < vma->vm_end) {
		uint64_t next = (a + PMD_SIZE) & ~(PMD_SIZE - 1);
		pte_t *s, *d = NULL;
		if (next > vma->vm_end || next < a)
			next = vma->vm_end;
		s = pte_offset(src, a, false);
		if (!s) {
			a = next;
			continue;
		}
		for (; a < next; a += PAGE_SIZE, s++, d = d ? d + 1 : NULL) {
			if (!pte_present(*s) && !is_swap_pte(*s))
				continue;
			if (!d && !(d = pte_offset(dst, a, true)))
				return -1;
			if (is_swap_pte(*s)) {
				if (copy_swap_pte(dst, d, *s))
					return -1;
			} else if (pte_present(*s) && copy_present_pte(dst, d, s, a, vma, cow)) {
				return -1; /* (not present any more: reclaim dropped it meanwhile)
					    */
			}
		}
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
	if (old->exe_file)
		set_mm_exe_file(mm, old->exe_file); /* (cannot fail: already denied) */
	for (int i = 0; i < old->map_count; i++) {
		struct vm_area_struct *src = old->vmas[i], *v;
		if (src->vm_flags & VM_DONTCOPY)
			continue; /* madvise(MADV_DONTFORK) */
		v = vm_area_alloc(mm);
		if (!v)
			goto fail;
		*v = *src;
		v->vm_mm = mm;
		v->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT); /* memory locks are not inherited */
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
