/*
 * roms/lib/crt.S - reset entry, trap entries and privilege switching for
 * every image in roms/.
 *
 * The hart arrives at _start (0x80000000) in M-mode from QEMU's `-bios none`
 * or `rvmm --bare`.  We park every hart but hart 0, set up the stack, the
 * M- and S-mode trap entries with their own stacks (mscratch/sscratch hold
 * the trap stack top while not in a handler), open all memory to S and U
 * with the lowest-priority PMP entry (15) so tests may use entries 0..14,
 * turn the FPU on (mstatus.FS = Initial), zero .bss and call main().
 * main's return value is the exit code.
 *
 * A trap saves the whole integer register file in a struct trapframe (rt.h)
 * on the trap stack and calls rt_mtrap()/rt_strap(); whatever the handler
 * leaves in the frame (registers, epc, status) is what the hart resumes with.
 */
#include "rt.h"

#define REG(n) ((n) * 8)

/* Save x1 and x3..x31 except t0 (x5), which the entry stub saved already. */
.macro SAVE_GPRS
	sd x1, REG(1)(sp)
	sd x3, REG(3)(sp)
	sd x4, REG(4)(sp)
	.irp n, 6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd x\n, REG(\n)(sp)
	.endr
.endm

.macro LOAD_GPRS
	ld x1, REG(1)(sp)
	ld x3, REG(3)(sp)
	ld x4, REG(4)(sp)
	.irp n, 6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld x\n, REG(\n)(sp)
	.endr
.endm

	.section .text.init, "ax", @progbits
	.globl _start
_start:
	csrr t0, mhartid
	bnez t0, park
	la sp, __stack_top
	la t0, __mtrap_stack_top
	csrw mscratch, t0
	la t0, __strap_stack_top
	csrw sscratch, t0
	la t0, rt_mtrap_entry
	csrw mtvec, t0
	la t0, rt_strap_entry
	csrw stvec, t0
	/* PMP entry 15: NAPOT over the whole address space, RWX. */
	li t0, -1
	csrw pmpaddr15, t0
	li t0, (PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 56
	csrw pmpcfg2, t0
	li t0, MSTATUS_FS_INITIAL
	csrs mstatus, t0
	csrwi fcsr, 0
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	call main
	call rt_exit
park:
	wfi
	j park

	.text
/* M-mode trap entry (mtvec direct mode). */
	.globl rt_mtrap_entry
	.align 2
rt_mtrap_entry:
	csrrw sp, mscratch, sp
	addi sp, sp, -TF_SIZE
	sd t0, REG(5)(sp)
	li t0, -1
rt_mtrap_common:
	sd t0, TF_VEC(sp)
	SAVE_GPRS
	csrr t0, mscratch
	sd t0, REG(2)(sp)
	csrr t0, mepc
	sd t0, TF_EPC(sp)
	csrr t0, mcause
	sd t0, TF_CAUSE(sp)
	csrr t0, mtval
	sd t0, TF_TVAL(sp)
	csrr t0, mstatus
	sd t0, TF_STATUS(sp)
	mv a0, sp
	call rt_mtrap
	ld t0, TF_EPC(sp)
	csrw mepc, t0
	ld t0, TF_STATUS(sp)
	csrw mstatus, t0
	LOAD_GPRS
	addi t0, sp, TF_SIZE
	csrw mscratch, t0
	ld t0, REG(5)(sp)
	ld sp, REG(2)(sp)
	mret

/*
 * Vector table for mtvec vectored mode (install rt_mvec_table | 1).  Entry n
 * records n in the frame's vec field and joins the common path.
 */
.macro MVEC_STUB n
rt_mvec_stub\n:
	csrrw sp, mscratch, sp
	addi sp, sp, -TF_SIZE
	sd t0, REG(5)(sp)
	li t0, \n
	j rt_mtrap_common
.endm
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	MVEC_STUB \n
	.endr

	.globl rt_mvec_table
	.align 8
rt_mvec_table:
	.option push
	.option norvc
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	j rt_mvec_stub\n
	.endr
	.option pop

/* S-mode trap entry (stvec direct mode), same frame layout. */
	.globl rt_strap_entry
	.align 2
rt_strap_entry:
	csrrw sp, sscratch, sp
	addi sp, sp, -TF_SIZE
	sd t0, REG(5)(sp)
	li t0, -1
	sd t0, TF_VEC(sp)
	SAVE_GPRS
	csrr t0, sscratch
	sd t0, REG(2)(sp)
	csrr t0, sepc
	sd t0, TF_EPC(sp)
	csrr t0, scause
	sd t0, TF_CAUSE(sp)
	csrr t0, stval
	sd t0, TF_TVAL(sp)
	csrr t0, sstatus
	sd t0, TF_STATUS(sp)
	mv a0, sp
	call rt_strap
	ld t0, TF_EPC(sp)
	csrw sepc, t0
	ld t0, TF_STATUS(sp)
	csrw sstatus, t0
	LOAD_GPRS
	addi t0, sp, TF_SIZE
	csrw sscratch, t0
	ld t0, REG(5)(sp)
	ld sp, REG(2)(sp)
	sret

/*
 * rt_enter(priv): from M-mode, return to the caller in privilege priv
 * (PRV_U, PRV_S or PRV_M) through mret.  mret also sets MIE = MPIE.
 */
	.globl rt_enter
rt_enter:
	li t0, MSTATUS_MPP
	csrc mstatus, t0
	slli t1, a0, MSTATUS_MPP_SHIFT
	csrs mstatus, t1
	la t0, rt_priv
	sw a0, 0(t0)
	csrw mepc, ra
	mret

/*
 * rt_escape(): from S or U, back to M-mode (rt_mtrap knows the request).
 * If ecall from U is delegated, rt_strap moves us to S first; ask again.
 */
	.globl rt_escape
rt_escape:
	li a7, RT_ESCAPE
	ecall
	lw t0, rt_priv
	li t1, PRV_M
	bne t0, t1, rt_escape
	ret
