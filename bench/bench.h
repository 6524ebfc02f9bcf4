/*
 * bench/bench.h - what a bench kernel needs from its runtime: the same
 * kernel source builds for the guest (rt.c) and for the host (host.c).
 */
#ifndef RVMM_BENCH_H
#define RVMM_BENCH_H

#include <stdint.h>

/* The kernel: run it, return a checksum. mem is a large zeroed-or-not
 * scratch area of mem_size bytes (the memory walker's 256 MiB). */
uint64_t bench_kernel(uint8_t *mem, uint64_t mem_size);

#define BENCH_MEM_SIZE (256ull << 20)

#endif
