/*
 * bench/host.c - the host side of a bench kernel: the same C code natively,
 * timed, for the "native" column of make bench.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"

int main(void)
{
	struct timespec a, b;
	uint8_t *mem = malloc(BENCH_MEM_SIZE);
	if (!mem) {
		fprintf(stderr, "bench: out of memory\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	uint64_t sum = bench_kernel(mem, BENCH_MEM_SIZE);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("checksum %llu secs %.3f\n", (unsigned long long)sum,
	       (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	free(mem);
	return 0;
}
