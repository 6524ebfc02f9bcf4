/*
 * syscall.h - the Linux rv64 system call interface: numbers (asm-generic),
 * the dispatcher, and the helpers syscall implementations share.
 *
 * A system call returns a value for a0: >= 0 or -errno. Internal values
 * never reach the program: -ERESTARTSYS and -ERESTARTNOHAND (the task went to
 * sleep; the ecall is executed again when it is woken, unless a signal
 * handler runs first: then the call returns -EINTR, see signal.c), and the
 * task's state changing to a zombie (exit).
 */
#ifndef RVMM_OS_SYSCALL_H
#define RVMM_OS_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define NR_SYSCALLS 452
#define ERESTARTSYS 512
#define ERESTARTNOHAND                                                                             \
	514		/* as -ERESTARTSYS, but a handler makes it -EINTR even with SA_RESTART     \
			 */
#define EJUSTRETURN 518 /* the call set the task's registers itself (execve) */

extern const char *const syscall_names[NR_SYSCALLS];

/* Run system call nr for current with arguments a[0..5]. */
long do_syscall(long nr, const uint64_t a[6]);

/* --strace: print every call to f (NULL: off). */
void syscall_set_strace(FILE *f);

/* Per-area tables, consulted by do_syscall(); each returns 1 and sets *ret
 * when it implements nr. */
int sys_fs_dispatch(long nr, const uint64_t a[6], long *ret);
int sys_mm_dispatch(long nr, const uint64_t a[6], long *ret);
int sys_proc_dispatch(long nr, const uint64_t a[6], long *ret);

/* Process calls implemented in their own files. epc: the ecall's address. */
long sys_clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t tls,
	       uint64_t child_tid, uint64_t epc);
long sys_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage);
long sys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage);
long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp);
long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout);
/* nanosleep until guest time deadline (ns); a handler cuts it short with
 * -EINTR and the time left stored at urem (when not 0). */
long sys_nanosleep_until(uint64_t deadline, uint64_t urem);
/* Wake up to n tasks of mm waiting on the futex at uaddr; returns how many. */
struct mm_struct;
long futex_wake(struct mm_struct *mm, uint64_t uaddr, int n);
/* The address of the ecall being handled (clone needs it for the child). */
uint64_t syscall_epc(void);
/* Is the call being handled the re-execution of one that went to sleep
 * (woken, with no signal handler run in between)? */
bool syscall_restarted(void);

#endif
