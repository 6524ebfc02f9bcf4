/*
 * fpu.c - the F and D extensions' arithmetic (emu/fpu.h): pure functions on
 * raw bits, flags OR-ed into *fflags.
 *
 * add, sub, mul, div, sqrt, fma and fcvt.s.d first try the host fast path
 * (fpu_host.h), which handles ordinary operands in every rounding mode; so
 * do fcvt to integers rounding towards zero (what C casts compile to) and
 * exact fcvt from integers; fcvt.d.s of a normal number is a bit shuffle;
 * everything else,
 * and whatever the fast path declines, goes to the exact integer
 * implementation in fpu_soft.c. Comparisons, fmin/fmax and fclass are plain
 * bit logic here.
 */
#ifdef HAVE_CONFIG_H
#include "config.h" /* RVMM_SANITIZE */
#endif
#include "emu/fpu.h"
#include "emu/fpu_host.h"
#include "emu/fpu_soft.h"

#ifndef FPU_HOST
#define host_has_fma() 0 /* no fast path on this host */
#endif

/* ---- bit tests ---- */

static inline int f32_is_nan(uint32_t a)
{
	return (a & 0x7fffffffu) > 0x7f800000u;
}

static inline int f32_is_snan(uint32_t a)
{
	return f32_is_nan(a) && !(a & 0x00400000u);
}

static inline int f64_is_nan(uint64_t a)
{
	return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}

static inline int f64_is_snan(uint64_t a)
{
	return f64_is_nan(a) && !(a & 0x0008000000000000ull);
}

/*
 * Order two non-NaN values of a sign-magnitude format: returns <0, 0, >0.
 * +0 and -0 compare equal; with zero_order, -0 < +0 (fmin/fmax).
 */
static inline int order(uint64_t a, uint64_t b, int signpos, int zero_order)
{
	uint64_t mag = (1ull << signpos) - 1;
	int sa = (a >> signpos) & 1, sb = (b >> signpos) & 1;

	if (!zero_order && !(a & mag) && !(b & mag))
		return 0;
	if (sa != sb)
		return sa ? -1 : 1;
	if (a == b)
		return 0;
	/* same sign: magnitudes order, reversed for negatives */
	return ((a & mag) < (b & mag)) ^ sa ? -1 : 1;
}

/* fclass: which of the ten classes a value is in, given its fields. */
static uint64_t classify(int sign, int exp_all_ones, int exp_zero, int frac_zero, int quiet)
{
	if (exp_all_ones) {
		if (frac_zero)
			return sign ? 1u << 0 : 1u << 7;
		return quiet ? 1u << 9 : 1u << 8;
	}
	if (exp_zero) {
		if (frac_zero)
			return sign ? 1u << 3 : 1u << 4;
		return sign ? 1u << 2 : 1u << 5;
	}
	return sign ? 1u << 1 : 1u << 6;
}

/* ---- binary32 ---- */

uint32_t f32_add(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_f32_add(a, b, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_add(SF_F32, a, b, rm, fflags);
}

uint32_t f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
	return f32_add(a, b ^ 0x80000000u, rm, fflags);
}

uint32_t f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_has_fma() && host_f32_mul(a, b, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_mul(SF_F32, a, b, rm, fflags);
}

uint32_t f32_div(uint32_t a, uint32_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_has_fma() && host_f32_div(a, b, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_div(SF_F32, a, b, rm, fflags);
}

uint32_t f32_sqrt(uint32_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_has_fma() && host_f32_sqrt(a, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_sqrt(SF_F32, a, rm, fflags);
}

uint32_t f32_fma(uint32_t a, uint32_t b, uint32_t c, int neg_prod, int neg_add, int rm,
		 uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_has_fma() && host_f32_fma(a, b, c, !!neg_prod, !!neg_add, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_fma(SF_F32, a, b, c, neg_prod, neg_add, rm, fflags);
}

/* fmin/fmax: IEEE 754-2019 minimumNumber/maximumNumber, -0 < +0. */
static uint32_t f32_minmax(uint32_t a, uint32_t b, int want_max, uint32_t *fflags)
{
	if (f32_is_snan(a) || f32_is_snan(b))
		*fflags |= FFLAG_NV;
	if (f32_is_nan(a))
		return f32_is_nan(b) ? F32_CANON_NAN : b;
	if (f32_is_nan(b))
		return a;
	return (order(a, b, 31, 1) < 0) ^ want_max ? a : b;
}

uint32_t f32_min(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return f32_minmax(a, b, 0, fflags);
}

uint32_t f32_max(uint32_t a, uint32_t b, uint32_t *fflags)
{
	return f32_minmax(a, b, 1, fflags);
}

int f32_eq(uint32_t a, uint32_t b, uint32_t *fflags)
{
	if (f32_is_nan(a) || f32_is_nan(b)) {
		if (f32_is_snan(a) || f32_is_snan(b))
			*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 31, 0) == 0;
}

int f32_lt(uint32_t a, uint32_t b, uint32_t *fflags)
{
	if (f32_is_nan(a) || f32_is_nan(b)) {
		*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 31, 0) < 0;
}

int f32_le(uint32_t a, uint32_t b, uint32_t *fflags)
{
	if (f32_is_nan(a) || f32_is_nan(b)) {
		*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 31, 0) <= 0;
}

uint64_t f32_class(uint32_t a)
{
	uint32_t e = (a >> 23) & 0xff, m = a & 0x7fffff;

	return classify(a >> 31, e == 0xff, e == 0, m == 0, (m >> 22) & 1);
}

int32_t f32_to_i32(uint32_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && F32_EXP(a) < 127 + 31)
		return (int32_t)host_trunc_i64(host_f32(a), fflags);
#endif
	return (int32_t)sf_to_int(SF_F32, a, rm, 32, 1, fflags);
}

uint32_t f32_to_u32(uint32_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && !(a >> 31) && F32_EXP(a) < 127 + 32)
		return (uint32_t)host_trunc_i64(host_f32(a), fflags);
#endif
	return (uint32_t)sf_to_int(SF_F32, a, rm, 32, 0, fflags);
}

int64_t f32_to_i64(uint32_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && F32_EXP(a) < 127 + 63)
		return host_trunc_i64(host_f32(a), fflags);
#endif
	return (int64_t)sf_to_int(SF_F32, a, rm, 64, 1, fflags);
}

uint64_t f32_to_u64(uint32_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && !(a >> 31) && F32_EXP(a) < 127 + 64)
		return host_trunc_u64(host_f32(a), fflags);
#endif
	return sf_to_int(SF_F32, a, rm, 64, 0, fflags);
}

/* |v| of a signed value without overflow on the most negative one */
static inline uint64_t mag64(int64_t v)
{
	return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

uint32_t i32_to_f32(int32_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_I(v, 24))
		return host_int_to_f32((float)v);
#endif
	return (uint32_t)sf_from_int(SF_F32, v < 0, mag64(v), rm, fflags);
}

uint32_t u32_to_f32(uint32_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_U(v, 24))
		return host_int_to_f32((float)v);
#endif
	return (uint32_t)sf_from_int(SF_F32, 0, v, rm, fflags);
}

uint32_t i64_to_f32(int64_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_I(v, 24))
		return host_int_to_f32((float)v);
#endif
	return (uint32_t)sf_from_int(SF_F32, v < 0, mag64(v), rm, fflags);
}

uint32_t u64_to_f32(uint64_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_U(v, 24))
		return host_int_to_f32((float)v);
#endif
	return (uint32_t)sf_from_int(SF_F32, 0, v, rm, fflags);
}

/* ---- binary64 ---- */

uint64_t f64_add(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint64_t r;

	if (host_f64_add(a, b, rm, fflags, &r))
		return r;
#endif
	return sf_add(SF_F64, a, b, rm, fflags);
}

uint64_t f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
	return f64_add(a, b ^ 0x8000000000000000ull, rm, fflags);
}

uint64_t f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint64_t r;

	if (host_has_fma() && host_f64_mul(a, b, rm, fflags, &r))
		return r;
#endif
	return sf_mul(SF_F64, a, b, rm, fflags);
}

uint64_t f64_div(uint64_t a, uint64_t b, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint64_t r;

	if (host_has_fma() && host_f64_div(a, b, rm, fflags, &r))
		return r;
#endif
	return sf_div(SF_F64, a, b, rm, fflags);
}

uint64_t f64_sqrt(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint64_t r;

	if (host_has_fma() && host_f64_sqrt(a, rm, fflags, &r))
		return r;
#endif
	return sf_sqrt(SF_F64, a, rm, fflags);
}

uint64_t f64_fma(uint64_t a, uint64_t b, uint64_t c, int neg_prod, int neg_add, int rm,
		 uint32_t *fflags)
{
#ifdef FPU_HOST
	uint64_t r;

	if (host_has_fma() && host_f64_fma(a, b, c, !!neg_prod, !!neg_add, rm, fflags, &r))
		return r;
#endif
	return sf_fma(SF_F64, a, b, c, neg_prod, neg_add, rm, fflags);
}

static uint64_t f64_minmax(uint64_t a, uint64_t b, int want_max, uint32_t *fflags)
{
	if (f64_is_snan(a) || f64_is_snan(b))
		*fflags |= FFLAG_NV;
	if (f64_is_nan(a))
		return f64_is_nan(b) ? F64_CANON_NAN : b;
	if (f64_is_nan(b))
		return a;
	return (order(a, b, 63, 1) < 0) ^ want_max ? a : b;
}

uint64_t f64_min(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return f64_minmax(a, b, 0, fflags);
}

uint64_t f64_max(uint64_t a, uint64_t b, uint32_t *fflags)
{
	return f64_minmax(a, b, 1, fflags);
}

int f64_eq(uint64_t a, uint64_t b, uint32_t *fflags)
{
	if (f64_is_nan(a) || f64_is_nan(b)) {
		if (f64_is_snan(a) || f64_is_snan(b))
			*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 63, 0) == 0;
}

int f64_lt(uint64_t a, uint64_t b, uint32_t *fflags)
{
	if (f64_is_nan(a) || f64_is_nan(b)) {
		*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 63, 0) < 0;
}

int f64_le(uint64_t a, uint64_t b, uint32_t *fflags)
{
	if (f64_is_nan(a) || f64_is_nan(b)) {
		*fflags |= FFLAG_NV;
		return 0;
	}
	return order(a, b, 63, 0) <= 0;
}

uint64_t f64_class(uint64_t a)
{
	uint64_t e = (a >> 52) & 0x7ff, m = a & 0xfffffffffffffull;

	return classify(a >> 63, e == 0x7ff, e == 0, m == 0, (m >> 51) & 1);
}

int32_t f64_to_i32(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && F64_EXP(a) < 1023 + 31)
		return (int32_t)host_trunc_i64(host_f64(a), fflags);
#endif
	return (int32_t)sf_to_int(SF_F64, a, rm, 32, 1, fflags);
}

uint32_t f64_to_u32(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && !(a >> 63) && F64_EXP(a) < 1023 + 32)
		return (uint32_t)host_trunc_i64(host_f64(a), fflags);
#endif
	return (uint32_t)sf_to_int(SF_F64, a, rm, 32, 0, fflags);
}

int64_t f64_to_i64(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && F64_EXP(a) < 1023 + 63)
		return host_trunc_i64(host_f64(a), fflags);
#endif
	return (int64_t)sf_to_int(SF_F64, a, rm, 64, 1, fflags);
}

uint64_t f64_to_u64(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (rm == RM_RTZ && !(a >> 63) && F64_EXP(a) < 1023 + 64)
		return host_trunc_u64(host_f64(a), fflags);
#endif
	return sf_to_int(SF_F64, a, rm, 64, 0, fflags);
}

uint64_t i32_to_f64(int32_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	(void)rm, (void)fflags;
	return host_int_to_f64((double)v); /* always exact */
#else
	return sf_from_int(SF_F64, v < 0, mag64(v), rm, fflags);
#endif
}

uint64_t u32_to_f64(uint32_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	(void)rm, (void)fflags;
	return host_int_to_f64((double)v); /* always exact */
#else
	return sf_from_int(SF_F64, 0, v, rm, fflags);
#endif
}

uint64_t i64_to_f64(int64_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_I(v, 53))
		return host_int_to_f64((double)v);
#endif
	return sf_from_int(SF_F64, v < 0, mag64(v), rm, fflags);
}

uint64_t u64_to_f64(uint64_t v, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	if (HOST_EXACT_U(v, 53))
		return host_int_to_f64((double)v);
#endif
	return sf_from_int(SF_F64, 0, v, rm, fflags);
}

/* ---- between formats ---- */

uint64_t f32_to_f64(uint32_t a, uint32_t *fflags)
{
	uint32_t e = (a >> 23) & 0xff;

	if (e && e != 0xff) /* normal: rebias the exponent, widen the fraction */
		return (uint64_t)(a >> 31) << 63 | (uint64_t)(e - 127 + 1023) << 52 |
		       (uint64_t)(a & 0x7fffff) << 29;
	return sf_convert(SF_F64, a, RM_RNE, fflags);
}

uint32_t f64_to_f32(uint64_t a, int rm, uint32_t *fflags)
{
#ifdef FPU_HOST
	uint32_t r;

	if (host_f64_to_f32(a, rm, fflags, &r))
		return r;
#endif
	return (uint32_t)sf_convert(SF_F32, a, rm, fflags);
}
