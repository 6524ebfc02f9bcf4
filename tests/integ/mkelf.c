/*
 * mkelf.c - writes the small bare-metal images that the integration tests
 * (cli.sh, badinput.sh) run, so those tests need no cross compiler:
 *
 *   mkelf OUT pass | bigbss | entry | fail7 | uart | echo | htif | loop | wfi |
 *             timer | x86 | rv32 | outside | dyn
 *
 * The instructions are encoded here by the helpers below (RV64I + Zicsr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/elfgen.h"

enum { ZERO = 0, T0 = 5, T1 = 6, T2 = 7, T3 = 28, T4 = 29 };

static uint32_t code[256];
static unsigned n;

static void emit(uint32_t w)
{
	code[n++] = w;
}
static uint32_t itype(int imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
	return ((uint32_t)(imm & 0xfff) << 20) | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static void lui(unsigned rd, uint32_t imm20)
{
	emit(imm20 << 12 | rd << 7 | 0x37);
}
static void auipc(unsigned rd, uint32_t imm20)
{
	emit(imm20 << 12 | rd << 7 | 0x17);
}
static void addi(unsigned rd, unsigned rs1, int imm)
{
	emit(itype(imm, rs1, 0, rd, 0x13));
}
static void slli(unsigned rd, unsigned rs1, int sh)
{
	emit(itype(sh, rs1, 1, rd, 0x13));
}
static void ld(unsigned rd, unsigned rs1, int imm)
{
	emit(itype(imm, rs1, 3, rd, 0x03));
}
static void csrw(unsigned csr, unsigned rs1)
{
	emit(itype((int)csr, rs1, 1, 0, 0x73));
}
static void store(unsigned f3, unsigned rs2, unsigned rs1, int imm)
{
	emit((uint32_t)((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
	     (uint32_t)(imm & 0x1f) << 7 | 0x23);
}
static void sb(unsigned rs2, unsigned rs1, int imm)
{
	store(0, rs2, rs1, imm);
}
static void sw(unsigned rs2, unsigned rs1, int imm)
{
	store(2, rs2, rs1, imm);
}
static void sd(unsigned rs2, unsigned rs1, int imm)
{
	store(3, rs2, rs1, imm);
}
/* A conditional branch to pc + off (off in bytes, even, within +-4 KiB). */
static void branch(unsigned f3, unsigned rs1, unsigned rs2, int off)
{
	emit((uint32_t)((off >> 12) & 1) << 31 | (uint32_t)((off >> 5) & 0x3f) << 25 | rs2 << 20 |
	     rs1 << 15 | f3 << 12 | (uint32_t)((off >> 1) & 0xf) << 8 |
	     (uint32_t)((off >> 11) & 1) << 7 | 0x63);
}
static void beq(unsigned rs1, unsigned rs2, int off)
{
	branch(0, rs1, rs2, off);
}
static void bltu(unsigned rs1, unsigned rs2, int off)
{
	branch(6, rs1, rs2, off);
}
static void lbu(unsigned rd, unsigned rs1, int imm)
{
	emit(itype(imm, rs1, 4, rd, 0x03));
}
static void andi(unsigned rd, unsigned rs1, int imm)
{
	emit(itype(imm, rs1, 7, rd, 0x13));
}
/* j pc + off (off in bytes, even, within +-1 MiB) */
static void jump(int off)
{
	emit((uint32_t)((off >> 20) & 1) << 31 | (uint32_t)((off >> 1) & 0x3ff) << 21 |
	     (uint32_t)((off >> 11) & 1) << 20 | (uint32_t)((off >> 12) & 0xff) << 12 | 0x6f);
}
static void jself(void)
{
	emit(0x0000006f);
} /* j . */
static void wfi(void)
{
	emit(0x10500073);
}

/* Finisher: exit with status code (0 = pass). */
static void finish(unsigned code_)
{
	lui(T0, 0x100); /* t0 = 0x100000 */
	if (code_ == 0) {
		lui(T1, 0x5);
		addi(T1, T1, 0x555);
	} else {
		lui(T1, code_ << 4 | 3); /* (code << 16) | 0x3000 */
		addi(T1, T1, 0x333);
	}
	sw(T1, T0, 0);
	jself();
}

int main(int argc, char **argv)
{
	static uint8_t img[ELFGEN_MAX];
	struct elfgen g = {0};
	const char *kind = argc == 3 ? argv[2] : "";

	if (!strcmp(kind, "pass") || !strcmp(kind, "x86") || !strcmp(kind, "rv32") ||
	    !strcmp(kind, "outside") || !strcmp(kind, "dyn")) {
		finish(0);
		g.machine = !strcmp(kind, "x86") ? EM_X86_64 : 0;
		g.class32 = !strcmp(kind, "rv32");
		g.addr = !strcmp(kind, "outside") ? 0x40000000 : 0;
		g.type = !strcmp(kind, "dyn") ? ET_DYN : 0;
	} else if (!strcmp(kind, "bigbss")) {
		finish(0);
		g.bss = 1 << 20; /* needs more than 1 MiB of RAM */
	} else if (!strcmp(kind, "entry")) {
		/* A trap for a ROM that ignores e_entry: 0x80000000 spins. */
		jself();
		finish(0);
		g.entry = 0x80000004;
	} else if (!strcmp(kind, "fail7")) {
		finish(7);
	} else if (!strcmp(kind, "uart")) {
		lui(T0, 0x10000); /* t0 = 0x10000000 */
		for (const char *s = "hello, uart\n"; *s; s++) {
			addi(T1, ZERO, *s);
			sb(T1, T0, 0);
		}
		finish(0);
	} else if (!strcmp(kind, "htif")) {
		auipc(T0, 1); /* t0 = 0x80001000 = tohost */
		for (const char *s = "hi\n"; *s; s++) {
			addi(T1, ZERO, 0x101);
			slli(T1, T1, 48);
			addi(T1, T1, *s);
			sd(T1, T0, 0);
		}
		addi(T1, ZERO, (3 << 1) | 1);
		sd(T1, T0, 0);
		jself();
		g.tohost = 0x80001000;
		g.fromhost = 0x80001008;
	} else if (!strcmp(kind, "echo")) {
		/* Echo UART input (polling LSR.DR) until 'q'. */
		lui(T0, 0x10000);
		lbu(T1, T0, 5); /* loop: */
		andi(T1, T1, 1);
		beq(T1, ZERO, -8);
		lbu(T2, T0, 0);
		addi(T3, ZERO, 'q');
		beq(T2, T3, 12); /* to done */
		sb(T2, T0, 0);
		jump(-28); /* to loop */
		finish(0); /* done: */
	} else if (!strcmp(kind, "loop")) {
		jself();
	} else if (!strcmp(kind, "wfi")) {
		wfi();
		emit(0xffdff06f); /* j -4 */
	} else if (!strcmp(kind, "timer")) {
		/* mtimecmp = 100000; mie = MTIE; wfi; pass if mtime >= 100000. */
		lui(T0, 0x2004);     /* t0 = 0x2004000 = mtimecmp */
		lui(T1, 0x18);	     /* t1 = 0x18000 */
		addi(T1, T1, 0x6a0); /* t1 = 100000 */
		sd(T1, T0, 0);
		addi(T2, ZERO, 0x80);
		csrw(0x304, T2); /* mie = MTIE; mstatus.MIE stays 0 */
		wfi();
		lui(T2, 0x200c);  /* 0x200c000 */
		ld(T3, T2, -8);	  /* mtime at 0x200bff8 */
		bltu(T3, T1, 24); /* too early: fail */
		finish(0);	  /* 5 instructions */
		finish(1);
	} else {
		fprintf(stderr, "usage: mkelf OUT "
				"pass|bigbss|entry|fail7|uart|echo|htif|loop|wfi|timer|x86|rv32|"
				"outside|dyn\n");
		return 2;
	}
	g.code = code;
	g.code_size = n * 4;
	size_t size = elfgen_build(img, &g);
	FILE *f = fopen(argv[1], "wb");
	if (!f || fwrite(img, 1, size, f) != size || fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
