/*
 * roms/tests/rvmm_tlb_stale.c - rvmm only (QEMU may refill its TLB at any
 * time, which the spec allows): rvmm promises a TLB that stays stale until
 * sfence.vma.  A PTE changed without a fence keeps its old translation
 * (and old permission); sfence.vma for another VA or another ASID leaves it
 * stale; the right fence makes the new PTE visible.
 * The test VA uses TLB-index-friendly page numbers (0xa5, 0x5a) that do not
 * collide with the image's own pages in a direct-mapped TLB of >= 256 sets.
 */
#include "vm.h"

#define DATA 0x82000000UL
#define P(n) (DATA + (n)*4096UL)
#define X    0x400a5000UL
#define Y    0x4005a000UL

static pagetable_t roota, rootb, l1a, l1b, l0a, l0b;

#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

static void build(pagetable_t root, pagetable_t l1, pagetable_t l0, u64 pa)
{
	root[0] = PTE(0, RW);
	root[1] = PTE(l1, PTE_V);
	root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D);
	l1[0] = PTE(l0, PTE_V);
	l0[0xa5] = PTE(pa, RW);
	l0[0x5a] = PTE(pa, RW);
}

/* Load va in S under satp; satp is written only when it changes. */
static u64 s_load(u64 satp, u64 va)
{
	if (csr_read(satp) != satp)
		csr_write(satp, satp);
	return load_as(PRV_S, va);
}

static void s_fence_va(u64 va)
{
	to_mode(PRV_S);
	asm volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
	to_m();
}

static void s_fence_asid(u64 asid)
{
	to_mode(PRV_S);
	asm volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
	to_m();
}

int main(void)
{
	u64 sa = SATP(roota, 1), sb = SATP(rootb, 2);

	for (int i = 0; i < 6; i++)
		*(volatile u64 *)P(i) = 0xb000 + i;
	build(roota, l1a, l0a, P(0));
	build(rootb, l1b, l0b, P(1));
	sfence_all();

	trap_expect();
	CHECK("ASID 1 fills X -> P0", s_load(sa, X), 0xb000);
	l0a[0xa5] = PTE(P(2), RW);
	CHECK("PTE changed, no fence: still P0 (stale)", s_load(sa, X), 0xb000);
	s_fence_va(Y);
	CHECK("sfence.vma of another VA: still P0", s_load(sa, X), 0xb000);
	s_fence_asid(2);
	CHECK("sfence.vma of another ASID: still P0", s_load(sa, X), 0xb000);
	s_fence_va(X);
	CHECK("sfence.vma X: now P2", s_load(sa, X), 0xb002);

	/* Per-ASID flush. */
	CHECK("ASID 2 fills X -> P1", s_load(sb, X), 0xb001);
	l0a[0xa5] = PTE(P(3), RW);
	l0b[0xa5] = PTE(P(4), RW);
	csr_write(satp, sa);
	s_fence_asid(1);
	CHECK("sfence.vma zero, asid1: ASID 1 sees P3", s_load(sa, X), 0xb003);
	CHECK("ASID 2 still stale: P1", s_load(sb, X), 0xb001);
	s_fence_asid(2);
	CHECK("sfence.vma zero, asid2: ASID 2 sees P4", s_load(sb, X), 0xb004);

	/* Stale permission: an unmapped page is still reachable until the fence. */
	CHECK("Y mapped in ASID 1", s_load(sa, Y), 0xb000);
	l0a[0x5a] = 0;
	CHECK("Y unmapped, no fence: still readable", s_load(sa, Y), 0xb000);
	CHECK("  no fault", trap.count, 0);
	s_fence_va(Y);
	load_as(PRV_S, Y);
	CHECK("after sfence.vma Y: load page fault", trap.cause, CAUSE_LOAD_PAGE);
	CHECK("  tval", trap.tval, Y);
	trap_reset();
	csr_write(satp, 0);
	return checks_done();
}
