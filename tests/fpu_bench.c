/*
 * fpu_bench.c - nanoseconds per call of the emu/fpu.c operations on ordinary
 * operands (the host fast path), next to the exact integer code of
 * fpu_soft.c for comparison. Best of 7 runs of 2M calls each.
 *
 * Usage: tests/fpu_bench
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/fpu.h"
#include "emu/fpu_soft.h"

#define CALLS	 2000000
#define OPERANDS 1024 /* a power of two */

static uint64_t a64[OPERANDS], b64[OPERANDS], c64[OPERANDS];
static uint32_t a32[OPERANDS], b32[OPERANDS], c32[OPERANDS];

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Operands of various magnitudes, a with |a| >= 0.5 and b in [0.5, 1.5). */
static void fill(void)
{
	srand(1);
	for (int i = 0; i < OPERANDS; i++) {
		double a = ((double)rand() / RAND_MAX + 0.5) * (double)(1 << (rand() % 20));
		double b = (double)rand() / RAND_MAX + 0.5, c = (double)rand() / RAND_MAX - 0.5;
		float fa = (float)a, fb = (float)b, fc = (float)c;

		memcpy(&a64[i], &a, 8);
		memcpy(&b64[i], &b, 8);
		memcpy(&c64[i], &c, 8);
		memcpy(&a32[i], &fa, 4);
		memcpy(&b32[i], &fb, 4);
		memcpy(&c32[i], &fc, 4);
	}
}

int main(void)
{
	static const char *const names[] = {
	    "f64_add",	     "f64_mul",	    "f64_div",	    "f64_sqrt",	    "f64_fma",
	    "f32_add",	     "f32_mul",	    "f32_div",	    "f32_sqrt",	    "f32_fma",
	    "f64_add RMM",   "f64_add RDN", "f64_to_f32",   "f32_to_f64",   "f64_to_i64",
	    "i64_to_f64",    "f64_lt",	    "soft f64_add", "soft f64_mul", "soft f64_div",
	    "soft f64_sqrt", "soft f64_fma"};
	enum { NTESTS = sizeof(names) / sizeof(names[0]) };
	double best[NTESTS];
	uint64_t sink = 0;
	uint32_t fl = 0;

	fill();
	for (int t = 0; t < NTESTS; t++)
		best[t] = 1e9;
	for (int run = 0; run < 7; run++) {
		for (int t = 0; t < NTESTS; t++) {
			double start = now(), ns;

			for (long k = 0; k < CALLS; k++) {
				int i = (int)(k & (OPERANDS - 1));

				switch (t) {
				case 0: sink ^= f64_add(a64[i], c64[i], RM_RNE, &fl); break;
				case 1: sink ^= f64_mul(a64[i], b64[i], RM_RNE, &fl); break;
				case 2: sink ^= f64_div(a64[i], b64[i], RM_RNE, &fl); break;
				case 3: sink ^= f64_sqrt(a64[i], RM_RNE, &fl); break;
				case 4:
					sink ^= f64_fma(a64[i], b64[i], c64[i], 0, 0, RM_RNE, &fl);
					break;
				case 5: sink ^= f32_add(a32[i], c32[i], RM_RNE, &fl); break;
				case 6: sink ^= f32_mul(a32[i], b32[i], RM_RNE, &fl); break;
				case 7: sink ^= f32_div(a32[i], b32[i], RM_RNE, &fl); break;
				case 8: sink ^= f32_sqrt(a32[i], RM_RNE, &fl); break;
				case 9:
					sink ^= f32_fma(a32[i], b32[i], c32[i], 0, 0, RM_RNE, &fl);
					break;
				case 10: sink ^= f64_add(a64[i], c64[i], RM_RMM, &fl); break;
				case 11: sink ^= f64_add(a64[i], c64[i], RM_RDN, &fl); break;
				case 12: sink ^= f64_to_f32(a64[i], RM_RNE, &fl); break;
				case 13: sink ^= f32_to_f64(a32[i], &fl); break;
				case 14: sink ^= (uint64_t)f64_to_i64(a64[i], RM_RTZ, &fl); break;
				case 15:
					sink ^= i64_to_f64((int64_t)(a64[i] >> 20), RM_RNE, &fl);
					break;
				case 16: sink += (uint64_t)f64_lt(a64[i], b64[i], &fl); break;
				case 17: sink ^= sf_add(SF_F64, a64[i], c64[i], RM_RNE, &fl); break;
				case 18: sink ^= sf_mul(SF_F64, a64[i], b64[i], RM_RNE, &fl); break;
				case 19: sink ^= sf_div(SF_F64, a64[i], b64[i], RM_RNE, &fl); break;
				case 20: sink ^= sf_sqrt(SF_F64, a64[i], RM_RNE, &fl); break;
				default:
					sink ^= sf_fma(SF_F64, a64[i], b64[i], c64[i], 0, 0, RM_RNE,
						       &fl);
					break;
				}
			}
			ns = (now() - start) * 1e9 / CALLS;
			if (ns < best[t])
				best[t] = ns;
		}
	}
	for (int t = 0; t < NTESTS; t++)
		printf("%-14s %6.1f ns\n", names[t], best[t]);
	printf("(checksum %llx, flags %x)\n", (unsigned long long)sink, fl);
	return 0;
}
