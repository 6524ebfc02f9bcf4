/*
 * roms/tests/misalign.c - misaligned loads and stores to RAM complete (QEMU
 * 7.2 and rvmm both emulate them rather than trap), in M-mode and under
 * Sv39 across a page boundary whose two virtual pages map to physical pages
 * that are not adjacent (so both translations matter); when the second
 * page is unmapped the access takes a page fault and nothing is written.
 */
#include "vm.h"

#define DATA  0x82000000UL
#define P(n)  (DATA + (n)*4096UL)
#define VA(n) (0x40000000UL + (n)*4096UL)

static pagetable_t root, l1, l0;
static volatile unsigned char buf[64] __attribute__((aligned(16)));

static void m_mode(void)
{
	for (int i = 0; i < 64; i++)
		buf[i] = (unsigned char)(0x10 + i);
	volatile unsigned char *b = buf;
	CHECK("ld at +1", *(volatile u64 *)(b + 1), 0x1817161514131211UL);
	CHECK("ld at +7", *(volatile u64 *)(b + 7), 0x1e1d1c1b1a191817UL);
	CHECK("lw at +3 sext", (u64)(i64) * (volatile i32 *)(b + 3), 0x16151413UL);
	CHECK("lhu at +5", *(volatile uint16_t *)(b + 5), 0x1615);
	*(volatile u64 *)(b + 9) = 0x8877665544332211UL;
	CHECK("sd at +9", *(volatile u64 *)(b + 8), 0x7766554433221118UL);
	CHECK("  next", *(volatile u64 *)(b + 16), 0x2726252423222188UL);
	*(volatile u32 *)(b + 33) = 0xaabbccdd;
	CHECK("sw at +33", *(volatile u64 *)(b + 32), 0x373635aabbccdd30UL);
	*(volatile uint16_t *)(b + 47) = 0xeeff;
	CHECK("sh at +47", *(volatile u32 *)(b + 44), 0xff3e3d3cUL);
	u64 d;
	asm volatile("fld ft0, 3(%1)\n fmv.x.d %0, ft0" : "=r"(d) : "r"(b) : "ft0");
	CHECK("fld at +3", d, 0x2211181716151413UL);
}

static void paged(void)
{
	root[0] = PTE(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	root[1] = PTE(l1, PTE_V);
	root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D);
	l1[0] = PTE(l0, PTE_V);
	l0[0] = PTE(P(3), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); /* VA(0) -> P3 */
	l0[1] = PTE(P(1), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); /* VA(1) -> P1 */
	l0[2] = PTE(P(5), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
	l0[3] = 0;
	for (int i = 0; i < 6; i++) {
		*(volatile u64 *)(P(i) + 4088) = 0x0706050403020100UL + 0x1010101010101010UL * i;
		*(volatile u64 *)P(i) = 0x8786858483828180UL + 0x1010101010101010UL * i;
	}
	csr_write(satp, SATP(root, 0));
	sfence_all();
	trap_expect();
	CHECK("ld across VA(0)|VA(1): P3 tail + P1 head", load_as(PRV_S, VA(1) - 4),
	      0x9392919037363534UL);
	store_as(PRV_S, VA(2) - 2, 0xfedcba9876543210UL);
	CHECK("sd across VA(1)|VA(2): tail in P1", *(volatile u64 *)(P(1) + 4088),
	      0x3210151413121110UL);
	CHECK("  head in P5", *(volatile u64 *)P(5), 0xd7d6fedcba987654UL);
	CHECK("  no traps", trap.count, 0);
	load_as(PRV_S, VA(3) - 4);
	CHECK("ld across into unmapped VA(3): load page fault", trap.cause, CAUSE_LOAD_PAGE);
	trap_expect();
	store_as(PRV_S, VA(3) - 2, 0x1111111111111111UL);
	CHECK("sd across into unmapped VA(3): store page fault", trap.cause, CAUSE_STORE_PAGE);
	CHECK("  first page not written", *(volatile u64 *)(P(5) + 4088), 0x5756555453525150UL);
	trap_reset();
	csr_write(satp, 0);
}

int main(void)
{
	m_mode();
	paged();
	return checks_done();
}
