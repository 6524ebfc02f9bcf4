/*
 * hart.h - the public face of one RISC-V hart (RV64IMAFDC, Zicsr, Zifencei,
 * M/S/U privilege, Sv39 MMU with an ASID-tagged TLB).
 *
 * This is the only header that code outside emu/ (the machine's devices, the
 * HLE kernel in os/, the viewer, tests) uses to drive a hart. The hart's
 * internals live in emu/cpu.h and are private to emu/.
 *
 * Time: the hart derives mtime from its retired-instruction count, so a run is
 * deterministic (same program, same inputs: same instruction count, same time).
 */
#ifndef RVMM_EMU_HART_H
#define RVMM_EMU_HART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bus;
struct hart;

enum priv { PRIV_U = 0, PRIV_S = 1, PRIV_M = 3 };

/* mip/mie bit numbers (privileged spec, table 3.6). */
enum {
	IRQ_SSIP = 1,
	IRQ_MSIP = 3,
	IRQ_STIP = 5,
	IRQ_MTIP = 7,
	IRQ_SEIP = 9,
	IRQ_MEIP = 11,
};

/* Exception causes (mcause with interrupt bit clear). */
enum {
	EXC_INSN_MISALIGNED = 0,
	EXC_INSN_ACCESS = 1,
	EXC_ILLEGAL_INSN = 2,
	EXC_BREAKPOINT = 3,
	EXC_LOAD_MISALIGNED = 4,
	EXC_LOAD_ACCESS = 5,
	EXC_STORE_MISALIGNED = 6,
	EXC_STORE_ACCESS = 7,
	EXC_ECALL_U = 8,
	EXC_ECALL_S = 9,
	EXC_ECALL_M = 11,
	EXC_INSN_PAGE_FAULT = 12,
	EXC_LOAD_PAGE_FAULT = 13,
	EXC_STORE_PAGE_FAULT = 15,
};
#define CAUSE_INTERRUPT (1ull << 63)

struct hart_config {
	uint64_t hartid;
	unsigned tlb_entries;	 /* main TLB size (power of two); 0: default */
	uint64_t insns_per_tick; /* instructions per mtime tick; 0: default (10) */
};

/* Why hart_run() returned. */
enum hart_exit {
	HART_BUDGET,  /* ran the instruction budget */
	HART_STOPPED, /* hart_request_stop() was called (a device, a signal) */
	HART_WFI,     /* executed WFI with no interrupt pending: sleep until one is */
	HART_S_TRAP,  /* HLE mode: a trap to S-mode, see hart_trap_info() */
};

struct hart *hart_create(struct bus *bus, const struct hart_config *cfg);
void hart_destroy(struct hart *h);
/* Reset state of the privileged spec: M-mode, mstatus.MIE=0, satp Bare, pc. */
void hart_reset(struct hart *h, uint64_t pc);

/* Run about budget instructions: the budget is checked at block ends (taken
 * jumps, page changes, traps), so a run may go past it by the rest of one
 * straight-line block (at most 2048 instructions); HART_BUDGET is returned
 * only once the budget is used up. */
enum hart_exit hart_run(struct hart *h, uint64_t budget);
/* Ask a running hart to return HART_STOPPED at its next block boundary. */
void hart_request_stop(struct hart *h);

uint64_t hart_instret(const struct hart *h);
/* mtime = instret / insns_per_tick + an offset that only hart_skip_time() changes. */
uint64_t hart_mtime(const struct hart *h);
/* mtime += ticks, modulo 2^64 (the board uses it to let time pass during WFI,
 * and to implement a guest write to mtime as a skip of new - old). */
void hart_skip_time(struct hart *h, uint64_t ticks);
/* Device interrupt lines: set or clear bits of mip (MEIP, SEIP, MTIP, MSIP). */
void hart_set_mip(struct hart *h, uint64_t mask, bool level);
uint64_t hart_get_mip(const struct hart *h);

/* Architectural state, for the HLE kernel, the debugger and tests. */
uint64_t hart_get_pc(const struct hart *h);
void hart_set_pc(struct hart *h, uint64_t pc);
uint64_t hart_get_x(const struct hart *h, unsigned reg);
void hart_set_x(struct hart *h, unsigned reg, uint64_t val);
uint64_t hart_get_f(const struct hart *h, unsigned reg);
void hart_set_f(struct hart *h, unsigned reg, uint64_t val);
enum priv hart_get_priv(const struct hart *h);
void hart_set_priv(struct hart *h, enum priv p);
/* CSR access with no privilege check and no side effects beyond the
 * architectural ones of the write (a satp write follows the TLB rules).
 * Return 0, or -1 for a CSR that does not exist. */
int hart_csr_read(struct hart *h, unsigned csr, uint64_t *val);
int hart_csr_write(struct hart *h, unsigned csr, uint64_t val);

/*
 * HLE mode: a built-in kernel on the host plays S-mode. When enabled, a trap
 * that the hart would deliver to S-mode (an ecall from U, a page fault, an
 * interrupt delegated to S) is not taken architecturally: hart_run() returns
 * HART_S_TRAP and hart_trap_info() says what happened. The kernel handles it
 * and resumes the hart with hart_set_pc()/hart_set_priv().
 */
struct hart_trap {
	uint64_t cause; /* as scause */
	uint64_t tval;	/* as stval */
	uint64_t epc;	/* as sepc */
};
void hart_set_hle(struct hart *h, bool on);
const struct hart_trap *hart_trap_info(const struct hart *h);

/*
 * Virtual memory access through the hart's own MMU and TLB (the kernel's
 * copy_from_user/copy_to_user): translation as privilege priv with the current
 * satp, permissions and A/D updates exactly as for the hart's own accesses.
 * Return 0, or the exception cause (> 0) with *fault_va set to the failing address.
 */
int hart_vm_read(struct hart *h, enum priv priv, uint64_t va, void *buf, size_t len,
		 uint64_t *fault_va);
int hart_vm_write(struct hart *h, enum priv priv, uint64_t va, const void *buf, size_t len,
		  uint64_t *fault_va);
/* sfence.vma with rs1/rs2 semantics: va_valid/asid_valid false mean x0. */
void hart_sfence_vma(struct hart *h, bool va_valid, uint64_t va, bool asid_valid, uint64_t asid);

/* Physical memory [pa, pa+len) was written behind the hart's back (the HLE
 * kernel loading or recycling a page, a loader): drop any decoded
 * instructions cached for it. Stores made through the hart need no call. */
void hart_invalidate_code(struct hart *h, uint64_t pa, uint64_t len);

/* TLB counters, for /proc, the viewer and benchmarks. */
struct tlb_stats {
	uint64_t hits;	  /* translations answered by the TLB */
	uint64_t misses;  /* translations that needed a page-table walk */
	uint64_t flushes; /* sfence.vma and satp-change flushes */
	uint64_t entries; /* capacity */
};
void hart_tlb_stats(const struct hart *h, struct tlb_stats *out);

/* Called on every TLB fill (a page entering the TLB) with the physical page
 * and the access kind ('r', 'w', 'x'): cheap access sampling for the viewer's
 * heat map. NULL to disable. */
typedef void (*hart_fill_hook)(void *ctx, uint64_t pa_page, char access);
void hart_set_fill_hook(struct hart *h, hart_fill_hook fn, void *ctx);

#endif
