/*
 * roms/tests/fencei.c - self-modifying code: instructions written as data
 * then executed after fence.i run as written, whether in a fresh buffer,
 * rewritten in place after having run (a decoded-instruction cache must
 * notice), inside the function that patches itself, or as compressed
 * instructions.
 */
#include "rt.h"

static u32 code[16] __attribute__((aligned(64)));

#define LI_A0(imm) (0x00000513U | ((u32)(imm) << 20)) /* addi a0, zero, imm */
#define RET        0x00008067U
#define C_LI_A0(imm) ((u16)(0x4501 | (((imm) & 31) << 2) | ((((imm) >> 5) & 1) << 12))) /* c.li a0, imm */
#define C_RET      ((u16)0x8082)

typedef u64 (*fn_t)(void);
typedef uint16_t u16;

static u64 call(void *p)
{
	return ((fn_t)p)();
}

/* Returns its own immediate; patch() rewrites the li below. */
__attribute__((noinline, aligned(8))) static u64 patched(void)
{
	u64 r;
	asm volatile(".option push\n .option norvc\n .globl patch_site\npatch_site: li %0, 1\n .option pop"
		     : "=r"(r));
	return r;
}

/* Stores over the instruction right after the fence.i, then runs it. */
static u64 patch_ahead(u32 insn)
{
	u64 r;
	asm volatile(".option push\n .option norvc\n la t0, 1f\n sw %1, 0(t0)\n fence.i\n"
		     "1: li a0, 77\n mv %0, a0\n .option pop"
		     : "=r"(r) : "r"(insn) : "t0", "a0", "memory");
	return r;
}

int main(void)
{
	extern u32 patch_site[];

	code[0] = LI_A0(11);
	code[1] = RET;
	asm volatile("fence.i" ::: "memory");
	CHECK("fresh code after fence.i", call(code), 11);
	code[0] = LI_A0(22);
	asm volatile("fence.i" ::: "memory");
	CHECK("rewritten after running", call(code), 22);
	for (int i = 0; i < 3; i++) {
		code[0] = LI_A0(100 + i);
		asm volatile("fence.i" ::: "memory");
		call(code);
	}
	CHECK("rewritten in a loop", call(code), 102);

	CHECK("patched() before", patched(), 1);
	u32 li = patch_site[0];
	patch_site[0] = (li & 0x000fffff) | (42U << 20);
	asm volatile("fence.i" ::: "memory");
	CHECK("patched() after patching .text", patched(), 42);
	patch_site[0] = li;
	asm volatile("fence.i" ::: "memory");
	CHECK("patched() restored", patched(), 1);

	CHECK("store to the next instruction + fence.i", patch_ahead(LI_A0(5)), 5);
	CHECK("  again with another value", patch_ahead(LI_A0(6)), 6);

	u16 *h = (u16 *)code;
	h[0] = C_LI_A0(9);
	h[1] = C_RET;
	asm volatile("fence.i" ::: "memory");
	CHECK("compressed code", call(code), 9);
	h[0] = C_LI_A0(-3);
	asm volatile("fence.i" ::: "memory");
	CHECK("compressed rewritten", call(code), -3);
	/* A 32-bit instruction at a 2-byte aligned address. */
	h[0] = 0x0001; /* c.nop */
	h[1] = (u16)LI_A0(17);
	h[2] = (u16)(LI_A0(17) >> 16);
	h[3] = C_RET;
	asm volatile("fence.i" ::: "memory");
	CHECK("32-bit insn at pc%4 == 2", call(code), 17);
	return checks_done();
}
