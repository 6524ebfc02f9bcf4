/*
 * roms/lib/diff.h - shared by the differential images and dump.c: the
 * scratch window and the epilogue that hands every register to diff_dump().
 * The body may use every register but gp, which points at the 512-byte
 * scratch window throughout: diff_scratch in M-mode images, DIFF_VA (two
 * Sv39 pages, see dump.c) in the S- and U-mode ones.
 */
/* clang-format off */ /* (assembler macros: included by .S files) */
#ifndef ROMS_DIFF_H
#define ROMS_DIFF_H
#include "rt.h"

#define DIFF_SCRATCH_BYTES 512
#define DIFF_VA 0x40000f00 /* window crosses a page boundary 256 bytes in */

#ifdef __ASSEMBLER__
/*
 * Store the registers (in any mode: diff_regs is identity-mapped), then
 * dump.  x31 is spilled just past the window to free a base register.
 */
.macro DIFF_EPILOGUE
	sd x31, DIFF_SCRATCH_BYTES(gp) /* spill slot just past the window */
	la x31, diff_regs
	.irp n, 1,2,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	sd x\n, (\n * 8)(x31)
	.endr
	ld x30, DIFF_SCRATCH_BYTES(gp)
	sd x30, (31 * 8)(x31)
	sd gp, (3 * 8)(x31)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fsd f\n, ((32 + \n) * 8)(x31)
	.endr
	csrr x30, fcsr
	sd x30, (64 * 8)(x31)
	la sp, __stack_top
	call diff_dump
.endm
#endif

#endif
