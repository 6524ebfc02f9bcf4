/*
 * bench/memwalk.c - TLB reach: fill 256 MiB, then 20 M random 8-byte reads
 * over it (a 64-bit LCG picks the index).
 */
#include <stdint.h>

#include "bench.h"

#ifndef READS
#define READS 20000000
#endif

uint64_t bench_kernel(uint8_t *mem, uint64_t mem_size)
{
	uint64_t *a = (uint64_t *)mem, n = mem_size / 8;
	for (uint64_t i = 0; i < n; i++)
		a[i] = i * 0x9e3779b97f4a7c15ull;
	uint64_t x = 88172645463325252ull, sum = 0;
	for (uint64_t i = 0; i < READS; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		sum += a[(x >> 20) & (n - 1)];
	}
	return sum;
}
