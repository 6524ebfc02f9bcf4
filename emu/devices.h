/*
 * devices.h - the devices of the virt-compatible board: boot ROM, CLINT,
 * UART 16550, SiFive test finisher, HTIF tohost/fromhost.
 *
 * Devices know nothing of the hart: each talks to the board through the
 * callbacks in struct dev_host (time, interrupt lines, exit requests), which
 * emu/machine.c wires to the hart. That keeps every device testable alone.
 * Each *_attach() registers the device's region on the bus: 0, or -1 when the
 * bus refuses it.
 */
#ifndef RVMM_EMU_DEVICES_H
#define RVMM_EMU_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct bus;

/* What a device may ask of the board. */
struct dev_host {
	void *ctx;
	uint64_t (*mtime)(void *ctx);		      /* current mtime */
	void (*skip_time)(void *ctx, uint64_t ticks); /* mtime += ticks (mod 2^64) */
	void (*set_irq)(void *ctx, uint64_t mip_mask, bool level);
	void (*timer_changed)(void *ctx); /* mtimecmp moved: recompute the next event */
	void (*request_exit)(void *ctx, int status);
};

/* ---- boot ROM (MROM) ---- */
#define BOOTROM_BASE	0x1000ull
#define BOOTROM_SIZE	0xf000ull
#define BOOTROM_DTB_OFF 0x100 /* the device tree blob, inside the ROM */
/* Map the boot ROM holding the board's device tree: sets a0 = mhartid,
 * a1 = the DTB's address (BOOTROM_BASE + BOOTROM_DTB_OFF), jumps to entry. */
int bootrom_attach(struct bus *bus, uint64_t entry, uint64_t ram_base, uint64_t ram_size);
/* Write the board's device tree blob into out; its size, or 0 if cap is too small. */
size_t board_dtb(uint8_t *out, size_t cap, uint64_t ram_base, uint64_t ram_size);

/* ---- CLINT ---- */
#define CLINT_BASE     0x2000000ull
#define CLINT_SIZE     0x10000ull
#define CLINT_MSIP     0x0
#define CLINT_MTIMECMP 0x4000
#define CLINT_MTIME    0xbff8
struct clint {
	const struct dev_host *host;
	uint32_t msip;
	uint64_t mtimecmp;
};
int clint_attach(struct clint *c, struct bus *bus, const struct dev_host *host);
/* Raise or lower MTIP from mtime >= mtimecmp; the board calls it after each run. */
void clint_update(struct clint *c);

/* ---- PLIC (SiFive layout, as on QEMU virt: context 0 = hart 0 M-mode, 1 = S-mode) ---- */
#define PLIC_BASE      0xc000000ull
#define PLIC_SIZE      0x600000ull
#define PLIC_NSRC      32 /* sources 1..31; 0 means "none" */
#define PLIC_NCTX      2
#define PLIC_PRIO_MASK 7 /* priorities 0..7, as QEMU virt */
#define PLIC_IRQ_UART  10
struct plic {
	const struct dev_host *host;
	uint32_t prio[PLIC_NSRC];
	uint32_t level;	  /* source lines as the devices drive them, bit per source */
	uint32_t pending; /* gateway: latched requests not yet claimed */
	uint32_t claimed; /* in service: claimed, not yet completed */
	uint32_t enable[PLIC_NCTX];
	uint32_t threshold[PLIC_NCTX];
};
int plic_attach(struct plic *p, struct bus *bus, const struct dev_host *host);
/* A device drives its interrupt line (level-triggered). */
void plic_set_level(struct plic *p, unsigned src, bool level);

/* ---- UART 16550 ---- */
#define UART_BASE   0x10000000ull
#define UART_SIZE   0x100ull
#define UART_RX_BUF 64
struct uart {
	FILE *out; /* transmitted bytes go here */
	int in_fd; /* received bytes come from here (polled, never blocks); -1: none */
	bool in_eof;
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	bool fifo_on;
	bool thre_irq; /* THR-empty interrupt pending (cleared by an IIR read or THR write) */
	uint8_t rx[UART_RX_BUF];
	unsigned rx_head, rx_count;
	/* The interrupt output (level), if wired: called on every change. */
	void (*irq_line)(void *ctx, bool level);
	void *irq_ctx;
	bool irq_level;
};
int uart_attach(struct uart *u, struct bus *bus, FILE *out, int in_fd);
/* Look for input now (the board calls it between chunks when the receive
 * interrupt is enabled) and update the interrupt output. */
void uart_poll(struct uart *u);

/* ---- SiFive test finisher ---- */
#define FINISHER_BASE  0x100000ull
#define FINISHER_SIZE  0x1000ull
#define FINISHER_FAIL  0x3333
#define FINISHER_PASS  0x5555
#define FINISHER_RESET 0x7777
struct finisher {
	const struct dev_host *host;
};
int finisher_attach(struct finisher *f, struct bus *bus, const struct dev_host *host);

/* ---- HTIF (spike's tohost/fromhost, found by ELF symbol) ---- */
struct htif {
	const struct dev_host *host;
	struct bus *bus;
	uint64_t tohost, fromhost; /* physical addresses; fromhost 0 if absent */
	FILE *out;		   /* console output */
	bool warned;
};
/* Overlay the 8 bytes at tohost (which must lie in RAM) with the HTIF device. */
int htif_attach(struct htif *t, struct bus *bus, const struct dev_host *host, uint64_t tohost,
		uint64_t fromhost, FILE *out);

#endif
