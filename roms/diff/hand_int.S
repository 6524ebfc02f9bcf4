/*
 * roms/diff/hand_int.S - hand-written integer sequences for the
 * differential run: loops (backward branches), a bitwise CRC-32 over the
 * scratch area, 128-bit products, division edge cases, an LR/SC retry loop,
 * AMO chains and compressed code.  Results stay in registers and scratch.
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
	/* Fill scratch with a xorshift64 stream. */
	li t0, 0x9e3779b97f4a7c15
	li t1, 0
1:	slli t2, t0, 13
	xor t0, t0, t2
	srli t2, t0, 7
	xor t0, t0, t2
	slli t2, t0, 17
	xor t0, t0, t2
	add t3, gp, t1
	sd t0, 0(t3)
	addi t1, t1, 8
	li t2, DIFF_SCRATCH_BYTES
	blt t1, t2, 1b

	/* Fibonacci: a0 = fib(90) mod 2^64, a1 = fib(91). */
	li a0, 0
	li a1, 1
	li a2, 90
2:	add a3, a0, a1
	mv a0, a1
	mv a1, a3
	addi a2, a2, -1
	bnez a2, 2b

	/* CRC-32 (reflected, poly 0xedb88320) of the first 256 scratch bytes. */
	li a4, -1
	li a5, 0
	li a6, 0xedb88320
3:	add t0, gp, a5
	lbu t1, 0(t0)
	xor a4, a4, t1
	li t2, 8
4:	andi t3, a4, 1
	srli a4, a4, 1
	slli a4, a4, 32
	srli a4, a4, 32
	beqz t3, 5f
	xor a4, a4, a6
5:	addi t2, t2, -1
	bnez t2, 4b
	addi a5, a5, 1
	li t0, 256
	bltu a5, t0, 3b
	not a4, a4
	slli a4, a4, 32
	srli a4, a4, 32

	/* 128-bit product of two scratch words, signed and unsigned. */
	ld t0, 8(gp)
	ld t1, 16(gp)
	mul s2, t0, t1
	mulhu s3, t0, t1
	mulh s4, t0, t1
	mulhsu s5, t0, t1
	/* Division edge cases folded into one register. */
	li t0, 0x8000000000000000
	li t1, -1
	div s6, t0, t1
	rem t2, t0, t1
	xor s6, s6, t2
	divu t2, t0, zero
	xor s6, s6, t2
	remw t2, t0, zero
	add s6, s6, t2
	li t0, 0xffffffff80000000
	divw t2, t0, t1
	add s6, s6, t2
	divuw t2, t0, t1
	add s6, s6, t2

	/* LR/SC increment loop, 20 times, on scratch word 32. */
	addi t0, gp, 256
	li t3, 20
6:	lr.d t1, (t0)
	addi t1, t1, 3
	sc.d t2, t1, (t0)
	bnez t2, 6b
	addi t3, t3, -1
	bnez t3, 6b
	ld s7, 256(gp)

	/* AMO chain on words with sign extension. */
	addi t0, gp, 264
	li t1, 0x7fffffff
	amoswap.w s8, t1, (t0)
	li t1, 1
	amoadd.w s9, t1, (t0)
	li t1, -5
	amomin.w s10, t1, (t0)
	amomaxu.w s11, t1, (t0)
	amoxor.d t4, t1, (t0)

	/* Compressed mix. */
	.option push
	.option rvc
	c.li a5, -7
	c.slli a5, 40
	c.srai a5, 3
	c.addiw a5, 1
	c.mv t5, a5
	c.add t5, a0
	mv s0, a1
	c.srli s0, 17
	c.andi s0, 21
	mv s1, a4
	c.subw s1, s0
	c.xor s1, s0
	.option pop
	DIFF_EPILOGUE
