/*
 * swap_fault.c - swap PTEs in address spaces (the layout is in swap_fault.h):
 * faulting a swapped-out page back in, copying swap PTEs at fork and
 * dropping them at munmap/exit.
 *
 * A page being mapped here is PG_locked while the mapping is built, because
 * building it allocates (the rmap item) and an allocation may enter direct
 * reclaim: reclaim's try_to_unmap leaves locked pages alone (reclaim_glue.c).
 */
#include "os/mm/swap_fault.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"

enum vm_fault_result do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
				  pte_t *pte, bool write, int pid)
{
	swp_entry_t entry = pte_to_swp_entry(*pte);
	pte_t orig = *pte;
	uint64_t prot = vm_get_page_prot(vma->vm_flags);
	bool read_in = false;
	struct page *pg;

	if (!swp_swap_info(entry))
		return VM_FAULT_SIGBUS; /* a corrupt swap PTE: Linux's "Bad swap file entry" too */
	pg = swap_cache_get_or_read(entry, GFP_HIGHUSER_MOVABLE, &read_in);
	if (!pg)
		return VM_FAULT_OOM;
	if (*pte != orig) /* reclaim cannot change a swap PTE; anything else is a bug */
		panic("do_swap_page: swap PTE at %#llx changed under the fault",
		      (unsigned long long)addr);
	if (read_in) {
		mm->maj_flt++;
		count_vm_event(PGMAJFAULT);
		/* a refault when its slot had a shadow: counted in swap_cache_get_or_read */
		mm_publish_event(MMEV_SWAPIN, page_to_pfn(pg), addr, pid);
	} else {
		mm_publish_event(MMEV_FAULT_MINOR, page_to_pfn(pg), addr, pid);
	}
	if (!PageAnon(pg))
		pg->mapping = (struct address_space *)PAGE_MAPPING_ANON;
	set_page_owner(pg, (unsigned int)pid);
	SetPageLocked(pg);
	*pte = 0;
	mm->rss_stat[MM_SWAPENTS]--;
	/* mapped read-only while the slot or another PTE still shares it: a write copies */
	if (map_page(mm, addr, pte, pg, prot & ~(uint64_t)_PAGE_WRITE)) {
		ClearPageLocked(pg);
		*pte = orig; /* map_page dropped our reference; the slot keeps the data */
		mm->rss_stat[MM_SWAPENTS]++;
		return VM_FAULT_OOM;
	}
	swap_free(entry);
	try_to_free_swap(pg);
	ClearPageLocked(pg);
	/* exclusive now (out of the swap cache, mapped once): writable as before */
	if ((vma->vm_flags & VM_WRITE) && !PageSwapCache(pg) && page_count(pg) == 1) {
		*pte |= _PAGE_WRITE;
		if (write)
			*pte |= _PAGE_DIRTY | _PAGE_ACCESSED;
	}
	return VM_FAULT_OK;
}

void zap_swap_pte(struct mm_struct *mm, pte_t *pte)
{
	free_swap_and_cache(pte_to_swp_entry(*pte));
	*pte = 0;
	mm->rss_stat[MM_SWAPENTS]--;
}

int copy_swap_pte(struct mm_struct *dst, pte_t *d, pte_t src)
{
	if (swap_duplicate(pte_to_swp_entry(src)) < 0)
		return -ENOMEM;
	*d = src;
	dst->rss_stat[MM_SWAPENTS]++;
	return 0;
}
