/*
 * crt0.S - process entry of rvmm guest programs (static-pie).
 *
 * The kernel enters _start with sp pointing at argc, as Linux lays out the
 * initial stack (argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL).
 * Nothing here may use a global through a pointer: the image's own
 * R_RISCV_RELATIVE relocations are not applied yet. Everything is
 * pc-relative, so it runs wherever the kernel placed the image.
 */
	.section .text._start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined ra
	/* gp for linker relaxation; pc-relative, so valid before relocation. */
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	mv	a0, sp			/* the initial stack: &argc */
	lla	a1, __ehdr_start	/* run-time address of the ELF header = load base */
	lla	a2, _DYNAMIC		/* run-time address of the dynamic section */
	andi	sp, sp, -16
	li	ra, 0
	call	__rt_start		/* never returns */
	unimp
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
