/*
 * roms/tests/asid.c - address spaces: two page tables with different ASIDs
 * map the same VA to different pages; switching satp between them needs no
 * sfence (their tables did not change since the last one); sfence.vma with
 * rs2 = ASID (and rs1 = VA) makes that ASID see a changed PTE, while the
 * other address space keeps its own (unchanged) translation.
 * Whether a stale entry survives a fence for another ASID is up to the
 * implementation: rvmm_tlb_stale.c checks rvmm's promise.
 */
#include "vm.h"

#define DATA 0x82000000UL
#define P(n) (DATA + (n)*4096UL)
#define X    0x400a5000UL

static pagetable_t roota, rootb, l1a, l1b, l0a, l0b;

static void build(pagetable_t root, pagetable_t l1, pagetable_t l0, u64 pa)
{
	root[0] = PTE(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	root[1] = PTE(l1, PTE_V);
	root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D);
	l1[0] = PTE(l0, PTE_V);
	l0[0xa5] = PTE(pa, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
}

static u64 s_load(u64 satp, u64 va)
{
	csr_write(satp, satp);
	return load_as(PRV_S, va);
}

/* sfence.vma va, asid from S; va or asid == -1 means x0 (all). */
static void s_fence(i64 va, i64 asid)
{
	to_mode(PRV_S);
	if (va < 0 && asid < 0)
		asm volatile("sfence.vma zero, zero" ::: "memory");
	else if (va < 0)
		asm volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
	else if (asid < 0)
		asm volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
	else
		asm volatile("sfence.vma %0, %1" ::"r"(va), "r"(asid) : "memory");
	to_m();
}

int main(void)
{
	u64 sa = SATP(roota, 1), sb = SATP(rootb, 2);

	for (int i = 0; i < 4; i++)
		*(volatile u64 *)P(i) = 0xa000 + i;
	build(roota, l1a, l0a, P(0));
	build(rootb, l1b, l0b, P(1));
	sfence_all();
	csr_write(satp, sa);
	CHECK("satp ASID field writable", (csr_read(satp) >> 44) & 0xffff, 1);

	trap_expect();
	CHECK("ASID 1 sees P0", s_load(sa, X), 0xa000);
	CHECK("ASID 2 sees P1", s_load(sb, X), 0xa001);
	CHECK("back to ASID 1: P0", s_load(sa, X), 0xa000);
	CHECK("back to ASID 2: P1", s_load(sb, X), 0xa001);

	/* Change ASID 1's PTE, fence only ASID 1. */
	l0a[0xa5] = PTE(P(2), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	csr_write(satp, sa);
	s_fence(-1, 1);
	CHECK("after sfence.vma zero, asid1: ASID 1 sees P2", s_load(sa, X), 0xa002);
	CHECK("ASID 2 still sees P1", s_load(sb, X), 0xa001);

	/* Change it again, fence by VA and ASID. */
	l0a[0xa5] = PTE(P(3), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	csr_write(satp, sa);
	s_fence(X, 1);
	CHECK("after sfence.vma va, asid1: ASID 1 sees P3", s_load(sa, X), 0xa003);

	/* Remove the mapping for ASID 2, fence everything for that VA. */
	l0b[0xa5] = 0;
	s_fence(X, -1);
	csr_write(satp, sb);
	load_as(PRV_S, X);
	CHECK("ASID 2 unmapped after sfence.vma va: fault", trap.cause, CAUSE_LOAD_PAGE);
	CHECK("  tval", trap.tval, X);
	CHECK("ASID 1 unaffected", s_load(sa, X), 0xa003);
	trap_reset();
	csr_write(satp, 0);
	return checks_done();
}
