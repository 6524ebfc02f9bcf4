/*
 * floats.c - %e %f %g on 3000 pseudo-random doubles (fixed seed): raw bit
 * patterns across the whole exponent range (subnormals, inf and nan
 * included) and short decimals that sit near rounding ties. Compared
 * byte for byte with glibc.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd64(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static const char *fmts[] = {"%.17g", "%e", "%.3f", "%g", "%.0e", "%#.5g", "%.25e", "%10.2f"};

int main(void)
{
	static char buf[2048];

	for (int i = 0; i < 3000; i++) {
		double v;
		if (i % 2) {
			uint64_t bits = rnd64();
			memcpy(&v, &bits, sizeof(v));
		} else {
			/* k / 10^d: decimal values whose nearest doubles straddle ties */
			int64_t k = (int64_t)(rnd64() % 2000001) - 1000000;
			double p = 1;
			for (int d = (int)(rnd64() % 8); d > 0; d--)
				p *= 10;
			v = (double)k / p;
		}
		for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
			snprintf(buf, sizeof(buf), fmts[f], v);
			printf(f ? " %s" : "%s", buf);
		}
		putchar('\n');
	}
	return 0;
}
