/*
 * roms/tests/deleg.c - exception delegation with medeleg: delegated causes
 * from S and U reach the S handler with scause/sepc/stval, SPP naming the
 * mode they came from, SPIE = the old SIE and SIE cleared; causes not
 * delegated still go to M, and traps raised in M are never delegated.
 */
#include "rt.h"

static u64 s_status;
static int s_hooked;

/* Record the sstatus the S handler saw, then let the default policy run. */
static int s_hook(struct trapframe *tf, int handler)
{
	if (handler == PRV_S) {
		s_status = tf->status;
		s_hooked++;
	}
	return 0;
}

static u64 ecall_at(void)
{
	u64 pc;
	asm volatile(".option push\n .option norvc\n li a7, 0\n la %0, 1f\n1: ecall\n .option pop"
		     : "=r"(pc)::"a7");
	return pc;
}

int main(void)
{
	u64 pc;

	trap_hook = s_hook;
	csr_write(medeleg, 1 << CAUSE_ECALL_U | 1 << CAUSE_ILLEGAL | 1 << CAUSE_BREAKPOINT);

	/* ecall from U, SIE = 1 before: to S with SPP = U, SPIE = 1, SIE = 0. */
	to_mode(PRV_S);
	csr_set(sstatus, MSTATUS_SIE);
	to_m();
	trap_expect();
	to_mode(PRV_U);
	pc = ecall_at();
	to_m(); /* the escape itself goes through S first: that is tested too */
	CHECK("U ecall delegated: handled in S", trap.handler, PRV_S);
	CHECK("  scause 8", trap.cause, CAUSE_ECALL_U);
	CHECK("  sepc", trap.epc, pc);
	CHECK("  SPP = U", s_status & MSTATUS_SPP, 0);
	CHECK("  SPIE = old SIE", s_status & MSTATUS_SPIE, MSTATUS_SPIE);
	CHECK("  SIE cleared", s_status & MSTATUS_SIE, 0);
	CHECK("  S handler ran", s_hooked >= 1, 1);
	CHECK("scause CSR", csr_read(scause), CAUSE_ECALL_U);

	/* Illegal instruction in S: to S, stval = bits, SPP = S. */
	trap_expect();
	to_mode(PRV_S);
	csr_clear(sstatus, MSTATUS_SIE);
	asm volatile(".4byte 0xffffffff");
	to_m();
	CHECK("S illegal delegated: handled in S", trap.handler, PRV_S);
	CHECK("  cause", trap.cause, CAUSE_ILLEGAL);
	CHECK("  stval = insn", trap.tval, 0xffffffff);
	CHECK("  SPP = S", s_status & MSTATUS_SPP, MSTATUS_SPP);
	CHECK("  SIE was 0: SPIE = 0", s_status & MSTATUS_SPIE, 0);

	/* ebreak from S. */
	trap_expect();
	to_mode(PRV_S);
	asm volatile(".option push\n .option norvc\n la %0, 1f\n1: ebreak\n .option pop"
		     : "=r"(pc));
	to_m();
	CHECK("S ebreak delegated", trap.handler, PRV_S);
	CHECK("  sepc", trap.epc, pc);

	/* ecall from S is not delegated: goes to M. */
	trap_expect();
	to_mode(PRV_S);
	ecall_at();
	to_m();
	CHECK("S ecall not delegated: M", trap.handler, PRV_M);
	CHECK("  cause 9", trap.cause, CAUSE_ECALL_S);

	/* A delegated cause raised in M stays in M. */
	trap_expect();
	asm volatile(".4byte 0xffffffff");
	CHECK("M illegal with medeleg: M", trap.handler, PRV_M);
	CHECK("  from M", trap.from, PRV_M);

	/* Delegation to S while S has stvec in vectored mode: exceptions use base. */
	csr_write(stvec, csr_read(stvec) | 1);
	trap_expect();
	to_mode(PRV_U);
	asm volatile(".4byte 0xffffffff");
	to_m();
	CHECK("U illegal delegated, stvec vectored", trap.handler, PRV_S);
	CHECK("  from U", trap.from, PRV_U);
	csr_write(stvec, csr_read(stvec) & ~3UL);
	trap_reset();
	csr_write(medeleg, 0);
	return checks_done();
}
