/*
 * mm_init.h - bringing the memory manager up and checking it.
 *
 * mm_init() takes guest RAM (a host byte array at guest physical
 * ram_phys_base), places mem_map in it, builds the zones, hands every other
 * frame to the buddy allocator, chooses the slab allocator from the kernel
 * command line (slab_allocator=slub|slab|slob) and creates the kmalloc caches.
 * Everything the memory manager keeps that grows with guest activity lives in
 * frames it allocates from that RAM.
 *
 * mm_check() verifies the whole state (every frame in exactly one state, free
 * lists and counters consistent, slab object counts) and returns NULL or a
 * reason; mm_check_or_panic() is the panicking wrapper used after every
 * allocator operation in debug builds (RVMM_DEBUG_MM, --enable-debug-mm).
 */
#ifndef RVMM_OS_MM_MM_INIT_H
#define RVMM_OS_MM_MM_INIT_H

#include <stdbool.h>
#include <stdint.h>

#include "os/observe.h"

/*
 * Boot the memory manager. ram_size must be a multiple of PAGE_SIZE and at
 * least 4 MiB; ram_phys_base page-aligned. ram_fd is a memory file whose
 * offset 0 is ram[0] (for vmalloc's host mappings) or -1. cmdline may be NULL.
 * obs is zeroed and receives the frame tag map (allocated here, host memory: it is the
 * viewer's, not the guest's) and counters; NULL keeps them private.
 * Returns 0 or a negative errno; on failure nothing is left allocated.
 */
int mm_init(uint8_t *ram, uint64_t ram_phys_base, uint64_t ram_size, int ram_fd,
	    const char *cmdline, struct observe *obs);

/* Forget everything mm_init() set up (host allocations only; RAM is the caller's). */
void mm_exit(void);

/* Is the memory manager up? */
bool mm_ready(void);

/* NULL if the state is consistent, else a description of the first problem found. */
const char *mm_check(void);
/* Panic (naming where) if mm_check() finds a problem. */
void mm_check_or_panic(const char *where);

/* Frames the free path found in a bad state and quarantined since boot. */
unsigned long mm_bad_pages_count(void);

/* Look up key=value in the boot command line; copies value into buf. 1 if found. */
int mm_cmdline_get(const char *key, char *buf, unsigned long size);
/* Is key on the boot command line, bare or as key=value? */
int mm_cmdline_has(const char *key);

/*
 * Run mm_check_or_panic() after every allocator operation? On by default in
 * debug builds (RVMM_DEBUG_MM); tests may switch it on in any build.
 */
extern bool mm_check_every_op;
/* Nonzero while an allocator sits between two consistent states and makes a
 * nested allocation (SLAB's off-slab index array): checks wait until it is done. */
extern int mm_check_suppress;
#define mm_debug_check(where)                                                                      \
	do {                                                                                       \
		if (mm_check_every_op && !mm_check_suppress)                                       \
			mm_check_or_panic(where);                                                  \
	} while (0)

#endif
