/*
 * pgtable.c - Sv39 user page tables (see pgtable.h for the layout).
 *
 * Invariants: every table page of an mm is reachable from mm->pgd and
 * counted in mm->pgtables_bytes; non-leaf PTEs have V set and R/W/X clear;
 * ASIDs are handed out round-robin and an ASID is flushed whole before reuse.
 */
#include "os/mm/pgtable.h"

#include <string.h>

#include "emu/hart.h"
#include "os/klog.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"

#define ASID_MAX 0xffff

static struct hart *tlb_hart;
static uint16_t next_asid = 1;

void pgtable_set_hart(struct hart *h)
{
	tlb_hart = h;
}

void flush_tlb_page(struct mm_struct *mm, uint64_t va)
{
	if (tlb_hart)
		hart_sfence_vma(tlb_hart, true, va, true, mm->asid);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (tlb_hart)
		hart_sfence_vma(tlb_hart, false, 0, true, mm->asid);
}

void flush_icache_frame(unsigned long pfn)
{
	if (tlb_hart)
		hart_invalidate_code(tlb_hart, PFN_PHYS(pfn), PAGE_SIZE);
}

uint64_t vm_get_page_prot(unsigned long vm_flags)
{
	uint64_t prot = _PAGE_PRESENT | _PAGE_USER;
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return _PAGE_PROT_NONE | _PAGE_USER; /* mapped, but the hart must fault */
	if (vm_flags & VM_READ)
		prot |= _PAGE_READ;
	if (vm_flags & VM_WRITE)
		prot |= _PAGE_WRITE | _PAGE_READ; /* W without R is reserved in Sv39 */
	if (vm_flags & VM_EXEC)
		prot |= _PAGE_EXEC;
	return prot;
}

static pte_t *table_of(pte_t entry)
{
	return page_address(pfn_to_page(pte_pfn(entry)));
}

int pgd_alloc(struct mm_struct *mm)
{
	struct page *pg = pagetable_alloc(GFP_KERNEL, 0);
	if (!pg)
		return -1;
	mm->pgd = pg;
	mm->pgtables_bytes = PAGE_SIZE;
	mm->asid = next_asid;
	next_asid = next_asid == ASID_MAX ? 1 : next_asid + 1;
	flush_tlb_mm(mm); /* the ASID may have served another mm before */
	return 0;
}

pte_t *pte_offset(struct mm_struct *mm, uint64_t va, bool alloc)
{
	pte_t *table = page_address(mm->pgd);

	if (va >= TASK_SIZE)
		return NULL;
	for (int level = 2; level > 0; level--) {
		pte_t *e = &table[(va >> (12 + 9 * level)) & 511];
		if (!pte_present(*e)) {
			struct page *pg;
			if (!alloc)
				return NULL;
			pg = pagetable_alloc(GFP_KERNEL, 0);
			if (!pg)
				return NULL;
			mm->pgtables_bytes += PAGE_SIZE;
			*e = pfn_pte(page_to_pfn(pg), _PAGE_PRESENT);
		} else if (*e & (_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)) {
			panic("pte_offset: superpage leaf at level %d for %#llx", level,
			      (unsigned long long)va);
		}
		table = table_of(*e);
	}
	return &table[(va >> 12) & 511];
}

static void free_table(struct mm_struct *mm, pte_t *table, int level)
{
	for (int i = 0; i < 512; i++) {
		if (!pte_present(table[i]))
			continue;
		if (level == 0)
			panic("free_pgtables: leaf still mapped (pfn %#lx)", pte_pfn(table[i]));
		free_table(mm, table_of(table[i]), level - 1);
		pagetable_free(pfn_to_page(pte_pfn(table[i])), 0);
		mm->pgtables_bytes -= PAGE_SIZE;
		table[i] = 0;
	}
}

void free_pgtables(struct mm_struct *mm)
{
	if (!mm->pgd)
		return;
	free_table(mm, page_address(mm->pgd), 2);
	pagetable_free(mm->pgd, 0);
	mm->pgtables_bytes -= PAGE_SIZE;
	mm->pgd = NULL;
	flush_tlb_mm(mm);
}

uint64_t mm_satp(const struct mm_struct *mm)
{
	return SATP_MODE_SV39 | ((uint64_t)mm->asid << 44) | page_to_pfn(mm->pgd);
}

void walk_present_pages(struct mm_struct *mm, uint64_t start, uint64_t end,
			void (*fn)(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg,
				   void *arg),
			void *arg)
{
	for (uint64_t a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_offset(mm, a, false);
		if (!pte) { /* no leaf table: on to the next 2 MiB */
			a = ((a + (1ull << 21)) & ~((1ull << 21) - 1)) - PAGE_SIZE;
			continue;
		}
		if ((*pte & _PAGE_PRESENT) && pfn_valid(pte_pfn(*pte)) &&
		    pfn_to_page(pte_pfn(*pte)) != zero_page())
			fn(mm, a, pte, pfn_to_page(pte_pfn(*pte)), arg);
	}
}
