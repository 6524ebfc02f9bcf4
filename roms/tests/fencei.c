/*
 * roms/tests/fencei.c - self-modifying code: instructions written as data
 * then executed after fence.i run as written, whether in a fresh buffer,
 * rewritten in place after having run (a decoded-instruction cache must
 * notice), inside the function that patches itself, or as compressed
 * instructions; and under Sv39, code written through a writable alias page
 * and run through an executable one, or remapped to another physical page.
 */
#include "vm.h"

static u32 code[16] __attribute__((aligned(64)));

#define LI_A0(imm) (0x00000513U | ((u32)(imm) << 20)) /* addi a0, zero, imm */
#define RET	   0x00008067U
#define C_LI_A0(imm)                                                                               \
	((u16)(0x4501 | (((imm)&31) << 2) | ((((imm) >> 5) & 1) << 12))) /* c.li a0, imm */
#define C_RET ((u16)0x8082)

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
	asm volatile(
	    ".option push\n .option norvc\n .globl patch_site\npatch_site: li %0, 1\n .option pop"
	    : "=r"(r));
	return r;
}

/* Stores over the instruction right after the fence.i, then runs it. */
static u64 patch_ahead(u32 insn)
{
	u64 r;
	asm volatile(".option push\n .option norvc\n la t0, 1f\n sw %1, 0(t0)\n fence.i\n"
		     "1: li a0, 77\n mv %0, a0\n .option pop"
		     : "=r"(r)
		     : "r"(insn)
		     : "t0", "a0", "memory");
	return r;
}

#define CODE_P 0x82000000UL /* two physical code pages */
#define CODE_Q 0x82001000UL
#define VX     0x40000000UL /* executable view */
#define VY     0x40001000UL /* writable alias of the same page */

static pagetable_t root, l1, l0;

static u64 call_as_s(u64 va)
{
	u64 r;
	to_mode(PRV_S);
	r = call((void *)va);
	to_m();
	return r;
}

/* Code written through one virtual page and run through another. */
static void aliases(void)
{
	root[0] = PTE(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	root[1] = PTE(l1, PTE_V);
	root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D);
	l1[0] = PTE(l0, PTE_V);
	l0[0] = PTE(CODE_P, PTE_V | PTE_R | PTE_X | PTE_A);
	l0[1] = PTE(CODE_P, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	*(volatile u32 *)CODE_P = LI_A0(1);
	*(volatile u32 *)(CODE_P + 4) = RET;
	*(volatile u32 *)CODE_Q = LI_A0(50);
	*(volatile u32 *)(CODE_Q + 4) = RET;
	asm volatile("fence.i" ::: "memory");
	csr_write(satp, SATP(root, 0));
	sfence_all();
	CHECK("Sv39: run code at VX", call_as_s(VX), 1);
	store_as(PRV_S, VY, LI_A0(2) | (u64)RET << 32);
	to_mode(PRV_S);
	asm volatile("fence.i" ::: "memory");
	to_m();
	CHECK("written through alias VY, fence.i, run at VX", call_as_s(VX), 2);
	*(volatile u32 *)CODE_P = LI_A0(3);
	asm volatile("fence.i" ::: "memory");
	CHECK("written by M physically, run at VX", call_as_s(VX), 3);
	l0[0] = PTE(CODE_Q, PTE_V | PTE_R | PTE_X | PTE_A);
	sfence_all();
	CHECK("VX remapped to another page + sfence.vma", call_as_s(VX), 50);
	l0[0] = PTE(CODE_P, PTE_V | PTE_R | PTE_X | PTE_A);
	sfence_all();
	CHECK("and back", call_as_s(VX), 3);
	csr_write(satp, 0);
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
	aliases();
	return checks_done();
}
