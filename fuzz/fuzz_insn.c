/*
 * fuzz_insn.c - libFuzzer target: random instruction words (and random page
 * tables) executed by a real hart on the real board for a bounded number of
 * instructions. The input sets the starting privilege (M, S or U), satp
 * (Bare, Sv39 or junk, root table inside RAM or not), mstatus, delegation,
 * trap vectors and PMP; the rest of it is tiled over the first 64 KiB of RAM,
 * so the code, its data and its page tables are all fuzzed. mret/sret in the
 * code move between privileges. Nothing the guest does may crash rvmm or
 * touch host memory outside guest RAM.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emu/hart.h"
#include "emu/machine.h"
#include "emu/pmp.h"

#define RAM_SIZE  (256u << 10)
#define CODE_SPAN (64u << 10)
#define MAX_INSNS 20000
#define HDR_SIZE  64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t word(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* A vector inside the fuzzed code (direct or vectored mode). */
static uint64_t vector(uint64_t x)
{
	return ((RAM_BASE + (x % CODE_SPAN)) & ~3ull) | (x >> 63);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum priv privs[3] = {PRIV_U, PRIV_S, PRIV_M};
	struct machine_config cfg = {.ram_size = RAM_SIZE, .max_insns = MAX_INSNS, .in_fd = -1};
	struct machine m;
	const char *why;

	if (size < HDR_SIZE + 4)
		return 0;
	if (machine_init(&m, &cfg, &why) < 0)
		abort();
	const uint8_t *code = data + HDR_SIZE;
	size_t code_size = size - HDR_SIZE;
	uint8_t *ram = bus_ram_ptr(&m.bus, RAM_BASE, CODE_SPAN);
	for (size_t off = 0; off < CODE_SPAN; off += code_size)
		memcpy(ram + off, code, code_size < CODE_SPAN - off ? code_size : CODE_SPAN - off);

	struct hart *h = m.hart;
	uint64_t satp = word(data);
	switch (data[56] & 3) {
	case 0: /* Sv39, root table inside the fuzzed code */
		satp = (8ull << 60) | (satp & (0xffffull << 44)) |
		       ((RAM_BASE >> 12) + (satp % (CODE_SPAN >> 12)));
		break;
	case 1:
		satp = 0; /* Bare */
		break;
	default: /* anything at all */ break;
	}
	hart_reset(h, RAM_BASE);
	hart_csr_write(h, 0x300, word(data + 8));	   /* mstatus */
	hart_csr_write(h, 0x302, word(data + 16));	   /* medeleg */
	hart_csr_write(h, 0x303, word(data + 24));	   /* mideleg */
	hart_csr_write(h, 0x304, word(data + 48));	   /* mie */
	hart_csr_write(h, 0x305, vector(word(data + 32))); /* mtvec */
	hart_csr_write(h, 0x105, vector(word(data + 40))); /* stvec */
	hart_csr_write(h, 0x180, satp);
	if (data[57] & 1) { /* PMP: let S/U reach everything, or a random entry */
		hart_csr_write(h, CSR_PMPADDR0, ~0ull);
		hart_csr_write(h, CSR_PMPCFG0, (data[57] & 2) ? 0x1f : data[58]);
	}
	hart_set_priv(h, privs[data[59] % 3]);
	hart_set_pc(h, RAM_BASE + ((uint64_t)data[60] << 2) % CODE_SPAN);
	machine_run(&m);
	machine_destroy(&m);
	return 0;
}
