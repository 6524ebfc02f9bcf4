/*
 * fpu_soft.h - exact IEEE 754 arithmetic in integer code, for binary32 and
 * binary64 alike (the format is an argument: 0 = binary32, 1 = binary64).
 *
 * This is the reference semantics of emu/fpu.c: complete (every operand,
 * every rounding mode including RMM), RISC-V flavoured (canonical NaN,
 * tininess detected after rounding), and slow. fpu.c calls it for RMM and for
 * anything its host-FPU fast path cannot do exactly. Values are raw bits in
 * the low 32 or 64 bits of a uint64_t; flags are OR-ed into *fflags.
 */
#ifndef RVMM_EMU_FPU_SOFT_H
#define RVMM_EMU_FPU_SOFT_H

#include <stdint.h>

enum { SF_F32 = 0, SF_F64 = 1 };

uint64_t sf_add(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t sf_mul(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t sf_div(int fmt, uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t sf_sqrt(int fmt, uint64_t a, int rm, uint32_t *fflags);
/* (-1)^neg_prod * a*b + (-1)^neg_add * c, rounded once. */
uint64_t sf_fma(int fmt, uint64_t a, uint64_t b, uint64_t c, int neg_prod, int neg_add, int rm,
		uint32_t *fflags);
/* Convert between formats: to_fmt is the result's format, a is in the other one. */
uint64_t sf_convert(int to_fmt, uint64_t a, int rm, uint32_t *fflags);
/* Float to a 32- or 64-bit integer, saturating as fcvt does; the result is
 * returned sign-extended to 64 bits for signed conversions. */
uint64_t sf_to_int(int fmt, uint64_t a, int rm, int bits, int is_signed, uint32_t *fflags);
/* (-1)^sign * mag, rounded to the format. */
uint64_t sf_from_int(int fmt, int sign, uint64_t mag, int rm, uint32_t *fflags);

#endif
