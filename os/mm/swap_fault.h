/*
 * swap_fault.h - swap entries in page tables: how a swapped-out page is
 * written in its PTE, and the fault, fork and unmap sides of swap.
 *
 * A swap PTE is a non-present PTE (V = 0) that is not zero:
 *
 *   63                          12 11      7 6        1 0
 *  +------------------------------+---------+----------+---+
 *  |  swap offset (slot)          |  type   |    0     | 0 |
 *  +------------------------------+---------+----------+---+
 *
 * type is the swap device's index in swap_info[] (MAX_SWAPFILES = 8 fits in
 * five bits), offset its slot. Slot 0 is never handed out, so a swap PTE is
 * never 0 (0 means "nothing mapped here"). The hart never walks through it
 * because V is clear: any access faults into handle_mm_fault(), which finds
 * the entry and calls do_swap_page(). This is the layout of Linux's riscv
 * __swp_entry() (type at bit 7, offset at bit 12).
 *
 * Every swap PTE holds one count of its slot's swap_map (swap_duplicate) and
 * one unit of its mm's MM_SWAPENTS.
 */
#ifndef RVMM_OS_MM_SWAP_FAULT_H
#define RVMM_OS_MM_SWAP_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "os/mm/mm.h"
#include "os/mm/pgtable.h"
#include "os/mm/swapfile.h"

#define SWP_PTE_TYPE_SHIFT   7
#define SWP_PTE_TYPE_MASK    0x1fULL
#define SWP_PTE_OFFSET_SHIFT 12

static inline bool is_swap_pte(pte_t pte)
{
	return pte && !pte_present(pte);
}

static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	return ((pte_t)swp_type(e) << SWP_PTE_TYPE_SHIFT) |
	       ((pte_t)swp_offset(e) << SWP_PTE_OFFSET_SHIFT);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((unsigned int)((pte >> SWP_PTE_TYPE_SHIFT) & SWP_PTE_TYPE_MASK),
			 (unsigned long)(pte >> SWP_PTE_OFFSET_SHIFT));
}

/* fault.c: install a PTE for pg at addr, consuming the caller's reference. 0 or -ENOMEM. */
int map_page(struct mm_struct *mm, uint64_t addr, pte_t *pte, struct page *pg, uint64_t prot);

/*
 * A fault on a swap PTE: the page from the swap cache or read from the
 * device (a major fault, MMEV_SWAPIN), mapped at addr; the PTE's slot
 * reference is dropped and the slot freed when nothing else needs it.
 */
enum vm_fault_result do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
				  pte_t *pte, bool write, int pid);
/* munmap/exit: a swap PTE goes away (slot reference and MM_SWAPENTS dropped). */
void zap_swap_pte(struct mm_struct *mm, pte_t *pte);
/* fork: dst gets a copy of the swap PTE *src (the slot counts one more user). 0 or -ENOMEM. */
int copy_swap_pte(struct mm_struct *dst, pte_t *d, pte_t src);

#endif
