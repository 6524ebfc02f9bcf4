/*
 * roms/tests/pmp.c - physical memory protection: TOR, NA4 and NAPOT
 * regions checked for S and U accesses (loads cause 5, stores 7, fetches 1,
 * with mtval = the address), the lowest-numbered matching entry wins, S/U
 * accesses that match no entry fail once any entry is active, M ignores
 * unlocked entries, and the lock bit applies an entry to M and freezes it.
 *
 * Test memory lies 32 MiB into RAM, away from the image.  crt.S's entry 15
 * (allow everything) is turned off where "no match" is the point.
 */
#include "vm.h"

#define AREA 0x82000000UL /* four test pages */

static u64 napot(u64 base, u64 size)
{
	return (base >> 2) | ((size >> 3) - 1);
}

/* Set entry i (0..15) to cfg with address register value addr. */
static void pmp_set(int i, u64 addr, u64 cfg)
{
	switch (i) {
	case 0: csr_write(pmpaddr0, addr); break;
	case 1: csr_write(pmpaddr1, addr); break;
	case 2: csr_write(pmpaddr2, addr); break;
	case 3: csr_write(pmpaddr3, addr); break;
	case 8: csr_write(pmpaddr8, addr); break;
	case 15: csr_write(pmpaddr15, addr); break;
	default: rt_exit(250);
	}
	int sh = (i & 7) * 8;
	if (i < 8) {
		u64 v = csr_read(pmpcfg0) & ~(0xffUL << sh);
		csr_write(pmpcfg0, v | cfg << sh);
	} else {
		u64 v = csr_read(pmpcfg2) & ~(0xffUL << sh);
		csr_write(pmpcfg2, v | cfg << sh);
	}
	asm volatile("sfence.vma");
}

static void expect_fault(const char *name, u64 cause, u64 addr)
{
	check(name, trap.cause, cause);
	check("  mtval", trap.tval, addr);
}

int main(void)
{
	volatile u64 *p = (volatile u64 *)AREA;

	for (int i = 0; i < 4 * 512; i++)
		p[i] = 0x1000 + i;
	p[512] = 0x00008067; /* ret, for the fetch checks */
	asm volatile("fence.i");

	trap_expect();
	CHECK("U load, allow-all entry", load_as(PRV_U, AREA), 0x1000);
	CHECK("  no trap", trap.count, 0);

	/* NAPOT 4 KiB read-only. */
	pmp_set(0, napot(AREA, 4096), PMP_NAPOT | PMP_R);
	CHECK("pmpaddr0 reads back", csr_read(pmpaddr0), napot(AREA, 4096));
	CHECK("pmpcfg0 reads back", csr_read(pmpcfg0) & 0xff, PMP_NAPOT | PMP_R);
	trap_expect();
	CHECK("NAPOT R: U load ok", load_as(PRV_U, AREA + 8), 0x1001);
	store_as(PRV_U, AREA + 16, 5);
	expect_fault("NAPOT R: U store faults, cause 7", CAUSE_STORE_ACCESS, AREA + 16);
	CHECK("  memory unchanged", p[2], 0x1002);
	trap_expect();
	store_as(PRV_S, AREA + 4088, 5);
	expect_fault("NAPOT R: S store faults at the last word", CAUSE_STORE_ACCESS, AREA + 4088);
	trap_expect();
	store_as(PRV_S, AREA + 4096, 0x77);
	CHECK("  next page not covered: allowed", trap.count, 0);
	CHECK("  stored", p[512 + 0], 0x77);
	p[512] = 0x00008067;
	asm volatile("fence.i");
	trap_expect();
	store_as(PRV_M, AREA + 16, 6);
	CHECK("M ignores unlocked entries", trap.count, 0);
	CHECK("  stored", p[2], 6);

	/* Lowest-numbered matching entry wins. */
	pmp_set(1, napot(AREA, 16384), PMP_NAPOT | PMP_R | PMP_W);
	trap_expect();
	store_as(PRV_U, AREA + 24, 5);
	expect_fault("entry 0 (R) beats entry 1 (RW)", CAUSE_STORE_ACCESS, AREA + 24);
	trap_expect();
	store_as(PRV_U, AREA + 8192, 9);
	CHECK("entry 1 alone: store ok", trap.count, 0);

	/* X only: loads fault with cause 5, fetch ok; no X: fetch faults with cause 1. */
	pmp_set(0, napot(AREA + 4096, 4096), PMP_NAPOT | PMP_X);
	trap_expect();
	load_as(PRV_S, AREA + 4096);
	expect_fault("NAPOT X: S load faults, cause 5", CAUSE_LOAD_ACCESS, AREA + 4096);
	trap_expect();
	fetch_as(PRV_U, AREA + 4096);
	CHECK("NAPOT X: U fetch ok", trap.count, 0);
	pmp_set(0, napot(AREA + 4096, 4096), PMP_NAPOT | PMP_R);
	trap_expect();
	fetch_as(PRV_U, AREA + 4096);
	expect_fault("NAPOT R: U fetch faults, cause 1", CAUSE_FETCH_ACCESS, AREA + 4096);

	/* TOR: [AREA + 8192, AREA + 12288) no permissions. */
	pmp_set(0, (AREA + 8192) >> 2, 0);
	pmp_set(1, (AREA + 12288) >> 2, PMP_TOR);
	trap_expect();
	load_as(PRV_U, AREA + 8192);
	expect_fault("TOR none: U load at bottom faults", CAUSE_LOAD_ACCESS, AREA + 8192);
	trap_expect();
	load_as(PRV_U, AREA + 12280);
	expect_fault("TOR none: U load at top-8 faults", CAUSE_LOAD_ACCESS, AREA + 12280);
	trap_expect();
	CHECK("TOR: just above top ok", load_as(PRV_U, AREA + 12288), 0x1000 + 1536);
	CHECK("TOR: just below bottom ok", load_as(PRV_U, AREA + 8184), 0x1000 + 1023);
	CHECK("  no traps", trap.count, 0);

	/* NA4: one word. */
	p[8] = 0x1234567800001008UL;
	pmp_set(1, 0, 0);
	pmp_set(0, (AREA + 64) >> 2, PMP_NA4);
	trap_expect();
	u64 v = 0;
	to_mode(PRV_U);
	asm volatile("lw %0, 0(%1)" : "+r"(v) : "r"(AREA + 64) : "memory");
	to_m();
	expect_fault("NA4: U lw in the word faults", CAUSE_LOAD_ACCESS, AREA + 64);
	trap_expect();
	to_mode(PRV_U);
	asm volatile("lw %0, 0(%1)" : "+r"(v) : "r"(AREA + 68) : "memory");
	to_m();
	CHECK("NA4: next word ok", trap.count, 0);
	CHECK("  value", v, 0x12345678);
	pmp_set(0, 0, 0);

	/* No entry matches: with entry 15 off, S/U fail; M still works. */
	pmp_set(1, napot(0x80000000UL, 32 << 20), PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	pmp_set(2, napot(0x10000000UL, 4096), PMP_NAPOT | PMP_R | PMP_W);
	pmp_set(15, 0, 0);
	trap_expect();
	load_as(PRV_S, AREA);
	expect_fault("no match: S load faults", CAUSE_LOAD_ACCESS, AREA);
	trap_expect();
	store_as(PRV_U, AREA + 8, 1);
	expect_fault("no match: U store faults", CAUSE_STORE_ACCESS, AREA + 8);
	trap_expect();
	p[3] = 33;
	CHECK("no match: M store ok", trap.count, 0);
	pmp_set(15, ~0UL, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
	pmp_set(1, 0, 0);
	pmp_set(2, 0, 0);

	/* Lock bit: entry 8 read-only and locked over the last test page. */
	pmp_set(8, napot(AREA + 12288, 4096), PMP_NAPOT | PMP_R | PMP_L);
	trap_expect();
	p[1536] = 1;
	expect_fault("locked R: M store faults", CAUSE_STORE_ACCESS, AREA + 12288);
	CHECK("  M load ok", p[1537], 0x1000 + 1537);
	csr_write(pmpaddr8, 0);
	csr_clear(pmpcfg2, 0xff);
	CHECK("locked pmpaddr8 ignores writes", csr_read(pmpaddr8), napot(AREA + 12288, 4096));
	CHECK("locked pmpcfg byte ignores writes", csr_read(pmpcfg2) & 0xff,
	      PMP_NAPOT | PMP_R | PMP_L);
	trap_reset();
	return checks_done();
}
