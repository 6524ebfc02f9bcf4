/*
 * pgtable.h - Sv39 page tables of user address spaces, built in guest RAM
 * from page-table pages (pagetable_alloc: FK_PGTABLE, counted in NR_PAGETABLE).
 *
 *   38        30 29        21 20        12 11           0
 *  +------------+------------+------------+--------------+
 *  |  VPN[2]    |  VPN[1]    |  VPN[0]    |  page offset |   a user virtual address
 *  +------------+------------+------------+--------------+
 *
 * A PTE is ppn << 10 | flags. The kernel maps only 4 KiB leaves in user
 * space; A and D are left for the hart's walker to set. Whoever changes a
 * valid PTE flushes it (flush_tlb_page): the TLB is not flushed for us.
 */
#ifndef RVMM_OS_MM_PGTABLE_H
#define RVMM_OS_MM_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "os/mm/mm_types.h"

typedef uint64_t pte_t;

#define _PAGE_PRESENT	(1u << 0) /* V */
#define _PAGE_READ	(1u << 1)
#define _PAGE_WRITE	(1u << 2)
#define _PAGE_EXEC	(1u << 3)
#define _PAGE_USER	(1u << 4)
#define _PAGE_GLOBAL	(1u << 5)
#define _PAGE_ACCESSED	(1u << 6)
#define _PAGE_DIRTY	(1u << 7)
#define _PAGE_PFN_SHIFT 10
/*
 * Software bit: a page mapped with no access at all (PROT_NONE). V is clear so
 * the hart faults on any access, as it must; V=1 with R=W=X=0 would instead
 * make the walker read the page as the next-level table. G is never set in a
 * user leaf, so it is free to mean this (Linux's riscv port does the same).
 */
#define _PAGE_PROT_NONE _PAGE_GLOBAL

#define TASK_SIZE      (1ull << 38) /* user half of Sv39 */
#define SATP_MODE_SV39 (8ull << 60)

/* The PTE maps a page (accessible or PROT_NONE). */
static inline bool pte_present(pte_t p)
{
	return p & (_PAGE_PRESENT | _PAGE_PROT_NONE);
}
static inline bool pte_write(pte_t p)
{
	return p & _PAGE_WRITE;
}
static inline unsigned long pte_pfn(pte_t p)
{
	return (unsigned long)(p >> _PAGE_PFN_SHIFT);
}
static inline pte_t pfn_pte(unsigned long pfn, uint64_t prot)
{
	return ((pte_t)pfn << _PAGE_PFN_SHIFT) | prot;
}

/* Protection bits of a user leaf for vm_flags (write only if allowed now). */
uint64_t vm_get_page_prot(unsigned long vm_flags);

/* Give mm a zeroed root table and an ASID. 0 or -ENOMEM. */
int pgd_alloc(struct mm_struct *mm);
/* The leaf PTE for va (host pointer into guest RAM); with alloc, intermediate
 * tables are created (NULL on ENOMEM); without, NULL when absent. */
pte_t *pte_offset(struct mm_struct *mm, uint64_t va, bool alloc);
/* Call fn for every present PTE of [start, end) in mm that maps a page of RAM
 * other than the zero page; absent leaf tables are skipped 2 MiB at a time. */
struct page;
void walk_present_pages(struct mm_struct *mm, uint64_t start, uint64_t end,
			void (*fn)(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg,
				   void *arg),
			void *arg);
/* Free every page-table page of mm (all leaves must be clear). */
void free_pgtables(struct mm_struct *mm);
/* The satp value that runs mm. */
uint64_t mm_satp(const struct mm_struct *mm);

/* TLB maintenance on the hart that runs user code (no-op without one). */
struct hart;
void pgtable_set_hart(struct hart *h);
void flush_tlb_page(struct mm_struct *mm, uint64_t va);
void flush_tlb_mm(struct mm_struct *mm);
/* The kernel wrote into frame pfn behind the hart's back: drop decoded code. */
void flush_icache_frame(unsigned long pfn);

#endif
