/*
 * roms/tests/sv39.c - Sv39 translation from S and U (and M with MPRV):
 * 4 KiB, 2 MiB and 1 GiB mappings, misaligned superpages fault, the walker
 * sets A on access and D on write in the PTE in memory, U/SUM/MXR rules,
 * reserved W-without-R PTEs, invalid PTEs, non-leaf PTEs at level 0,
 * non-canonical addresses, page faults 12/13/15 with
 * mtval/stval = the virtual address, PMP checks on the walker's PTE reads
 * (access faults), and delegation of page faults to S.
 *
 * Layout: VA 0x0 (1 GiB, MMIO) and VA 0x80000000 (1 GiB, RAM) identity; VA
 * 0x40000000.. through an l1 and an l0 table onto test pages at DATA;
 * VA 0x100000000 aliases RAM with a gigapage; 0x140000000 is a misaligned
 * gigapage.  U-mode runs with rootu, whose identity maps carry PTE_U.
 */
#include "vm.h"

#define DATA	  0x82000000UL /* test pages P0..P7 */
#define MEGA	  0x82200000UL /* 2 MiB aligned */
#define P(n)	  (DATA + (n)*4096UL)
#define VA(n)	  (0x40000000UL + (n)*4096UL)
#define VMEGA	  0x40200000UL
#define VMEGA_BAD 0x40400000UL
#define VGIGA	  0x100000000UL
#define VGIGA_BAD 0x140000000UL

static pagetable_t root, rootu, l1, l0;
static volatile u64 marker = 0x600dcafe;

static void build(void)
{
	root[0] = PTE(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	root[1] = PTE(l1, PTE_V);
	root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D);
	root[4] = PTE(0x80000000UL, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	root[5] = PTE(0x80200000UL, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	rootu[0] = root[0] | PTE_U;
	rootu[1] = root[1];
	rootu[2] = root[2] | PTE_U;
	l1[0] = PTE(l0, PTE_V);
	l1[1] = PTE(MEGA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	l1[2] = PTE(MEGA + 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	l0[0] = PTE(P(0), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	l0[1] = PTE(P(1), PTE_V | PTE_R | PTE_A);
	l0[2] = PTE(P(2), PTE_V | PTE_R | PTE_W);
	l0[3] = PTE(P(3), PTE_V | PTE_X | PTE_A);
	l0[4] = PTE(P(0), PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
	l0[5] = PTE(P(5), 0);
	l0[6] = PTE(P(6), PTE_V | PTE_W | PTE_A | PTE_D);
	l0[7] = PTE(P(7), PTE_V | PTE_R | PTE_X | PTE_U | PTE_A);
	l0[8] = PTE(P(1), PTE_V | PTE_R | PTE_W | PTE_A);
	l0[9] = PTE(P(2), PTE_V);		  /* a pointer at the last level: invalid */
	l1[3] = PTE(MEGA, PTE_V | PTE_R | PTE_W); /* megapage with A = D = 0 */
	for (int i = 0; i < 8; i++)
		*(volatile u64 *)P(i) = 0x100 + i;
	*(volatile u32 *)P(7) = 0x00008067; /* ret */
	*(volatile u64 *)(MEGA + 0x1ff008) = 0x3e6a;
	asm volatile("fence.i");
}

static void fault(const char *name, u64 cause, u64 va)
{
	check(name, trap.cause, cause);
	check("  tval = va", trap.tval, va);
}

static void sizes(void)
{
	trap_expect();
	CHECK("4K: load", load_as(PRV_S, VA(0)), 0x100);
	store_as(PRV_S, VA(0) + 8, 0x5a5a);
	CHECK("4K: store lands in P0", *(volatile u64 *)(P(0) + 8), 0x5a5a);
	CHECK("4K: alias VA(4) same page", load_as(PRV_S, VA(4) + 8) == 0xdead,
	      1); /* SUM=0: fault */
	trap_expect();
	CHECK("2M: load far into the megapage", load_as(PRV_S, VMEGA + 0x1ff008), 0x3e6a);
	CHECK("1G: load through the gigapage alias",
	      load_as(PRV_S, VGIGA + ((u64)&marker - 0x80000000UL)), 0x600dcafe);
	CHECK("  no traps", trap.count, 0);
	load_as(PRV_S, VMEGA_BAD + 16);
	fault("misaligned megapage: load page fault", CAUSE_LOAD_PAGE, VMEGA_BAD + 16);
	trap_expect();
	store_as(PRV_S, VGIGA_BAD + 8, 1);
	fault("misaligned gigapage: store page fault", CAUSE_STORE_PAGE, VGIGA_BAD + 8);
	trap_expect();
	u64 insn = load_as(PRV_S, VGIGA + ((u64)P(7) - 0x80000000UL));
	CHECK("1G alias sees code page", insn & 0xffffffff, 0x00008067);
}

static void perms(void)
{
	trap_expect();
	store_as(PRV_S, VA(1) + 16, 1);
	fault("R-only: store faults 15", CAUSE_STORE_PAGE, VA(1) + 16);
	trap_expect();
	load_as(PRV_S, VA(5));
	fault("invalid PTE: load 13", CAUSE_LOAD_PAGE, VA(5));
	trap_expect();
	store_as(PRV_S, VA(5) + 4, 1);
	fault("invalid PTE: store 15", CAUSE_STORE_PAGE, VA(5) + 4);
	trap_expect();
	fetch_as(PRV_S, VA(5));
	fault("invalid PTE: fetch 12", CAUSE_FETCH_PAGE, VA(5));
	trap_expect();
	load_as(PRV_S, VA(6));
	fault("W without R is reserved: load 13", CAUSE_LOAD_PAGE, VA(6));
	trap_expect();
	store_as(PRV_S, VA(6), 1);
	fault("W without R is reserved: store 15", CAUSE_STORE_PAGE, VA(6));
	trap_expect();
	fetch_as(PRV_S, VA(1));
	fault("no X: fetch 12", CAUSE_FETCH_PAGE, VA(1));
	trap_expect();
	load_as(PRV_S, VA(9) + 8);
	fault("non-leaf PTE at level 0: 13", CAUSE_LOAD_PAGE, VA(9) + 8);
	trap_expect();
	load_as(PRV_S, 0x0000004000000000UL);
	fault("non-canonical VA (bit 38 set, 63:39 clear): 13", CAUSE_LOAD_PAGE,
	      0x0000004000000000UL);
	trap_expect();
	store_as(PRV_S, 0xffffff0000000000UL >> 1, 1);
	fault("non-canonical VA (bit 62 set only): 15", CAUSE_STORE_PAGE,
	      0xffffff0000000000UL >> 1);

	/* SUM */
	trap_expect();
	load_as(PRV_S, VA(4));
	fault("S load of U page, SUM=0: 13", CAUSE_LOAD_PAGE, VA(4));
	csr_set(mstatus, MSTATUS_SUM);
	trap_expect();
	CHECK("S load of U page, SUM=1: ok", load_as(PRV_S, VA(4)), 0x100);
	fetch_as(PRV_S, VA(7));
	fault("S fetch of U page, SUM=1: 12", CAUSE_FETCH_PAGE, VA(7));
	csr_clear(mstatus, MSTATUS_SUM);

	/* MXR */
	trap_expect();
	load_as(PRV_S, VA(3));
	fault("load of X-only page, MXR=0: 13", CAUSE_LOAD_PAGE, VA(3));
	csr_set(mstatus, MSTATUS_MXR);
	trap_expect();
	CHECK("load of X-only page, MXR=1: ok", load_as(PRV_S, VA(3)), 0x103);
	CHECK("  no trap", trap.count, 0);
	csr_clear(mstatus, MSTATUS_MXR);
}

static void accessed_dirty(void)
{
	trap_expect();
	CHECK("A, D clear before", l0[2] & (PTE_A | PTE_D), 0);
	CHECK("load A=0 page", load_as(PRV_S, VA(2)), 0x102);
	CHECK("  walker set A", l0[2] & (PTE_A | PTE_D), PTE_A);
	store_as(PRV_S, VA(2) + 8, 7);
	CHECK("  store set D", l0[2] & (PTE_A | PTE_D), PTE_A | PTE_D);
	store_as(PRV_S, VA(8) + 16, 9);
	CHECK("store to A=1 D=0 page sets D", l0[8] & PTE_D, PTE_D);
	CHECK("  stored", *(volatile u64 *)(P(1) + 16), 9);
	CHECK("  no traps", trap.count, 0);
	CHECK("superpage PTEs untouched but valid", l1[1] & 0xff,
	      PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	CHECK("megapage with A=0: load", load_as(PRV_S, VMEGA + 0x400000 + 0x1ff008), 0x3e6a);
	CHECK("  walker set A in the level-1 PTE", l1[3] & (PTE_A | PTE_D), PTE_A);
	store_as(PRV_S, VMEGA + 0x400000 + 0x1ff010, 1);
	CHECK("  store set D", l1[3] & (PTE_A | PTE_D), PTE_A | PTE_D);
	CHECK("  no traps", trap.count, 0);
}

static void user(void)
{
	csr_write(satp, SATP(rootu, 0));
	sfence_all();
	trap_expect();
	CHECK("U load of U page", load_as(PRV_U, VA(4)), 0x100);
	load_as(PRV_U, VA(0));
	fault("U load of S page: 13", CAUSE_LOAD_PAGE, VA(0));
	CHECK("  from U", trap.from, PRV_U);
	trap_expect();
	fetch_as(PRV_U, VA(7));
	CHECK("U fetch of U|X page ok", trap.count, 0);
	csr_write(satp, SATP(root, 0));
	sfence_all();
}

static void mprv(void)
{
	u64 v;

	trap_expect();
	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, MSTATUS_MPRV | (u64)PRV_S << MSTATUS_MPP_SHIFT);
	v = *(volatile u64 *)VA(0);
	csr_clear(mstatus, MSTATUS_MPRV);
	CHECK("MPRV=1 MPP=S: M load translated", v, 0x100);
	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, MSTATUS_MPRV); /* MPP = U */
	v = *(volatile u64 *)VA(0);
	csr_clear(mstatus, MSTATUS_MPRV);
	fault("MPRV=1 MPP=U: U rules, 13", CAUSE_LOAD_PAGE, VA(0));
	CHECK("  taken in M from M", trap.from, PRV_M);
	trap_reset();
}

/* PMP applies to the walker's own reads: a page-table page S may not read. */
static void pmp_walk(void)
{
	csr_write(pmpaddr0, ((u64)l0 >> 2) | (4096 / 8 - 1)); /* NAPOT over l0 */
	csr_set(pmpcfg0, PMP_NAPOT);			      /* no R, W, X */
	sfence_all();
	trap_expect();
	load_as(PRV_S, VA(0));
	fault("walk reads a PMP-denied PTE: load access fault", CAUSE_LOAD_ACCESS, VA(0));
	trap_expect();
	store_as(PRV_S, VA(0), 1);
	fault("  store: store access fault", CAUSE_STORE_ACCESS, VA(0));
	trap_expect();
	CHECK("  a gigapage walk does not touch l0",
	      load_as(PRV_S, VGIGA + ((u64)&marker - 0x80000000UL)), 0x600dcafe);
	csr_clear(pmpcfg0, 0xff);
	sfence_all();
	CHECK("PMP entry off: walk works again", load_as(PRV_S, VA(0)), 0x100);
	CHECK("  no traps", trap.count, 0);
	trap_reset();
}

static void delegated(void)
{
	csr_write(medeleg, 1 << CAUSE_LOAD_PAGE | 1 << CAUSE_STORE_PAGE | 1 << CAUSE_FETCH_PAGE);
	trap_expect();
	load_as(PRV_S, VA(5) + 0x18);
	CHECK("delegated load fault: S handler", trap.handler, PRV_S);
	fault("  scause 13", CAUSE_LOAD_PAGE, VA(5) + 0x18);
	trap_expect();
	store_as(PRV_S, VA(1) + 0x20, 1);
	CHECK("delegated store fault: S handler", trap.handler, PRV_S);
	fault("  scause 15", CAUSE_STORE_PAGE, VA(1) + 0x20);
	CHECK("  stval CSR", csr_read(stval), VA(1) + 0x20);
	trap_expect();
	fetch_as(PRV_S, VA(5) + 0x40);
	fault("delegated fetch fault: 12", CAUSE_FETCH_PAGE, VA(5) + 0x40);
	CHECK("  sepc = va", trap.epc, VA(5) + 0x40);
	csr_write(medeleg, 0);
	trap_reset();
}

int main(void)
{
	build();
	csr_write(satp, SATP(root, 0));
	CHECK("satp reads back", csr_read(satp), SATP(root, 0));
	csr_write(satp, (1UL << 60) | 5);
	CHECK("satp ignores a reserved mode", csr_read(satp), SATP(root, 0));
	sfence_all();
	sizes();
	perms();
	accessed_dirty();
	user();
	mprv();
	pmp_walk();
	delegated();
	csr_write(satp, 0);
	return checks_done();
}
