/*
 * roms/lib/vm.h - Sv39 page-table helpers for the paging tests: PTE bits,
 * and access helpers that run one load, store or fetch in a given mode
 * and come back to M.  Page tables are static, 4 KiB aligned arrays.
 */
#ifndef ROMS_VM_H
#define ROMS_VM_H
#include "rt.h"

#define PTE_V	0x01UL
#define PTE_R	0x02UL
#define PTE_W	0x04UL
#define PTE_X	0x08UL
#define PTE_U	0x10UL
#define PTE_G	0x20UL
#define PTE_A	0x40UL
#define PTE_D	0x80UL
#define PTE_RWX (PTE_R | PTE_W | PTE_X)

#define SATP_SV39	 (8UL << 60)
#define PTE(pa, flags)	 ((((u64)(pa)) >> 12) << 10 | (flags))
#define SATP(root, asid) (SATP_SV39 | ((u64)(asid) << 44) | ((u64)(root) >> 12))

typedef u64 pagetable_t[512] __attribute__((aligned(4096)));

static inline u64 load_as(int priv, u64 va)
{
	u64 v = 0xdead;
	to_mode(priv);
	asm volatile("ld %0, 0(%1)" : "+r"(v) : "r"(va) : "memory");
	to_m();
	return v;
}

static inline void store_as(int priv, u64 va, u64 v)
{
	to_mode(priv);
	asm volatile("sd %0, 0(%1)" ::"r"(v), "r"(va) : "memory");
	to_m();
}

/* Call the code at va in mode priv; a fetch fault resumes after the call. */
static inline void fetch_as(int priv, u64 va)
{
	to_mode(priv);
	asm volatile("la t0, 1f\n sd t0, 0(%0)\n jalr %1\n1:" ::"r"(&trap_resume), "r"(va)
		     : "t0", "ra", "memory");
	to_m();
	trap_resume = 0;
}

static inline void sfence_all(void)
{
	asm volatile("sfence.vma" ::: "memory");
}

#endif
