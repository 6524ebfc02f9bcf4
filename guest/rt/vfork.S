/*
 * vfork.S - vfork() and clone() in assembly.
 *
 * vfork: the child borrows the parent's memory and stack until it calls
 * execve or _exit. A C wrapper would return into its own frame in the
 * child, and the child's later calls would overwrite the return address
 * the parent still needs. Here no frame exists: ra stays in a register,
 * both tasks return straight to vfork's caller.
 * vfork = clone(CLONE_VM | CLONE_VFORK | SIGCHLD, newsp = 0).
 *
 * clone(fn, stack, flags, arg, ptid, tls, ctid): glibc's convention.
 * The kernel's rv64 order is clone(flags, newsp, ptid, tls, ctid). fn and
 * arg travel on the child's new stack; the child calls fn(arg) and exits
 * with its result.
 */
#define SYS_exit	93
#define SYS_clone	220
#define VFORK_FLAGS	0x4111	/* CLONE_VM 0x100 | CLONE_VFORK 0x4000 | SIGCHLD 17 */

	.text
	.globl	vfork
	.type	vfork, @function
vfork:
	li	a0, VFORK_FLAGS
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, SYS_clone
	ecall
	li	t0, -4096
	bgtu	a0, t0, 1f
	ret
1:	tail	__syscall_ret		/* parent only: errno = -a0, return -1 */
	.size	vfork, . - vfork

	.globl	clone
	.type	clone, @function
clone:
	beqz	a0, 2f			/* fn == NULL or stack == NULL: EINVAL */
	beqz	a1, 2f
	andi	a1, a1, -16
	addi	a1, a1, -16
	sd	a0, 0(a1)		/* fn */
	sd	a3, 8(a1)		/* arg */
	mv	a0, a2			/* flags */
	mv	a2, a4			/* ptid */
	mv	a3, a5			/* tls */
	mv	a4, a6			/* ctid */
	li	a7, SYS_clone
	ecall
	beqz	a0, 3f
	li	t0, -4096
	bgtu	a0, t0, 1f
	ret
1:	tail	__syscall_ret
2:	li	a0, -22
	tail	__syscall_ret
3:	/* child, on its new stack */
	ld	t1, 0(sp)
	ld	a0, 8(sp)
	jalr	t1
	li	a7, SYS_exit
	ecall
	unimp
	.size	clone, . - clone

	.section .note.GNU-stack, "", @progbits
