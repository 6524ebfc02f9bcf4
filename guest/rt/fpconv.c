/*
 * fpconv.c - %f %e %g for doubles, exactly.
 *
 * A finite double is m * 2^e with integer m, so its decimal expansion is
 * finite: at most 309 integer digits and 1074 fraction digits. We compute
 * all of it with small bignums, then round the digit string at the
 * requested place with ties to even (the exact-value rounding glibc does
 * in the default rounding mode). No floating-point arithmetic is used, so
 * the result does not depend on the FPU.
 *
 * A decimal is kept as digits d[0..n) (no leading zero, no trailing zero)
 * and dp, the number of digits before the decimal point (may be <= 0):
 * 123.45 is "12345" with dp 3; 0.00123 is "123" with dp -2; zero has n 0.
 */
#include <stdint.h>
#include <string.h>
#include "format.h"

#define MAXDIG 1500 /* 309 + 1074 digits, rounded up */

struct decimal {
	char d[MAXDIG];
	int n;
	int dp;
};

/* Digits of m * 2^e, e >= 0, in base 10^9 limbs, least significant first. */
static void int_digits(struct decimal *x, uint64_t m, int e)
{
	uint32_t limb[40];
	int nl = 0;

	while (m) {
		limb[nl++] = (uint32_t)(m % 1000000000u);
		m /= 1000000000u;
	}
	while (e > 0) {
		int k = e > 29 ? 29 : e;
		uint64_t carry = 0;
		for (int i = 0; i < nl; i++) {
			uint64_t t = ((uint64_t)limb[i] << k) + carry;
			limb[i] = (uint32_t)(t % 1000000000u);
			carry = t / 1000000000u;
		}
		while (carry) {
			limb[nl++] = (uint32_t)(carry % 1000000000u);
			carry /= 1000000000u;
		}
		e -= k;
	}
	x->n = 0;
	for (int i = nl - 1; i >= 0; i--) {
		char nine[9];
		uint32_t v = limb[i];
		for (int j = 8; j >= 0; j--, v /= 10)
			nine[j] = (char)('0' + v % 10);
		for (int j = 0; j < 9; j++)
			if (x->n || nine[j] != '0')
				x->d[x->n++] = nine[j];
	}
	x->dp = x->n;
}

/*
 * Append the digits of f / 2^s (0 <= f < 2^s, s <= 1074) after the point.
 * The fraction is a fixed-point number of 32*L bits; multiplying it by
 * 10 pushes the next decimal digit out of the top limb.
 */
static void frac_digits(struct decimal *x, uint64_t f, int s)
{
	uint32_t limb[34] = {0};
	int L = (s + 31) / 32, shift = 32 * L - s, lo = 0;

	for (int i = 0; i < 64; i++)
		if (f >> i & 1)
			limb[(i + shift) / 32] |= 1u << ((i + shift) % 32);
	/* limbs below lo are zero, and stay zero: x10 only moves bits up */
	for (;;) {
		while (lo < L && limb[lo] == 0)
			lo++;
		if (lo == L)
			break;
		uint64_t carry = 0;
		for (int i = lo; i < L; i++) {
			uint64_t t = (uint64_t)limb[i] * 10 + carry;
			limb[i] = (uint32_t)t;
			carry = t >> 32;
		}
		if (x->n == 0 && carry == 0)
			x->dp--; /* a leading zero after the point */
		else
			x->d[x->n++] = (char)('0' + carry);
	}
}

static void to_decimal(struct decimal *x, double v)
{
	uint64_t bits, m;
	int e;

	memcpy(&bits, &v, sizeof(bits));
	e = (int)(bits >> 52 & 0x7ff);
	m = bits & ((1ull << 52) - 1);
	if (e) {
		m |= 1ull << 52;
		e -= 1075;
	} else {
		e = -1074;
	}
	x->n = 0;
	x->dp = 0;
	if (m == 0) {
		x->dp = 1;
		return;
	}
	if (e >= 0) {
		int_digits(x, m, e);
	} else {
		int s = -e;
		uint64_t ip = s < 64 ? m >> s : 0;
		uint64_t fp = s < 64 ? m & ((1ull << s) - 1) : m;
		int_digits(x, ip, 0);
		frac_digits(x, fp, s);
	}
	while (x->n && x->d[x->n - 1] == '0')
		x->n--;
	if (x->n == 0)
		x->dp = 1;
}

/* Keep the first k digits (k may be <= 0), rounding half to even. */
static void round_at(struct decimal *x, int k)
{
	int up;

	if (k >= x->n)
		return;
	if (k < 0) {
		x->n = 0;
		x->dp = 1;
		return;
	}
	up = x->d[k] > '5' ||
	     (x->d[k] == '5' && (k + 1 < x->n || (k > 0 && (x->d[k - 1] - '0') % 2)));
	x->n = k;
	if (up) {
		int j = k - 1;
		while (j >= 0 && x->d[j] == '9')
			j--;
		if (j < 0) {
			x->d[0] = '1';
			x->n = 1;
			x->dp++;
		} else {
			x->d[j]++;
			x->n = j + 1;
		}
	}
	while (x->n && x->d[x->n - 1] == '0')
		x->n--;
	if (x->n == 0)
		x->dp = 1;
}

static char digit_at(const struct decimal *x, int i)
{
	return i >= 0 && i < x->n ? x->d[i] : '0';
}

/* %f body: integer part, then '.' and prec digits (no '.' if prec 0 and not alt). */
static void body_f(struct sink *s, const struct decimal *x, int prec, int alt)
{
	if (x->dp <= 0 || x->n == 0) {
		sink_put(s, "0", 1);
	} else {
		sink_put(s, x->d, (size_t)(x->dp < x->n ? x->dp : x->n));
		sink_pad(s, '0', x->dp - x->n);
	}
	if (prec > 0 || alt)
		sink_put(s, ".", 1);
	int i = x->n ? x->dp : 1; /* index of the first fraction digit */
	for (; prec > 0 && i < x->n; prec--, i++) {
		char c = digit_at(x, i);
		sink_put(s, &c, 1);
	}
	sink_pad(s, '0', prec);
}

/* %e body: d.ddd then e+XX with at least two exponent digits. */
static void body_e(struct sink *s, const struct decimal *x, int prec, int alt, int upper)
{
	int exp10 = x->n ? x->dp - 1 : 0;
	char c = digit_at(x, 0), ebuf[8];
	int n = 0;

	sink_put(s, &c, 1);
	if (prec > 0 || alt)
		sink_put(s, ".", 1);
	for (int i = 1; prec > 0 && i < x->n; prec--, i++) {
		c = digit_at(x, i);
		sink_put(s, &c, 1);
	}
	sink_pad(s, '0', prec);
	ebuf[n++] = upper ? 'E' : 'e';
	ebuf[n++] = exp10 < 0 ? '-' : '+';
	if (exp10 < 0)
		exp10 = -exp10;
	if (exp10 >= 100)
		ebuf[n++] = (char)('0' + exp10 / 100);
	ebuf[n++] = (char)('0' + exp10 / 10 % 10);
	ebuf[n++] = (char)('0' + exp10 % 10);
	sink_put(s, ebuf, (size_t)n);
}

/* The number without sign or padding, into s (which may only count). */
static void body(struct sink *s, const struct spec *sp, struct decimal *x)
{
	int prec = sp->prec < 0 ? 6 : sp->prec;
	char conv = sp->conv;

	if (conv == 'f' || conv == 'F') {
		round_at(x, x->dp + prec);
		body_f(s, x, prec, sp->alt);
	} else if (conv == 'e' || conv == 'E') {
		round_at(x, prec + 1);
		body_e(s, x, prec, sp->alt, conv == 'E');
	} else {
		int p = prec ? prec : 1, exp10;
		round_at(x, p);
		exp10 = x->n ? x->dp - 1 : 0;
		if (exp10 < p && exp10 >= -4) {
			int fp = p - 1 - exp10;
			if (!sp->alt) { /* drop trailing zeros */
				int have = x->n - x->dp;
				fp = have < 0 ? 0 : have < fp ? have : fp;
			}
			body_f(s, x, fp, sp->alt);
		} else {
			int ep = p - 1;
			if (!sp->alt)
				ep = x->n - 1 < ep ? (x->n > 0 ? x->n - 1 : 0) : ep;
			body_e(s, x, ep, sp->alt, conv == 'G');
		}
	}
}

void __format_double(struct sink *s, const struct spec *sp, double v)
{
	uint64_t bits;
	const char *sign = "";
	int upper = sp->conv == 'F' || sp->conv == 'E' || sp->conv == 'G';
	long pad;

	memcpy(&bits, &v, sizeof(bits));
	if (bits >> 63)
		sign = "-";
	else if (sp->plus)
		sign = "+";
	else if (sp->space)
		sign = " ";
	bits &= ~(1ull << 63);
	if (bits >= 0x7ff0000000000000ull) { /* inf and nan: no zero padding */
		const char *t = bits == 0x7ff0000000000000ull ? (upper ? "INF" : "inf")
							      : (upper ? "NAN" : "nan");
		pad = sp->width - (long)(strlen(sign) + 3);
		if (!sp->minus)
			sink_pad(s, ' ', pad);
		sink_put(s, sign, strlen(sign));
		sink_put(s, t, 3);
		if (sp->minus)
			sink_pad(s, ' ', pad);
		return;
	}

	struct decimal x, y;
	struct sink count = {0};
	to_decimal(&x, v);
	y = x;
	body(&count, sp, &y);
	pad = sp->width - (long)(strlen(sign) + count.len);
	if (!sp->minus && !sp->zero)
		sink_pad(s, ' ', pad);
	sink_put(s, sign, strlen(sign));
	if (!sp->minus && sp->zero)
		sink_pad(s, '0', pad);
	body(s, sp, &x);
	if (sp->minus)
		sink_pad(s, ' ', pad);
}
