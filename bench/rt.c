/*
 * bench/rt.c - the guest side of a bench image. bench_boot() runs in M-mode:
 * opens PMP, lets S read the counters and builds the page tables; the kernel
 * then runs in S-mode and bench_main() prints its checksum and instret over
 * the UART and ends the run through the SiFive test finisher.
 *
 * Address space (identity-mapped when VM=1): 0..1 GiB (devices) with one
 * 1 GiB page; RAM 0x80000000..+320 MiB with 4 KiB pages, so that the memory
 * walker's TLB reach is that of 4 KiB pages. The scratch area is RAM + 32 MiB.
 */
#include <stdint.h>

#include "bench.h"

#define UART	 ((volatile uint8_t *)0x10000000)
#define FINISHER ((volatile uint32_t *)0x100000)
#define RAM	 0x80000000ull
#define MAP_SIZE (320ull << 20)
#define MEM_AREA (RAM + (32ull << 20))

#define PTE_V	 1
#define PTE_R	 2
#define PTE_W	 4
#define PTE_X	 8
#define PTE_A	 64
#define PTE_D	 128
#define PTE_LEAF (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[MAP_SIZE >> 21][512] __attribute__((aligned(4096)));

static void putc_(char c)
{
	while (!(UART[5] & 0x20))
		;
	UART[0] = (uint8_t)c;
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static void putu(uint64_t v)
{
	char b[24];
	int i = 0;
	do
		b[i++] = (char)('0' + v % 10);
	while (v /= 10);
	while (i)
		putc_(b[--i]);
}

uint64_t bench_boot(void)
{
	asm volatile("csrw pmpaddr0, %0; csrw pmpcfg0, %1" ::"r"(~0ull >> 10), "r"(0x1full));
	asm volatile("csrw mcounteren, %0" ::"r"(7ull));
#if VM
	root[0] = PTE_LEAF; /* 0..1 GiB */
	root[2] = (((uint64_t)l1 >> 12) << 10) | PTE_V;
	for (uint64_t i = 0; i < (MAP_SIZE >> 21); i++) {
		l1[i] = (((uint64_t)l0[i] >> 12) << 10) | PTE_V;
		for (uint64_t j = 0; j < 512; j++) {
			uint64_t pa = RAM + (i << 21) + (j << 12);
			l0[i][j] = ((pa >> 12) << 10) | PTE_LEAF;
		}
	}
	return (8ull << 60) | ((uint64_t)root >> 12);
#else
	return 0;
#endif
}

int bench_main(void)
{
	uint64_t t0, t1;
	asm volatile("rdinstret %0" : "=r"(t0));
	uint64_t sum = bench_kernel((uint8_t *)MEM_AREA, BENCH_MEM_SIZE);
	asm volatile("rdinstret %0" : "=r"(t1));
	puts_("checksum ");
	putu(sum);
	puts_(" insns ");
	putu(t1 - t0);
	puts_("\n");
	return 0;
}

void bench_exit(int status)
{
	*FINISHER = status ? ((uint32_t)status << 16) | 0x3333 : 0x5555;
	for (;;)
		;
}

void bench_trap(uint64_t cause, uint64_t epc, uint64_t tval)
{
	puts_("bench: unexpected trap, mcause ");
	putu(cause);
	puts_(" mepc ");
	putu(epc);
	puts_(" mtval ");
	putu(tval);
	puts_("\n");
	bench_exit(3);
}
