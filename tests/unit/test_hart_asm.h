/*
 * test_hart_asm.h - a tiny RV64 assembler and a test board (RAM on a bus,
 * one hart) shared by the hart and MMU unit tests.
 */
#ifndef RVMM_TEST_HART_ASM_H
#define RVMM_TEST_HART_ASM_H

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "emu/bus.h"
#include "emu/hart.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (4u << 20)

/* Encoders for the six formats. */
static inline uint32_t enc_r(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd,
			     unsigned op)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static inline uint32_t enc_i(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
	return (uint32_t)(imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static inline uint32_t enc_s(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3, unsigned op)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1f) << 7 | op;
}
static inline uint32_t enc_b(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
	       ((u >> 1) & 0xf) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
static inline uint32_t enc_j(int32_t imm, unsigned rd)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 | ((u >> 11) & 1) << 20 |
	       ((u >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
}

#define ADDI(rd, rs, imm)    enc_i(imm, rs, 0, rd, 0x13)
#define ADDIW(rd, rs, imm)   enc_i(imm, rs, 0, rd, 0x1b)
#define SLLI(rd, rs, sh)     enc_i(sh, rs, 1, rd, 0x13)
#define SRAI(rd, rs, sh)     enc_i(0x400 | (sh), rs, 5, rd, 0x13)
#define LUI(rd, imm20)	     ((uint32_t)(imm20) << 12 | (rd) << 7 | 0x37)
#define AUIPC(rd, imm20)     ((uint32_t)(imm20) << 12 | (rd) << 7 | 0x17)
#define ADD(rd, a, b)	     enc_r(0, b, a, 0, rd, 0x33)
#define SUB(rd, a, b)	     enc_r(0x20, b, a, 0, rd, 0x33)
#define SLTU(rd, a, b)	     enc_r(0, b, a, 3, rd, 0x33)
#define SRAW(rd, a, b)	     enc_r(0x20, b, a, 5, rd, 0x3b)
#define MUL(rd, a, b)	     enc_r(1, b, a, 0, rd, 0x33)
#define MULH(rd, a, b)	     enc_r(1, b, a, 1, rd, 0x33)
#define MULHU(rd, a, b)	     enc_r(1, b, a, 3, rd, 0x33)
#define MULHSU(rd, a, b)     enc_r(1, b, a, 2, rd, 0x33)
#define DIV(rd, a, b)	     enc_r(1, b, a, 4, rd, 0x33)
#define DIVU(rd, a, b)	     enc_r(1, b, a, 5, rd, 0x33)
#define REM(rd, a, b)	     enc_r(1, b, a, 6, rd, 0x33)
#define DIVW(rd, a, b)	     enc_r(1, b, a, 4, rd, 0x3b)
#define REMUW(rd, a, b)	     enc_r(1, b, a, 7, rd, 0x3b)
#define LB(rd, rs, imm)	     enc_i(imm, rs, 0, rd, 0x03)
#define LW(rd, rs, imm)	     enc_i(imm, rs, 2, rd, 0x03)
#define LD(rd, rs, imm)	     enc_i(imm, rs, 3, rd, 0x03)
#define LWU(rd, rs, imm)     enc_i(imm, rs, 6, rd, 0x03)
#define SB(rs2, rs, imm)     enc_s(imm, rs2, rs, 0, 0x23)
#define SW(rs2, rs, imm)     enc_s(imm, rs2, rs, 2, 0x23)
#define SD(rs2, rs, imm)     enc_s(imm, rs2, rs, 3, 0x23)
#define BEQ(a, b, off)	     enc_b(off, b, a, 0)
#define BNE(a, b, off)	     enc_b(off, b, a, 1)
#define BLT(a, b, off)	     enc_b(off, b, a, 4)
#define JAL(rd, off)	     enc_j(off, rd)
#define JALR(rd, rs, imm)    enc_i(imm, rs, 0, rd, 0x67)
#define CSRRW(rd, csr, rs)   enc_i(csr, rs, 1, rd, 0x73)
#define CSRRS(rd, csr, rs)   enc_i(csr, rs, 2, rd, 0x73)
#define CSRRC(rd, csr, rs)   enc_i(csr, rs, 3, rd, 0x73)
#define CSRRWI(rd, csr, u)   enc_i(csr, u, 5, rd, 0x73)
#define LR_D(rd, rs)	     enc_r(0x08, 0, rs, 3, rd, 0x2f)
#define SC_D(rd, rs, v)	     enc_r(0x0c, v, rs, 3, rd, 0x2f)
#define AMOADD_W(rd, rs, v)  enc_r(0x00, v, rs, 2, rd, 0x2f)
#define AMOMAXU_D(rd, rs, v) enc_r(0x70, v, rs, 3, rd, 0x2f)
#define ECALL		     0x00000073u
#define EBREAK		     0x00100073u
#define MRET		     0x30200073u
#define SRET		     0x10200073u
#define WFI		     0x10500073u
#define FENCE_I		     0x0000100fu
#define SFENCE_VMA(a, b)     enc_r(0x09, b, a, 0, 0, 0x73)

enum { T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15 };

struct tb {
	struct bus bus;
	struct hart *h;
};

/* A board with RAM_SIZE of RAM, the hart at RAM_BASE in M-mode with PMP
 * entry 15 opening all memory to S and U, mtvec = RAM_BASE + 0x3000 (a WFI). */
static inline void tb_init(struct tb *t)
{
	ck_assert_int_eq(bus_init(&t->bus, RAM_BASE, RAM_SIZE), 0);
	t->h = hart_create(&t->bus, NULL);
	ck_assert_ptr_nonnull(t->h);
	hart_reset(t->h, RAM_BASE);
	ck_assert_int_eq(hart_csr_write(t->h, 0x3b0 + 15, ~0ull >> 10), 0);
	ck_assert_int_eq(hart_csr_write(t->h, 0x3a2, 0x1full << 56), 0);
	hart_csr_write(t->h, 0x305, RAM_BASE + 0x3000);
	uint32_t wfi = WFI;
	memcpy(t->bus.ram + 0x3000, &wfi, 4);
}

static inline void tb_fini(struct tb *t)
{
	hart_destroy(t->h);
	bus_destroy(&t->bus);
}

/* Copy n instruction words to physical address pa. */
static inline void tb_code(struct tb *t, uint64_t pa, const uint32_t *w, size_t n)
{
	memcpy(t->bus.ram + (pa - RAM_BASE), w, n * 4);
}

static inline uint64_t csr(struct tb *t, unsigned n)
{
	uint64_t v = 0;
	ck_assert_int_eq(hart_csr_read(t->h, n, &v), 0);
	return v;
}

static inline uint64_t rd64(struct tb *t, uint64_t pa)
{
	uint64_t v;
	memcpy(&v, t->bus.ram + (pa - RAM_BASE), 8);
	return v;
}

static inline void wr64(struct tb *t, uint64_t pa, uint64_t v)
{
	memcpy(t->bus.ram + (pa - RAM_BASE), &v, 8);
}

#endif
