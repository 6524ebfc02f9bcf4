/*
 * roms/diff/hand_fp.S - hand-written FP sequences for the differential
 * run: a harmonic sum whose rounding mode changes every step through frm,
 * Newton iterations for a square root built on fused multiply-add, integer
 * round trips under each static rounding mode, and the fflags raised by
 * each block saved in scratch.
 */
#include "diff.h"
	.text
	.globl main
main:
	/* Nothing may depend on the boot state (a1 = dtb address differs). */
	.irp n, 1,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li x\n, 0
	.endr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fmv.d.x f\n, zero
	.endr
	la gp, diff_scratch
	csrwi fcsr, 0

	/* Harmonic sum of 1/k, k = 1..200, single and double, frm = k mod 5. */
	li t0, 1
	li t1, 201
	fmv.w.x fs0, zero
	fmv.d.x fs1, zero
	li t3, 5
1:	remu t2, t0, t3
	csrw frm, t2
	fcvt.s.w ft0, t0
	li t4, 0x3f800000
	fmv.w.x ft1, t4
	fdiv.s ft2, ft1, ft0
	fadd.s fs0, fs0, ft2
	fcvt.d.w ft3, t0
	li t4, 0x3ff0000000000000
	fmv.d.x ft4, t4
	fdiv.d ft5, ft4, ft3
	fadd.d fs1, fs1, ft5
	addi t0, t0, 1
	bne t0, t1, 1b
	csrr t5, fcsr
	sd t5, 0(gp)
	csrwi fcsr, 0

	/* Newton: y <- y + y*(1 - x*y^2)/2 for 1/sqrt(3), using fnmsub/fmadd. */
	li t0, 0x4008000000000000 /* 3.0 */
	fmv.d.x fa0, t0
	li t0, 0x3fe0000000000000 /* 0.5 */
	fmv.d.x fa1, t0
	li t0, 0x3ff0000000000000
	fmv.d.x fa2, t0 /* 1.0 */
	fmv.d.x fa3, t0 /* y = 1.0 */
	li t1, 6
2:	fmul.d ft0, fa3, fa3
	fnmsub.d ft1, fa0, ft0, fa2 /* 1 - x*y^2 */
	fmul.d ft1, ft1, fa1
	fmadd.d fa3, fa3, ft1, fa3
	addi t1, t1, -1
	bnez t1, 2b
	fsqrt.d fa4, fa0
	fmul.d fa5, fa4, fa3 /* ~1.0 */
	csrr t5, fflags
	sd t5, 8(gp)
	csrwi fcsr, 0

	/* Round trips under every static mode. */
	li t0, 0x4004cccccccccccd /* 2.6 */
	fmv.d.x ft6, t0
	fneg.d ft7, ft6
	fcvt.l.d a0, ft6, rne
	fcvt.l.d a1, ft6, rtz
	fcvt.l.d a2, ft7, rdn
	fcvt.l.d a3, ft7, rup
	fcvt.l.d a4, ft7, rmm
	fcvt.w.s a5, fs0, rup
	li t0, 0x7fffffffffffffff
	fcvt.s.l fa6, t0, rne
	fcvt.s.l fa7, t0, rtz
	fcvt.d.lu fs2, t0, rdn
	fcvt.d.lu fs3, t0, rup
	fcvt.wu.d a6, fs3
	fcvt.lu.d a7, fs3
	fcvt.s.d fs4, fs1, rmm
	fcvt.d.s fs5, fs4
	fclass.d s2, fs5
	fclass.s s3, fs1 /* a double read as a single: unboxed */
	fmin.s fs6, fs1, fs0
	fmax.d fs7, fs1, fs5
	csrr t5, fflags
	sd t5, 16(gp)
	fsd fs0, 24(gp)
	fsw fs0, 36(gp)
	DIFF_EPILOGUE
