/*
 * test_hart.c - the hart through its public interface: integer and
 * compressed instructions, CSR rules, traps and delegation, interrupts,
 * WFI, LR/SC and AMOs, self-modifying code, the HLE intercept, the budget.
 * Programs are hand-assembled words in RAM (test_hart_asm.h).
 */
#include "test_hart_asm.h"

#define TRAP_PC (RAM_BASE + 0x3000)

static struct tb t;

static void setup(void)
{
	tb_init(&t);
}

static void teardown(void)
{
	tb_fini(&t);
}

/* Run a program at RAM_BASE that ends in WFI (or traps to the WFI at TRAP_PC). */
static void run(const uint32_t *w, size_t n)
{
	tb_code(&t, RAM_BASE, w, n);
	ck_assert_int_eq(hart_run(t.h, 100000), HART_WFI);
}
#define RUN(...)                                                                                   \
	do {                                                                                       \
		const uint32_t p_[] = {__VA_ARGS__};                                               \
		run(p_, sizeof(p_) / sizeof(p_[0]));                                               \
	} while (0)
#define X(r) hart_get_x(t.h, r)

START_TEST(alu_and_x0)
{
	RUN(ADDI(A0, 0, -5), ADDI(0, A0, 7), SLLI(A1, A0, 60), SRAI(A2, A1, 62), LUI(A3, 0x80000),
	    ADDIW(A4, A3, -1), SLTU(A5, 0, A0), AUIPC(T0, 1), WFI);
	ck_assert_uint_eq(X(A0), (uint64_t)-5);
	ck_assert_uint_eq(X(0), 0);
	ck_assert_uint_eq(X(A1), 0xb000000000000000ull);
	ck_assert_uint_eq(X(A2), (uint64_t)-2);
	ck_assert_uint_eq(X(A3), 0xffffffff80000000ull);
	ck_assert_uint_eq(X(A4), 0x7fffffffull);
	ck_assert_uint_eq(X(A5), 1);
	ck_assert_uint_eq(X(T0), RAM_BASE + 7 * 4 + 0x1000);
	ck_assert_uint_eq(hart_instret(t.h), 9);
}
END_TEST

START_TEST(muldiv_corners)
{
	hart_set_x(t.h, T0, 0x8000000000000000ull);
	hart_set_x(t.h, T1, (uint64_t)-1);
	hart_set_x(t.h, T2, 0);
	RUN(DIV(A0, T0, T1), REM(A1, T0, T1), DIVU(A2, T0, T2), DIV(A3, T1, T2), MULH(A4, T0, T1),
	    MULHU(A5, T1, T1), DIVW(16, T0, T1), REMUW(17, T1, T2), MULHSU(18, T1, T1), WFI);
	ck_assert_uint_eq(X(A0), 0x8000000000000000ull);
	ck_assert_uint_eq(X(A1), 0);
	ck_assert_uint_eq(X(A2), ~0ull);
	ck_assert_uint_eq(X(A3), ~0ull);
	ck_assert_uint_eq(X(A4), 0);
	ck_assert_uint_eq(X(A5), 0xfffffffffffffffeull);
	ck_assert_uint_eq(X(16), 0);	 /* low word 0 / -1 = 0 */
	ck_assert_uint_eq(X(17), ~0ull); /* remuw by zero: sign-extended dividend */
	ck_assert_uint_eq(X(18), ~0ull); /* -1 * (2^64-1) >> 64 = -1 */
}
END_TEST

START_TEST(branches_and_jumps)
{
	/* a0 counts down from 3 in a loop; jal/jalr link. */
	RUN(ADDI(A0, 0, 3), ADDI(A1, 0, 0), ADDI(A1, A1, 10), ADDI(A0, A0, -1), BNE(A0, 0, -8),
	    JAL(1, 8), ADDI(A1, 0, 99), AUIPC(T0, 0), JALR(A2, T0, 12), ADDI(A1, 0, 98), WFI);
	ck_assert_uint_eq(X(A1), 30);
	ck_assert_uint_eq(X(1), RAM_BASE + 6 * 4);
	ck_assert_uint_eq(X(A2), RAM_BASE + 9 * 4);
}
END_TEST

START_TEST(compressed)
{
	/* c.li a0,5; c.addi a0,-2; c.mv a1,a0; c.add a1,a0; c.slli a1,3; c.j +4; c.li a0,0; wfi */
	const uint16_t c[] = {0x4515, 0x1579, 0x85aa, 0x95aa, 0x058e, 0xa011, 0x4501};
	uint32_t wfi = WFI;
	memcpy(t.bus.ram, c, sizeof(c));
	memcpy(t.bus.ram + sizeof(c), &wfi, 4);
	ck_assert_int_eq(hart_run(t.h, 1000), HART_WFI);
	ck_assert_uint_eq(X(A0), 3);
	ck_assert_uint_eq(X(A1), 48);
	ck_assert_uint_eq(hart_get_pc(t.h), RAM_BASE + sizeof(c) + 4);
}
END_TEST

START_TEST(illegal_instruction_tval)
{
	RUN(0xffffffffu);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x343), 0xffffffffu);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE);
	/* A compressed illegal (all zero) reports its 16 bits. */
	hart_reset(t.h, RAM_BASE + 0x100);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x343), 0);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE + 0x100);
}
END_TEST

START_TEST(csr_rules)
{
	ck_assert_uint_eq(csr(&t, 0x301), 0x800000000014112dull); /* RV64IMAFDCSU */
	uint64_t v;
	ck_assert_int_eq(hart_csr_read(t.h, 0x7c0, &v), -1);
	/* UXL = SXL = 2, read-only. */
	hart_csr_write(t.h, 0x300, 0);
	ck_assert_uint_eq(csr(&t, 0x300) >> 32, 0xa);
	/* FS dirty sets SD in mstatus and sstatus. */
	hart_csr_write(t.h, 0x300, 3ull << 13);
	ck_assert_uint_eq(csr(&t, 0x300) >> 63, 1);
	ck_assert_uint_eq(csr(&t, 0x100) >> 63, 1);
	/* satp: unsupported mode (Sv48) ignored, Sv39 taken. */
	hart_csr_write(t.h, 0x180, 9ull << 60 | 5);
	ck_assert_uint_eq(csr(&t, 0x180), 0);
	hart_csr_write(t.h, 0x180, 8ull << 60 | 3ull << 44 | 5);
	ck_assert_uint_eq(csr(&t, 0x180), 8ull << 60 | 3ull << 44 | 5);
	hart_csr_write(t.h, 0x180, 0);
	/* mepc bit 0 clear; medeleg bit 11 hardwired to zero; mideleg only S bits. */
	hart_csr_write(t.h, 0x341, 0x80000003);
	ck_assert_uint_eq(csr(&t, 0x341), 0x80000002);
	hart_csr_write(t.h, 0x302, ~0ull);
	ck_assert_uint_eq(csr(&t, 0x302), 0xb3ff);
	hart_csr_write(t.h, 0x303, ~0ull);
	ck_assert_uint_eq(csr(&t, 0x303), 0x222);
	/* sie is mie masked by mideleg. */
	hart_csr_write(t.h, 0x304, 0xaaa);
	ck_assert_uint_eq(csr(&t, 0x104), 0x222);
	/* Writing a read-only CSR with csrrw traps; csrrs with x0 does not. */
	RUN(CSRRS(A0, 0xf14, 0), CSRRW(A1, 0xf14, A0), WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE + 4);
}
END_TEST

START_TEST(counters_and_gating)
{
	/* minstret write: the next instruction reads the written value. */
	RUN(ADDI(A0, 0, 100), CSRRW(0, 0xb02, A0), CSRRS(A1, 0xc02, 0), WFI);
	ck_assert_uint_eq(X(A1), 100);
	/* mcountinhibit.IR freezes minstret; clearing it resumes from there. */
	hart_reset(t.h, RAM_BASE);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	hart_csr_write(t.h, 0xb02, 500);
	hart_csr_write(t.h, 0x320, 4);
	RUN(ADDI(A0, 0, 1), ADDI(A0, 0, 2), CSRRS(A1, 0xb02, 0), CSRRW(0, 0x320, 0), ADDI(A0, 0, 3),
	    CSRRS(A2, 0xb02, 0), WFI);
	ck_assert_uint_eq(X(A1), 500);
	ck_assert_uint_eq(X(A2), 502);
	ck_assert_uint_eq(csr(&t, 0x320), 0);
	/* U-mode rdcycle with mcounteren.CY = 0: illegal. */
	hart_reset(t.h, RAM_BASE);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	hart_csr_write(t.h, 0x3b0, ~0ull >> 10);
	hart_csr_write(t.h, 0x3a0, 0x1f);
	hart_set_priv(t.h, PRIV_U);
	const uint32_t p[] = {CSRRS(A0, 0xc00, 0)};
	tb_code(&t, RAM_BASE, p, 1);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	/* With mcounteren and scounteren set, U reads time = instret / 10. */
	hart_reset(t.h, RAM_BASE);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	hart_csr_write(t.h, 0x3b0, ~0ull >> 10);
	hart_csr_write(t.h, 0x3a0, 0x1f);
	hart_csr_write(t.h, 0x306, 7);
	hart_csr_write(t.h, 0x106, 7);
	hart_set_priv(t.h, PRIV_U);
	uint32_t q[40];
	for (int i = 0; i < 39; i++)
		q[i] = ADDI(A1, A1, 1);
	q[39] = CSRRS(A0, 0xc01, 0);
	tb_code(&t, RAM_BASE, q, 40);
	uint64_t before = hart_instret(t.h); /* reset does not clear instret */
	hart_run(t.h, 100);
	ck_assert_uint_eq(X(A0), (before + 39) / 10);
	hart_skip_time(t.h, 1000);
	ck_assert_uint_eq(hart_mtime(t.h), 1000 + hart_instret(t.h) / 10);
}
END_TEST

START_TEST(ecall_delegation)
{
	/* U-mode ecall, delegated to S: scause 8, sepc, SPP = U, stvec. */
	hart_csr_write(t.h, 0x302, 1u << EXC_ECALL_U);
	hart_csr_write(t.h, 0x105, TRAP_PC);
	hart_csr_write(t.h, 0x100, 1u << 1); /* SIE, to see SPIE */
	hart_set_priv(t.h, PRIV_U);
	RUN(ADDI(A0, 0, 1), ECALL);
	ck_assert_uint_eq(csr(&t, 0x142), EXC_ECALL_U);
	ck_assert_uint_eq(csr(&t, 0x141), RAM_BASE + 4);
	ck_assert_int_eq(hart_get_priv(t.h), PRIV_S);
	uint64_t s = csr(&t, 0x100);
	ck_assert_uint_eq((s >> 8) & 1, 0); /* SPP = U */
	ck_assert_uint_eq((s >> 5) & 1, 1); /* SPIE = old SIE */
	ck_assert_uint_eq((s >> 1) & 1, 0);
	ck_assert_uint_eq(csr(&t, 0x342), 0); /* M untouched */
	/* S-mode ecall is not delegated: goes to M with MPP = S. */
	hart_set_pc(t.h, RAM_BASE + 0x200);
	const uint32_t p[] = {ECALL};
	tb_code(&t, RAM_BASE + 0x200, p, 1);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ECALL_S);
	ck_assert_uint_eq((csr(&t, 0x300) >> 11) & 3, PRIV_S);
	ck_assert_int_eq(hart_get_priv(t.h), PRIV_M);
}
END_TEST

START_TEST(mret_sret)
{
	/* mret to S at mepc, MPP becomes U, MIE = MPIE. */
	hart_csr_write(t.h, 0x300, (1ull << 11) | (1ull << 7));
	hart_csr_write(t.h, 0x341, RAM_BASE + 0x100);
	const uint32_t s[] = {SRET};
	tb_code(&t, RAM_BASE + 0x100, s, 1);
	hart_csr_write(t.h, 0x141, RAM_BASE + 0x200);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	const uint32_t u[] = {MRET};
	tb_code(&t, RAM_BASE + 0x200, u, 1);
	RUN(MRET);
	/* mret -> S at 0x100, sret (SPP = U) -> U at 0x200, mret in U: illegal. */
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE + 0x200);
	ck_assert_uint_eq((csr(&t, 0x300) >> 11) & 3, PRIV_U);
}
END_TEST

START_TEST(interrupt_priority)
{
	/* MTIP and MSIP pending, both enabled: MSI first; vectored mtvec. */
	hart_csr_write(t.h, 0x305, (RAM_BASE + 0x1000) | 1);
	const uint32_t vec_msi[] = {CSRRW(0, 0x304, 0), WFI}; /* mie = 0; wfi */
	tb_code(&t, RAM_BASE + 0x1000 + 4 * IRQ_MSIP, vec_msi, 2);
	hart_csr_write(t.h, 0x304, (1u << IRQ_MTIP) | (1u << IRQ_MSIP));
	hart_set_mip(t.h, (1u << IRQ_MTIP) | (1u << IRQ_MSIP), true);
	/* MIE is off: nothing taken until the csrrsi sets it; then mepc = next. */
	const uint32_t p[] = {ADDI(A0, 0, 1), CSRRS(0, 0x300, A1), ADDI(A0, 0, 2), WFI};
	hart_set_x(t.h, A1, 1u << 3);
	tb_code(&t, RAM_BASE, p, 4);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), CAUSE_INTERRUPT | IRQ_MSIP);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE + 8);
	ck_assert_uint_eq(hart_get_pc(t.h), RAM_BASE + 0x1000 + 4 * IRQ_MSIP + 8);
	ck_assert_uint_eq(X(A0), 1);
}
END_TEST

START_TEST(delegated_interrupt_to_s)
{
	/* STIP delegated: taken in U even with SIE = 0; not taken in M. */
	hart_csr_write(t.h, 0x303, 1u << IRQ_STIP);
	hart_csr_write(t.h, 0x304, 1u << IRQ_STIP);
	hart_csr_write(t.h, 0x105, TRAP_PC);
	hart_csr_write(t.h, 0x344, 1u << IRQ_STIP);
	const uint32_t p[] = {ADDI(A0, 0, 1), WFI};
	tb_code(&t, RAM_BASE, p, 2);
	/* In M: pending but not taken; WFI does not sleep (pending & enabled). */
	ck_assert_int_eq(hart_run(t.h, 2), HART_BUDGET);
	ck_assert_uint_eq(hart_get_pc(t.h), RAM_BASE + 8);
	ck_assert_uint_eq(csr(&t, 0x142), 0);
	hart_set_pc(t.h, RAM_BASE);
	hart_set_priv(t.h, PRIV_U);
	hart_run(t.h, 1);
	ck_assert_uint_eq(csr(&t, 0x142), CAUSE_INTERRUPT | IRQ_STIP);
	ck_assert_uint_eq(csr(&t, 0x141), RAM_BASE);
}
END_TEST

START_TEST(wfi_rules)
{
	/* WFI with nothing pending returns HART_WFI, pc after it. */
	RUN(ADDI(A0, 0, 1), WFI);
	ck_assert_uint_eq(hart_get_pc(t.h), RAM_BASE + 8);
	/* S-mode WFI with TW = 1: illegal. */
	hart_set_pc(t.h, RAM_BASE + 4);
	hart_set_priv(t.h, PRIV_S);
	hart_csr_write(t.h, 0x300, 1ull << 21);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x343), WFI);
}
END_TEST

START_TEST(lr_sc_amo)
{
	uint64_t d = RAM_BASE + 0x2000;
	wr64(&t, d, 7);
	hart_set_x(t.h, A0, d);
	hart_set_x(t.h, A1, 42);
	RUN(LR_D(A2, A0), SC_D(A3, A0, A1), SC_D(A4, A0, A1), LR_D(A5, A0), SD(0, A0, 0),
	    SC_D(T0, A0, A1), ADDI(T1, 0, 5), AMOADD_W(T2, A0, T1), AMOMAXU_D(16, A0, A1), WFI);
	ck_assert_uint_eq(X(A2), 7);
	ck_assert_uint_eq(X(A3), 0); /* success */
	ck_assert_uint_eq(X(A4), 1); /* no reservation left */
	ck_assert_uint_eq(X(A5), 42);
	ck_assert_uint_eq(X(T0), 1); /* the store broke the reservation */
	ck_assert_uint_eq(X(T2), 0);
	ck_assert_uint_eq(X(16), 5);
	ck_assert_uint_eq(rd64(&t, d), 42);
	/* Misaligned AMO: store address misaligned, memory unchanged. */
	hart_set_pc(t.h, RAM_BASE + 0x400);
	hart_set_x(t.h, A0, d + 2);
	const uint32_t p[] = {AMOADD_W(T2, A0, T1)};
	tb_code(&t, RAM_BASE + 0x400, p, 1);
	hart_run(t.h, 100);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_STORE_MISALIGNED);
	ck_assert_uint_eq(csr(&t, 0x343), d + 2);
	ck_assert_uint_eq(rd64(&t, d), 42);
}
END_TEST

START_TEST(self_modifying_code)
{
	/* The loop body's addi is rewritten by a store in the loop itself:
	 * the second pass must execute the new instruction. */
	uint32_t newinsn = ADDI(A1, A1, 100);
	hart_set_x(t.h, T0, newinsn);
	RUN(ADDI(A0, 0, 2), AUIPC(T1, 0), /* t1 = base + 4 */
	    ADDI(A1, A1, 1),		  /* +8: rewritten */
	    SW(T0, T1, 4), FENCE_I, ADDI(A0, A0, -1), BNE(A0, 0, -16), WFI);
	ck_assert_uint_eq(X(A1), 101);
	/* Without fence.i, a store right before the instruction is seen too. */
	hart_reset(t.h, RAM_BASE + 0x800);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	hart_set_x(t.h, T0, ADDI(A2, 0, 77));
	const uint32_t p[] = {AUIPC(T1, 0), SW(T0, T1, 8), ADDI(A2, 0, 1), WFI};
	tb_code(&t, RAM_BASE + 0x800, p, 4);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(X(A2), 77);
}
END_TEST

START_TEST(misaligned_ram_access)
{
	uint64_t d = RAM_BASE + 0x2001;
	hart_set_x(t.h, A0, d);
	hart_set_x(t.h, A1, 0x1122334455667788ull);
	RUN(SD(A1, A0, 0), LD(A2, A0, 0), LW(A3, A0, 2), WFI);
	ck_assert_uint_eq(X(A2), 0x1122334455667788ull);
	ck_assert_uint_eq(X(A3), 0x33445566ull);
}
END_TEST

START_TEST(hle_intercept)
{
	/* A U-mode ecall that would go to S: hart_run() returns HART_S_TRAP with
	 * cause/epc, and the S CSRs and privilege are untouched. */
	hart_set_hle(t.h, true);
	hart_csr_write(t.h, 0x302, 1u << EXC_ECALL_U);
	hart_csr_write(t.h, 0x141, 0x1234);
	hart_set_priv(t.h, PRIV_U);
	const uint32_t p[] = {ADDI(17, 0, 93), ECALL, ADDI(A0, 0, 9), WFI};
	tb_code(&t, RAM_BASE, p, 4);
	ck_assert_int_eq(hart_run(t.h, 100), HART_S_TRAP);
	const struct hart_trap *tr = hart_trap_info(t.h);
	ck_assert_uint_eq(tr->cause, EXC_ECALL_U);
	ck_assert_uint_eq(tr->epc, RAM_BASE + 4);
	ck_assert_uint_eq(tr->tval, 0);
	ck_assert_uint_eq(X(17), 93);
	ck_assert_uint_eq(csr(&t, 0x141), 0x1234);
	ck_assert_int_eq(hart_get_priv(t.h), PRIV_U);
	/* The kernel resumes the program after the ecall. */
	hart_set_pc(t.h, tr->epc + 4);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(X(A0), 9);
	/* A page fault in M-mode (not delegable) is not intercepted. */
}
END_TEST

START_TEST(budget_and_stop)
{
	/* An endless loop returns HART_BUDGET having run the budget (block-exact
	 * for a one-instruction block). */
	const uint32_t p[] = {JAL(0, 0)};
	tb_code(&t, RAM_BASE, p, 1);
	ck_assert_int_eq(hart_run(t.h, 1000), HART_BUDGET);
	ck_assert_uint_eq(hart_instret(t.h), 1000);
	hart_request_stop(t.h);
	ck_assert_int_eq(hart_run(t.h, 1000), HART_STOPPED);
	ck_assert_int_eq(hart_run(t.h, 10), HART_BUDGET);
	ck_assert_uint_eq(hart_instret(t.h), 1010);
}
END_TEST

START_TEST(fetch_access_fault)
{
	/* Jumping to a hole in the physical map: instruction access fault. */
	hart_set_x(t.h, A0, 0x40000000);
	RUN(JALR(0, A0, 0));
	ck_assert_uint_eq(csr(&t, 0x342), EXC_INSN_ACCESS);
	ck_assert_uint_eq(csr(&t, 0x343), 0x40000000);
	ck_assert_uint_eq(csr(&t, 0x341), 0x40000000);
}
END_TEST

START_TEST(fp_needs_fs)
{
	/* fadd.d with mstatus.FS = Off: illegal; with FS on: computes, FS dirty. */
	const uint32_t fadd = enc_r(0x01, 2, 1, 7, 3, 0x53); /* fadd.d f3, f1, f2 */
	RUN(fadd);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ILLEGAL_INSN);
	ck_assert_uint_eq(csr(&t, 0x343), fadd);
	hart_reset(t.h, RAM_BASE);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	hart_csr_write(t.h, 0x300, 1ull << 13);
	hart_set_f(t.h, 1, 0x3ff8000000000000ull); /* 1.5 */
	hart_set_f(t.h, 2, 0x4000000000000000ull); /* 2.0 */
	RUN(fadd, WFI);
	ck_assert_uint_eq(hart_get_f(t.h, 3), 0x400c000000000000ull); /* 3.5 */
	ck_assert_uint_eq((csr(&t, 0x300) >> 13) & 3, 3);
}
END_TEST

static Suite *hart_suite(void)
{
	Suite *s = suite_create("hart");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, alu_and_x0);
	tcase_add_test(tc, muldiv_corners);
	tcase_add_test(tc, branches_and_jumps);
	tcase_add_test(tc, compressed);
	tcase_add_test(tc, illegal_instruction_tval);
	tcase_add_test(tc, csr_rules);
	tcase_add_test(tc, counters_and_gating);
	tcase_add_test(tc, ecall_delegation);
	tcase_add_test(tc, mret_sret);
	tcase_add_test(tc, interrupt_priority);
	tcase_add_test(tc, delegated_interrupt_to_s);
	tcase_add_test(tc, wfi_rules);
	tcase_add_test(tc, lr_sc_amo);
	tcase_add_test(tc, self_modifying_code);
	tcase_add_test(tc, misaligned_ram_access);
	tcase_add_test(tc, hle_intercept);
	tcase_add_test(tc, budget_and_stop);
	tcase_add_test(tc, fetch_access_fault);
	tcase_add_test(tc, fp_needs_fs);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(hart_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
