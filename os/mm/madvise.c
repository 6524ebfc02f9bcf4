/*
 * madvise.c - the calls that act on ranges of existing mappings: madvise,
 * msync, mincore, mlock/munlock and mremap.
 *
 * madvise(MADV_DONTNEED/MADV_FREE) really drops the pages (the next touch
 * of private anonymous memory reads zeros); the other advice values are
 * hints that change nothing observable here and return 0, as Linux may.
 * mremap grows or shrinks in place when it can and otherwise moves the PTEs
 * (not the data) to a new range, keeping the reverse map exact.
 */
#include <errno.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/mmzone.h"
#include "os/mm/page.h"
#include "os/mm/pgtable.h"
#include "os/mm/rmap.h"
#include "os/mm/swap.h"
#include "os/mm/swap_fault.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmscan.h"
#include "os/mm/vmstat.h"
#include "os/uaccess.h"

#define MADV_NORMAL	 0
#define MADV_RANDOM	 1
#define MADV_SEQUENTIAL	 2
#define MADV_WILLNEED	 3
#define MADV_DONTNEED	 4
#define MADV_FREE	 8
#define MADV_REMOVE	 9
#define MADV_DONTFORK	 10
#define MADV_DOFORK	 11
#define MADV_MERGEABLE	 12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	 14
#define MADV_NOHUGEPAGE	 15
#define MADV_DONTDUMP	 16
#define MADV_DODUMP	 17
#define MADV_COLD	 20
#define MADV_PAGEOUT	 21

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

/* Is [start, end) entirely covered by VMAs? */
static bool range_mapped(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *v = vma_lookup(mm, a);
		if (!v)
			return false;
		a = v->vm_end;
	}
	return true;
}

/* Set the mask bits of every VMA in [start, end) (all mapped) to value, splitting
 * VMAs at the edges. 0 or -ENOMEM. */
static long vma_fixup_flags(struct mm_struct *mm, uint64_t start, uint64_t end, unsigned long mask,
			    unsigned long value)
{
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *v = vma_lookup(mm, a);
		if (v->vm_start < a && !split_vma(mm, v, a))
			return -ENOMEM;
		v = vma_lookup(mm, a);
		if (v->vm_end > end && !split_vma(mm, v, end))
			return -ENOMEM;
		v = vma_lookup(mm, a);
		v->vm_flags = (v->vm_flags & ~mask) | value;
		a = v->vm_end;
	}
	vm_stat_account(mm);
	return 0;
}

/* A page of the range loses its young state (walk_present_pages); for MADV_COLD it is
 * deactivated (arg NULL), for MADV_PAGEOUT isolated onto the list arg. Shared, locked and
 * unevictable pages are skipped. */
static void cold_page(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg, void *arg)
{
	struct list_head *list = arg;
	if (page_mapcount(pg) > 1 || !PageLRU(pg) || PageUnevictable(pg) ||
	    (vma_lookup(mm, va)->vm_flags & VM_LOCKED))
		return;
	if (*pte & _PAGE_ACCESSED) {
		*pte &= ~(pte_t)_PAGE_ACCESSED;
		flush_tlb_page(mm, va);
	}
	ClearPageReferenced(pg);
	if (!list) {
		deactivate_page(pg);
	} else if (isolate_lru_page(pg) == 0) {
		ClearPageActive(pg);
		list_add(&pg->lru, list);
	}
}

/*
 * MADV_COLD: the range's pages that only this mapping uses lose their young
 * state and go to the inactive list, first in line for reclaim.
 * MADV_PAGEOUT: they are reclaimed now (swapped out, written back or
 * dropped, as reclaim would), whatever their recent use. Shared pages
 * (mapped more than once), locked and unevictable ones are left alone, as
 * Linux does.
 */
static long madvise_cold_or_pageout(struct mm_struct *mm, uint64_t start, uint64_t end,
				    bool pageout)
{
	LIST_HEAD(list);
	struct scan_control sc = {.gfp_mask = GFP_KERNEL,
				  .may_swap = true,
				  .may_writepage = true,
				  .ignore_references = true,
				  .priority = DEF_PRIORITY};

	walk_present_pages(mm, start, end, cold_page, pageout ? &list : NULL);
	if (pageout) {
		shrink_page_list(&list, &sc);
		while (!list_empty(&list)) { /* what could not go back where it was */
			struct page *pg = list_first_entry(&list, struct page, lru);
			list_del(&pg->lru);
			putback_lru_page(pg);
		}
	}
	return 0;
}

long do_madvise(struct mm_struct *mm, uint64_t start, uint64_t len, int advice)
{
	uint64_t end;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -EINVAL;
	switch (advice) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_COLD:
	case MADV_PAGEOUT: break;
	default: return -EINVAL;
	}
	if (!len)
		return 0;
	if (!range_mapped(mm, start, end))
		return -ENOMEM;
	switch (advice) {
	case MADV_DONTFORK: return vma_fixup_flags(mm, start, end, VM_DONTCOPY, VM_DONTCOPY);
	case MADV_DOFORK: return vma_fixup_flags(mm, start, end, VM_DONTCOPY, 0);
	case MADV_COLD:
	case MADV_PAGEOUT: return madvise_cold_or_pageout(mm, start, end, advice == MADV_PAGEOUT);
	}
	if (advice != MADV_DONTNEED && advice != MADV_FREE)
		return 0; /* (advice with nothing to do here: no readahead, KSM, THP or core dumps)
			   */
	for (uint64_t a = start; a < end;) {
		struct vm_area_struct *v = vma_lookup(mm, a);
		uint64_t e = v->vm_end < end ? v->vm_end : end;
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;
		zap_page_range(mm, v, a, e);
		a = e;
	}
	return 0;
}

long do_msync(struct mm_struct *mm, uint64_t start, uint64_t len, int flags)
{
	uint64_t end;

	if ((start & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start)
		return -ENOMEM;
	if (!range_mapped(mm, start, end))
		return -ENOMEM;
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *v = vma_lookup(mm, a);
		pte_t *pte;
		if (!(v->vm_flags & VM_SHARED) || !v->vm_file)
			continue;
		pte = pte_offset(mm, a, false);
		if (!pte || !pte_present(*pte) || !(*pte & _PAGE_DIRTY))
			continue;
		if (filemap_write_page(v->vm_file, pfn_to_page(pte_pfn(*pte))))
			return -EIO;
		*pte &= ~(pte_t)_PAGE_DIRTY;
		flush_tlb_page(mm, a);
	}
	return 0;
}

/*
 * Is the page at va in memory? As Linux's mincore: a present PTE; for a
 * file (or shmem) mapping, the page in the page cache even when this
 * process never touched it; for a swapped-out anonymous page, its copy
 * still in the swap cache.
 */
static uint8_t mincore_page(struct mm_struct *mm, uint64_t va)
{
	struct vm_area_struct *v = vma_lookup(mm, va);
	pte_t *pte = pte_offset(mm, va, false);

	if (pte && pte_present(*pte))
		return 1;
	if (pte && is_swap_pte(*pte)) {
		struct page *pg = lookup_swap_cache(pte_to_swp_entry(*pte));
		if (pg)
			put_page(pg);
		return pg != NULL;
	}
	if (v && v->vm_file && v->vm_file->f_inode) {
		unsigned long index = v->vm_pgoff + ((va - v->vm_start) >> PAGE_SHIFT);
		return pagecache_lookup(&v->vm_file->f_inode->i_data, index) != NULL;
	}
	return 0;
}

long do_mincore(struct mm_struct *mm, uint64_t start, uint64_t len, uint64_t uvec)
{
	uint8_t vec[256];
	uint64_t n, done = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	n = PAGE_ALIGN(len) >> PAGE_SHIFT;
	if (start + PAGE_ALIGN(len) < start || !range_mapped(mm, start, start + PAGE_ALIGN(len)))
		return -ENOMEM;
	while (done < n) {
		uint64_t k = n - done < sizeof(vec) ? n - done : sizeof(vec);
		for (uint64_t i = 0; i < k; i++)
			vec[i] = mincore_page(mm, start + (done + i) * PAGE_SIZE);
		if (copy_to_user(uvec + done, vec, k))
			return -EFAULT;
		done += k;
	}
	return 0;
}

#define MCL_CURRENT 1
#define MCL_FUTURE  2
#define MCL_ONFAULT 4

/* Is page still mapped by a VM_LOCKED VMA somewhere? (an rmap walk) */
static int locked_mapping(struct mm_struct *mm, uint64_t address, void *arg)
{
	struct vm_area_struct *v = vma_lookup(mm, address);
	return v && (v->vm_flags & VM_LOCKED);
}

void munlock_page(struct page *page)
{
	if (!PageMlocked(page) || rmap_walk(page, locked_mapping, NULL))
		return;
	ClearPageMlocked(page);
	mod_zone_page_state(page_zone(page), NR_MLOCK, -1);
	count_vm_event(UNEVICTABLE_PGMUNLOCKED);
	if (PageLRU(page) && PageUnevictable(page)) { /* back where reclaim can see it */
		del_page_from_lru_list(page, LRU_UNEVICTABLE);
		ClearPageUnevictable(page);
		ClearPageActive(page);
		add_page_to_lru_list(page, page_lru(page));
		count_vm_event(UNEVICTABLE_PGRESCUED);
	}
}

void mlock_page(struct page *page)
{
	if (TestSetPageMlocked(page))
		return;
	mod_zone_page_state(page_zone(page), NR_MLOCK, 1);
	count_vm_event(UNEVICTABLE_PGMLOCKED);
	if (PageLRU(page) && !PageUnevictable(page)) {
		del_page_from_lru_list(page, page_lru(page));
		SetPageUnevictable(page);
		ClearPageActive(page);
		add_page_to_lru_list(page, LRU_UNEVICTABLE);
	}
}

/* The present pages of [start, end) of mm: locked (lock), or, when nothing else keeps
 * them locked, back on the evictable LRU (!lock). */
static void mlock_one(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg, void *arg)
{
	mlock_page(pg);
}

static void munlock_one(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg, void *arg)
{
	munlock_page(pg);
}

static void mlock_range(struct mm_struct *mm, uint64_t start, uint64_t end, bool lock)
{
	walk_present_pages(mm, start, end, lock ? mlock_one : munlock_one, NULL);
}

/* Set the lock flags of every VMA in [start, end) (VMAs split at the edges) to lock. */
static long mlock_fixup(struct mm_struct *mm, uint64_t start, uint64_t end, unsigned long lock)
{
	long err = vma_fixup_flags(mm, start, end, VM_LOCKED | VM_LOCKONFAULT, lock);
	if (!err)
		mlock_range(mm, start, end, lock != 0);
	return err;
}

long do_mlock(struct mm_struct *mm, uint64_t start, uint64_t len, unsigned long lock, int pid)
{
	uint64_t end = PAGE_ALIGN(start + len);
	long err;
	start &= PAGE_MASK;
	if (end < start)
		return -EINVAL;
	if (!range_mapped(mm, start, end))
		return -ENOMEM;
	err = mlock_fixup(mm, start, end, lock);
	if (err || (lock & (VM_LOCKED | VM_LOCKONFAULT)) != VM_LOCKED)
		return err;
	return mm_populate(mm, start, end, pid);
}

long do_mlockall(struct mm_struct *mm, int flags, int pid)
{
	unsigned long lock = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	mm->def_flags = (flags & MCL_FUTURE) ? lock : 0;
	if (!(flags & MCL_CURRENT))
		return 0;
	for (int i = 0; i < mm->map_count; i++)
		mm->vmas[i]->vm_flags =
		    (mm->vmas[i]->vm_flags & ~(VM_LOCKED | VM_LOCKONFAULT)) | lock;
	vm_stat_account(mm);
	for (int i = 0; i < mm->map_count; i++)
		mlock_range(mm, mm->vmas[i]->vm_start, mm->vmas[i]->vm_end, true);
	if (!(flags & MCL_ONFAULT)) /* errors (PROT_NONE, no memory) are ignored, as Linux */
		for (int i = 0; i < mm->map_count; i++)
			mm_populate(mm, mm->vmas[i]->vm_start, mm->vmas[i]->vm_end, pid);
	return 0;
}

long do_munlockall(struct mm_struct *mm)
{
	mm->def_flags = 0;
	for (int i = 0; i < mm->map_count; i++)
		mm->vmas[i]->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);
	vm_stat_account(mm);
	for (int i = 0; i < mm->map_count; i++)
		mlock_range(mm, mm->vmas[i]->vm_start, mm->vmas[i]->vm_end, false);
	return 0;
}

/* Move the PTEs of [old, old+len) to [new, new+len) (both inside VMAs of mm). */
static int move_page_tables(struct mm_struct *mm, uint64_t old, uint64_t new, uint64_t len)
{
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *src = pte_offset(mm, old + off, false), *dst;
		if (!src || !*src) /* (swap PTEs move too) */
			continue;
		dst = pte_offset(mm, new + off, true);
		if (!dst)
			return -ENOMEM;
		src = pte_offset(mm, old + off, false); /* tables may have been allocated */
		*dst = *src;
		*src = 0;
		if (!pte_present(*dst))
			continue;
		flush_tlb_page(mm, old + off);
		struct page *pg = pfn_to_page(pte_pfn(*dst));
		if (pg != zero_page()) {
			SetPageLocked(pg); /* the rmap item's allocation may reclaim */
			page_remove_rmap(pg, mm, old + off);
			int err = page_add_rmap(pg, mm, new + off);
			ClearPageLocked(pg);
			if (err)
				return -ENOMEM;
		}
	}
	return 0;
}

int64_t do_mremap(struct mm_struct *mm, uint64_t old, uint64_t old_len, uint64_t new_len,
		  unsigned long flags, uint64_t new_addr)
{
	struct vm_area_struct *v, *n;
	uint64_t dst;

	if ((old & ~PAGE_MASK) || (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED)))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && (!(flags & MREMAP_MAYMOVE) || (new_addr & ~PAGE_MASK)))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL; /* old_len 0 (duplicating shared mappings) is not supported */
	v = vma_lookup(mm, old);
	if (!v || old + old_len > v->vm_end)
		return -EFAULT;
	if (!(flags & MREMAP_FIXED)) {
		if (new_len <= old_len) {
			if (new_len < old_len && do_munmap(mm, old + new_len, old_len - new_len))
				return -ENOMEM;
			return (int64_t)old;
		}
		if (old + old_len == v->vm_end && old + new_len <= TASK_SIZE &&
		    !find_vma_intersection(mm, old + old_len, old + new_len)) {
			v->vm_end = old + new_len; /* grow in place */
			vm_stat_account(mm);
			return (int64_t)old;
		}
		if (!(flags & MREMAP_MAYMOVE))
			return -ENOMEM;
		dst = get_unmapped_area_topdown(mm, new_len, MMAP_MIN_ADDR, mm->mmap_base);
		if (!dst)
			return -ENOMEM;
	} else {
		dst = new_addr;
		if (dst < MMAP_MIN_ADDR || dst > TASK_SIZE - new_len ||
		    (dst < old + old_len && old < dst + new_len))
			return -EINVAL;
		if (do_munmap(mm, dst, new_len))
			return -ENOMEM;
		if (new_len < old_len) {
			if (do_munmap(mm, old + new_len, old_len - new_len))
				return -ENOMEM;
			old_len = new_len;
		}
		v = vma_lookup(mm, old);
	}
	n = vm_area_alloc(mm);
	if (!n)
		return -ENOMEM;
	*n = *v;
	n->vm_start = dst;
	n->vm_end = dst + new_len;
	if (n->vm_file) {
		n->vm_pgoff += (old - v->vm_start) >> PAGE_SHIFT;
		get_file(n->vm_file);
	}
	if (insert_vm_struct(mm, n)) {
		vm_area_free(n);
		return -ENOMEM;
	}
	if (move_page_tables(mm, old, dst, old_len < new_len ? old_len : new_len))
		return -ENOMEM;
	do_munmap(mm, old, old_len); /* its PTEs moved: only the VMA goes */
	return (int64_t)dst;
}
