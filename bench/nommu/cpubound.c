/*
 * cpubound.c - the program `make bench` runs under rvmm with and without the
 * MMU (bench/nommu-bench.sh): an integer mix plus dependent random reads
 * over a 2 MiB table (512 pages, more than the TLB holds), built with
 * rvmm-cc so the same binary runs in both modes. Prints a checksum, which
 * must be the same in both.
 */
#include <stdio.h>
#include <stdlib.h>

#define TABLE_WORDS (256 * 1024) /* 2 MiB of 64-bit words (with malloc's header, order 10) */
#define STEPS	    20000000

int main(int argc, char **argv)
{
	unsigned long *t = malloc(TABLE_WORDS * sizeof(*t));
	unsigned long x = 88172645463325252ul, sum = 0, i = 0;
	long steps = argc > 1 ? atol(argv[1]) : STEPS;

	if (!t) {
		printf("cpubound: no 2 MiB table\n");
		return 1;
	}
	for (unsigned long k = 0; k < TABLE_WORDS; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t[k] = x;
	}
	for (long s = 0; s < steps; s++) {
		i = (t[i] ^ sum) & (TABLE_WORDS - 1); /* each read depends on the last */
		sum = sum * 31 + t[i] + (sum >> 7) * (unsigned long)s;
	}
	printf("checksum %lu\n", sum);
	free(t);
	return 0;
}
