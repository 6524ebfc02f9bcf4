/*
 * bench/start.S - reset entry of the bench images: stack, .bss, then
 * bench_boot() (PMP, page tables) in M-mode, then bench_main() in S-mode
 * with satp as bench_boot() returned it (Sv39, or Bare).
 */
	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la sp, __stack_top
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:	la t0, mtrap
	csrw mtvec, t0
	call bench_boot
	csrw satp, a0
	sfence.vma
	li t0, 0x1800
	csrc mstatus, t0
	li t0, 0x800
	csrs mstatus, t0
	la t0, s_entry
	csrw mepc, t0
	mret
s_entry:
	call bench_main
	j bench_exit

	.align 2
mtrap:
	csrr a0, mcause
	csrr a1, mepc
	csrr a2, mtval
	j bench_trap
