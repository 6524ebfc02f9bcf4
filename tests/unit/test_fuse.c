/*
 * test_fuse.c - decode-time fusion (emu/fuse.c): which sequences form a
 * group (fuse_group() on encoded bytes), and that a fused group behaves
 * exactly as its instructions run one by one: every load width and sign,
 * bit-field extraction, every group length (compressed and 4-byte
 * members), register aliasing,
 * x0, a trap on the load, a misaligned load, stores rewriting any member,
 * a jump into the middle of a group, the budget and instret.
 */
#include "test_hart_asm.h"

#include "emu/cpu.h"

#define TRAP_PC (RAM_BASE + 0x3000)
#define DATA	(RAM_BASE + 0x2000) /* 512 bytes of known data */

enum { S0 = 8, S1 = 9, A6 = 16, A7 = 17 };

#define LH(rd, rs, imm)	 enc_i(imm, rs, 1, rd, 0x03)
#define LBU(rd, rs, imm) enc_i(imm, rs, 4, rd, 0x03)
#define LHU(rd, rs, imm) enc_i(imm, rs, 5, rd, 0x03)
#define NOP		 ADDI(0, 0, 0)
#define SRLI(rd, rs, sh) enc_i(sh, rs, 5, rd, 0x13)
#define ANDI(rd, rs, im) enc_i(im, rs, 7, rd, 0x13)
#define AND(rd, a, b)	 enc_r(0, b, a, 7, rd, 0x33)

/* Compressed encodings (registers of C_LD/C_LW in x8..x15). */
#define C_SLLI(rd, sh) ((uint16_t)(((sh) >> 5) << 12 | (rd) << 7 | ((sh)&31) << 2 | 2))
#define C_ADD(rd, rs2) ((uint16_t)(0x9002 | (rd) << 7 | (rs2) << 2))
#define C_SRLI(rd, sh) ((uint16_t)(0x8001 | ((sh) >> 5) << 12 | ((rd)-8) << 7 | ((sh)&31) << 2))
#define C_ANDI(rd, im)                                                                             \
	((uint16_t)(0x8801 | (((im) >> 5) & 1) << 12 | ((rd)-8) << 7 | ((im)&31) << 2))
#define C_AND(rd, rs2) ((uint16_t)(0x8c61 | ((rd)-8) << 7 | ((rs2)-8) << 2))
#define C_LD(rd, rs1, off)                                                                         \
	((uint16_t)(0x6000 | (((off) >> 3) & 7) << 10 | ((rs1)-8) << 7 | (((off) >> 6) & 3) << 5 | \
		    ((rd)-8) << 2))

static struct tb t;

/* A program of mixed 2- and 4-byte instructions, built halfword by halfword. */
static uint16_t prog[512];
static size_t nprog;

static void c16(uint16_t v)
{
	prog[nprog++] = v;
}

static void c32(uint32_t v)
{
	c16((uint16_t)v);
	c16((uint16_t)(v >> 16));
}

static uint64_t here(void)
{
	return RAM_BASE + 2 * nprog;
}

static void setup(void)
{
	tb_init(&t);
	nprog = 0;
	for (int i = 0; i < 512; i++)
		t.bus.ram[DATA - RAM_BASE + i] =
		    (uint8_t)(0x81 + 7 * i + (i >> 8)); /* sign bits set */
}

static void teardown(void)
{
	tb_fini(&t);
}

/* Copy the program to RAM_BASE and run it from there to its WFI. */
static void run_prog(void)
{
	memcpy(t.bus.ram, prog, 2 * nprog);
	hart_invalidate_code(t.h, RAM_BASE, 2 * nprog);
	hart_set_pc(t.h, RAM_BASE);
	ck_assert_int_eq(hart_run(t.h, 100000), HART_WFI);
}

#define X(r) hart_get_x(t.h, r)

static uint64_t data(unsigned off, unsigned size, bool sign)
{
	uint64_t v = 0;
	memcpy(&v, t.bus.ram + (DATA - RAM_BASE) + off, size);
	if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~0ull << (8 * size);
	return v;
}

/* fuse_group() on the instructions in prog[0..nprog), n bytes of page left. */
static int group(size_t n, struct fuse_group *g)
{
	struct insn d0;
	uint32_t raw = prog[0] | (uint32_t)((prog[0] & 3) == 3 ? prog[1] : 0) << 16;
	decode(raw, &d0);
	return fuse_group(&d0, (const uint8_t *)prog, n, g);
}

START_TEST(groups_recognised)
{
	struct fuse_group g;

	/* Three 4-byte members: the longest group. */
	c32(SLLI(A5, A4, 3)), c32(ADD(A5, A5, A1)), c32(LD(A0, A5, -8));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_LD);
	ck_assert_uint_eq(g.slots, 6);
	ck_assert_uint_eq(g.ldpos, 4);
	ck_assert_uint_eq(g.ri, A4);
	ck_assert_uint_eq(g.rt, A5);
	ck_assert_uint_eq(g.rb, A1);
	ck_assert_uint_eq(g.rd, A0);
	ck_assert_uint_eq(g.shift, 3);
	ck_assert_int_eq(g.off, -8);
	/* The same with only 10 bytes left in the page: the pair alone. */
	ck_assert_int_eq(group(10, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_SHADD);
	ck_assert_uint_eq(g.slots, 4);
	ck_assert_int_eq(group(6, &g), -1);

	/* All compressed, the add's operands in the other order. */
	nprog = 0;
	c16(C_SLLI(A5, 2)), c16(C_ADD(A5, S1)), c16(C_LD(A5, A5, 16));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_LD);
	ck_assert_uint_eq(g.slots, 3);
	ck_assert_uint_eq(g.ldpos, 2);
	ck_assert_uint_eq(g.rt, A5);
	ck_assert_uint_eq(g.ri, A5);
	ck_assert_uint_eq(g.rb, S1);
	ck_assert_uint_eq(g.rd, A5);
	ck_assert_int_eq(g.off, 16);
	nprog = 0;
	c32(SLLI(T0, A1, 2)), c32(ADD(T0, A0, T0)), c32(LW(A2, T0, 4));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_LW);
	ck_assert_uint_eq(g.rb, A0);

	/* Every integer load; a store or another base ends the group at the add. */
	const struct {
		uint32_t load;
		int kind;
	} loads[] = {
	    {LB(A2, T0, 0), FUSE_LB},	{LH(A2, T0, 0), FUSE_LH},    {LW(A2, T0, 0), FUSE_LW},
	    {LD(A2, T0, 0), FUSE_LD},	{LBU(A2, T0, 0), FUSE_LBU},  {LHU(A2, T0, 0), FUSE_LHU},
	    {LWU(A2, T0, 0), FUSE_LWU}, {SD(A2, T0, 0), FUSE_SHADD}, {LD(A2, A1, 0), FUSE_SHADD},
	};
	for (size_t i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		nprog = 0;
		c32(SLLI(T0, A1, 1)), c32(ADD(T0, T0, A0)), c32(loads[i].load);
		ck_assert_int_eq(group(4096, &g), 0);
		ck_assert_int_eq(g.kind, loads[i].kind);
	}

	/* Not the idiom: add rT, rT, rT; rT = x0; add to another register; not an slli. */
	const uint32_t no[][2] = {
	    {SLLI(A5, A4, 3), ADD(A5, A5, A5)}, {SLLI(0, A4, 3), ADD(0, 0, A1)},
	    {SLLI(A5, A4, 3), ADD(A6, A5, A1)}, {SLLI(A5, A4, 3), SUB(A5, A5, A1)},
	    {SRAI(A5, A4, 3), ADD(A5, A5, A1)}, {ADDI(A5, A4, 3), ADD(A5, A5, A1)},
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		nprog = 0;
		c32(no[i][0]), c32(no[i][1]), c32(LD(A2, A5, 0));
		ck_assert_int_eq(group(4096, &g), -1);
	}

	/* Bit fields: srli, then and with a register (either side) or andi. */
	nprog = 0;
	c32(SRLI(A5, A4, 20)), c16(C_AND(A5, A2));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_SRL_AND);
	ck_assert_uint_eq(g.slots, 3);
	ck_assert_uint_eq(g.ri, A4);
	ck_assert_uint_eq(g.rt, A5);
	ck_assert_uint_eq(g.rb, A2);
	ck_assert_uint_eq(g.shift, 20);
	nprog = 0;
	c32(SRLI(A5, A4, 7)), c32(AND(A5, A6, A5));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_SRL_AND);
	ck_assert_uint_eq(g.slots, 4);
	ck_assert_uint_eq(g.rb, A6);
	nprog = 0;
	c16(C_SRLI(S1, 3)), c16(C_ANDI(S1, -4));
	ck_assert_int_eq(group(4096, &g), 0);
	ck_assert_int_eq(g.kind, FUSE_SRL_ANDI);
	ck_assert_uint_eq(g.slots, 2);
	ck_assert_uint_eq(g.ri, S1);
	ck_assert_int_eq(g.off, -4);
	ck_assert_int_eq(group(2, &g), -1); /* the andi is on the next page */
	const uint32_t nofield[][2] = {
	    {SRLI(A5, A4, 3), AND(A5, A5, A5)}, {SRLI(0, A4, 3), ANDI(0, 0, 7)},
	    {SRLI(A5, A4, 3), ANDI(A6, A5, 7)}, {SRAI(A5, A4, 3), ANDI(A5, A5, 7)},
	    {SRLI(A5, A4, 3), ANDI(A5, A4, 7)},
	};
	for (size_t i = 0; i < sizeof(nofield) / sizeof(nofield[0]); i++) {
		nprog = 0;
		c32(nofield[i][0]), c32(nofield[i][1]);
		ck_assert_int_eq(group(4096, &g), -1);
	}
}
END_TEST

START_TEST(field_extraction)
{
	const uint64_t v = 0xfedcba9876543210ull;
	hart_set_x(t.h, A4, v);
	hart_set_x(t.h, A2, 0xfff);
	hart_set_x(t.h, S1, v);
	c32(SRLI(A5, A4, 20)), c16(C_AND(A5, A2));			  /* (v >> 20) & 0xfff */
	c32(SRLI(A6, A4, 60)), c32(AND(A6, A2, A6));			  /* and commuted */
	c32(SRLI(A7, A4, 8)), c32(ANDI(A7, A7, -256));			  /* sign-extended mask */
	c16(C_SRLI(S1, 4)), c16(C_ANDI(S1, 0x1f));			  /* rI == rT, compressed */
	c32(ADDI(A3, A4, 0)), c32(SRLI(A3, A3, 1)), c32(AND(A3, A3, A4)); /* rB == old rT */
	c32(SRLI(T0, A4, 0)), c32(ANDI(T0, T0, 0x7ff));			  /* shift 0 */
	c32(SRLI(A4, A4, 32)), c32(ANDI(0, A4, 1)); /* andi to x0: not a group */
	c32(WFI);
	run_prog();
	ck_assert_uint_eq(X(A5), (v >> 20) & 0xfff);
	ck_assert_uint_eq(X(A6), (v >> 60) & 0xfff);
	ck_assert_uint_eq(X(A7), (v >> 8) & ~0xffull);
	ck_assert_uint_eq(X(S1), (v >> 4) & 0x1f);
	ck_assert_uint_eq(X(A3), (v >> 1) & v);
	ck_assert_uint_eq(X(T0), v & 0x7ff);
	ck_assert_uint_eq(X(A4), v >> 32);
	ck_assert_uint_eq(X(0), 0);
	ck_assert_uint_eq(hart_instret(t.h), 16);

	/* A store rewriting the andi between two passes of a loop. */
	tb_fini(&t);
	setup();
	hart_set_x(t.h, A4, v);
	hart_set_x(t.h, T2, ANDI(A5, A5, 0xf));
	c32(AUIPC(T1, 0)), c32(ADDI(A3, 0, 2));
	c32(SRLI(A5, A4, 8)), c32(ANDI(A5, A5, 0xff)); /* +8 */
	c32(ADD(A6, A6, A5)), c32(SW(T2, T1, 12));
	c32(ADDI(A3, A3, -1)), c32(BNE(A3, 0, -20)), c32(WFI);
	run_prog();
	ck_assert_uint_eq(X(A5), (v >> 8) & 0xf);
	ck_assert_uint_eq(X(A6), ((v >> 8) & 0xff) + ((v >> 8) & 0xf));
}
END_TEST

START_TEST(every_load_and_length)
{
	/* A0 = DATA, A1 = index 5; each group is followed by a check of rT. */
	hart_set_x(t.h, A0, DATA);
	hart_set_x(t.h, A1, 5);
	hart_set_x(t.h, S0, DATA);
	hart_set_x(t.h, S1, 3);
	c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0)), c32(LD(A2, T0, 8));	    /* 6 slots */
	c32(SLLI(T1, A1, 2)), c32(ADD(T1, A0, T1)), c32(LW(A3, T1, -4));    /* 6, add commuted */
	c32(SLLI(T2, A1, 1)), c32(ADD(T2, T2, A0)), c32(LH(A4, T2, 1));	    /* 6, odd offset */
	c32(SLLI(A5, A1, 0)), c32(ADD(A5, A5, A0)), c32(LB(A6, A5, 2));	    /* 6 */
	c32(SLLI(A7, A1, 4)), c16(C_ADD(A7, A0)), c32(LWU(S0 + 20, A7, 0)); /* 5: s4 */
	c16(C_SLLI(S1, 3)), c16(C_ADD(S1, S0)), c16(C_LD(A0 + 0, S1, 8));   /* 3 */
	c32(WFI);
	run_prog();
	ck_assert_uint_eq(X(T0), DATA + 40);
	ck_assert_uint_eq(X(A2), data(48, 8, false));
	ck_assert_uint_eq(X(T1), DATA + 20);
	ck_assert_uint_eq(X(A3), data(16, 4, true));
	ck_assert_uint_eq(X(A4), data(11, 2, true));
	ck_assert_uint_eq(X(A5), DATA + 5);
	ck_assert_uint_eq(X(A6), data(7, 1, true));
	ck_assert_uint_eq(X(A7), DATA + 80);
	ck_assert_uint_eq(X(S0 + 20), data(80, 4, false));
	ck_assert_uint_eq(X(S1), DATA + 24);
	ck_assert_uint_eq(X(A0), data(32, 8, false));
	ck_assert_uint_eq(hart_instret(t.h), 19);

	/* Unsigned narrow loads; lengths 5 and 4 (a compressed slli), 4 (a compressed load). */
	nprog = 0;
	hart_set_x(t.h, A0, DATA);
	hart_set_x(t.h, T0, 9);
	hart_set_x(t.h, S1, 2);
	c16(C_SLLI(T0, 1)), c32(ADD(T0, A0, T0)), c32(LHU(A2, T0, 0));	/* 5 */
	c16(C_SLLI(T1, 1)), c16(C_ADD(T1, A0)), c32(LBU(A3, T1, 1));	/* 4: t1 = 0 */
	c32(SLLI(S0, S1, 3)), c16(C_ADD(S0, A0)), c16(C_LD(A4, S0, 0)); /* 4 */
	c32(WFI);
	hart_set_x(t.h, T1, 0);
	run_prog();
	ck_assert_uint_eq(X(A2), data(18, 2, false));
	ck_assert_uint_eq(X(A3), data(1, 1, false));
	ck_assert_uint_eq(X(S0), DATA + 16);
	ck_assert_uint_eq(X(A4), data(16, 8, false));
}
END_TEST

START_TEST(pairs_and_aliasing)
{
	hart_set_x(t.h, A0, DATA);
	hart_set_x(t.h, A1, 6);
	hart_set_x(t.h, A4, 2);
	/* Pairs of each length, followed by a store or an unrelated load. */
	c16(C_SLLI(A4, 2)), c16(C_ADD(A4, A0)), c32(SD(A1, A4, 0));   /* 2: *(DATA+8) = 6 */
	c32(SLLI(T0, A1, 3)), c16(C_ADD(T0, A0)), c32(LD(A2, A0, 8)); /* 3 */
	c32(SLLI(T1, A1, 1)), c32(ADD(T1, A1, T1)), c32(NOP);	      /* 4: t1 = 18 */
	/* rI == rT == rD: ld a5, 0(a5) after a5 = (a5 << 3) + a0. */
	c32(ADDI(A5, 0, 1)), c32(SLLI(A5, A5, 3)), c32(ADD(A5, A5, A0)), c32(LD(A5, A5, 0));
	/* rD == rB: the base register is overwritten by the load, rT keeps the address. */
	c32(ADDI(A6, A0, 0)), c32(SLLI(A7, A1, 2)), c32(ADD(A7, A7, A6)), c32(LW(A6, A7, 0));
	/* rD == x0: the load happens, x0 stays 0, rT written. */
	c32(SLLI(S0, A1, 3)), c32(ADD(S0, S0, A0)), c32(LD(0, S0, 0));
	/* Not fused, the same results: rB == rT, and rT == x0. */
	c32(ADDI(S1, 0, 3)), c32(SLLI(S1, S1, 2)), c32(ADD(S1, S1, S1)), c32(LD(A3, A0, 0));
	c32(SLLI(0, A1, 3)), c32(ADD(0, 0, A0)), c32(LD(T2, 0, 0x100));
	c32(WFI);
	hart_set_x(t.h, T2, 0x55);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	run_prog();
	ck_assert_uint_eq(X(A4), DATA + 8);
	ck_assert_uint_eq(data(8, 8, false), 6);
	ck_assert_uint_eq(X(T0), DATA + 48);
	ck_assert_uint_eq(X(A2), 6);
	ck_assert_uint_eq(X(T1), 18);
	ck_assert_uint_eq(X(A5), data(8, 8, false));
	ck_assert_uint_eq(X(A7), DATA + 24);
	ck_assert_uint_eq(X(A6), data(24, 4, true));
	ck_assert_uint_eq(X(S0), DATA + 48);
	ck_assert_uint_eq(X(0), 0);
	ck_assert_uint_eq(X(S1), 24);
	ck_assert_uint_eq(X(A3), data(0, 8, false));
	/* ld t2, 0x100(x0): address 0x100 is no memory: an access fault. */
	ck_assert_uint_eq(csr(&t, 0x342), EXC_LOAD_ACCESS);
	ck_assert_uint_eq(csr(&t, 0x343), 0x100);
	ck_assert_uint_eq(X(T2), 0x55);
}
END_TEST

START_TEST(trap_on_the_load)
{
	/* The load faults: slli and add retired (rT written), pc at the load,
	 * rD untouched, the instructions after it not run. */
	hart_set_x(t.h, A0, 0x1000); /* no memory there */
	hart_set_x(t.h, A1, 2);
	hart_set_x(t.h, A2, 0xdead);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	c32(ADDI(A3, 0, 1)), c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0));
	uint64_t ld_pc = here();
	c32(LD(A2, T0, 8)), c32(ADDI(A4, 0, 5)), c32(WFI);
	run_prog();
	ck_assert_uint_eq(csr(&t, 0x342), EXC_LOAD_ACCESS);
	ck_assert_uint_eq(csr(&t, 0x341), ld_pc);
	ck_assert_uint_eq(csr(&t, 0x343), 0x1018);
	ck_assert_uint_eq(X(T0), 0x1010);
	ck_assert_uint_eq(X(A2), 0xdead);
	ck_assert_uint_eq(X(A4), 0);
	ck_assert_uint_eq(hart_instret(t.h), 4); /* addi, slli, add, then the WFI */

	/* The same with a compressed group (3 slots). */
	tb_fini(&t);
	setup();
	hart_set_x(t.h, S0, 0x1000);
	hart_set_x(t.h, A5, 1);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	c16(C_SLLI(A5, 3)), c16(C_ADD(A5, S0));
	ld_pc = here();
	c16(C_LD(A5, A5, 0)), c16(C_ADD(A5, A5)), c32(WFI);
	run_prog();
	ck_assert_uint_eq(csr(&t, 0x342), EXC_LOAD_ACCESS);
	ck_assert_uint_eq(csr(&t, 0x341), ld_pc);
	ck_assert_uint_eq(csr(&t, 0x343), 0x1008);
	ck_assert_uint_eq(X(A5), 0x1008);
	ck_assert_uint_eq(hart_instret(t.h), 3);

	/* A misaligned load leaves the fast path and completes. */
	tb_fini(&t);
	setup();
	hart_set_x(t.h, A0, DATA + 4);
	hart_set_x(t.h, A1, 1);
	c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0)), c32(LD(A2, T0, 0)), c32(ADDI(A3, A2, 1));
	c32(WFI);
	run_prog();
	ck_assert_uint_eq(X(A2), data(12, 8, false));
	ck_assert_uint_eq(X(A3), data(12, 8, false) + 1);
	ck_assert_uint_eq(hart_instret(t.h), 5);
}
END_TEST

START_TEST(store_rewrites_a_member)
{
	/* A loop runs a group twice; between the passes a store (no fence.i)
	 * rewrites one member. The second pass runs the new instruction. */
	const struct {
		unsigned off; /* byte of the group the store writes */
		bool byte;    /* sb of one byte, else sw of the word */
		uint32_t val; /* what it stores */
	} cases[] = {
	    {8, false, ADDI(A2, 0, 77)}, /* the load becomes an addi */
	    {4, false, ADD(T0, T0, A6)}, /* the add uses another base */
	    {11, true, 0x01},		 /* the load's last byte: its offset + 16 */
	    {0, false, SLLI(T0, A1, 2)}, /* the slli shifts less */
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		tb_fini(&t);
		setup();
		hart_set_x(t.h, A0, DATA);
		hart_set_x(t.h, A1, 2);
		hart_set_x(t.h, A6, DATA + 64);
		hart_set_x(t.h, T2, cases[c].val);
		c32(AUIPC(T1, 0)), c32(ADDI(A3, 0, 2));
		uint64_t grp = here();
		c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0)), c32(LD(A2, T0, 8)); /* group at +8 */
		c32(ADD(A4, A4, A2));
		c32(cases[c].byte ? SB(T2, T1, (int32_t)(grp - RAM_BASE + cases[c].off))
				  : SW(T2, T1, (int32_t)(grp - RAM_BASE + cases[c].off)));
		c32(ADDI(A3, A3, -1)), c32(BNE(A3, 0, -24)), c32(WFI);
		run_prog();
		uint64_t first = data(24, 8, false),
			 second[] = {77, data(88, 8, false), data(40, 8, false),
				     data(16, 8, false)};
		ck_assert_msg(X(A2) == second[c], "case %zu", c);
		ck_assert_uint_eq(X(A4), first + second[c]);
		ck_assert_uint_eq(hart_instret(t.h), 2 + 2 * 7 + 1);
	}
}
END_TEST

START_TEST(jump_into_a_group)
{
	/* The first pass runs the group fused from its start; the second
	 * enters at the add, then at the load: each runs on its own. */
	hart_set_x(t.h, A0, DATA);
	hart_set_x(t.h, A1, 1);
	c32(ADDI(A3, 0, 3));
	c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0)), c32(LD(A2, T0, 0));
	c32(ADD(A4, A4, A2)), c32(ADDI(A3, A3, -1)), c32(BEQ(A3, 0, 32));
	c32(ADDI(T0, 0, 16)); /* for an entry at the add: t0 = 16 + a0 */
	c32(ADDI(T1, 0, 1)), c32(BEQ(A3, T1, 12));
	c32(JAL(0, -32)); /* second pass: to the add */
	c32(NOP);
	c32(ADDI(T0, A0, 40)), c32(JAL(0, -40)); /* third: to the load, t0 = a0 + 40 */
	c32(WFI);
	run_prog();
	ck_assert_uint_eq(X(A4), data(8, 8, false) + data(16, 8, false) + data(40, 8, false));
	ck_assert_uint_eq(X(A2), data(40, 8, false));
}
END_TEST

START_TEST(budget_and_instret)
{
	/* An endless loop of a group and a jump: the budget ends the run at the
	 * jump, instret counts every member. */
	hart_set_x(t.h, A0, DATA);
	c32(SLLI(T0, A1, 3)), c32(ADD(T0, T0, A0)), c32(LD(A2, T0, 0)), c32(JAL(0, -12));
	memcpy(t.bus.ram, prog, 2 * nprog);
	hart_set_pc(t.h, RAM_BASE);
	ck_assert_int_eq(hart_run(t.h, 1000), HART_BUDGET);
	ck_assert_uint_eq(hart_instret(t.h), 1000);
	ck_assert_uint_eq(hart_get_pc(t.h), RAM_BASE);
	ck_assert_int_eq(hart_run(t.h, 1), HART_BUDGET);
	ck_assert_uint_eq(hart_instret(t.h), 1004);
	ck_assert_uint_eq(X(A2), data(0, 8, false));

	/* A group that straddles a page end: only the slli and add fuse. */
	tb_fini(&t);
	setup();
	hart_set_x(t.h, A0, DATA);
	hart_set_x(t.h, A1, 3);
	hart_csr_write(t.h, 0x305, TRAP_PC);
	const uint32_t p[] = {SLLI(T0, A1, 3), ADD(T0, T0, A0), LD(A2, T0, 0), WFI};
	tb_code(&t, RAM_BASE + 0xff8, p, 4);
	hart_set_pc(t.h, RAM_BASE + 0xff8);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(X(A2), data(24, 8, false));
	ck_assert_uint_eq(hart_instret(t.h), 4);
}
END_TEST

static Suite *fuse_suite(void)
{
	Suite *s = suite_create("fuse");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, groups_recognised);
	tcase_add_test(tc, every_load_and_length);
	tcase_add_test(tc, field_extraction);
	tcase_add_test(tc, pairs_and_aliasing);
	tcase_add_test(tc, trap_on_the_load);
	tcase_add_test(tc, store_rewrites_a_member);
	tcase_add_test(tc, jump_into_a_group);
	tcase_add_test(tc, budget_and_instret);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fuse_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
