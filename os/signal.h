/*
 * signal.h - signal delivery: a handler runs on the user stack in a Linux
 * riscv64 rt_sigframe (siginfo + ucontext), returns through a sigreturn
 * trampoline to rt_sigreturn, which restores the interrupted registers and
 * signal mask. Default actions: terminate (the task ends as killed by the
 * signal) or ignore.
 */
#ifndef RVMM_OS_SIGNAL_H
#define RVMM_OS_SIGNAL_H

#include <stdint.h>

struct task_struct;
struct mm_struct;

#define SIGHUP	  1
#define SIGINT	  2
#define SIGILL	  4
#define SIGTRAP	  5
#define SIGABRT	  6
#define SIGBUS	  7
#define SIGKILL	  9
#define SIGSEGV	  11
#define SIGPIPE	  13
#define SIGALRM	  14
#define SIGCHLD	  17
#define SIGCONT	  18
#define SIGSTOP	  19
#define SIGVTALRM 26
#define SIGPROF	  27

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define ILL_ILLOPC  1
#define SI_USER	    0
#define SI_TKILL    (-6)
#define SI_KERNEL   0x80
#define SI_TIMER    (-2)

/*
 * Send sig to the current task, which trapped at the instruction whose
 * state is in current->regs (pc where the handler should return to).
 * Runs a handler, applies the default action or ignores it.
 * code/addr fill si_code/si_addr (addr unused for SI_USER/SI_TKILL).
 */
void force_sig_fault(int sig, int code, uint64_t addr);

/*
 * Send sig to process or thread t from sender_pid (asynchronous: kill, tgkill,
 * SIGCHLD). SIGKILL ends t's process at once; other signals become pending
 * and are delivered when t next returns to user mode (a sleeping t is woken;
 * its interrupted call restarts after the handler, as with SA_RESTART).
 */
void send_signal(struct task_struct *t, int sig, int code, int sender_pid);
/* The signals t should take now: pending, not blocked, not awaited by rt_sigtimedwait. */
uint64_t signal_pending(const struct task_struct *t);
long sys_rt_sigpending(uint64_t uset, uint64_t size);
long sys_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t uts, uint64_t size);
/* Deliver current's pending, unblocked signals (before it returns to user mode). */
void deliver_pending_signals(void);

/* rt_sigreturn(2): -EJUSTRETURN (registers restored) or the task is killed. */
long sys_rt_sigreturn(void);

/* A new sighand_struct (count 1): a copy of from, or all SIG_DFL. NULL on ENOMEM. */
struct sighand_struct *sighand_alloc(const struct sighand_struct *from);
/* Drop a task's reference to its dispositions. */
void sighand_put(struct sighand_struct *sh);
/* exec: give t dispositions of its own (copied if shared). 0 or -ENOMEM. */
int unshare_sighand(struct task_struct *t);
/* exec: handlers go back to SIG_DFL (ignored signals stay ignored), in
 * dispositions of t's own (if that copy cannot be made, they stay shared
 * and unchanged). */
void flush_signal_handlers(struct task_struct *t);

/* Map the sigreturn trampoline page into a new address space ([vdso]). 0 or -errno. */
int map_sigreturn_trampoline(struct mm_struct *mm, int pid);

#endif
