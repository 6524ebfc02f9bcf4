/*
 * roms/lib/diff.h - assembler macros shared by the differential images:
 * the scratch-area base register and the epilogue that hands every
 * register to diff_dump() (dump.c).  The body may use every register but
 * gp, which points at diff_scratch (512 bytes) throughout.
 */
#ifndef ROMS_DIFF_H
#define ROMS_DIFF_H
#include "rt.h"

#define DIFF_SCRATCH_BYTES 512

.macro DIFF_EPILOGUE
	csrw mscratch, t6
	la t6, diff_regs
	.irp n, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	sd x\n, (\n * 8)(t6)
	.endr
	csrr t5, mscratch
	sd t5, (31 * 8)(t6)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd f\n, ((32 + \n) * 8)(t6)
	.endr
	csrr t5, fcsr
	sd t5, (64 * 8)(t6)
	la t5, __mtrap_stack_top
	csrw mscratch, t5
	la sp, __stack_top
	call diff_dump
.endm

#endif
