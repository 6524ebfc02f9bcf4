/*
 * test_fpu.c - emu/fpu.c against exact expected bits and flags: hand-picked
 * corner cases for every operation and rounding mode, then the reference
 * table tests/data/fpu_vectors.txt that qemu-riscv64 produced (see
 * tests/fpu_oracle.sh). FPU_VECTORS=path in the environment checks another
 * table (for long offline runs). Last, the host fast path of fpu.c against
 * the exact integer code of fpu_soft.c on many operands chosen to hit its
 * edges: ties, cancellations, the ends of its exponent window.
 */
#include "emu/fpu.h"
#include "emu/fpu_soft.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FPU_VECTORS
#define FPU_VECTORS "tests/data/fpu_vectors.txt"
#endif

enum { NX = FFLAG_NX, UF = FFLAG_UF, OF = FFLAG_OF, DZ = FFLAG_DZ, NV = FFLAG_NV };

/* ---- the table's operations, by the oracle's names ---- */

static uint64_t sx32(uint32_t v)
{
	return (uint64_t)(int64_t)(int32_t)v;
}

/* Evaluate one table line's operation; returns 0 for an unknown name. */
static int eval(const char *op, int rm, uint64_t a, uint64_t b, uint64_t c, uint64_t *r,
		uint32_t *fl)
{
	uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c;

#define S2(n, f)                                                                                   \
	if (!strcmp(op, n)) {                                                                      \
		*r = f(a32, b32, rm, fl);                                                          \
		return 1;                                                                          \
	}
#define D2(n, f)                                                                                   \
	if (!strcmp(op, n)) {                                                                      \
		*r = f(a, b, rm, fl);                                                              \
		return 1;                                                                          \
	}
	S2("fadd_s", f32_add);
	S2("fsub_s", f32_sub);
	S2("fmul_s", f32_mul);
	S2("fdiv_s", f32_div);
	D2("fadd_d", f64_add);
	D2("fsub_d", f64_sub);
	D2("fmul_d", f64_mul);
	D2("fdiv_d", f64_div);
	static const char *const fma_s[] = {"fmadd_s", "fmsub_s", "fnmsub_s", "fnmadd_s"};
	static const char *const fma_d[] = {"fmadd_d", "fmsub_d", "fnmsub_d", "fnmadd_d"};
	for (int i = 0; i < 4; i++) {
		/* fmadd: 0,0  fmsub: 0,1  fnmsub: 1,0  fnmadd: 1,1 */
		if (!strcmp(op, fma_s[i])) {
			*r = f32_fma(a32, b32, c32, i >> 1, (i == 1 || i == 3), rm, fl);
			return 1;
		}
		if (!strcmp(op, fma_d[i])) {
			*r = f64_fma(a, b, c, i >> 1, (i == 1 || i == 3), rm, fl);
			return 1;
		}
	}
	if (!strcmp(op, "fsqrt_s"))
		*r = f32_sqrt(a32, rm, fl);
	else if (!strcmp(op, "fsqrt_d"))
		*r = f64_sqrt(a, rm, fl);
	else if (!strcmp(op, "fmin_s"))
		*r = f32_min(a32, b32, fl);
	else if (!strcmp(op, "fmax_s"))
		*r = f32_max(a32, b32, fl);
	else if (!strcmp(op, "fmin_d"))
		*r = f64_min(a, b, fl);
	else if (!strcmp(op, "fmax_d"))
		*r = f64_max(a, b, fl);
	else if (!strcmp(op, "feq_s"))
		*r = f32_eq(a32, b32, fl);
	else if (!strcmp(op, "flt_s"))
		*r = f32_lt(a32, b32, fl);
	else if (!strcmp(op, "fle_s"))
		*r = f32_le(a32, b32, fl);
	else if (!strcmp(op, "feq_d"))
		*r = f64_eq(a, b, fl);
	else if (!strcmp(op, "flt_d"))
		*r = f64_lt(a, b, fl);
	else if (!strcmp(op, "fle_d"))
		*r = f64_le(a, b, fl);
	else if (!strcmp(op, "fclass_s"))
		*r = f32_class(a32);
	else if (!strcmp(op, "fclass_d"))
		*r = f64_class(a);
	else if (!strcmp(op, "fcvt_w_s"))
		*r = sx32((uint32_t)f32_to_i32(a32, rm, fl));
	else if (!strcmp(op, "fcvt_wu_s"))
		*r = sx32(f32_to_u32(a32, rm, fl));
	else if (!strcmp(op, "fcvt_l_s"))
		*r = (uint64_t)f32_to_i64(a32, rm, fl);
	else if (!strcmp(op, "fcvt_lu_s"))
		*r = f32_to_u64(a32, rm, fl);
	else if (!strcmp(op, "fcvt_w_d"))
		*r = sx32((uint32_t)f64_to_i32(a, rm, fl));
	else if (!strcmp(op, "fcvt_wu_d"))
		*r = sx32(f64_to_u32(a, rm, fl));
	else if (!strcmp(op, "fcvt_l_d"))
		*r = (uint64_t)f64_to_i64(a, rm, fl);
	else if (!strcmp(op, "fcvt_lu_d"))
		*r = f64_to_u64(a, rm, fl);
	else if (!strcmp(op, "fcvt_s_w"))
		*r = i32_to_f32((int32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_wu"))
		*r = u32_to_f32((uint32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_l"))
		*r = i64_to_f32((int64_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_lu"))
		*r = u64_to_f32(a, rm, fl);
	else if (!strcmp(op, "fcvt_d_w"))
		*r = i32_to_f64((int32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_wu"))
		*r = u32_to_f64((uint32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_l"))
		*r = i64_to_f64((int64_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_lu"))
		*r = u64_to_f64(a, rm, fl);
	else if (!strcmp(op, "fcvt_s_d"))
		*r = f64_to_f32(a, rm, fl);
	else if (!strcmp(op, "fcvt_d_s"))
		*r = f32_to_f64(a32, fl);
	else
		return 0;
	return 1;
}

/* ---- hand-picked corner cases, in the table's format ---- */

struct vec {
	const char *op;
	int rm;
	uint64_t a, b, c, want;
	uint32_t flags;
};

#define QN32  0x7fc00000u /* canonical quiet NaN */
#define QP32  0x7fc12345u /* a quiet NaN with a payload */
#define SN32  0x7f800001u /* a signalling NaN */
#define INF32 0x7f800000u
#define MAX32 0x7f7fffffu
#define ONE32 0x3f800000u
#define QN64  0x7ff8000000000000ull
#define QP64  0xfff8000000012345ull
#define SN64  0x7ff0000000000001ull
#define INF64 0x7ff0000000000000ull
#define MAX64 0x7fefffffffffffffull
#define ONE64 0x3ff0000000000000ull
#define MIN64 0x0010000000000000ull /* smallest normal */
#define N32   0x80000000u
#define N64   0x8000000000000000ull

static const struct vec hand[] = {
    /* 1 + 2^-24 is a tie: RNE keeps the even 1, RMM goes away from zero */
    {"fadd_s", RM_RNE, ONE32, 0x33800000, 0, ONE32, NX},
    {"fadd_s", RM_RTZ, ONE32, 0x33800000, 0, ONE32, NX},
    {"fadd_s", RM_RDN, ONE32, 0x33800000, 0, ONE32, NX},
    {"fadd_s", RM_RUP, ONE32, 0x33800000, 0, 0x3f800001, NX},
    {"fadd_s", RM_RMM, ONE32, 0x33800000, 0, 0x3f800001, NX},
    {"fadd_s", RM_RNE, N32 | ONE32, N32 | 0x33800000, 0, N32 | ONE32, NX},
    {"fadd_s", RM_RDN, N32 | ONE32, N32 | 0x33800000, 0, 0xbf800001, NX},
    {"fadd_s", RM_RUP, N32 | ONE32, N32 | 0x33800000, 0, N32 | ONE32, NX},
    {"fadd_s", RM_RMM, N32 | ONE32, N32 | 0x33800000, 0, 0xbf800001, NX},
    /* a tie where the even neighbour is the upper one */
    {"fadd_s", RM_RNE, 0x3f800001, 0x33800000, 0, 0x3f800002, NX},
    {"fadd_s", RM_RTZ, 0x3f800001, 0x33800000, 0, 0x3f800001, NX},
    {"fadd_s", RM_RMM, 0x3f800001, 0x33800000, 0, 0x3f800002, NX},
    {"fadd_d", RM_RNE, ONE64, 0x3ca0000000000000, 0, ONE64, NX},
    {"fadd_d", RM_RMM, ONE64, 0x3ca0000000000000, 0, 0x3ff0000000000001, NX},
    {"fadd_d", RM_RUP, ONE64, 0x3c90000000000000, 0, 0x3ff0000000000001, NX},
    {"fadd_d", RM_RMM, ONE64, 0x3c90000000000000, 0, ONE64, NX},
    /* signed zeros: exact cancellation is +0, or -0 rounding down */
    {"fadd_s", RM_RNE, 0, N32, 0, 0, 0},
    {"fadd_s", RM_RDN, 0, N32, 0, N32, 0},
    {"fadd_s", RM_RNE, N32, N32, 0, N32, 0},
    {"fsub_s", RM_RNE, 0x40490fdb, 0x40490fdb, 0, 0, 0},
    {"fsub_s", RM_RDN, 0x40490fdb, 0x40490fdb, 0, N32, 0},
    {"fsub_d", RM_RUP, N64, 0, 0, N64, 0},
    {"fadd_d", RM_RDN, ONE64, N64 | ONE64, 0, N64, 0},
    {"fmul_d", RM_RNE, N64, ONE64, 0, N64, 0},
    /* overflow: infinity or the largest finite number, by mode and sign */
    {"fadd_s", RM_RNE, MAX32, MAX32, 0, INF32, OF | NX},
    {"fadd_s", RM_RTZ, MAX32, MAX32, 0, MAX32, OF | NX},
    {"fadd_s", RM_RDN, MAX32, MAX32, 0, MAX32, OF | NX},
    {"fadd_s", RM_RUP, MAX32, MAX32, 0, INF32, OF | NX},
    {"fadd_s", RM_RMM, MAX32, MAX32, 0, INF32, OF | NX},
    {"fmul_d", RM_RDN, N64 | MAX64, 0x4000000000000000, 0, N64 | INF64, OF | NX},
    {"fmul_d", RM_RUP, N64 | MAX64, 0x4000000000000000, 0, N64 | MAX64, OF | NX},
    {"fmul_d", RM_RTZ, N64 | MAX64, 0x4000000000000000, 0, N64 | MAX64, OF | NX},
    /* a sum that rounds up exactly to the overflow threshold */
    {"fadd_d", RM_RNE, MAX64, 0x7c90000000000000, 0, INF64, OF | NX},
    {"fadd_d", RM_RNE, MAX64, 0x7c8fffffffffffff, 0, MAX64, NX},
    /* underflow: exact subnormal results raise nothing, inexact ones UF|NX */
    {"fmul_d", RM_RNE, MIN64, 0x3fe0000000000000, 0, 0x0008000000000000, 0},
    {"fmul_d", RM_RNE, 0x0010000000000001, 0x3fe0000000000000, 0, 0x0008000000000000, UF | NX},
    {"fmul_d", RM_RUP, 0x0010000000000001, 0x3fe0000000000000, 0, 0x0008000000000001, UF | NX},
    {"fmul_s", RM_RNE, 0x00000001, 0x3f000000, 0, 0, UF | NX},
    {"fmul_s", RM_RUP, 0x00000001, 0x3f000000, 0, 0x00000001, UF | NX},
    {"fmul_s", RM_RDN, 0x80000001, 0x3f000000, 0, 0x80000001, UF | NX},
    {"fmul_s", RM_RMM, 0x00000001, 0x3f000000, 0, 0x00000001, UF | NX},
    {"fadd_s", RM_RNE, 0x00000003, 0x80000001, 0, 0x00000002, 0},
    /* (1 - 2^-53) * 2^-1022 is exact with an unbounded exponent: tiny, then
     * rounded to the subnormal grid it ties up to the smallest normal */
    {"fmul_d", RM_RNE, 0x3fefffffffffffff, MIN64, 0, MIN64, UF | NX},
    /* tininess after rounding: 2^-1022 - 2^-1076 rounds (RNE, RMM, RUP) to
     * 2^-1022 with an unbounded exponent, so it is not tiny: NX alone */
    {"fmadd_d", RM_RNE, 0x1e50000000000000, 0x9e50000000000000, MIN64, MIN64, NX},
    {"fmadd_d", RM_RMM, 0x1e50000000000000, 0x9e50000000000000, MIN64, MIN64, NX},
    {"fmadd_d", RM_RUP, 0x1e50000000000000, 0x9e50000000000000, MIN64, MIN64, NX},
    {"fmadd_d", RM_RTZ, 0x1e50000000000000, 0x9e50000000000000, MIN64, 0x000fffffffffffff, UF | NX},
    {"fmadd_d", RM_RDN, 0x1e50000000000000, 0x9e50000000000000, MIN64, 0x000fffffffffffff, UF | NX},
    {"fmadd_s", RM_RNE, 0x19800000, 0x99800000, 0x00800000, 0x00800000, NX},
    {"fmadd_s", RM_RTZ, 0x19800000, 0x99800000, 0x00800000, 0x007fffff, UF | NX},
    /* division */
    {"fdiv_s", RM_RNE, ONE32, 0, 0, INF32, DZ},
    {"fdiv_s", RM_RNE, ONE32, N32, 0, N32 | INF32, DZ},
    {"fdiv_s", RM_RNE, 0, 0, 0, QN32, NV},
    {"fdiv_s", RM_RNE, INF32, INF32, 0, QN32, NV},
    {"fdiv_s", RM_RNE, INF32, 0, 0, INF32, 0},
    {"fdiv_s", RM_RNE, ONE32, INF32, 0, 0, 0},
    {"fdiv_s", RM_RNE, ONE32, 0x40400000, 0, 0x3eaaaaab, NX},
    {"fdiv_s", RM_RTZ, ONE32, 0x40400000, 0, 0x3eaaaaaa, NX},
    {"fdiv_s", RM_RDN, ONE32, 0x40400000, 0, 0x3eaaaaaa, NX},
    {"fdiv_s", RM_RUP, ONE32, 0x40400000, 0, 0x3eaaaaab, NX},
    {"fdiv_s", RM_RMM, ONE32, 0x40400000, 0, 0x3eaaaaab, NX},
    {"fdiv_s", RM_RDN, N32 | ONE32, 0x40400000, 0, 0xbeaaaaab, NX},
    {"fdiv_d", RM_RNE, 0x4008000000000000, 0x4000000000000000, 0, 0x3ff8000000000000, 0},
    {"fdiv_d", RM_RNE, SN64, ONE64, 0, QN64, NV},
    /* square root */
    {"fsqrt_d", RM_RNE, 0x4000000000000000, 0, 0, 0x3ff6a09e667f3bcd, NX},
    {"fsqrt_d", RM_RTZ, 0x4000000000000000, 0, 0, 0x3ff6a09e667f3bcc, NX},
    {"fsqrt_d", RM_RDN, 0x4000000000000000, 0, 0, 0x3ff6a09e667f3bcc, NX},
    {"fsqrt_d", RM_RUP, 0x4000000000000000, 0, 0, 0x3ff6a09e667f3bcd, NX},
    {"fsqrt_d", RM_RMM, 0x4000000000000000, 0, 0, 0x3ff6a09e667f3bcd, NX},
    {"fsqrt_d", RM_RNE, 0x4022000000000000, 0, 0, 0x4008000000000000, 0},
    {"fsqrt_d", RM_RNE, N64, 0, 0, N64, 0},
    {"fsqrt_d", RM_RNE, N64 | ONE64, 0, 0, QN64, NV},
    {"fsqrt_d", RM_RNE, N64 | INF64, 0, 0, QN64, NV},
    {"fsqrt_d", RM_RNE, INF64, 0, 0, INF64, 0},
    {"fsqrt_d", RM_RNE, 0x0000000000000001, 0, 0, 0x1e60000000000000, 0},
    {"fsqrt_s", RM_RNE, 0x40000000, 0, 0, 0x3fb504f3, NX},
    {"fsqrt_s", RM_RUP, 0x40000000, 0, 0, 0x3fb504f4, NX},
    {"fsqrt_s", RM_RNE, SN32, 0, 0, QN32, NV},
    {"fsqrt_s", RM_RNE, QP32, 0, 0, QN32, 0},
    {"fsqrt_s", RM_RNE, N32 | 0x00000001, 0, 0, QN32, NV},
    /* NaNs: always the canonical one out; NV only for signalling ones */
    {"fadd_s", RM_RNE, QP32, ONE32, 0, QN32, 0},
    {"fadd_s", RM_RNE, ONE32, SN32, 0, QN32, NV},
    {"fadd_s", RM_RNE, INF32, N32 | INF32, 0, QN32, NV},
    {"fsub_d", RM_RNE, INF64, INF64, 0, QN64, NV},
    {"fmul_d", RM_RNE, QP64, 0, 0, QN64, 0},
    {"fmul_d", RM_RNE, INF64, N64, 0, QN64, NV},
    {"fadd_d", RM_RNE, INF64, N64 | MAX64, 0, INF64, 0},
    /* fused multiply-add */
    {"fmadd_s", RM_RNE, INF32, 0, QN32, QN32, NV}, /* inf*0 even with a quiet addend */
    {"fmadd_d", RM_RNE, 0, N64 | INF64, QP64, QN64, NV},
    {"fmadd_d", RM_RNE, INF64, 0, ONE64, QN64, NV},
    {"fmadd_d", RM_RNE, ONE64, QP64, ONE64, QN64, 0},
    {"fmadd_d", RM_RNE, ONE64, ONE64, SN64, QN64, NV},
    {"fmadd_d", RM_RNE, INF64, ONE64, N64 | INF64, QN64, NV},
    {"fmsub_d", RM_RNE, INF64, ONE64, INF64, QN64, NV},
    {"fmsub_d", RM_RNE, INF64, ONE64, N64 | INF64, INF64, 0},
    {"fmadd_d", RM_RNE, ONE64, ONE64, N64 | ONE64, 0, 0},
    {"fmadd_d", RM_RDN, ONE64, ONE64, N64 | ONE64, N64, 0},
    {"fmadd_s", RM_RNE, 0, ONE32, N32, 0, 0},
    {"fmadd_s", RM_RDN, 0, ONE32, N32, N32, 0},
    {"fnmadd_s", RM_RNE, 0, ONE32, 0, N32, 0},
    {"fnmsub_s", RM_RNE, 0, ONE32, 0, 0, 0},
    {"fmsub_s", RM_RNE, 0, ONE32, 0, 0, 0},
    {"fmsub_s", RM_RNE, N32, ONE32, 0, N32, 0},
    /* one rounding: (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly
     * (= 2^-54 * (2 - 2^-51)), where a separate multiply rounds the product to 1 */
    {"fmadd_d", RM_RNE, 0x3ff0000000000001, 0x3fefffffffffffff, N64 | ONE64, 0x3c9ffffffffffffe, 0},
    {"fmsub_d", RM_RNE, 0x3ff0000000000001, 0x3fefffffffffffff, ONE64, 0x3c9ffffffffffffe, 0},
    {"fnmadd_d", RM_RNE, 0x3ff0000000000001, 0x3fefffffffffffff, N64 | ONE64, 0xbc9ffffffffffffe,
     0},
    {"fnmsub_d", RM_RNE, 0x3ff0000000000001, 0x3fefffffffffffff, ONE64, 0xbc9ffffffffffffe, 0},
    /* binary32: (1 + 2^-23)^2 + 2^-47 ... a double-rounding trap: the exact
     * 1 + 2^-22 + 2^-46 + 2^-47 rounds once to 1 + 2^-22 */
    {"fmadd_s", RM_RNE, 0x3f800001, 0x3f800001, 0x28000000, 0x3f800002, NX},
    {"fmadd_s", RM_RUP, 0x3f800001, 0x3f800001, 0x28000000, 0x3f800003, NX},
    /* an exact tie in a product: (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 */
    {"fmul_s", RM_RNE, 0x3f800800, 0x3f800800, 0, 0x3f801000, NX},
    {"fmul_s", RM_RMM, 0x3f800800, 0x3f800800, 0, 0x3f801001, NX},
    {"fmadd_s", RM_RMM, 0x3f800800, 0x3f800800, 0, 0x3f801001, NX},
    {"fmadd_s", RM_RNE, 0x3f800800, 0x3f800800, 0, 0x3f801000, NX},
    /* (1 + 2^-27)^2 - 0.5 = 0.5 + 2^-26 + 2^-54: a tie in binary64 */
    {"fmadd_d", RM_RNE, 0x3ff0000002000000, 0x3ff0000002000000, 0xbfe0000000000000,
     0x3fe0000008000000, NX},
    {"fmadd_d", RM_RMM, 0x3ff0000002000000, 0x3ff0000002000000, 0xbfe0000000000000,
     0x3fe0000008000001, NX},
    {"fnmadd_d", RM_RMM, 0x3ff0000002000000, 0x3ff0000002000000, 0xbfe0000000000000,
     0xbfe0000008000001, NX},
    {"fnmadd_d", RM_RDN, 0x3ff0000002000000, 0x3ff0000002000000, 0xbfe0000000000000,
     0xbfe0000008000001, NX},
    {"fnmadd_d", RM_RUP, 0x3ff0000002000000, 0x3ff0000002000000, 0xbfe0000000000000,
     0xbfe0000008000000, NX},
    /* fmin/fmax: minimumNumber/maximumNumber, -0 < +0 */
    {"fmin_s", RM_RNE, 0, N32, 0, N32, 0},
    {"fmin_s", RM_RNE, N32, 0, 0, N32, 0},
    {"fmax_s", RM_RNE, N32, 0, 0, 0, 0},
    {"fmax_s", RM_RNE, 0, N32, 0, 0, 0},
    {"fmin_s", RM_RNE, QP32, ONE32, 0, ONE32, 0},
    {"fmin_s", RM_RNE, ONE32, SN32, 0, ONE32, NV},
    {"fmax_s", RM_RNE, SN32, N32 | ONE32, 0, N32 | ONE32, NV},
    {"fmax_s", RM_RNE, QP32, QP32, 0, QN32, 0},
    {"fmax_s", RM_RNE, SN32, QP32, 0, QN32, NV},
    {"fmin_s", RM_RNE, N32 | INF32, MAX32, 0, N32 | INF32, 0},
    {"fmin_d", RM_RNE, N64 | ONE64, N64 | 0x4000000000000000, 0, N64 | 0x4000000000000000, 0},
    {"fmax_d", RM_RNE, N64 | ONE64, N64 | 0x4000000000000000, 0, N64 | ONE64, 0},
    {"fmin_d", RM_RNE, SN64, SN64, 0, QN64, NV},
    {"fmax_d", RM_RNE, QP64, 0x0000000000000001, 0, 0x0000000000000001, 0},
    {"fmax_d", RM_RNE, N64, 0, 0, 0, 0},
    /* comparisons: feq quiet, flt/fle signalling */
    {"feq_s", RM_RNE, QN32, ONE32, 0, 0, 0},
    {"feq_s", RM_RNE, SN32, ONE32, 0, 0, NV},
    {"flt_s", RM_RNE, QN32, ONE32, 0, 0, NV},
    {"fle_s", RM_RNE, ONE32, QP32, 0, 0, NV},
    {"feq_s", RM_RNE, N32, 0, 0, 1, 0},
    {"fle_s", RM_RNE, N32, 0, 0, 1, 0},
    {"flt_s", RM_RNE, N32, 0, 0, 0, 0},
    {"flt_s", RM_RNE, 0xc0000000, 0xbf800000, 0, 1, 0},
    {"flt_s", RM_RNE, 0xbf800000, 0xc0000000, 0, 0, 0},
    {"fle_s", RM_RNE, N32 | INF32, N32 | INF32, 0, 1, 0},
    {"feq_d", RM_RNE, QN64, QN64, 0, 0, 0},
    {"feq_d", RM_RNE, ONE64, ONE64, 0, 1, 0},
    {"flt_d", RM_RNE, 0x0000000000000001, 0x0000000000000002, 0, 1, 0},
    {"flt_d", RM_RNE, 0x8000000000000002, 0x8000000000000001, 0, 1, 0},
    {"fle_d", RM_RNE, SN64, SN64, 0, 0, NV},
    /* fclass: the ten classes */
    {"fclass_s", RM_RNE, N32 | INF32, 0, 0, 1 << 0, 0},
    {"fclass_s", RM_RNE, N32 | ONE32, 0, 0, 1 << 1, 0},
    {"fclass_s", RM_RNE, N32 | 0x00000001, 0, 0, 1 << 2, 0},
    {"fclass_s", RM_RNE, N32, 0, 0, 1 << 3, 0},
    {"fclass_s", RM_RNE, 0, 0, 0, 1 << 4, 0},
    {"fclass_s", RM_RNE, 0x007fffff, 0, 0, 1 << 5, 0},
    {"fclass_s", RM_RNE, 0x00800000, 0, 0, 1 << 6, 0},
    {"fclass_s", RM_RNE, INF32, 0, 0, 1 << 7, 0},
    {"fclass_s", RM_RNE, SN32, 0, 0, 1 << 8, 0},
    {"fclass_s", RM_RNE, QP32, 0, 0, 1 << 9, 0},
    {"fclass_s", RM_RNE, N32 | 0x7fbfffff, 0, 0, 1 << 8, 0},
    {"fclass_d", RM_RNE, N64 | INF64, 0, 0, 1 << 0, 0},
    {"fclass_d", RM_RNE, N64 | MAX64, 0, 0, 1 << 1, 0},
    {"fclass_d", RM_RNE, 0x800fffffffffffff, 0, 0, 1 << 2, 0},
    {"fclass_d", RM_RNE, N64, 0, 0, 1 << 3, 0},
    {"fclass_d", RM_RNE, 0, 0, 0, 1 << 4, 0},
    {"fclass_d", RM_RNE, 0x0000000000000001, 0, 0, 1 << 5, 0},
    {"fclass_d", RM_RNE, MIN64, 0, 0, 1 << 6, 0},
    {"fclass_d", RM_RNE, INF64, 0, 0, 1 << 7, 0},
    {"fclass_d", RM_RNE, SN64, 0, 0, 1 << 8, 0},
    {"fclass_d", RM_RNE, QP64, 0, 0, 1 << 9, 0},
    /* fcvt to integers: the saturation table (results as the register holds them) */
    {"fcvt_w_s", RM_RNE, QN32, 0, 0, 0x7fffffff, NV},
    {"fcvt_w_s", RM_RNE, N32 | QP32, 0, 0, 0x7fffffff, NV},
    {"fcvt_w_s", RM_RNE, INF32, 0, 0, 0x7fffffff, NV},
    {"fcvt_w_s", RM_RNE, N32 | INF32, 0, 0, 0xffffffff80000000, NV},
    {"fcvt_w_s", RM_RNE, 0x4f000000, 0, 0, 0x7fffffff, NV},	   /* 2^31 */
    {"fcvt_w_s", RM_RNE, 0xcf000000, 0, 0, 0xffffffff80000000, 0}, /* -2^31 */
    {"fcvt_w_s", RM_RNE, 0xcf000001, 0, 0, 0xffffffff80000000, NV},
    {"fcvt_w_s", RM_RNE, 0x3fc00000, 0, 0, 2, NX}, /* 1.5 */
    {"fcvt_w_s", RM_RNE, 0x40200000, 0, 0, 2, NX}, /* 2.5 */
    {"fcvt_w_s", RM_RMM, 0x40200000, 0, 0, 3, NX},
    {"fcvt_w_s", RM_RMM, 0xc0200000, 0, 0, (uint64_t)-3, NX},
    {"fcvt_w_s", RM_RDN, 0xc0200000, 0, 0, (uint64_t)-3, NX},
    {"fcvt_w_s", RM_RUP, 0xc0200000, 0, 0, (uint64_t)-2, NX},
    {"fcvt_w_s", RM_RTZ, 0xc0200000, 0, 0, (uint64_t)-2, NX},
    {"fcvt_w_s", RM_RNE, N32, 0, 0, 0, 0},
    {"fcvt_w_s", RM_RUP, 0x00000001, 0, 0, 1, NX},
    {"fcvt_wu_s", RM_RNE, N32 | ONE32, 0, 0, 0, NV},
    {"fcvt_wu_s", RM_RTZ, 0xbe99999a, 0, 0, 0, NX}, /* -0.3 */
    {"fcvt_wu_s", RM_RNE, 0xbe99999a, 0, 0, 0, NX},
    {"fcvt_wu_s", RM_RDN, 0xbe99999a, 0, 0, 0, NV},
    {"fcvt_wu_s", RM_RNE, QN32, 0, 0, 0xffffffffffffffff, NV},
    {"fcvt_wu_s", RM_RNE, INF32, 0, 0, 0xffffffffffffffff, NV},
    {"fcvt_wu_s", RM_RNE, N32 | INF32, 0, 0, 0, NV},
    {"fcvt_wu_s", RM_RNE, 0x4f800000, 0, 0, 0xffffffffffffffff, NV},	    /* 2^32 */
    {"fcvt_wu_s", RM_RNE, 0x4f7fffff, 0, 0, 0xffffffffffffff00, 0},	    /* sign-extended */
    {"fcvt_w_d", RM_RTZ, 0xc1e0000000100000, 0, 0, 0xffffffff80000000, NX}, /* -2^31 - .5 */
    {"fcvt_w_d", RM_RDN, 0xc1e0000000100000, 0, 0, 0xffffffff80000000, NV},
    {"fcvt_w_d", RM_RNE, 0x41dfffffffa00000, 0, 0, 0x7ffffffe, NX}, /* 2^31 - 1.5 */
    {"fcvt_w_d", RM_RNE, 0x41dfffffffe00000, 0, 0, 0x7fffffff, NV}, /* 2^31 - .5 */
    {"fcvt_w_d", RM_RTZ, 0x41dfffffffe00000, 0, 0, 0x7fffffff, NX},
    {"fcvt_wu_d", RM_RNE, 0x41efffffffffffff, 0, 0, 0xffffffffffffffff, NV},
    {"fcvt_wu_d", RM_RTZ, 0x41efffffffffffff, 0, 0, 0xffffffffffffffff, NX},
    {"fcvt_l_d", RM_RNE, 0x43e0000000000000, 0, 0, 0x7fffffffffffffff, NV}, /* 2^63 */
    {"fcvt_l_d", RM_RNE, 0xc3e0000000000000, 0, 0, 0x8000000000000000, 0},
    {"fcvt_l_d", RM_RNE, N64 | INF64, 0, 0, 0x8000000000000000, NV},
    {"fcvt_l_d", RM_RNE, SN64, 0, 0, 0x7fffffffffffffff, NV},
    {"fcvt_lu_d", RM_RNE, 0x43f0000000000000, 0, 0, 0xffffffffffffffff, NV}, /* 2^64 */
    {"fcvt_lu_d", RM_RNE, 0x43efffffffffffff, 0, 0, 0xfffffffffffff800, 0},
    {"fcvt_lu_d", RM_RUP, 0x0000000000000001, 0, 0, 1, NX},
    {"fcvt_lu_d", RM_RNE, N64 | 0x0000000000000001, 0, 0, 0, NX},
    {"fcvt_lu_d", RM_RDN, N64 | 0x0000000000000001, 0, 0, 0, NV},
    {"fcvt_l_s", RM_RNE, 0xdf000000, 0, 0, 0x8000000000000000, 0},
    {"fcvt_lu_s", RM_RNE, 0x5f800000, 0, 0, 0xffffffffffffffff, NV},
    /* integers to floats */
    {"fcvt_s_w", RM_RNE, 16777217, 0, 0, 0x4b800000, NX},
    {"fcvt_s_w", RM_RUP, 16777217, 0, 0, 0x4b800001, NX},
    {"fcvt_s_w", RM_RMM, 16777217, 0, 0, 0x4b800001, NX},
    {"fcvt_s_w", RM_RNE, 0x80000000, 0, 0, 0xcf000000, 0},
    {"fcvt_s_w", RM_RNE, 0, 0, 0, 0, 0},
    {"fcvt_s_wu", RM_RNE, 0xffffffff, 0, 0, 0x4f800000, NX},
    {"fcvt_s_wu", RM_RTZ, 0xffffffff, 0, 0, 0x4f7fffff, NX},
    {"fcvt_s_lu", RM_RNE, 0xffffffffffffffff, 0, 0, 0x5f800000, NX},
    {"fcvt_s_lu", RM_RTZ, 0xffffffffffffffff, 0, 0, 0x5f7fffff, NX},
    {"fcvt_s_l", RM_RDN, (uint64_t)-16777217, 0, 0, 0xcb800001, NX},
    {"fcvt_d_l", RM_RNE, 0x8000000000000000, 0, 0, 0xc3e0000000000000, 0},
    {"fcvt_d_lu", RM_RNE, 0x8000000000000401, 0, 0, 0x43e0000000000001, NX},
    {"fcvt_d_lu", RM_RNE, 0x8000000000000400, 0, 0, 0x43e0000000000000, NX},
    {"fcvt_d_lu", RM_RMM, 0x8000000000000400, 0, 0, 0x43e0000000000001, NX},
    {"fcvt_d_lu", RM_RNE, 0x8000000000000c00, 0, 0, 0x43e0000000000002, NX},
    {"fcvt_d_w", RM_RNE, 0xffffffff, 0, 0, 0xbff0000000000000, 0},
    {"fcvt_d_wu", RM_RNE, 0xffffffff, 0, 0, 0x41efffffffe00000, 0},
    /* between formats */
    {"fcvt_s_d", RM_RNE, 0x7e37e43c8800759c, 0, 0, INF32, OF | NX}, /* 1e300 */
    {"fcvt_s_d", RM_RTZ, 0x7e37e43c8800759c, 0, 0, MAX32, OF | NX},
    {"fcvt_s_d", RM_RNE, 0x358dee7a4ad4b81f, 0, 0, 0, UF | NX}, /* 1e-50 */
    {"fcvt_s_d", RM_RUP, 0x358dee7a4ad4b81f, 0, 0, 0x00000001, UF | NX},
    {"fcvt_s_d", RM_RNE, 0x3ff0000010000000, 0, 0, ONE32, NX}, /* 1 + 2^-24 */
    {"fcvt_s_d", RM_RMM, 0x3ff0000010000000, 0, 0, 0x3f800001, NX},
    {"fcvt_s_d", RM_RNE, 0x36a0000000000000, 0, 0, 0x00000001, 0}, /* 2^-149 */
    /* tiny results of the conversion: tiny with an unbounded exponent, so UF */
    {"fcvt_s_d", RM_RDN, 0xb80fffffc000007f, 0, 0, 0x80800000, UF | NX},
    {"fcvt_s_d", RM_RNE, 0xb80fffffc000007f, 0, 0, 0x807fffff, UF | NX},
    {"fcvt_s_d", RM_RNE, 0x380fffffe0000000, 0, 0, 0x00800000, UF | NX}, /* 2^-126 - 2^-150 */
    {"fcvt_s_d", RM_RTZ, 0x380fffffe0000000, 0, 0, 0x007fffff, UF | NX},
    {"fcvt_s_d", RM_RNE, SN64, 0, 0, QN32, NV},
    {"fcvt_s_d", RM_RNE, QP64, 0, 0, QN32, 0},
    {"fcvt_s_d", RM_RNE, N64 | INF64, 0, 0, N32 | INF32, 0},
    {"fcvt_d_s", RM_RNE, 0x00000001, 0, 0, 0x36a0000000000000, 0},
    {"fcvt_d_s", RM_RNE, SN32, 0, 0, QN64, NV},
    {"fcvt_d_s", RM_RNE, QP32, 0, 0, QN64, 0},
    {"fcvt_d_s", RM_RNE, N32, 0, 0, N64, 0},
    {"fcvt_d_s", RM_RNE, MAX32, 0, 0, 0x47efffffe0000000, 0},
};

/* Every hand-picked vector; each mismatch is printed, then the test fails. */
START_TEST(hand_picked)
{
	int bad = 0;

	for (size_t i = 0; i < sizeof(hand) / sizeof(hand[0]); i++) {
		const struct vec *v = &hand[i];
		uint64_t r = 0;
		uint32_t fl = 0;

		ck_assert_msg(eval(v->op, v->rm, v->a, v->b, v->c, &r, &fl), "unknown op %s",
			      v->op);
		if (r != v->want || fl != v->flags) {
			bad++;
			fprintf(stderr,
				"%s rm=%d %llx %llx %llx: got %llx flags %x, want %llx flags %x\n",
				v->op, v->rm, (unsigned long long)v->a, (unsigned long long)v->b,
				(unsigned long long)v->c, (unsigned long long)r, fl,
				(unsigned long long)v->want, v->flags);
		}
	}
	ck_assert_msg(bad == 0, "%d hand-picked vectors differ", bad);
}
END_TEST

/* Flags accumulate: an exact operation leaves earlier flags alone. */
START_TEST(flags_accumulate)
{
	uint32_t fl = FFLAG_NV | FFLAG_DZ;

	ck_assert_uint_eq(f64_add(ONE64, ONE64, RM_RNE, &fl), 0x4000000000000000ull);
	ck_assert_uint_eq(fl, FFLAG_NV | FFLAG_DZ);
	ck_assert_uint_eq(f32_div(ONE32, 0x40400000, RM_RNE, &fl), 0x3eaaaaab);
	ck_assert_uint_eq(fl, FFLAG_NV | FFLAG_DZ | FFLAG_NX);
}
END_TEST

START_TEST(reference_table)
{
	const char *path = getenv("FPU_VECTORS") ? getenv("FPU_VECTORS") : FPU_VECTORS;
	FILE *f = fopen(path, "r");
	char op[32];
	int rm;
	unsigned long long a, b, c, want, wantfl;
	long lines = 0, bad = 0;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fscanf(f, "%31s %d %llx %llx %llx %llx %llx", op, &rm, &a, &b, &c, &want, &wantfl) ==
	       7) {
		uint64_t r = 0;
		uint32_t fl = 0;

		lines++;
		ck_assert_msg(eval(op, rm, a, b, c, &r, &fl), "unknown op %s", op);
		if (r != want || fl != wantfl) {
			if (bad++ < 20)
				fprintf(stderr,
					"%s rm=%d %llx %llx %llx: got %llx flags %x, want %llx "
					"flags %llx\n",
					op, rm, a, b, c, (unsigned long long)r, fl, want, wantfl);
		}
	}
	fclose(f);
	ck_assert_int_gt(lines, 1000);
	ck_assert_msg(bad == 0, "%ld of %ld vectors differ", bad, lines);
}
END_TEST

/* ---- the fast path against the exact code ---- */

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* An operand for the fast path's edges: a sparse, dense or random fraction
 * (sparse ones make ties and exact results), an exponent near the middle or
 * near one of the fast path's window limits. */
static uint64_t edge_float(int fb, int eb)
{
	int emax = (1 << eb) - 1, bias = emax >> 1, fma_min = 2 * (fb + 1) + 3;
	const int centers[] = {bias,	bias,	  bias,		2,
			       fma_min, emax - 2, bias / 2 + 1, bias + bias / 2};
	uint64_t m, sel = rnd();
	int e = centers[sel % 8] + (int)((sel >> 3) % 9) - 4;

	switch ((sel >> 8) % 4) {
	case 0: m = 0; break;
	case 1: m = (1ull << (rnd() % fb)) | (1ull << (rnd() % fb)); break;
	case 2: m = ~0ull >> (rnd() % 64); break;
	default: m = rnd(); break;
	}
	if (e < 1)
		e = 1;
	if (e > emax - 1)
		e = emax - 1;
	return (sel >> 63) << (fb + eb) | (uint64_t)e << fb | (m & ((1ull << fb) - 1));
}

/* |v| of a two's complement 64-bit value */
static uint64_t mag(uint64_t v)
{
	return v >> 63 ? 0 - v : v;
}

/* FPU_FAST_ITERS=n in the environment runs n rounds instead (offline stress). */
START_TEST(fast_path_exact)
{
	long bad = 0, iters = getenv("FPU_FAST_ITERS") ? atol(getenv("FPU_FAST_ITERS")) : 20000;

	for (long i = 0; i < iters; i++) {
		uint64_t a = edge_float(52, 11), b = edge_float(52, 11), c = edge_float(52, 11), w;
		uint64_t v64, iv;
		uint32_t v32;
		uint32_t a32 = (uint32_t)edge_float(23, 8), b32 = (uint32_t)edge_float(23, 8),
			 c32 = (uint32_t)edge_float(23, 8);

		if (i % 4 == 0) { /* near-cancelling operands */
			b = (a ^ 1ull << 63) + rnd() % 5 - 2;
			b32 = (a32 ^ 1u << 31) + (uint32_t)(rnd() % 5) - 2;
		}
		if (i % 3 == 0) { /* cancellation, ties and exact cases in the fused add */
			uint32_t fl = 0;
			int k = (int)(rnd() % 7) - 3;

			c32 = (uint32_t)sf_mul(SF_F32, a32, b32, (int)(rnd() % 5), &fl) ^ 1u << 31;
			c = sf_mul(SF_F64, a, b, (int)(rnd() % 5), &fl) ^ 1ull << 63;
			if (rnd() % 2) {
				c32 += (uint32_t)k;
				c += (uint64_t)k;
			}
		}
		/* around the integer ranges' limits, for fcvt */
		v64 = (rnd() & 1ull << 63) | (uint64_t)(1023 + rnd() % 66) << 52 |
		      (rnd() >> 12 >> (rnd() % 53));
		v32 = (uint32_t)((rnd() & 1) << 31 | (127 + rnd() % 66) << 23 |
				 (rnd() >> 41 >> (rnd() % 24)));
		iv = rnd() >> (rnd() % 64);
		if (rnd() & 1)
			iv = 0 - iv;
		/* near a binary32 value: ties and exact cases for fcvt.s.d */
		w = sf_convert(SF_F64, a32, RM_RNE, &(uint32_t){0}) ^
		    (rnd() % 3 ? rnd() % (1u << 29) : 1u << 28);
		for (int rm = 0; rm < 5; rm++) {
			uint32_t f1 = 0, f2 = 0;
			uint64_t r1, r2;
#define CMP(expr1, expr2)                                                                          \
	do {                                                                                       \
		f1 = f2 = 0;                                                                       \
		r1 = (expr1);                                                                      \
		r2 = (expr2);                                                                      \
		if ((r1 != r2 || f1 != f2) && bad++ < 10)                                          \
			fprintf(stderr, "%s rm=%d: %llx/%x, exact %llx/%x\n", #expr1, rm,          \
				(unsigned long long)r1, f1, (unsigned long long)r2, f2);           \
	} while (0)
			CMP(f64_add(a, b, rm, &f1), sf_add(SF_F64, a, b, rm, &f2));
			CMP(f64_sub(a, b, rm, &f1), sf_add(SF_F64, a, b ^ 1ull << 63, rm, &f2));
			CMP(f64_mul(a, b, rm, &f1), sf_mul(SF_F64, a, b, rm, &f2));
			CMP(f64_div(a, b, rm, &f1), sf_div(SF_F64, a, b, rm, &f2));
			CMP(f64_sqrt(a, rm, &f1), sf_sqrt(SF_F64, a, rm, &f2));
			CMP(f32_add(a32, b32, rm, &f1), sf_add(SF_F32, a32, b32, rm, &f2));
			CMP(f32_sub(a32, b32, rm, &f1),
			    sf_add(SF_F32, a32, b32 ^ 1u << 31, rm, &f2));
			CMP(f32_mul(a32, b32, rm, &f1), sf_mul(SF_F32, a32, b32, rm, &f2));
			CMP(f32_div(a32, b32, rm, &f1), sf_div(SF_F32, a32, b32, rm, &f2));
			CMP(f32_sqrt(a32, rm, &f1), sf_sqrt(SF_F32, a32, rm, &f2));
			CMP(f64_to_f32(a, rm, &f1), sf_convert(SF_F32, a, rm, &f2));
			CMP(f64_to_f32(w, rm, &f1), sf_convert(SF_F32, w, rm, &f2));
			CMP(f32_to_f64(a32, &f1), sf_convert(SF_F64, a32, rm, &f2));
			CMP((uint32_t)f64_to_i32(v64, rm, &f1),
			    (uint32_t)sf_to_int(SF_F64, v64, rm, 32, 1, &f2));
			CMP(f64_to_u32(v64, rm, &f1),
			    (uint32_t)sf_to_int(SF_F64, v64, rm, 32, 0, &f2));
			CMP((uint64_t)f64_to_i64(v64, rm, &f1),
			    sf_to_int(SF_F64, v64, rm, 64, 1, &f2));
			CMP(f64_to_u64(v64, rm, &f1), sf_to_int(SF_F64, v64, rm, 64, 0, &f2));
			CMP((uint32_t)f32_to_i32(v32, rm, &f1),
			    (uint32_t)sf_to_int(SF_F32, v32, rm, 32, 1, &f2));
			CMP(f32_to_u32(v32, rm, &f1),
			    (uint32_t)sf_to_int(SF_F32, v32, rm, 32, 0, &f2));
			CMP((uint64_t)f32_to_i64(v32, rm, &f1),
			    sf_to_int(SF_F32, v32, rm, 64, 1, &f2));
			CMP(f32_to_u64(v32, rm, &f1), sf_to_int(SF_F32, v32, rm, 64, 0, &f2));
			CMP(i64_to_f64((int64_t)iv, rm, &f1),
			    sf_from_int(SF_F64, iv >> 63, mag(iv), rm, &f2));
			CMP(u64_to_f64(iv, rm, &f1), sf_from_int(SF_F64, 0, iv, rm, &f2));
			CMP(i64_to_f32((int64_t)iv, rm, &f1),
			    sf_from_int(SF_F32, iv >> 63, mag(iv), rm, &f2));
			CMP(u64_to_f32(iv, rm, &f1), sf_from_int(SF_F32, 0, iv, rm, &f2));
			CMP(i32_to_f32((int32_t)iv, rm, &f1),
			    sf_from_int(SF_F32, (iv >> 31) & 1, mag((uint64_t)(int64_t)(int32_t)iv),
					rm, &f2));
			CMP(u32_to_f32((uint32_t)iv, rm, &f1),
			    sf_from_int(SF_F32, 0, (uint32_t)iv, rm, &f2));
			CMP(i32_to_f64((int32_t)iv, rm, &f1),
			    sf_from_int(SF_F64, (iv >> 31) & 1, mag((uint64_t)(int64_t)(int32_t)iv),
					rm, &f2));
			CMP(u32_to_f64((uint32_t)iv, rm, &f1),
			    sf_from_int(SF_F64, 0, (uint32_t)iv, rm, &f2));
			for (int n = 0; n < 4; n++)
				CMP(f32_fma(a32, b32, c32, n & 1, n >> 1, rm, &f1),
				    sf_fma(SF_F32, a32, b32, c32, n & 1, n >> 1, rm, &f2));
			for (int n = 0; n < 4; n++)
				CMP(f64_fma(a, b, c, n & 1, n >> 1, rm, &f1),
				    sf_fma(SF_F64, a, b, c, n & 1, n >> 1, rm, &f2));
#undef CMP
		}
	}
	ck_assert_msg(bad == 0, "%ld results differ from the exact code", bad);
}
END_TEST

static Suite *fpu_suite(void)
{
	Suite *s = suite_create("fpu");
	TCase *tc = tcase_create("corner cases");

	tcase_add_test(tc, hand_picked);
	tcase_add_test(tc, flags_accumulate);
	suite_add_tcase(s, tc);
	tc = tcase_create("qemu table");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, reference_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("fast path");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, fast_path_exact);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fpu_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
