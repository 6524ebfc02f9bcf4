/*
 * fpu_host.h - the fast path of emu/fpu.c: add, sub, mul, div, sqrt, fma and
 * binary64-to-binary32 conversion on the host's SSE unit, for operands and
 * results well inside the normal range.
 *
 * Invariant: the host thread's MXCSR stays in its default state (round to
 * nearest even, no flush to zero, exceptions masked); nothing in rvmm changes
 * it. Changing MXCSR per operation, or even reading it (stmxcsr), costs more
 * than the arithmetic, so only sanitizer builds check the invariant per call.
 *
 * The host's RNE result comes with the sign of (exact - rounded) from an
 * error-free transformation: TwoSum for add, the remainder from one fused
 * multiply-add for mul, div and sqrt, an exact binary64 sum for binary32 fma,
 * Boldo and Muller's ErrFma for binary64 fma. NX and the result of every other
 * rounding mode follow: a directed mode moves at most one unit in the last
 * place, RMM differs from RNE only on an exact tie.
 *
 * Each fast function returns 1 with *out set, or 0 to leave the operation to
 * the exact integer code (fpu_soft.c): any special operand or result, a result
 * near the overflow or underflow threshold, operands so small that the error
 * term itself would underflow, a host without FMA (all but add). Within the
 * accepted range no operation can overflow or be tiny, so NX is the only flag.
 */
#ifndef RVMM_EMU_FPU_HOST_H
#define RVMM_EMU_FPU_HOST_H

#include <float.h>
#include <stdint.h>
#include <string.h>

#include "emu/fpu.h"

#if defined(__x86_64__) && defined(__SSE2__) && FLT_EVAL_METHOD == 0 &&                            \
    (defined(__GNUC__) || defined(__clang__))
#define FPU_HOST 1
#include <immintrin.h>

static inline double host_f64(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

static inline uint64_t host_bits64(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static inline float host_f32(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static inline uint32_t host_bits32(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

/* MXCSR: round to nearest, FTZ/DAZ off, all exceptions masked (flags ignored). */
static inline int host_mxcsr_default(void)
{
#ifdef RVMM_SANITIZE
	return (_mm_getcsr() & ~0x3fu) == 0x1f80u;
#else
	return 1;
#endif
}

static inline int host_has_fma(void)
{
	return __builtin_cpu_supports("fma");
}

/*
 * Round the host's RNE result r (bits of a normal number at least one binade
 * away from both ends of the range) to mode rm, given es, the sign of
 * (exact - r), and tie: the exact value lies halfway between r and the next
 * number away from zero. A sign-magnitude r moves one ulp by +-1 on its bits.
 */
static inline uint64_t host_round(uint64_t r, int neg, int es, int tie, int rm, uint32_t *fflags)
{
	if (!es)
		return r;
	*fflags |= FFLAG_NX;
	switch (rm) {
	case RM_RTZ: return (es < 0) != neg ? r - 1 : r;
	case RM_RDN: return es < 0 ? (neg ? r + 1 : r - 1) : r;
	case RM_RUP: return es > 0 ? (neg ? r - 1 : r + 1) : r;
	case RM_RMM: return tie ? r + 1 : r;
	default: return r;
	}
}

#define HOST_SIGN(e) (((e) > 0) - ((e) < 0))

/* Biased-exponent windows: the result's, and the smallest operand exponent
 * for which the fused remainder of mul/div/sqrt cannot underflow. */
#define F64_EXP(u)  ((unsigned)((u) >> 52) & 0x7ff)
#define F32_EXP(u)  ((unsigned)((u) >> 23) & 0xff)
#define F64_SAFE(e) ((e)-2u <= 2045u - 2u)
#define F32_SAFE(e) ((e)-2u <= 253u - 2u)
#define F64_FMA_MIN (2 * 53 + 3)
#define F32_FMA_MIN (2 * 24 + 3)

static inline int host_f64_add(uint64_t a, uint64_t b, int rm, uint32_t *fflags, uint64_t *out)
{
	double x = host_f64(a), y = host_f64(b), s = x + y, bb, err;
	uint64_t r = host_bits64(s);
	int tie = 0;

	if (!F64_SAFE(F64_EXP(r)) || !host_mxcsr_default())
		return 0;
	/* TwoSum: err = (x + y) - s exactly */
	bb = s - x;
	err = (x - (s - bb)) + (y - bb);
	if (rm == RM_RMM)
		tie = err + err == host_f64(r + 1) - s;
	*out = host_round(r, (int)(r >> 63), HOST_SIGN(err), tie, rm, fflags);
	return 1;
}

static inline int host_f32_add(uint32_t a, uint32_t b, int rm, uint32_t *fflags, uint32_t *out)
{
	float x = host_f32(a), y = host_f32(b), s = x + y, bb, err;
	uint32_t r = host_bits32(s);
	int tie = 0;

	if (!F32_SAFE(F32_EXP(r)) || !host_mxcsr_default())
		return 0;
	bb = s - x;
	err = (x - (s - bb)) + (y - bb);
	if (rm == RM_RMM)
		tie = err + err == host_f32(r + 1) - s;
	*out = (uint32_t)host_round(r, (int)(r >> 31), HOST_SIGN(err), tie, rm, fflags);
	return 1;
}

__attribute__((target("fma"))) static int host_f64_mul(uint64_t a, uint64_t b, int rm,
						       uint32_t *fflags, uint64_t *out)
{
	__m128d x = _mm_set_sd(host_f64(a)), y = _mm_set_sd(host_f64(b));
	__m128d p = _mm_mul_sd(x, y);
	double s = _mm_cvtsd_f64(p), err;
	uint64_t r = host_bits64(s);
	unsigned e = F64_EXP(r);
	int tie = 0;

	if (e < F64_FMA_MIN || !F64_SAFE(e) || !host_mxcsr_default())
		return 0;
	err = _mm_cvtsd_f64(_mm_fmsub_sd(x, y, p)); /* x*y - s, exact */
	if (rm == RM_RMM)
		tie = err + err == host_f64(r + 1) - s;
	*out = host_round(r, (int)(r >> 63), HOST_SIGN(err), tie, rm, fflags);
	return 1;
}

__attribute__((target("fma"))) static int host_f32_mul(uint32_t a, uint32_t b, int rm,
						       uint32_t *fflags, uint32_t *out)
{
	__m128 x = _mm_set_ss(host_f32(a)), y = _mm_set_ss(host_f32(b));
	__m128 p = _mm_mul_ss(x, y);
	float s = _mm_cvtss_f32(p), err;
	uint32_t r = host_bits32(s);
	unsigned e = F32_EXP(r);
	int tie = 0;

	if (e < F32_FMA_MIN || !F32_SAFE(e) || !host_mxcsr_default())
		return 0;
	err = _mm_cvtss_f32(_mm_fmsub_ss(x, y, p));
	if (rm == RM_RMM)
		tie = err + err == host_f32(r + 1) - s;
	*out = (uint32_t)host_round(r, (int)(r >> 31), HOST_SIGN(err), tie, rm, fflags);
	return 1;
}

/* A quotient or square root is never exactly halfway between two normal
 * numbers, so RMM needs no tie test there. */
__attribute__((target("fma"))) static int host_f64_div(uint64_t a, uint64_t b, int rm,
						       uint32_t *fflags, uint64_t *out)
{
	__m128d x = _mm_set_sd(host_f64(a)), y = _mm_set_sd(host_f64(b));
	__m128d q = _mm_div_sd(x, y);
	uint64_t r = host_bits64(_mm_cvtsd_f64(q));
	double rem;

	if (F64_EXP(a) < F64_FMA_MIN || !F64_SAFE(F64_EXP(r)) || !host_mxcsr_default())
		return 0;
	rem = _mm_cvtsd_f64(_mm_fnmadd_sd(q, y, x)); /* x - q*y = y * (exact - q) */
	*out = host_round(r, (int)(r >> 63), HOST_SIGN(rem) * (b >> 63 ? -1 : 1), 0, rm, fflags);
	return 1;
}

__attribute__((target("fma"))) static int host_f32_div(uint32_t a, uint32_t b, int rm,
						       uint32_t *fflags, uint32_t *out)
{
	__m128 x = _mm_set_ss(host_f32(a)), y = _mm_set_ss(host_f32(b));
	__m128 q = _mm_div_ss(x, y);
	uint32_t r = host_bits32(_mm_cvtss_f32(q));
	float rem;

	if (F32_EXP(a) < F32_FMA_MIN || !F32_SAFE(F32_EXP(r)) || !host_mxcsr_default())
		return 0;
	rem = _mm_cvtss_f32(_mm_fnmadd_ss(q, y, x));
	*out = (uint32_t)host_round(r, (int)(r >> 31), HOST_SIGN(rem) * (b >> 31 ? -1 : 1), 0, rm,
				    fflags);
	return 1;
}

__attribute__((target("fma"))) static int host_f64_sqrt(uint64_t a, int rm, uint32_t *fflags,
							uint64_t *out)
{
	__m128d x = _mm_set_sd(host_f64(a));
	__m128d s = _mm_sqrt_sd(x, x);
	double rem;

	if ((a >> 63) || F64_EXP(a) < F64_FMA_MIN || F64_EXP(a) == 0x7ff || !host_mxcsr_default())
		return 0;
	rem = _mm_cvtsd_f64(_mm_fnmadd_sd(s, s, x)); /* x - s*s: the sign of exact - s */
	*out = host_round(host_bits64(_mm_cvtsd_f64(s)), 0, HOST_SIGN(rem), 0, rm, fflags);
	return 1;
}

__attribute__((target("fma"))) static int host_f32_sqrt(uint32_t a, int rm, uint32_t *fflags,
							uint32_t *out)
{
	__m128 x = _mm_set_ss(host_f32(a));
	__m128 s = _mm_sqrt_ss(x);
	float rem;

	if ((a >> 31) || F32_EXP(a) < F32_FMA_MIN || F32_EXP(a) == 0xff || !host_mxcsr_default())
		return 0;
	rem = _mm_cvtss_f32(_mm_fnmadd_ss(s, s, x));
	*out =
	    (uint32_t)host_round(host_bits32(_mm_cvtss_f32(s)), 0, HOST_SIGN(rem), 0, rm, fflags);
	return 1;
}

/*
 * binary32 a*b + c in double: the product is exact, TwoSum makes s + e the
 * exact sum. Rounding s to odd (when e != 0 and s's last bit is 0, move s one
 * ulp towards s + e) keeps enough information that rounding it to binary32
 * once is the correct rounding of a*b + c (53 >= 24 + 2 bits).
 */
__attribute__((target("fma"))) static int host_f32_fma(uint32_t a, uint32_t b, uint32_t c,
						       int neg_prod, int neg_add, int rm,
						       uint32_t *fflags, uint32_t *out)
{
	double p = (double)host_f32(a ^ (uint32_t)neg_prod << 31) * (double)host_f32(b);
	double z = (double)host_f32(c ^ (uint32_t)neg_add << 31);
	double s = p + z, bb = s - p, e = (p - (s - bb)) + (z - bb), d;
	uint64_t sb = host_bits64(s);
	float f;
	uint32_t r;
	int tie = 0;

	if (!F64_SAFE(F64_EXP(sb)))
		return 0; /* NaN, inf, zero: the exact code */
	if (e != 0 && !(sb & 1))
		sb += ((e < 0) == (s < 0)) ? 1 : (uint64_t)-1; /* towards s + e, to odd */
	s = host_f64(sb);
	f = (float)s;
	r = host_bits32(f);
	if (!F32_SAFE(F32_EXP(r)) || !host_mxcsr_default())
		return 0;
	d = s - (double)f; /* exact: s and f agree to 24 bits */
	if (rm == RM_RMM)
		tie = d + d == (double)host_f32(r + 1) - (double)f;
	*out = (uint32_t)host_round(r, (int)(r >> 31), HOST_SIGN(d), tie, rm, fflags);
	return 1;
}

/* binary64 to binary32: the difference of the two is exact in binary64. */
static inline int host_f64_to_f32(uint64_t a, int rm, uint32_t *fflags, uint32_t *out)
{
	double d = host_f64(a), diff;
	float f = (float)d;
	uint32_t r = host_bits32(f);
	int tie = 0;

	if (!F32_SAFE(F32_EXP(r)) || !host_mxcsr_default())
		return 0;
	diff = d - (double)f;
	if (rm == RM_RMM)
		tie = diff + diff == (double)host_f32(r + 1) - (double)f;
	*out = (uint32_t)host_round(r, (int)(r >> 31), HOST_SIGN(diff), tie, rm, fflags);
	return 1;
}

/*
 * fcvt to an integer rounding towards zero, as C's cast does, for x inside
 * the type's range (the caller checks the exponent); the truncated value is
 * a float itself, so converting it back tells whether the cast was exact.
 */
static inline int64_t host_trunc_i64(double x, uint32_t *fflags)
{
	int64_t t = (int64_t)x;

	if ((double)t != x)
		*fflags |= FFLAG_NX;
	return t;
}

static inline uint64_t host_trunc_u64(double x, uint32_t *fflags)
{
	uint64_t t = (uint64_t)x;

	if ((double)t != x)
		*fflags |= FFLAG_NX;
	return t;
}

/* An integer with |v| <= 2^p converts exactly, in any rounding mode. */
#define HOST_EXACT_I(v, p) ((uint64_t)(v) + (1ull << (p)) <= (2ull << (p)))
#define HOST_EXACT_U(v, p) ((uint64_t)(v) <= (1ull << (p)))

static inline uint64_t host_int_to_f64(double d)
{
	return host_bits64(d);
}

static inline uint32_t host_int_to_f32(float f)
{
	return host_bits32(f);
}

/* s + e = x + y exactly (Knuth's TwoSum, no precondition). */
static inline void host_two_sum(double x, double y, double *s, double *e)
{
	double t = x + y, bb = t - x;

	*s = t;
	*e = (x - (t - bb)) + (y - bb);
}

/* A binary64 exponent far from both ends: fma's error terms neither underflow
 * nor overflow when every operand, the product and the result lie here. */
#define F64_FMA_WINDOW(e) ((e) - (unsigned)F64_FMA_MIN <= 2044u - F64_FMA_MIN)

/*
 * binary64 a*b + c: ErrFma (Boldo and Muller, "Exact and approximated error
 * of the FMA", IEEE TC 2011) writes a*b + c = r1 + r2 + r3 exactly, with r1
 * the host's RNE result, |r2 + r3| <= ulp(r1)/2 and |r3| <= ulp(r2)/2; so
 * r2 has the sign of the error, and the exact value is a tie iff r3 == 0 and
 * 2*r2 is the gap to r1's neighbour.
 */
__attribute__((target("fma"))) static int host_f64_fma(uint64_t a, uint64_t b, uint64_t c,
						       int neg_prod, int neg_add, int rm,
						       uint32_t *fflags, uint64_t *out)
{
	__m128d x = _mm_set_sd(host_f64(a ^ (uint64_t)neg_prod << 63)), y = _mm_set_sd(host_f64(b));
	__m128d z = _mm_set_sd(host_f64(c ^ (uint64_t)neg_add << 63));
	__m128d p = _mm_mul_sd(x, y);
	double r1 = _mm_cvtsd_f64(_mm_fmadd_sd(x, y, z)), u1 = _mm_cvtsd_f64(p);
	double u2, a1, a2, b1, b2, g, r2, r3;
	uint64_t r = host_bits64(r1);
	int tie = 0;

	if (!F64_FMA_WINDOW(F64_EXP(r)) || !F64_FMA_WINDOW(F64_EXP(host_bits64(u1))) ||
	    (!F64_FMA_WINDOW(F64_EXP(c)) && (c << 1)) || !host_mxcsr_default())
		return 0;
	u2 = _mm_cvtsd_f64(_mm_fmsub_sd(x, y, p)); /* a*b = u1 + u2 */
	host_two_sum(_mm_cvtsd_f64(z), u2, &a1, &a2);
	host_two_sum(u1, a1, &b1, &b2);
	g = (b1 - r1) + b2;
	host_two_sum(g, a2, &r2, &r3);
	if (rm == RM_RMM)
		tie = r3 == 0 && r2 + r2 == host_f64(r + 1) - r1;
	*out = host_round(r, (int)(r >> 63), HOST_SIGN(r2), tie, rm, fflags);
	return 1;
}

#endif /* x86-64 host */
#endif
