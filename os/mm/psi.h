/*
 * psi.h - pressure stall information for memory (Linux's PSI, the memory
 * resource only): how much guest time tasks lost waiting for memory, shown
 * as /proc/pressure/memory.
 *
 * rvmm's reclaim and swap I/O run on the host and take no guest time, so the
 * stall of each event is modelled (psi.c has the costs). A stall counts in
 * "some" always and in "full" when no other task could run meanwhile (one
 * hart: the stalled task was the only runnable one). A full stall also
 * advances the guest clock by its length (the hart would have sat idle
 * waiting), so a thrashing program's clock_gettime shows it; a stall while
 * others could run does not (they would have used the hart meanwhile, an
 * overlap rvmm does not model). Totals are in guest microseconds;
 * avg10/avg60/avg300 are Linux's exponentially decaying percentages,
 * updated every 2 s of guest time.
 */
#ifndef RVMM_OS_MM_PSI_H
#define RVMM_OS_MM_PSI_H

#include <stddef.h>
#include <stdint.h>

/* Modelled stall per event, in guest microseconds (documented in docs/swap.md). */
#define PSI_SWAPIN_US	    20 /* one page read back from swap (zram decompress + fault) */
#define PSI_RECLAIM_SCAN_US 1  /* each page direct reclaim scans */

/* The guest clock (ns) and "could another task run?"; set by the kernel. */
void psi_set_hooks(uint64_t (*now_ns)(void), int (*others_runnable)(void));
/* How to let the guest clock advance by ns (the kernel's; NULL: it does not). */
void psi_set_clock_advance(void (*advance_ns)(uint64_t ns));
/* The current task stalled us microseconds waiting for memory. */
void psi_memstall(uint64_t us);
/* Stall totals in microseconds (some, full). */
uint64_t psi_total_some(void);
uint64_t psi_total_full(void);
/* /proc/pressure/memory's text into buf (at most size bytes); the length needed. */
size_t psi_show(char *buf, size_t size);
/* Forget everything (tests, a new kernel). */
void psi_reset(void);

#endif
