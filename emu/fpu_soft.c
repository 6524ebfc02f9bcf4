/*
 * fpu_soft.c - exact IEEE 754 binary32/binary64 arithmetic in integer code.
 *
 * A finite nonzero operand is unpacked to (sign, exp, sig) meaning
 *	(-1)^sign * sig/2^62 * 2^(exp - bias),  with bit 62 of sig set,
 * so exp is the biased exponent (it may be <= 0 for a normalised subnormal).
 * Both formats share that container: binary64 keeps 10 bits below its 53-bit
 * significand, binary32 keeps 39. Operations compute an exact result, or a
 * truncated one whose lowest bit is OR-ed with every bit shifted out (the
 * "sticky" bit, see jam()), then round_pack() rounds once.
 *
 * RISC-V rules baked in: every NaN result is the canonical NaN; NV for a
 * signalling NaN operand and for invalid operations; tininess is detected
 * after rounding and UF is raised only for a tiny *inexact* result.
 */
#include <stdio.h>
#include <stdlib.h>

#include "emu/fpu.h"
#include "emu/fpu_soft.h"

typedef unsigned __int128 u128;

struct fmt {
	int fb;	  /* fraction bits: 23 or 52 */
	int eb;	  /* exponent bits: 8 or 11 */
	int bias; /* 127 or 1023 */
	int emax; /* all-ones exponent field: inf and NaN */
	int rb;	  /* round bits below the significand in the container: 62 - fb */
};

static const struct fmt fmts[2] = {
    {23, 8, 127, 255, 39},
    {52, 11, 1023, 2047, 10},
};

static inline int sign_of(const struct fmt *f, uint64_t x)
{
	return (x >> (f->fb + f->eb)) & 1;
}

static inline int exp_of(const struct fmt *f, uint64_t x)
{
	return (x >> f->fb) & f->emax;
}

static inline uint64_t frac_of(const struct fmt *f, uint64_t x)
{
	return x & ((1ull << f->fb) - 1);
}

static inline int is_nan(const struct fmt *f, uint64_t x)
{
	return exp_of(f, x) == f->emax && frac_of(f, x);
}

static inline int is_snan(const struct fmt *f, uint64_t x)
{
	return is_nan(f, x) && !((x >> (f->fb - 1)) & 1);
}

static inline int is_inf(const struct fmt *f, uint64_t x)
{
	return exp_of(f, x) == f->emax && !frac_of(f, x);
}

static inline int is_zero(const struct fmt *f, uint64_t x)
{
	return !exp_of(f, x) && !frac_of(f, x);
}

static inline uint64_t pack_sign(const struct fmt *f, int sign)
{
	return (uint64_t)sign << (f->fb + f->eb);
}

static inline uint64_t inf_of(const struct fmt *f, int sign)
{
	return pack_sign(f, sign) | (uint64_t)f->emax << f->fb;
}

static inline uint64_t canon_nan(const struct fmt *f)
{
	return (uint64_t)f->emax << f->fb | 1ull << (f->fb - 1);
}

/* The canonical NaN, with NV if any of the (up to three) operands is signalling. */
static uint64_t nan_result(const struct fmt *f, uint64_t a, uint64_t b, uint64_t c,
			   uint32_t *fflags)
{
	if (is_snan(f, a) || is_snan(f, b) || is_snan(f, c))
		*fflags |= FFLAG_NV;
	return canon_nan(f);
}

static uint64_t invalid(const struct fmt *f, uint32_t *fflags)
{
	*fflags |= FFLAG_NV;
	return canon_nan(f);
}

/* The zero an exact cancellation produces: +0, except -0 when rounding down. */
static inline uint64_t cancel_zero(const struct fmt *f, int rm)
{
	return pack_sign(f, rm == RM_RDN);
}

/* x >> n, with the bits shifted out OR-ed into bit 0. */
static inline uint64_t jam(uint64_t x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 64)
		return x != 0;
	return (x >> n) | ((x << (64 - n)) != 0);
}

static inline u128 jam128(u128 x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 128)
		return x != 0;
	return (x >> n) | ((x << (128 - n)) != 0);
}

/* A 128-bit value with its top at bit 126, squeezed into the 64-bit container. */
static inline uint64_t squeeze(u128 x)
{
	return (uint64_t)(x >> 64) | ((uint64_t)x != 0);
}

static inline int clz128(u128 x)
{
	uint64_t hi = x >> 64;
	return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

/* Unpack finite nonzero x into exp and sig (see the top of the file). */
static void unpack(const struct fmt *f, uint64_t x, int *exp, uint64_t *sig)
{
	int e = exp_of(f, x);
	uint64_t m = frac_of(f, x);

	if (e) {
		*sig = (m | 1ull << f->fb) << f->rb;
		*exp = e;
	} else {
		uint64_t s = m << f->rb;
		int sh = __builtin_clzll(s) - 1;
		*sig = s << sh;
		*exp = 1 - sh;
	}
}

/* Whether to add one unit in the last place: rem is what lies below it,
 * half is the weight of half a unit, odd the last place's current bit. */
static inline int round_up(int rm, int sign, uint64_t rem, uint64_t half, int odd)
{
	switch (rm) {
	case RM_RNE: return rem > half || (rem == half && odd);
	case RM_RTZ: return 0;
	case RM_RDN: return sign && rem;
	case RM_RUP: return !sign && rem;
	case RM_RMM: return rem >= half;
	}
	fprintf(stderr, "round_up: bad rounding mode %d\n", rm);
	abort();
}

/* Round (-1)^sign * sig/2^62 * 2^(exp - bias) to the format; sig has bit 62 set. */
static uint64_t round_pack(const struct fmt *f, int sign, int exp, uint64_t sig, int rm,
			   uint32_t *fflags)
{
	uint64_t mask = (1ull << f->rb) - 1, half = 1ull << (f->rb - 1);
	uint64_t q, rem;
	int tiny = 0;

	if (exp <= 0) {
		/* Tiny unless rounding with an unbounded exponent reaches 2^emin. */
		q = sig >> f->rb;
		q += round_up(rm, sign, sig & mask, half, q & 1);
		tiny = exp < 0 || !(q >> (f->fb + 1));
		sig = jam(sig, 1 - exp);
		exp = 1;
	}
	rem = sig & mask;
	q = sig >> f->rb;
	q += round_up(rm, sign, rem, half, q & 1);
	if (q >> (f->fb + 1)) {
		q >>= 1;
		exp++;
	}
	if (rem) {
		*fflags |= FFLAG_NX;
		if (tiny)
			*fflags |= FFLAG_UF;
	}
	if (exp >= f->emax) {
		int to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RDN && sign) ||
			     (rm == RM_RUP && !sign);
		*fflags |= FFLAG_OF | FFLAG_NX;
		if (to_inf)
			return inf_of(f, sign);
		return pack_sign(f, sign) | (inf_of(f, 0) - 1);
	}
	/* q's bit fb, if set, carries into the exponent field: subnormals pack right. */
	return pack_sign(f, sign) | (((uint64_t)(exp - 1) << f->fb) + q);
}

uint64_t sf_add(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int sa = sign_of(f, a), sb = sign_of(f, b), ea, eb;
	uint64_t siga, sigb, sig;

	if (exp_of(f, a) == f->emax || exp_of(f, b) == f->emax) {
		if (is_nan(f, a) || is_nan(f, b))
			return nan_result(f, a, b, 0, fflags);
		if (is_inf(f, a) && is_inf(f, b) && sa != sb)
			return invalid(f, fflags);
		return is_inf(f, a) ? a : b;
	}
	if (is_zero(f, b))
		return is_zero(f, a) && sa != sb ? cancel_zero(f, rm) : a;
	if (is_zero(f, a))
		return b;
	unpack(f, a, &ea, &siga);
	unpack(f, b, &eb, &sigb);
	if (ea < eb || (ea == eb && siga < sigb)) {
		int t = ea;
		uint64_t s = siga;
		ea = eb, eb = t;
		siga = sigb, sigb = s;
		t = sa, sa = sb, sb = t;
	}
	sigb = jam(sigb, ea - eb);
	if (sa == sb) {
		sig = siga + sigb;
		if (sig >> 63) {
			sig = jam(sig, 1);
			ea++;
		}
	} else {
		int sh;

		sig = siga - sigb;
		if (!sig)
			return cancel_zero(f, rm);
		sh = __builtin_clzll(sig) - 1;
		sig <<= sh;
		ea -= sh;
	}
	return round_pack(f, sa, ea, sig, rm, fflags);
}

uint64_t sf_mul(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int sign = sign_of(f, a) ^ sign_of(f, b), ea, eb;
	uint64_t siga, sigb, sig;
	u128 p;

	if (is_nan(f, a) || is_nan(f, b))
		return nan_result(f, a, b, 0, fflags);
	if (is_inf(f, a) || is_inf(f, b)) {
		if (is_zero(f, a) || is_zero(f, b))
			return invalid(f, fflags);
		return inf_of(f, sign);
	}
	if (is_zero(f, a) || is_zero(f, b))
		return pack_sign(f, sign);
	unpack(f, a, &ea, &siga);
	unpack(f, b, &eb, &sigb);
	ea += eb - f->bias;
	p = (u128)siga * sigb; /* in [2^124, 2^126) */
	if (p >> 125) {
		sig = (uint64_t)(p >> 63) | ((uint64_t)p << 1 != 0);
		ea++;
	} else {
		sig = (uint64_t)(p >> 62) | ((uint64_t)p << 2 != 0);
	}
	return round_pack(f, sign, ea, sig, rm, fflags);
}

uint64_t sf_div(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int sign = sign_of(f, a) ^ sign_of(f, b), ea, eb;
	uint64_t siga, sigb, sig;
	u128 num;

	if (is_nan(f, a) || is_nan(f, b))
		return nan_result(f, a, b, 0, fflags);
	if (is_inf(f, a)) {
		if (is_inf(f, b))
			return invalid(f, fflags);
		return inf_of(f, sign);
	}
	if (is_inf(f, b))
		return pack_sign(f, sign);
	if (is_zero(f, b)) {
		if (is_zero(f, a))
			return invalid(f, fflags);
		*fflags |= FFLAG_DZ;
		return inf_of(f, sign);
	}
	if (is_zero(f, a))
		return pack_sign(f, sign);
	unpack(f, a, &ea, &siga);
	unpack(f, b, &eb, &sigb);
	ea = ea - eb + f->bias;
	if (siga < sigb) {
		num = (u128)siga << 63;
		ea--;
	} else {
		num = (u128)siga << 62;
	}
	sig = (uint64_t)(num / sigb); /* in [2^62, 2^63) */
	sig |= (num % sigb) != 0;
	return round_pack(f, sign, ea, sig, rm, fflags);
}

/* floor(sqrt(x)) for a 64-bit x, one result bit per step. */
static uint64_t isqrt64(uint64_t x)
{
	uint64_t res = 0, bit = 1ull << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= res + bit) {
			x -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	return res;
}

/*
 * floor(sqrt(n)) for n in [2^124, 2^126): from the root of the top 64 bits,
 * an overestimate good to 30 bits, one Newton step lands at most 3 above
 * (Newton from above never goes below the root).
 */
static uint64_t isqrt128(u128 n)
{
	uint64_t r = (isqrt64((uint64_t)(n >> 64)) + 1) << 32;

	r = (r + (uint64_t)(n / r)) / 2;
	while ((u128)r * r > n)
		r--;
	return r;
}

uint64_t sf_sqrt(int fmt, uint64_t a, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int e, u;
	uint64_t sig, r;
	u128 n;

	if (is_nan(f, a))
		return nan_result(f, a, 0, 0, fflags);
	if (is_zero(f, a))
		return a;
	if (sign_of(f, a))
		return invalid(f, fflags);
	if (is_inf(f, a))
		return a;
	unpack(f, a, &e, &sig);
	u = e - f->bias; /* the value is sig/2^62 * 2^u; make u even */
	if (u % 2) {
		n = (u128)sig << 63;
		u--;
	} else {
		n = (u128)sig << 62;
	}
	r = isqrt128(n); /* in [2^62, 2^63) */
	r |= (u128)r * r != n;
	return round_pack(f, 0, u / 2 + f->bias, r, rm, fflags);
}

uint64_t sf_fma(int fmt, uint64_t a, uint64_t b, uint64_t c, int neg_prod, int neg_add, int rm,
		uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int sp = sign_of(f, a) ^ sign_of(f, b) ^ !!neg_prod;
	int sc = sign_of(f, c) ^ !!neg_add;
	int ep, ec, eb;
	uint64_t siga, sigb, sigc;
	u128 p, pc, r;

	/* RISC-V: inf * 0 is invalid even when the addend is a quiet NaN. */
	if ((is_inf(f, a) && is_zero(f, b)) || (is_zero(f, a) && is_inf(f, b))) {
		nan_result(f, a, b, c, fflags);
		return invalid(f, fflags);
	}
	if (is_nan(f, a) || is_nan(f, b) || is_nan(f, c))
		return nan_result(f, a, b, c, fflags);
	if (is_inf(f, a) || is_inf(f, b)) {
		if (is_inf(f, c) && sc != sp)
			return invalid(f, fflags);
		return inf_of(f, sp);
	}
	if (is_inf(f, c))
		return inf_of(f, sc);
	if (is_zero(f, a) || is_zero(f, b)) {
		if (is_zero(f, c))
			return sp == sc ? pack_sign(f, sp) : cancel_zero(f, rm);
		return c ^ pack_sign(f, !!neg_add);
	}

	unpack(f, a, &ep, &siga);
	unpack(f, b, &eb, &sigb);
	ep += eb - f->bias;
	p = (u128)siga * sigb; /* in [2^124, 2^126): move its top to bit 126 */
	if (p >> 125) {
		p <<= 1;
		ep++;
	} else {
		p <<= 2;
	}
	if (is_zero(f, c))
		return round_pack(f, sp, ep, squeeze(p), rm, fflags);

	unpack(f, c, &ec, &sigc);
	pc = (u128)sigc << 64;
	if (ep < ec || (ep == ec && p < pc)) {
		int t = ep;
		u128 s = p;
		ep = ec, ec = t;
		p = pc, pc = s;
		t = sp, sp = sc, sc = t;
	}
	pc = jam128(pc, ep - ec);
	if (sp == sc) {
		r = p + pc;
		if (r >> 127) {
			r = jam128(r, 1);
			ep++;
		}
	} else {
		int sh;

		r = p - pc;
		if (!r)
			return cancel_zero(f, rm);
		sh = clz128(r) - 1;
		r <<= sh;
		ep -= sh;
	}
	return round_pack(f, sp, ep, squeeze(r), rm, fflags);
}

uint64_t sf_convert(int to_fmt, uint64_t a, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[!to_fmt], *t = &fmts[to_fmt];
	int sign = sign_of(f, a), e;
	uint64_t sig;

	if (is_nan(f, a)) {
		if (is_snan(f, a))
			*fflags |= FFLAG_NV;
		return canon_nan(t);
	}
	if (is_inf(f, a))
		return inf_of(t, sign);
	if (is_zero(f, a))
		return pack_sign(t, sign);
	unpack(f, a, &e, &sig);
	return round_pack(t, sign, e - f->bias + t->bias, sig, rm, fflags);
}

uint64_t sf_to_int(int fmt, uint64_t a, int rm, int bits, int is_signed, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	uint64_t maxv, minv, sig, m = 0, rem = 0, half = 1;
	int sign = sign_of(f, a), e, sh, big = 0;

	if (is_signed) {
		maxv = bits == 64 ? INT64_MAX : INT32_MAX;
		minv = bits == 64 ? (uint64_t)INT64_MIN : (uint64_t)(int64_t)INT32_MIN;
	} else {
		maxv = bits == 64 ? UINT64_MAX : UINT32_MAX;
		minv = 0;
	}
	if (is_nan(f, a)) {
		*fflags |= FFLAG_NV;
		return maxv;
	}
	if (is_inf(f, a)) {
		*fflags |= FFLAG_NV;
		return sign ? minv : maxv;
	}
	if (is_zero(f, a))
		return 0;
	unpack(f, a, &e, &sig);
	sh = e - f->bias - 62; /* the value is sig * 2^sh */
	if (sh > 1) {
		big = 1; /* at least 2^64 */
	} else if (sh >= 0) {
		m = sig << sh;
	} else if (sh > -64) {
		m = sig >> -sh;
		rem = sig & ((1ull << -sh) - 1);
		half = 1ull << (-sh - 1);
	} else {
		rem = 1; /* below one half, not zero */
		half = 2;
	}
	m += round_up(rm, sign, rem, half, m & 1); /* no wrap: m <= 2^62 if rem */
	if (!big) {
		int fits;

		if (!sign)
			fits = m <= maxv;
		else if (is_signed)
			fits = m <= maxv + 1;
		else
			fits = m == 0;
		if (fits) {
			if (rem)
				*fflags |= FFLAG_NX;
			return sign ? 0 - m : m;
		}
	}
	*fflags |= FFLAG_NV;
	return sign ? minv : maxv;
}

uint64_t sf_from_int(int fmt, int sign, uint64_t mag, int rm, uint32_t *fflags)
{
	const struct fmt *f = &fmts[fmt];
	int e = f->bias + 62, sh;

	if (!mag)
		return 0;
	if (mag >> 63) {
		mag = jam(mag, 1);
		e++;
	} else {
		sh = __builtin_clzll(mag) - 1;
		mag <<= sh;
		e -= sh;
	}
	return round_pack(f, sign, e, mag, rm, fflags);
}
