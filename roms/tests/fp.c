/*
 * roms/tests/fp.c - F and D corner cases: signed zeros, NaN boxing (an
 * improperly boxed single reads as the canonical NaN; FMV.X.W and FSW move
 * bits unchecked), canonical NaN results, fflags of each operation,
 * fmin/fmax with signalling NaNs, comparisons' quiet/signalling rules,
 * fclass of every class, fcvt saturation, sign injection and fused
 * multiply-add exactness (a case where rounding the product first differs).
 */
#include "fops.h"

#define S1     0x3f800000 /* 1.0f */
#define S2     0x40000000
#define S3     0x40400000
#define SNZ    0x80000000 /* -0.0f */
#define SINF   0x7f800000
#define SMAX   0x7f7fffff
#define SMINN  0x00800000
#define SQNAN  0x7fc00000 /* canonical */
#define SQNANP 0x7fc00123
#define SSNAN  0x7f800001
#define D1     0x3ff0000000000000UL
#define D2     0x4000000000000000UL
#define DNZ    0x8000000000000000UL
#define DINF   0x7ff0000000000000UL
#define DQNAN  0x7ff8000000000000UL
#define DSNAN  0x7ff0000000000001UL
#define DMAX   0x7fefffffffffffffUL

static void arith(void)
{
	fcheck("fadd.s 1+2", F2("fadd.s", BOX(S1), BOX(S2)), BOX(S3), 0);
	fcheck("fadd.s 1+2^-24 ties to even", F2("fadd.s", BOX(S1), BOX(0x33800000)), BOX(S1), NX);
	fcheck("fsub.d", F2("fsub.d", D1, D2), 0xbff0000000000000UL, 0);
	fcheck("fdiv.s 1/0", F2("fdiv.s", BOX(S1), BOX(0)), BOX(SINF), DZ);
	fcheck("fdiv.s -1/0", F2("fdiv.s", BOX(0xbf800000), BOX(0)), BOX(0xff800000), DZ);
	fcheck("fdiv.d 0/0", F2("fdiv.d", 0, 0), DQNAN, NV);
	fcheck("fdiv.d inf/inf", F2("fdiv.d", DINF, DINF), DQNAN, NV);
	fcheck("fsqrt.s -1", F1("fsqrt.s", BOX(0xbf800000)), BOX(SQNAN), NV);
	fcheck("fsqrt.s -0", F1("fsqrt.s", BOX(SNZ)), BOX(SNZ), 0);
	fcheck("fsqrt.d 4", F1("fsqrt.d", 0x4010000000000000UL), D2, 0);
	fcheck("fmul.s overflow", F2("fmul.s", BOX(SMAX), BOX(S2)), BOX(SINF), OF | NX);
	fcheck("fmul.d overflow", F2("fmul.d", DMAX, D2), DINF, OF | NX);
	fcheck("fmul.s exact subnormal", F2("fmul.s", BOX(SMINN), BOX(0x3f000000)), BOX(0x00400000),
	       0);
	fcheck("fmul.s underflow", F2("fmul.s", BOX(SMINN), BOX(SMINN)), BOX(0), UF | NX);
	fcheck("fmul.d underflow", F2("fmul.d", 0x0010000000000000UL, 0x3fe0000000000001UL),
	       0x0008000000000000UL, UF | NX);
	fcheck("fadd.s inf-inf", F2("fsub.s", BOX(SINF), BOX(SINF)), BOX(SQNAN), NV);
	fcheck("fmul.d 0*inf", F2("fmul.d", 0, DINF), DQNAN, NV);
}

static void zeros(void)
{
	fcheck("fadd.s +0 + -0 = +0", F2("fadd.s", BOX(0), BOX(SNZ)), BOX(0), 0);
	fcheck("fadd.s -0 + -0 = -0", F2("fadd.s", BOX(SNZ), BOX(SNZ)), BOX(SNZ), 0);
	fcheck("fsub.d 1 - 1 = +0", F2("fsub.d", D1, D1), 0, 0);
	fcheck("fsub.d 1 - 1 rdn = -0", F2RM("fsub.d", "rdn", D1, D1), DNZ, 0);
	fcheck("fadd.s +0 + -0 rdn = -0", F2RM("fadd.s", "rdn", BOX(0), BOX(SNZ)), BOX(SNZ), 0);
	fcheck("fmul.d -0 * 2", F2("fmul.d", DNZ, D2), DNZ, 0);
	fcheck("fdiv.d 1 / -inf", F2("fdiv.d", D1, 0xfff0000000000000UL), DNZ, 0);
	fcheck("feq.d -0 == +0", FX2("feq.d", DNZ, 0), 1, 0);
	fcheck("flt.s -0 < +0", FX2("flt.s", BOX(SNZ), BOX(0)), 0, 0);
}

static void nans(void)
{
	fcheck("fadd.s qNaN payload -> canonical", F2("fadd.s", BOX(SQNANP), BOX(S1)), BOX(SQNAN),
	       0);
	fcheck("fadd.s sNaN -> canonical, NV", F2("fadd.s", BOX(SSNAN), BOX(S1)), BOX(SQNAN), NV);
	fcheck("fmul.d sNaN", F2("fmul.d", D1, DSNAN), DQNAN, NV);
	fcheck("fcvt.d.s sNaN", F1("fcvt.d.s", BOX(SSNAN)), DQNAN, NV);
	fcheck("fcvt.s.d qNaN payload", F1("fcvt.s.d", 0x7ff8000000000123UL), BOX(SQNAN), 0);
	/* NaN boxing: a single whose upper 32 bits are not all ones is the canonical NaN. */
	fcheck("unboxed operand reads as qNaN", F2("fadd.s", 0x000000003f800000UL, BOX(S1)),
	       BOX(SQNAN), 0);
	fcheck("unboxed: almost boxed", F2("fadd.s", 0xfffffffe3f800000UL, BOX(S1)), BOX(SQNAN), 0);
	fcheck("fsgnj.s unboxed -> cNaN", F2("fsgnj.s", 0x3f800000UL, BOX(S1)), BOX(SQNAN), 0);
	fcheck("fsgnjn.s unboxed -> -cNaN", F2("fsgnjn.s", 0x3f800000UL, BOX(S1)), BOX(0xffc00000),
	       0);
	fcheck("fclass.s unboxed = qNaN", FX1("fclass.s", 0x123UL), 1 << 9, 0);
	fcheck("fmv.x.w does not check boxing", FX1("fmv.x.w", 0x00000000bf800000UL),
	       0xffffffffbf800000UL, 0);
	fcheck("fcvt.d.s unboxed", F1("fcvt.d.s", 0x3f800000UL), DQNAN, 0);
	fcheck("feq.s unboxed vs 1", FX2("feq.s", 0x3f800000UL, BOX(S1)), 0, 0);
	fcheck("fmv.w.x boxes", FI("fmv.w.x", 0x12345678abcdef01UL), BOX(0xabcdef01), 0);
	fcheck("fcvt.s.w boxes", FI("fcvt.s.w", 3), BOX(S3), 0);

	u64 m = 0x000000003f800000UL, out = 0x5555555555555555UL, r;
	asm volatile("fmv.d.x ft0, %1\n fsw ft0, 0(%2)\n flw ft1, 0(%2)\n fmv.x.d %0, ft1"
		     : "=r"(r)
		     : "r"(m), "r"(&out)
		     : "ft0", "ft1", "memory");
	CHECK("fsw stores low bits of unboxed", out, 0x555555553f800000UL);
	CHECK("flw boxes", r, BOX(S1));
}

static void minmax(void)
{
	fcheck("fmin.s 1, qNaN", F2("fmin.s", BOX(S1), BOX(SQNAN)), BOX(S1), 0);
	fcheck("fmin.s 1, sNaN = 1, NV", F2("fmin.s", BOX(S1), BOX(SSNAN)), BOX(S1), NV);
	fcheck("fmax.s sNaN, 2 = 2, NV", F2("fmax.s", BOX(SSNAN), BOX(S2)), BOX(S2), NV);
	fcheck("fmax.s qNaN, qNaN = cNaN", F2("fmax.s", BOX(SQNANP), BOX(SQNANP)), BOX(SQNAN), 0);
	fcheck("fmin.d sNaN, sNaN = cNaN", F2("fmin.d", DSNAN, DSNAN), DQNAN, NV);
	fcheck("fmin.s -0, +0 = -0", F2("fmin.s", BOX(0), BOX(SNZ)), BOX(SNZ), 0);
	fcheck("fmax.s -0, +0 = +0", F2("fmax.s", BOX(SNZ), BOX(0)), BOX(0), 0);
	fcheck("fmin.d", F2("fmin.d", 0xbff0000000000000UL, D2), 0xbff0000000000000UL, 0);
	fcheck("fmax.d -0, +0", F2("fmax.d", DNZ, 0), 0, 0);
	fcheck("fmax.d 1, qNaN", F2("fmax.d", D1, DQNAN), D1, 0);
}

static void compares(void)
{
	fcheck("feq.s qNaN: quiet", FX2("feq.s", BOX(SQNAN), BOX(S1)), 0, 0);
	fcheck("feq.s sNaN: NV", FX2("feq.s", BOX(SSNAN), BOX(S1)), 0, NV);
	fcheck("flt.s qNaN: NV", FX2("flt.s", BOX(SQNAN), BOX(S1)), 0, NV);
	fcheck("fle.d qNaN: NV", FX2("fle.d", D1, DQNAN), 0, NV);
	fcheck("flt.d", FX2("flt.d", D1, D2), 1, 0);
	fcheck("fle.s equal", FX2("fle.s", BOX(S2), BOX(S2)), 1, 0);
	fcheck("feq.d", FX2("feq.d", D2, D2), 1, 0);
}

static void classify(void)
{
	fcheck("fclass.s -inf", FX1("fclass.s", BOX(0xff800000)), 1 << 0, 0);
	fcheck("fclass.s -normal", FX1("fclass.s", BOX(0xbf800000)), 1 << 1, 0);
	fcheck("fclass.s -subnormal", FX1("fclass.s", BOX(0x80000001)), 1 << 2, 0);
	fcheck("fclass.s -0", FX1("fclass.s", BOX(SNZ)), 1 << 3, 0);
	fcheck("fclass.s +0", FX1("fclass.s", BOX(0)), 1 << 4, 0);
	fcheck("fclass.s +subnormal", FX1("fclass.s", BOX(0x007fffff)), 1 << 5, 0);
	fcheck("fclass.s +normal", FX1("fclass.s", BOX(S1)), 1 << 6, 0);
	fcheck("fclass.s +inf", FX1("fclass.s", BOX(SINF)), 1 << 7, 0);
	fcheck("fclass.s sNaN", FX1("fclass.s", BOX(SSNAN)), 1 << 8, 0);
	fcheck("fclass.s qNaN", FX1("fclass.s", BOX(SQNAN)), 1 << 9, 0);
	fcheck("fclass.d -inf", FX1("fclass.d", 0xfff0000000000000UL), 1 << 0, 0);
	fcheck("fclass.d -subnormal", FX1("fclass.d", 0x800fffffffffffffUL), 1 << 2, 0);
	fcheck("fclass.d -0", FX1("fclass.d", DNZ), 1 << 3, 0);
	fcheck("fclass.d +subnormal", FX1("fclass.d", 1), 1 << 5, 0);
	fcheck("fclass.d +normal", FX1("fclass.d", DMAX), 1 << 6, 0);
	fcheck("fclass.d sNaN", FX1("fclass.d", DSNAN), 1 << 8, 0);
	fcheck("fclass.d negative qNaN", FX1("fclass.d", 0xfff8000000000000UL), 1 << 9, 0);
}

static void conversions(void)
{
	fcheck("fcvt.w.s NaN", FX1("fcvt.w.s", BOX(SQNAN)), 0x7fffffff, NV);
	fcheck("fcvt.w.s +inf", FX1("fcvt.w.s", BOX(SINF)), 0x7fffffff, NV);
	fcheck("fcvt.w.s -inf", FX1("fcvt.w.s", BOX(0xff800000)), 0xffffffff80000000UL, NV);
	fcheck("fcvt.w.s 2^31", FX1("fcvt.w.s", BOX(0x4f000000)), 0x7fffffff, NV);
	fcheck("fcvt.w.s -2^31 exact", FX1("fcvt.w.s", BOX(0xcf000000)), 0xffffffff80000000UL, 0);
	fcheck("fcvt.wu.s -1", FX1("fcvt.wu.s", BOX(0xbf800000)), 0, NV);
	fcheck("fcvt.wu.s NaN", FX1("fcvt.wu.s", BOX(SQNAN)), 0xffffffffffffffffUL, NV);
	fcheck("fcvt.wu.s 2^31 sext", FX1("fcvt.wu.s", BOX(0x4f000000)), 0xffffffff80000000UL, 0);
	fcheck("fcvt.wu.s -0.5 rtz", FX1RM("fcvt.wu.s", "rtz", BOX(0xbf000000)), 0, NX);
	fcheck("fcvt.w.s 1.5", FX1("fcvt.w.s", BOX(0x3fc00000)), 2, NX);
	fcheck("fcvt.l.d 2^63", FX1("fcvt.l.d", 0x43e0000000000000UL), 0x7fffffffffffffffUL, NV);
	fcheck("fcvt.l.d -2^63", FX1("fcvt.l.d", 0xc3e0000000000000UL), 0x8000000000000000UL, 0);
	fcheck("fcvt.l.d -inf", FX1("fcvt.l.d", 0xfff0000000000000UL), 0x8000000000000000UL, NV);
	fcheck("fcvt.lu.d NaN", FX1("fcvt.lu.d", DQNAN), ~0UL, NV);
	fcheck("fcvt.lu.d -inf", FX1("fcvt.lu.d", 0xfff0000000000000UL), 0, NV);
	fcheck("fcvt.lu.d 2^64", FX1("fcvt.lu.d", 0x43f0000000000000UL), ~0UL, NV);
	fcheck("fcvt.l.s -2.5", FX1("fcvt.l.s", BOX(0xc0200000)), -2, NX);
	fcheck("fcvt.w.d 3e9", FX1("fcvt.w.d", 0x41e65a0bc0000000UL), 0x7fffffff, NV);
	fcheck("fcvt.s.d overflow", F1("fcvt.s.d", 0x7e37e43c8800759cUL), BOX(SINF), OF | NX);
	fcheck("fcvt.s.d inexact", F1("fcvt.s.d", 0x3fb999999999999aUL), BOX(0x3dcccccd), NX);
	fcheck("fcvt.d.s exact", F1("fcvt.d.s", BOX(0x3dcccccd)), 0x3fb99999a0000000UL, 0);
	fcheck("fcvt.s.l inexact", FI("fcvt.s.l", 0x7fffffffffffffffUL), BOX(0x5f000000), NX);
	fcheck("fcvt.s.lu", FI("fcvt.s.lu", ~0UL), BOX(0x5f800000), NX);
	fcheck("fcvt.d.w sext input", FI("fcvt.d.w", 0x00000000ffffffffUL), 0xbff0000000000000UL,
	       0);
	fcheck("fcvt.d.wu", FI("fcvt.d.wu", 0xffffffffffffffffUL), 0x41efffffffe00000UL, 0);
	fcheck("fcvt.d.l", FI("fcvt.d.l", -3), 0xc008000000000000UL, 0);
	fcheck("fmv.d.x/fmv.x.d", F1("fmv.d", 0x123456789abcdef0UL), 0x123456789abcdef0UL, 0);
}

static void signs(void)
{
	fcheck("fsgnj.d", F2("fsgnj.d", D1, DNZ), 0xbff0000000000000UL, 0);
	fcheck("fsgnjn.d", F2("fsgnjn.d", D1, DNZ), D1, 0);
	fcheck("fsgnjx.d", F2("fsgnjx.d", 0xbff0000000000000UL, DNZ), D1, 0);
	fcheck("fsgnj.d keeps sNaN quiet", F2("fsgnj.d", DSNAN, DNZ), 0xfff0000000000001UL, 0);
	fcheck("fsgnjx.s", F2("fsgnjx.s", BOX(0xbf800000), BOX(0xbf800000)), BOX(S1), 0);
}

static void fused(void)
{
	/* (1+2^-27)^2 - (1+2^-26) = 2^-54 exactly; rounding a*b first gives 0. */
	u64 a = 0x3ff0000002000000UL, c = 0xbff0000004000000UL;
	fcheck("fmadd.d exact", F3("fmadd.d", a, a, c), 0x3c90000000000000UL, 0);
	fcheck("unfused: fmul.d then fadd.d = +0", F2("fadd.d", F2("fmul.d", a, a), c), 0, 0);
	fcheck("fmsub.d", F3("fmsub.d", a, a, 0x3ff0000004000000UL), 0x3c90000000000000UL, 0);
	fcheck("fnmadd.d", F3("fnmadd.d", a, a, c), 0xbc90000000000000UL, 0);
	fcheck("fnmsub.d", F3("fnmsub.d", a, a, 0x3ff0000004000000UL), 0xbc90000000000000UL, 0);
	/* (1+2^-12)^2 - (1+2^-11) = 2^-24 */
	fcheck("fmadd.s exact", F3("fmadd.s", BOX(0x3f800800), BOX(0x3f800800), BOX(0xbf801000)),
	       BOX(0x33800000), 0);
	fcheck("fmadd.s inexact", F3("fmadd.s", BOX(0x3f800001), BOX(0x3f800001), BOX(0)),
	       BOX(0x3f800002), NX);
	fcheck("fmadd.d inf*0+qNaN: NV", F3("fmadd.d", DINF, 0, DQNAN), DQNAN, NV);
	fcheck("fmadd.d 1*1 + -1 = +0", F3("fmadd.d", D1, D1, 0xbff0000000000000UL), 0, 0);
	fcheck("fnmadd.d -(1*1) - (-1) = +0", F3("fnmadd.d", D1, D1, 0xbff0000000000000UL), 0, 0);
	fcheck("fmadd.s inf - inf: NV", F3("fmadd.s", BOX(SINF), BOX(S1), BOX(0xff800000)),
	       BOX(SQNAN), NV);
}

int main(void)
{
	arith();
	zeros();
	nans();
	minmax();
	compares();
	classify();
	conversions();
	signs();
	fused();
	return checks_done();
}
