/*
 * fpu.h - IEEE 754 binary32/binary64 arithmetic with RISC-V semantics, as pure
 * functions on raw bit patterns.
 *
 * Contract for every function:
 *   - rm is a *static* rounding mode 0..4 (RNE, RTZ, RDN, RUP, RMM); the
 *     interpreter resolves DYN (7) from frm and raises illegal-instruction for
 *     5, 6 or an invalid frm before calling here;
 *   - exception flags are OR-ed into *fflags (FFLAG_*), never cleared;
 *   - results that are NaN are the canonical NaN (0x7fc00000 / 0x7ff8000000000000),
 *     as the F and D extensions require;
 *   - single-precision values are passed unboxed (uint32_t); NaN-boxing is the
 *     interpreter's job.
 */
#ifndef RVMM_EMU_FPU_H
#define RVMM_EMU_FPU_H

#include <stdint.h>

enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };
enum { FFLAG_NX = 1, FFLAG_UF = 2, FFLAG_OF = 4, FFLAG_DZ = 8, FFLAG_NV = 16 };

#define F32_CANON_NAN 0x7fc00000u
#define F64_CANON_NAN 0x7ff8000000000000ull

/* binary32 */
uint32_t f32_add(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t f32_div(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t f32_sqrt(uint32_t a, int rm, uint32_t *fflags);
/* a*b+c with one rounding; neg_prod negates a*b, neg_add negates c
 * (fmadd: 0,0  fmsub: 0,1  fnmsub: 1,0  fnmadd: 1,1). */
uint32_t f32_fma(uint32_t a, uint32_t b, uint32_t c, int neg_prod, int neg_add, int rm,
		 uint32_t *fflags);
uint32_t f32_min(uint32_t a, uint32_t b, uint32_t *fflags);
uint32_t f32_max(uint32_t a, uint32_t b, uint32_t *fflags);
int f32_eq(uint32_t a, uint32_t b, uint32_t *fflags); /* quiet: NV only for sNaN */
int f32_lt(uint32_t a, uint32_t b, uint32_t *fflags); /* signaling: NV for any NaN */
int f32_le(uint32_t a, uint32_t b, uint32_t *fflags);
uint64_t f32_class(uint32_t a); /* the fclass.s 10-bit mask */
/* To integer, saturating per the spec's table (NaN gives the max value). */
int32_t f32_to_i32(uint32_t a, int rm, uint32_t *fflags);
uint32_t f32_to_u32(uint32_t a, int rm, uint32_t *fflags);
int64_t f32_to_i64(uint32_t a, int rm, uint32_t *fflags);
uint64_t f32_to_u64(uint32_t a, int rm, uint32_t *fflags);
uint32_t i32_to_f32(int32_t v, int rm, uint32_t *fflags);
uint32_t u32_to_f32(uint32_t v, int rm, uint32_t *fflags);
uint32_t i64_to_f32(int64_t v, int rm, uint32_t *fflags);
uint32_t u64_to_f32(uint64_t v, int rm, uint32_t *fflags);

/* binary64 */
uint64_t f64_add(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t f64_div(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t f64_sqrt(uint64_t a, int rm, uint32_t *fflags);
uint64_t f64_fma(uint64_t a, uint64_t b, uint64_t c, int neg_prod, int neg_add, int rm,
		 uint32_t *fflags);
uint64_t f64_min(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t f64_max(uint64_t a, uint64_t b, uint32_t *fflags);
int f64_eq(uint64_t a, uint64_t b, uint32_t *fflags);
int f64_lt(uint64_t a, uint64_t b, uint32_t *fflags);
int f64_le(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t f64_class(uint64_t a);
int32_t f64_to_i32(uint64_t a, int rm, uint32_t *fflags);
uint32_t f64_to_u32(uint64_t a, int rm, uint32_t *fflags);
int64_t f64_to_i64(uint64_t a, int rm, uint32_t *fflags);
uint64_t f64_to_u64(uint64_t a, int rm, uint32_t *fflags);
uint64_t i32_to_f64(int32_t v, int rm, uint32_t *fflags);
uint64_t u32_to_f64(uint32_t v, int rm, uint32_t *fflags);
uint64_t i64_to_f64(int64_t v, int rm, uint32_t *fflags);
uint64_t u64_to_f64(uint64_t v, int rm, uint32_t *fflags);

/* Conversions between formats. */
uint64_t f32_to_f64(uint32_t a, uint32_t *fflags); /* exact; sNaN raises NV */
uint32_t f64_to_f32(uint64_t a, int rm, uint32_t *fflags);

#endif
