/*
 * machine.h - the board: one hart on a QEMU virt-compatible bus.
 *
 *   0x00001000  MROM, the boot ROM (jumps to the image's entry, a0 = hartid,
 *               a1 = 0x1100: the board's device tree, kept in the ROM)
 *   0x00100000  SiFive test finisher
 *   0x02000000  CLINT (msip, mtimecmp, mtime)
 *   0x0c000000  PLIC (contexts 0 = M, 1 = S of hart 0; source 10 = the UART)
 *   0x10000000  UART 16550 (TX to out, RX from in_fd)
 *   0x80000000  RAM, ram_size bytes
 *   tohost      HTIF, when the image has a `tohost` symbol (overlays RAM)
 *
 * machine_run() drives the hart in chunks sized so that the timer interrupt
 * is raised at the instruction where mtime reaches mtimecmp, and --max-insns
 * stops after N instructions. The hart checks its budget only at taken jumps
 * and page ends, so both are exact for code that jumps and may run late by
 * the rest of a straight-line run of instructions otherwise (never early).
 */
#ifndef RVMM_EMU_MACHINE_H
#define RVMM_EMU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/bus.h"
#include "emu/devices.h"

#define RAM_BASE	 0x80000000ull
#define RAM_DEFAULT_SIZE (128ull << 20)

/* Exit statuses of machine_run() besides the guest's own. */
#define MACHINE_EXIT_LIMIT 124 /* --max-insns or --timeout stopped the run */
#define MACHINE_EXIT_ERROR 2   /* rvmm's own error */

struct machine_config {
	uint64_t ram_size;	 /* bytes; 0: RAM_DEFAULT_SIZE */
	uint64_t max_insns;	 /* stop after this many instructions; 0: no limit */
	double timeout;		 /* stop after this many wall seconds; 0: no limit */
	uint64_t insns_per_tick; /* 0: the hart's default */
	FILE *out;		 /* UART and HTIF console output (NULL: discard) */
	int in_fd;		 /* UART input (-1: none) */
};

struct hart;

struct machine {
	struct machine_config cfg;
	struct bus bus;
	struct hart *hart;
	struct dev_host host;
	struct clint clint;
	struct plic plic;
	struct uart uart;
	struct finisher finisher;
	struct htif htif;
	bool exit_requested;
	int exit_status;
	const char *stop_reason; /* why machine_run() gave up, for the message */
};

/* Build the board: RAM, devices and the hart. 0, or -1 with *why set. */
int machine_init(struct machine *m, const struct machine_config *cfg, const char **why);
void machine_destroy(struct machine *m);

/*
 * Load a bare-metal ELF image, map the boot ROM jumping to its entry, attach
 * HTIF if it has a tohost symbol, and reset the hart at 0x1000.
 * 0, or -1 with *why set.
 */
int machine_load_bare(struct machine *m, const char *path, const char **why);

/*
 * Run until the guest ends (finisher or HTIF: its status), or a limit stops
 * it (MACHINE_EXIT_LIMIT, m->stop_reason says which).
 */
int machine_run(struct machine *m);

#endif
