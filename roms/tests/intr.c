/*
 * roms/tests/intr.c - interrupts: the CLINT timer (mtimecmp in the past
 * raises MTIP, taken only with mie.MTIE and mstatus.MIE in M), the software
 * interrupt through msip, the fixed priority between pending interrupts
 * (MSI before MTI; M-level before S-level), mtvec vectored mode (interrupt
 * n enters at base + 4n, exceptions at base), and supervisor interrupts:
 * STIP/SSIP/SEIP set by M and delegated with mideleg, taken in S only with SIE
 * (always from U), never in M, and taken to M when not delegated.
 */
#include "rt.h"

static int order[8], norder;

/* Record the interrupt and silence its source (not the enable bit). */
static int quiet_source(struct trapframe *tf, int handler)
{
	u64 c = tf->cause & 63;

	if (!(tf->cause & CAUSE_INTR))
		return 0;
	if (norder < 8)
		order[norder++] = (int)c | (handler == PRV_S ? 0x100 : 0);
	if (handler == PRV_M) {
		if (c == IRQ_MTI)
			mmio_write64(CLINT_MTIMECMP, ~0UL);
		else if (c == IRQ_MSI)
			mmio_write32(CLINT_MSIP, 0);
		else if (c == IRQ_STI || c == IRQ_SSI)
			csr_clear(mip, 1UL << c);
	} else {
		csr_clear(sie, 1UL << c); /* S cannot clear STIP itself */
	}
	return 1;
}

static void timer(void)
{
	csr_clear(mstatus, MSTATUS_MIE);
	csr_write(mie, 0);
	mmio_write64(CLINT_MTIMECMP, ~0UL);
	CHECK("mtimecmp in the future: MTIP clear", (csr_read(mip) >> IRQ_MTI) & 1, 0);
	mmio_write64(CLINT_MTIMECMP, mmio_read64(CLINT_MTIME));
	CHECK("mtimecmp <= mtime: MTIP set", (csr_read(mip) >> IRQ_MTI) & 1, 1);
	trap_expect();
	csr_write(mie, 1 << IRQ_MTI);
	for (volatile int i = 0; i < 10; i++)
		;
	CHECK("MIE=0: not taken in M", trap.count, 0);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("MIE=1: taken", trap.cause, CAUSE_INTR | IRQ_MTI);
	CHECK("  once", trap.count, 1);
	CHECK("  handler masked it: MTIP still pending", (csr_read(mip) >> IRQ_MTI) & 1, 1);

	/* A timer in the near future fires by itself. */
	trap_expect();
	mmio_write64(CLINT_MTIMECMP, mmio_read64(CLINT_MTIME) + 100);
	csr_write(mie, 1 << IRQ_MTI);
	csr_set(mstatus, MSTATUS_MIE);
	/* generous: QEMU delivers its timer from another host thread, late under load */
	for (u64 i = 0; i < 400000000 && !trap.count; i++)
		;
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("future mtimecmp fires", trap.cause, CAUSE_INTR | IRQ_MTI);

	/*
	 * wfi with MIE = 0 sleeps until the timer is due, then falls through
	 * (a wfi that returns at once is legal; QEMU and rvmm both wait).
	 */
	trap_expect();
	u64 due = mmio_read64(CLINT_MTIME) + 1000;
	mmio_write64(CLINT_MTIMECMP, due);
	csr_write(mie, 1 << IRQ_MTI);
	asm volatile("wfi");
	CHECK("wfi wakes when mtimecmp is reached", mmio_read64(CLINT_MTIME) >= due, 1);
	CHECK("  nothing taken (MIE=0)", trap.count, 0);

	/* Taken from S and U regardless of MIE. */
	trap_expect();
	mmio_write64(CLINT_MTIMECMP, 0);
	csr_write(mie, 1 << IRQ_MTI);
	to_mode(PRV_U);
	for (volatile int i = 0; i < 10; i++)
		;
	to_m();
	CHECK("M timer taken from U with MIE=0", trap.cause, CAUSE_INTR | IRQ_MTI);
	CHECK("  from U", trap.from, PRV_U);
	trap_reset();
}

static void software(void)
{
	trap_expect();
	trap_hook = quiet_source;
	csr_write(mie, 1 << IRQ_MSI);
	mmio_write32(CLINT_MSIP, 1);
	CHECK("msip=1: MSIP pending", (csr_read(mip) >> IRQ_MSI) & 1, 1);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("software interrupt taken", trap.cause, CAUSE_INTR | IRQ_MSI);
	CHECK("msip cleared", (csr_read(mip) >> IRQ_MSI) & 1, 0);

	/* Both pending: MSI first, then MTI. */
	trap_expect();
	norder = 0;
	mmio_write64(CLINT_MTIMECMP, 0);
	mmio_write32(CLINT_MSIP, 1);
	csr_write(mie, 1 << IRQ_MSI | 1 << IRQ_MTI);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop\n nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("two taken", norder, 2);
	CHECK("  MSI first", order[0], IRQ_MSI);
	CHECK("  MTI second", order[1], IRQ_MTI);
	csr_write(mie, 0);
	trap_reset();
}

static void vectored(void)
{
	extern char rt_mvec_table[], rt_mtrap_entry[];

	csr_write(mtvec, (u64)rt_mvec_table | 1);
	CHECK("mtvec vectored mode reads back", csr_read(mtvec), (u64)rt_mvec_table | 1);
	trap_expect();
	trap_hook = quiet_source;
	mmio_write64(CLINT_MTIMECMP, 0);
	csr_write(mie, 1 << IRQ_MTI);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("timer enters at base + 4*7", trap.vec, 7);
	trap_expect();
	mmio_write32(CLINT_MSIP, 1);
	csr_write(mie, 1 << IRQ_MSI);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("software enters at base + 4*3", trap.vec, 3);
	trap_expect();
	asm volatile("ebreak");
	CHECK("exception enters at base", trap.vec, 0);
	CHECK("  cause", trap.cause, CAUSE_BREAKPOINT);
	trap_reset();
	csr_write(mie, 0);
	csr_write(mtvec, (u64)rt_mtrap_entry);
}

static void supervisor(void)
{
	trap_hook = quiet_source;
	csr_write(mideleg, 1 << IRQ_STI | 1 << IRQ_SSI);

	/* Delegated STIP, M-mode with MIE=1: never taken in M. */
	trap_expect();
	csr_set(mip, 1 << IRQ_STI);
	csr_write(mie, 1 << IRQ_STI);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop\n nop");
	csr_clear(mstatus, MSTATUS_MIE);
	CHECK("delegated STI not taken in M", trap.count, 0);

	/* In S with SIE=0: pending, not taken; with SIE=1: taken in S. */
	to_mode(PRV_S);
	csr_clear(sstatus, MSTATUS_SIE);
	asm volatile("nop\n nop");
	CHECK("S, SIE=0: not taken", trap.count, 0);
	CHECK("  sip.STIP visible", (csr_read(sip) >> IRQ_STI) & 1, 1);
	csr_set(sstatus, MSTATUS_SIE);
	asm volatile("nop");
	csr_clear(sstatus, MSTATUS_SIE);
	to_m();
	CHECK("S, SIE=1: taken in S", trap.handler, PRV_S);
	CHECK("  scause", trap.cause, CAUSE_INTR | IRQ_STI);

	/* From U, S interrupts are enabled whatever SIE says. */
	trap_expect();
	csr_write(mie, 1 << IRQ_STI);
	to_mode(PRV_U);
	asm volatile("nop\n nop");
	to_m();
	CHECK("U: delegated STI taken in S", trap.handler, PRV_S);
	CHECK("  from U", trap.from, PRV_U);
	csr_clear(mip, 1 << IRQ_STI);

	/* Supervisor software interrupt set by S itself through sip. */
	trap_expect();
	csr_write(mie, 1 << IRQ_SSI);
	to_mode(PRV_S);
	csr_set(sstatus, MSTATUS_SIE);
	csr_set(sip, 1 << IRQ_SSI);
	asm volatile("nop");
	csr_clear(sstatus, MSTATUS_SIE);
	csr_clear(sip, 1 << IRQ_SSI);
	to_m();
	CHECK("SSI set through sip taken in S", trap.cause, CAUSE_INTR | IRQ_SSI);

	/* Supervisor external interrupt injected by M through mip.SEIP. */
	csr_write(mideleg, 1 << IRQ_SEI);
	trap_expect();
	csr_set(mip, 1 << IRQ_SEI);
	csr_write(mie, 1 << IRQ_SEI);
	to_mode(PRV_S);
	csr_set(sstatus, MSTATUS_SIE);
	asm volatile("nop");
	csr_clear(sstatus, MSTATUS_SIE);
	to_m();
	csr_clear(mip, 1 << IRQ_SEI);
	CHECK("SEIP set by M, delegated: taken in S", trap.handler, PRV_S);
	CHECK("  scause 9", trap.cause, CAUSE_INTR | IRQ_SEI);

	/* Not delegated: STI from S goes to M. */
	csr_write(mideleg, 0);
	trap_expect();
	csr_set(mip, 1 << IRQ_STI);
	csr_write(mie, 1 << IRQ_STI);
	to_mode(PRV_S);
	asm volatile("nop\n nop");
	to_m();
	CHECK("undelegated STI from S: to M", trap.handler, PRV_M);
	CHECK("  cause", trap.cause, CAUSE_INTR | IRQ_STI);

	/* M timer and delegated S timer both pending in S: M first. */
	csr_write(mideleg, 1 << IRQ_STI);
	trap_expect();
	norder = 0;
	csr_set(mip, 1 << IRQ_STI);
	mmio_write64(CLINT_MTIMECMP, 0);
	csr_write(mie, 1 << IRQ_STI | 1 << IRQ_MTI);
	to_mode(PRV_S);
	csr_set(sstatus, MSTATUS_SIE);
	asm volatile("nop\n nop\n nop");
	csr_clear(sstatus, MSTATUS_SIE);
	to_m();
	CHECK("MTI before delegated STI", order[0], IRQ_MTI);
	CHECK("  then STI in S", order[1], 0x100 | IRQ_STI);
	csr_clear(mip, 1 << IRQ_STI);
	csr_write(mie, 0);
	csr_write(mideleg, 0);
	trap_reset();
}

int main(void)
{
	timer();
	software();
	vectored();
	supervisor();
	return checks_done();
}
