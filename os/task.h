/*
 * task.h - tasks (Linux's task_struct): identity, parentage and the
 * resources a task holds (its fs_struct and files_struct today; the mm,
 * the register file and signal state as the kernel grows).
 *
 * Tasks live in the "task_struct" slab cache and are found by PID through a
 * hash table. `current` is the task the hart is running (or the kernel is
 * working for).
 *
 * Invariants: PIDs are unique among live tasks and allocated upward from 1,
 * wrapping at PID_MAX; a task is in the PID hash from task_alloc() until
 * task_free().
 */
#ifndef RVMM_OS_TASK_H
#define RVMM_OS_TASK_H

#include <stdbool.h>

#include "os/itimer.h"
#include "os/list.h"

#define TASK_COMM_LEN 16
#define PID_MAX	      32768

#include <stdint.h>

struct fs_struct;
struct files_struct;
struct mm_struct;
struct file;
struct poll_table;

/* The user register state of a task while it is not on the hart. */
struct pt_regs {
	uint64_t x[32];
	uint64_t f[32];
	uint64_t pc;
	uint64_t fcsr;
};

/* struct sigaction as the riscv64 kernel sees it (no sa_restorer). */
struct k_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t mask;
};

/* Signal dispositions, shared by the tasks cloned with CLONE_SIGHAND (threads). */
struct sighand_struct {
	int count;		       /* tasks using it */
	struct k_sigaction action[64]; /* by signal number - 1 */
};

enum task_state { TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_ZOMBIE, TASK_DEAD };

struct task_struct {
	int pid;       /* thread id */
	int tgid;      /* process id (the thread group leader's pid) */
	int pgid, sid; /* process group and session (pgrp.c) */
	bool did_exec; /* has exec'd since fork (setpgid by the parent: -EACCES) */
	/* A thread group leader that exited while other threads live on: a zombie
	 * nobody may reap until the last thread ends the process (exit.c). */
	bool delay_group_leader;
	char comm[TASK_COMM_LEN];
	enum task_state state;
	int exit_code; /* wait status: (code << 8) or the killing signal */
	struct task_struct *parent;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	struct pt_regs regs; /* saved user registers */
	/* What a TASK_INTERRUPTIBLE task waits for (the scheduler re-checks it). */
	enum {
		WAIT_NONE,
		WAIT_FILE,
		WAIT_CHILD,
		WAIT_VFORK,
		WAIT_FUTEX,
		WAIT_TIMER,
		WAIT_POLL,
		WAIT_SIGNAL
	} wait_kind;
	/* WAIT_FUTEX: the futex word's key: (mm, address) for private memory,
	 * (file or inode, byte offset) for MAP_SHARED memory (futex.c) */
	const void *wait_key_obj;
	uint64_t wait_uaddr;
	int wait_idtype, wait_id; /* WAIT_CHILD: which children (waitid's P_* and id)... */
	bool wait_exited;	  /* ...and whether their exit ends the wait (WEXITED) */
	uint64_t wait_deadline;	  /* WAIT_FUTEX/TIMER/SIGNAL: guest ns to give up at (0: never) */
	/* rt_sigtimedwait under way: the signals it takes itself (never to a handler) */
	uint64_t sigwait_set;
	bool restart_valid; /* the restarted call returns restart_ret at once */
	long restart_ret;
	/* The sleeping call a signal handler interrupts: -ERESTARTSYS (restarted
	 * with SA_RESTART, else -EINTR) or -ERESTARTNOHAND (always -EINTR); 0: none. */
	long restart_kind;
	uint64_t io_done;	 /* a blocking pipe write under way: bytes already written */
	uint64_t timer_deadline; /* nanosleep under way: when it ends (guest ns; 0: none) */
	uint64_t timer_rem;	 /* ...and where the time left goes if a handler cuts it short */
	uint64_t saved_sigmask;	 /* ppoll/pselect6/rt_sigsuspend: the mask to restore */
	bool restore_sigmask;	 /* saved_sigmask is live (blocked is a temporary mask) */
	struct file *wait_file;	 /* WAIT_FILE: until it is ready (a reference) */
	unsigned int wait_mask;	 /* WAIT_FILE: 1 readable, 2 writable */
	struct poll_table *poll_wait;	 /* WAIT_POLL: the descriptors (select.c; NULL: none) */
	struct task_struct *vfork_child; /* WAIT_VFORK: until it execs or exits */
	bool vfork_done;		 /* (in the child) exec or exit released the parent */
	struct sighand_struct *sighand;	 /* dispositions (shared by threads) */
	uint64_t blocked;		 /* signal mask (bit n-1 for signal n) */
	uint64_t sas_sp, sas_size;	 /* sigaltstack (size 0: none) */
	uint64_t pending;		 /* signals sent, not yet delivered (bit n-1: n) */
	/* resource usage left by the address space at exit, and that of reaped children */
	unsigned long ru_maxrss_kb, ru_minflt, ru_majflt;
	unsigned long cru_maxrss_kb, cru_minflt, cru_majflt;
	int pending_code[64], pending_pid[64]; /* their si_code and sender */
	uint64_t clear_child_tid;
	uint64_t robust_list, robust_len;
	int oom_score_adj;	     /* -1000..1000, /proc/PID/oom_score_adj (inherited at fork) */
	unsigned long nvcsw, nivcsw; /* context switches: voluntary (slept), involuntary */
	uint64_t cpu_insns;	     /* instructions this thread retired (its CPU time) */
	/* thread-group leader only (itimer.c): the process's interval timers, and
	 * the instructions of its threads that are gone */
	struct itimer itimer[ITIMER_COUNT];
	uint64_t group_dead_insns;
	struct posix_timers *posix_timers; /* timer_create's, NULL until the first */
	char *exe_path; /* guest path of the executable (kmalloc'd), for /proc/PID/exe */
	struct list_head pid_chain; /* PID hash bucket */
	struct list_head tasks;	    /* on the list of all tasks (sched.c) */
};

/* Every task that exists (running, sleeping or zombie), in creation order. */
extern struct list_head task_list;

extern struct task_struct *current;

/* Bring up the task cache. 0 or -ENOMEM. */
int task_cache_init(void);
void task_cache_exit(void);

/* A zeroed task with a fresh PID, in the PID hash. NULL on ENOMEM/EAGAIN. */
struct task_struct *task_alloc(void);
/* Drop the task's resources and its PID. */
void task_free(struct task_struct *t);
/* Exchange the PIDs of two tasks (an exec from a non-leader thread takes the leader's). */
void task_swap_pids(struct task_struct *a, struct task_struct *b);
struct task_struct *find_task_by_vpid(int pid);
/* Set the task's command name (truncated to TASK_COMM_LEN-1, as Linux's set_task_comm). */
void set_task_comm(struct task_struct *t, const char *name);

#endif
