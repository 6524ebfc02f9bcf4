/*
 * roms/tests/csr.c - machine-level CSRs: misa, mhartid, the sstatus view of
 * mstatus (writing sstatus leaves the M bits alone), sie/sip as views of
 * mie/mip limited by mideleg, medeleg/mideleg writable bits, counters and
 * their gating by mcounteren/scounteren from S and U, and mstatus.FS (Off
 * makes every FP instruction and FP CSR illegal; FP writes make it Dirty).
 */
#include "rt.h"

#define MBITS                                                                                      \
	(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW |      \
	 MSTATUS_TSR)
#define SBITS (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_FS)

static void ident(void)
{
	u64 misa = csr_read(misa);
	CHECK("misa MXL = 64", misa >> 62, 2);
	/* I M A F D C S U; other letters (H on QEMU) are not checked. */
	u64 want = 1 << ('I' - 'A') | 1 << ('M' - 'A') | 1 << ('A' - 'A') | 1 << ('F' - 'A') |
		   1 << ('D' - 'A') | 1 << ('C' - 'A') | 1 << ('S' - 'A') | 1 << ('U' - 'A');
	CHECK("misa has IMAFDCSU", misa & want, want);
	CHECK("misa has no E", (misa >> ('E' - 'A')) & 1, 0);
	CHECK("mhartid", csr_read(mhartid), 0);
	CHECK("mstatus UXL/SXL = 64", (csr_read(mstatus) >> 32) & 0xf, 0xa);
}

static void views(void)
{
	u64 m0 = csr_read(mstatus);
	csr_set(mstatus, MSTATUS_MPIE | MSTATUS_TW);
	csr_write(sstatus, ~0UL);
	u64 m = csr_read(mstatus);
	CHECK("sstatus write keeps MPIE/TW", m & (MSTATUS_MPIE | MSTATUS_TW),
	      MSTATUS_MPIE | MSTATUS_TW);
	CHECK("sstatus write keeps MPP/MIE/TVM/TSR",
	      m & (MSTATUS_MPP | MSTATUS_MIE | MSTATUS_TVM | MSTATUS_TSR),
	      m0 & (MSTATUS_MPP | MSTATUS_MIE | MSTATUS_TVM | MSTATUS_TSR));
	CHECK("sstatus write sets S bits", m & SBITS, SBITS);
	CHECK("sstatus hides M bits", csr_read(sstatus) & MBITS, 0);
	CHECK("sstatus shows S bits", csr_read(sstatus) & SBITS, SBITS);
	csr_write(sstatus, 0);
	CHECK("sstatus clear", csr_read(mstatus) & SBITS, 0);
	CHECK("  M bits still there", csr_read(mstatus) & (MSTATUS_MPIE | MSTATUS_TW),
	      MSTATUS_MPIE | MSTATUS_TW);
	csr_write(mstatus, m0);

	csr_write(mideleg, ~0UL);
	CHECK("mideleg writable S bits", csr_read(mideleg) & 0xaaa, 0x222);
	csr_write(mideleg, 0);
	csr_write(mie, 0);
	csr_write(sie, ~0UL);
	CHECK("sie without mideleg: no effect", csr_read(mie), 0);
	csr_write(mideleg, 0x222);
	csr_write(sie, ~0UL);
	CHECK("sie with mideleg sets S bits of mie", csr_read(mie), 0x222);
	csr_write(mie, 0x222 | 0x888);
	CHECK("sie view hides M bits", csr_read(sie), 0x222);
	csr_write(mie, 0);
	csr_write(mip, 1 << IRQ_SSI);
	CHECK("sip shows delegated SSIP", csr_read(sip), 1 << IRQ_SSI);
	csr_clear(sip, 1 << IRQ_SSI);
	CHECK("sip clears SSIP", csr_read(mip) & (1 << IRQ_SSI), 0);
	csr_write(mideleg, 0);

	csr_write(medeleg, 0xb1ff);
	CHECK("medeleg writable", csr_read(medeleg) & 0xb1ff, 0xb1ff);
	csr_write(medeleg, 0);
	csr_write(medeleg, 0);
}

static void warl(void)
{
	u64 old = csr_read(mtvec);
	csr_write(mepc, 0x80001234UL);
	CHECK("mepc writable", csr_read(mepc), 0x80001234UL);
	csr_write(mscratch, 0x0123456789abcdefUL);
	CHECK("mscratch holds 64 bits", csr_swap(mscratch, old), 0x0123456789abcdefUL);
	csr_write(mscratch, 0);
	asm volatile("la t0, __mtrap_stack_top\n csrw mscratch, t0" ::: "t0");
	csr_write(mtvec, 0x80004002UL);
	CHECK("mtvec reserved mode 2 not taken", csr_read(mtvec) & 3, old & 3);
	csr_write(mtvec, old);
	csr_write(sscratch, 0xfedcba9876543210UL);
	CHECK("sscratch holds 64 bits", csr_read(sscratch), 0xfedcba9876543210UL);
	asm volatile("la t0, __strap_stack_top\n csrw sscratch, t0" ::: "t0");
	csr_write(mie, 0);
	mmio_write64(CLINT_MTIMECMP, ~0UL);
	mmio_write32(CLINT_MSIP, 0);
	csr_set(mip, 1 << IRQ_MTI | 1 << IRQ_MSI);
	CHECK("mip.MTIP/MSIP not writable through the CSR",
	      csr_read(mip) & (1 << IRQ_MTI | 1 << IRQ_MSI), 0);
	csr_set(mip, 1 << IRQ_SEI | 1 << IRQ_STI | 1 << IRQ_SSI);
	CHECK("mip.SEIP/STIP/SSIP writable by M", csr_read(mip) & 0x222, 0x222);
	csr_clear(mip, 0x222);
	CHECK("  and clearable", csr_read(mip) & 0x222, 0);
	trap_expect();
	(void)csr_read(menvcfg);
	CHECK("menvcfg exists (no trap)", trap.count, 0);
	trap_reset();
}

static u64 read_cycle(void)
{
	return csr_read(cycle);
}

static void counters(void)
{
	u64 a = csr_read(minstret), b = csr_read(minstret);
	CHECK("minstret advances", b > a, 1);
	a = csr_read(mcycle);
	for (volatile int i = 0; i < 100; i++)
		;
	CHECK("mcycle advances", csr_read(mcycle) > a, 1);
	a = csr_read(time);
	for (volatile int i = 0; i < 100000; i++)
		;
	CHECK("time advances", csr_read(time) > a, 1);
	CHECK("instret = minstret view", csr_read(instret) >= b, 1);

	csr_write(mcounteren, 0);
	csr_write(scounteren, 0);
	trap_expect();
	to_mode(PRV_S);
	read_cycle();
	to_m();
	CHECK("S rdcycle, mcounteren=0: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  from S", trap.from, PRV_S);
	trap_expect();
	to_mode(PRV_U);
	read_cycle();
	to_m();
	CHECK("U rdcycle, mcounteren=0: illegal", trap.cause, CAUSE_ILLEGAL);
	csr_write(mcounteren, 7);
	trap_expect();
	to_mode(PRV_S);
	read_cycle();
	(void)csr_read(time);
	(void)csr_read(instret);
	to_m();
	CHECK("S counters, mcounteren=7: allowed", trap.count, 0);
	trap_expect();
	to_mode(PRV_U);
	(void)csr_read(instret);
	to_m();
	CHECK("U rdinstret, scounteren=0: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  from U", trap.from, PRV_U);
	csr_write(scounteren, 2);
	trap_expect();
	to_mode(PRV_U);
	(void)csr_read(time);
	to_m();
	CHECK("U rdtime, scounteren.TM=1: allowed", trap.count, 0);
	trap_expect();
	to_mode(PRV_U);
	(void)csr_read(cycle);
	to_m();
	CHECK("U rdcycle, scounteren.CY=0: illegal", trap.cause, CAUSE_ILLEGAL);
	csr_write(mcounteren, 5);
	csr_write(scounteren, 7);
	trap_expect();
	to_mode(PRV_U);
	(void)csr_read(time);
	to_m();
	CHECK("U rdtime, mcounteren.TM=0: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	to_mode(PRV_S);
	(void)csr_read(mcycle);
	to_m();
	CHECK("S reads mcycle: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_reset();
	csr_write(mcounteren, 0);
	csr_write(scounteren, 0);
}

static void fpu_state(void)
{
	u32 insn;

	csr_clear(mstatus, MSTATUS_FS);
	trap_expect();
	asm volatile("la t0, 1f\n lwu %0, 0(t0)\n1: fadd.d ft0, ft1, ft2"
		     : "=r"(insn)::"t0", "ft0");
	CHECK("FS=Off: fadd.d illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, insn);
	trap_expect();
	(void)csr_read(fcsr);
	CHECK("FS=Off: csrr fcsr illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	asm volatile("fmv.d.x ft0, zero" ::: "ft0");
	CHECK("FS=Off: fmv.d.x illegal", trap.cause, CAUSE_ILLEGAL);
	trap_expect();
	asm volatile(".option push\n .option rvc\n c.fldsp ft0, 0(sp)\n .option pop" ::: "ft0");
	CHECK("FS=Off: c.fldsp illegal", trap.cause, CAUSE_ILLEGAL);
	trap_reset();
	csr_set(mstatus, MSTATUS_FS_INITIAL);
	CHECK("FS=Initial", csr_read(mstatus) & MSTATUS_FS, MSTATUS_FS_INITIAL);
	asm volatile("fmv.d.x ft0, zero" ::: "ft0");
	CHECK("FP write makes FS Dirty", csr_read(mstatus) & MSTATUS_FS, MSTATUS_FS_DIRTY);
	CHECK("  and SD set", csr_read(mstatus) >> 63, 1);
	CHECK("  sstatus.SD too", csr_read(sstatus) >> 63, 1);
}

int main(void)
{
	ident();
	views();
	warl();
	counters();
	fpu_state();
	return checks_done();
}
