/*
 * roms/tests/trap.c - exceptions taken to M: illegal instructions with
 * mtval = the instruction bits (32- and 16-bit encodings), ecall from M, S
 * and U (causes 11, 9, 8), ebreak, privileged instructions from the wrong
 * mode, the mret/sret rules for MPP/SPP/MPIE/SPIE/MIE/SIE, and the
 * trap-virtualisation bits: TW (wfi), TVM (satp, sfence.vma), TSR (sret).
 */
#include "rt.h"

static u64 ecall_at(void)
{
	u64 pc;
	asm volatile(".option push\n .option norvc\n li a7, 0\n la %0, 1f\n1: ecall\n .option pop"
		     : "=r"(pc)::"a7");
	return pc;
}

static void illegal(void)
{
	trap_expect();
	asm volatile(".4byte 0xc0001073"); /* csrrw x0, cycle, x0: read-only CSR */
	CHECK("write to cycle: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval = 32-bit insn", trap.tval, 0xc0001073);
	trap_expect();
	asm volatile(".4byte 0xffffffff");
	CHECK("0xffffffff: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0xffffffff);
	trap_expect();
	asm volatile(".2byte 0x0000\n .2byte 0x0001"); /* c.unimp, c.nop */
	CHECK("c.unimp: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval = 0", trap.tval, 0);
	trap_expect();
	asm volatile(".2byte 0x6501\n .2byte 0x0001"); /* c.lui a0, 0: reserved */
	CHECK("c.lui imm 0: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval = 16-bit insn", trap.tval, 0x6501);
	trap_expect();
	asm volatile(".2byte 0x0010\n .2byte 0x0001"); /* c.addi4spn imm 0: reserved */
	CHECK("c.addi4spn imm 0: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0x0010);
	trap_expect();
	asm volatile(".4byte 0x7b200073"); /* dret outside debug mode */
	CHECK("dret: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	asm volatile("csrr t0, 0x7ff" ::: "t0"); /* unimplemented custom CSR */
	CHECK("unknown CSR: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_reset();
}

static void calls(void)
{
	u64 pc;

	trap_expect();
	pc = ecall_at();
	CHECK("ecall from M: cause 11", trap.cause, CAUSE_ECALL_M);
	CHECK("  mepc", trap.epc, pc);
	trap_expect();
	to_mode(PRV_S);
	pc = ecall_at();
	to_m();
	CHECK("ecall from S: cause 9", trap.cause, CAUSE_ECALL_S);
	CHECK("  mepc", trap.epc, pc);
	CHECK("  MPP was S", trap.from, PRV_S);
	trap_expect();
	to_mode(PRV_U);
	pc = ecall_at();
	to_m();
	CHECK("ecall from U: cause 8", trap.cause, CAUSE_ECALL_U);
	CHECK("  MPP was U", trap.from, PRV_U);
	trap_expect();
	asm volatile(".option push\n .option norvc\n la %0, 1f\n1: ebreak\n .option pop"
		     : "=r"(pc));
	CHECK("ebreak: cause 3", trap.cause, CAUSE_BREAKPOINT);
	CHECK("  mepc", trap.epc, pc);
	trap_reset();
}

static void wrong_mode(void)
{
	trap_expect();
	to_mode(PRV_S);
	(void)csr_read(mstatus);
	to_m();
	CHECK("S reads mstatus: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_U);
	(void)csr_read(sstatus);
	to_m();
	CHECK("U reads sstatus: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_S);
	asm volatile("mret");
	to_m();
	CHECK("mret in S: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0x30200073);
	trap_expect();
	to_mode(PRV_U);
	asm volatile("sret");
	to_m();
	CHECK("sret in U: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_U);
	asm volatile("sfence.vma");
	to_m();
	CHECK("sfence.vma in U: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_U);
	asm volatile("wfi");
	to_m();
	CHECK("wfi in U: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_reset();
}

static void xret_rules(void)
{
	u64 s;

	/* mret: MIE = MPIE, MPIE = 1, MPP = U, back in the mode MPP named. */
	csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPP);
	csr_set(mstatus, MSTATUS_MPIE | MSTATUS_MPP);
	asm volatile("la t0, 1f\n csrw mepc, t0\n mret\n1:" ::: "t0");
	s = csr_read(mstatus);
	CHECK("mret to M: MIE = old MPIE", s & MSTATUS_MIE, MSTATUS_MIE);
	CHECK("  MPIE = 1", s & MSTATUS_MPIE, MSTATUS_MPIE);
	CHECK("  MPP = U", s & MSTATUS_MPP, 0);
	csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
	csr_set(mstatus, MSTATUS_MPP);
	asm volatile("la t0, 1f\n csrw mepc, t0\n mret\n1:" ::: "t0");
	s = csr_read(mstatus);
	CHECK("mret with MPIE=0: MIE = 0", s & MSTATUS_MIE, 0);
	CHECK("  MPIE = 1", s & MSTATUS_MPIE, MSTATUS_MPIE);

	/* sret in S: SIE = SPIE, SPIE = 1, SPP = U, privilege from SPP. */
	to_mode(PRV_S);
	csr_clear(sstatus, MSTATUS_SIE | MSTATUS_SPIE);
	csr_set(sstatus, MSTATUS_SPP);
	asm volatile("la t0, 1f\n csrw sepc, t0\n sret\n1:" ::: "t0");
	s = csr_read(sstatus);
	CHECK("sret to S: SIE = old SPIE", s & MSTATUS_SIE, 0);
	CHECK("  SPIE = 1", s & MSTATUS_SPIE, MSTATUS_SPIE);
	CHECK("  SPP = U", s & MSTATUS_SPP, 0);
	csr_set(sstatus, MSTATUS_SPIE | MSTATUS_SPP);
	asm volatile("la t0, 1f\n csrw sepc, t0\n sret\n1:" ::: "t0");
	CHECK("sret with SPIE=1: SIE = 1", csr_read(sstatus) & MSTATUS_SIE, MSTATUS_SIE);
	csr_clear(sstatus, MSTATUS_SIE);
	/* sret with SPP = U drops to U: a CSR read now traps from U. */
	trap_expect();
	asm volatile("la t0, 1f\n csrw sepc, t0\n sret\n1:" ::: "t0");
	rt_priv = PRV_U;
	(void)csr_read(sstatus);
	to_m();
	CHECK("sret with SPP=U enters U", trap.from, PRV_U);
	trap_reset();
}

static void virt_bits(void)
{
	/* wfi completes when an enabled interrupt is pending, even with MIE = 0. */
	csr_clear(mstatus, MSTATUS_MIE);
	mmio_write64(CLINT_MTIMECMP, 0);
	csr_write(mie, 1 << IRQ_MTI);
	asm volatile("wfi");
	CHECK("wfi returns with MTIP pending", (csr_read(mip) >> IRQ_MTI) & 1, 1);
	csr_write(mie, 0);
	mmio_write64(CLINT_MTIMECMP, ~0UL);

	csr_set(mstatus, MSTATUS_TW);
	trap_expect();
	to_mode(PRV_S);
	asm volatile("wfi");
	to_m();
	CHECK("TW=1: wfi in S illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0x10500073);
	csr_clear(mstatus, MSTATUS_TW);

	csr_set(mstatus, MSTATUS_TVM);
	trap_expect();
	to_mode(PRV_S);
	(void)csr_read(satp);
	to_m();
	CHECK("TVM=1: satp in S illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_S);
	asm volatile("sfence.vma");
	to_m();
	CHECK("TVM=1: sfence.vma in S illegal", trap.cause, CAUSE_ILLEGAL);
	csr_clear(mstatus, MSTATUS_TVM);
	trap_expect();
	to_mode(PRV_S);
	(void)csr_read(satp);
	asm volatile("sfence.vma");
	to_m();
	CHECK("TVM=0: satp and sfence.vma in S allowed", trap.count, 0);

	csr_set(mstatus, MSTATUS_TSR);
	trap_expect();
	to_mode(PRV_S);
	asm volatile("la t0, 1f\n csrw sepc, t0\n csrs sstatus, %0\n sret\n1:" ::"r"(MSTATUS_SPP)
		     : "t0");
	to_m();
	CHECK("TSR=1: sret in S illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0x10200073);
	csr_clear(mstatus, MSTATUS_TSR);
	trap_reset();
}

int main(void)
{
	illegal();
	calls();
	wrong_mode();
	xret_rules();
	virt_bits();
	return checks_done();
}
