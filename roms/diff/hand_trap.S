/*
 * roms/diff/hand_trap.S - hand-written trap sequence for the differential
 * run: exceptions from M, S and U (ecall, ebreak, illegal 32- and 16-bit,
 * access faults on loads, stores and fetches outside RAM), one delegated to
 * S, each folded by the handlers into running hashes of cause, tval, epc
 * offset and the privilege bits of mstatus, so any difference in trap
 * state shows in the register dump.
 */
#include "diff.h"

#define HOLE 0x90000000 /* beyond 128 MiB of RAM: nothing there */

/* s1 = s1 * 31 + cause, s2 = s2 * 31 + tval, s3 = s3 * 31 + epc - base,
 * s4 = s4 * 31 + (status & privilege bits), s5 = count; then skip the
 * instruction (or go to s6 after a fetch fault). */
.macro HASH cause, tval, epc, status
	csrr t0, \cause
	li t1, 31
	mul s1, s1, t1
	add s1, s1, t0
	csrr t2, \tval
	li t3, 3 /* a breakpoint's tval may be 0 or the pc: not compared */
	bne t0, t3, 7f
	li t2, 0
7:	mul s2, s2, t1
	add s2, s2, t2
	csrr t2, \epc
	la t3, main
	sub t2, t2, t3
	mul s3, s3, t1
	add s3, s3, t2
	csrr t2, \status
	li t3, 0x21bbb
	and t2, t2, t3
	mul s4, s4, t1
	add s4, s4, t2
	addi s5, s5, 1
	li t1, 1
	beq t0, t1, 8f
	csrr t2, \epc
	lhu t3, 0(t2)
	andi t3, t3, 3
	li t1, 3
	addi t2, t2, 2
	bne t3, t1, 9f
	addi t2, t2, 2
	j 9f
8:	mv t2, s6
9:	csrw \epc, t2
.endm

	.text
	.align 2
mhandler:
	HASH mcause, mtval, mepc, mstatus
	/* ecall from U with a7 = RT_ESCAPE: come back in M. */
	csrr t0, mcause
	li t1, 8
	bne t0, t1, 1f
	li t1, RT_ESCAPE
	bne a7, t1, 1f
	li t0, 3 << 11
	csrs mstatus, t0
1:	mret

	.align 2
shandler:
	HASH scause, stval, sepc, sstatus
	sret

	.globl main
main:
	/* Nothing may depend on the boot state (a1 = dtb address differs). */
	.irp n, 1,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li x\n, 0
	.endr
	la gp, diff_scratch
	la t0, mhandler
	csrw mtvec, t0
	la t0, shandler
	csrw stvec, t0
	li t0, 1 << 3 /* breakpoints from S and U go to S */
	csrw medeleg, t0
	li s1, 0
	li s2, 0
	li s3, 0
	li s4, 0
	li s5, 0
	li a7, 0
	/* From M. */
	ecall
	ebreak
	.4byte 0xffffffff
	.2byte 0
	.2byte 0x6501
	li a0, HOLE
	ld a1, 8(a0)
	sw a1, 4(a0)
	lb a1, 3(a0)
	la s6, 1f
	jalr a0
1:	/* To S. */
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, 1 << 11
	csrs mstatus, t0
	la t0, 2f
	csrw mepc, t0
	mret
2:	ecall
	ebreak
	csrr a3, mstatus /* illegal from S */
	li a0, HOLE
	sd a1, 0(a0)
	/* To U through sret. */
	li t0, 1 << 8
	csrc sstatus, t0
	la t0, 3f
	csrw sepc, t0
	sret
3:	ecall
	ebreak
	.2byte 0
	.2byte 0x0001
	li a0, HOLE
	lw a4, 0(a0)
	la s6, 4f
	jalr a0
4:	csrr a5, sstatus /* illegal from U */
	li a7, RT_ESCAPE
	ecall
	csrw medeleg, zero
	la t0, rt_mtrap_entry
	csrw mtvec, t0
	la t0, rt_strap_entry
	csrw stvec, t0
	mv a6, s5
	DIFF_EPILOGUE
