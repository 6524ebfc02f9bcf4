/*
 * mmu.h - the inline fast path of the hart's memory accesses.
 *
 * A data access first probes the small direct-mapped fast TLB of its kind
 * (read or write); a hit turns the virtual address into a host pointer with
 * one add. Everything else (the main TLB, the Sv39 walk, PMP, MMIO, accesses
 * that cross a page) is in mmu.c. See cpu.h for what a fast entry promises.
 */
#ifndef RVMM_EMU_MMU_H
#define RVMM_EMU_MMU_H

#include <string.h>

#include "emu/cpu.h"

static inline unsigned ftlb_index(uint64_t va)
{
	return (unsigned)(va >> PAGE_SHIFT) & (FTLB_SIZE - 1);
}

static inline unsigned xtlb_index(uint64_t va)
{
	return (unsigned)(va >> PAGE_SHIFT) & (XTLB_SIZE - 1);
}

/* Does fast entry e (of array acc) serve an aligned access of size at va? */
static inline bool ftlb_match(const struct hart *h, const struct ftlb_entry *e, int acc,
			      uint64_t va, unsigned size)
{
	return e->tag == ((va & (PAGE_MASK | (size - 1))) | h->fgen[acc]);
}

/*
 * Host pointer for an access of size bytes at va of kind acc (ACC_R/ACC_W),
 * or NULL when the slow path must handle it (miss, or a misaligned access,
 * which the tag compare rejects so that page-crossing is never fast).
 */
static inline uint8_t *ftlb_host(struct hart *h, int acc, uint64_t va, unsigned size)
{
	const struct ftlb_entry *e = &h->ftlb[acc][ftlb_index(va)];
	if (likely(e->tag == ((va & (PAGE_MASK | (size - 1))) | h->fgen[acc])))
		return (uint8_t *)(e->addend + (uintptr_t)va);
	return NULL;
}

#endif
