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

#include "os/list.h"

#define TASK_COMM_LEN 16
#define PID_MAX 32768

#include <stdint.h>

struct fs_struct;
struct files_struct;
struct mm_struct;
struct file;

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

enum task_state { TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_ZOMBIE, TASK_DEAD };

struct task_struct {
	int pid;  /* thread id */
	int tgid; /* process id (the thread group leader's pid) */
	char comm[TASK_COMM_LEN];
	enum task_state state;
	int exit_code;        /* wait status: (code << 8) or the killing signal */
	struct task_struct *parent;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	struct pt_regs regs;  /* saved user registers */
	/* What a TASK_INTERRUPTIBLE task waits for (the scheduler re-checks it). */
	enum { WAIT_NONE, WAIT_FILE, WAIT_CHILD, WAIT_VFORK, WAIT_FUTEX, WAIT_TIMER, WAIT_POLL,
	       WAIT_SIGNAL } wait_kind;
	uint64_t wait_uaddr;       /* WAIT_FUTEX: the futex word (in this task's mm) */
	uint64_t wait_deadline;    /* WAIT_FUTEX/WAIT_TIMER: guest ns to give up at (0: never) */
	bool restart_valid;        /* the restarted call returns restart_ret at once */
	long restart_ret;
	struct file *wait_file;    /* WAIT_FILE: until it is ready (a reference) */
	unsigned int wait_mask;    /* WAIT_FILE: 1 readable, 2 writable */
	struct task_struct *vfork_child; /* WAIT_VFORK: until it execs or exits */
	bool vfork_done;           /* (in the child) exec or exit released the parent */
	struct k_sigaction sighand[64]; /* by signal number - 1 */
	uint64_t blocked;               /* signal mask (bit n-1 for signal n) */
	uint64_t sas_sp, sas_size;      /* sigaltstack (size 0: none) */
	uint64_t pending;               /* signals sent, not yet delivered (bit n-1: n) */
	/* resource usage left by the address space at exit, and that of reaped children */
	unsigned long ru_maxrss_kb, ru_minflt, ru_majflt;
	unsigned long cru_maxrss_kb, cru_minflt, cru_majflt;
	int pending_code[64], pending_pid[64]; /* their si_code and sender */
	uint64_t clear_child_tid;
	uint64_t robust_list, robust_len;
	char *exe_path; /* guest path of the executable (kmalloc'd), for /proc/PID/exe */
	struct list_head pid_chain; /* PID hash bucket */
	struct list_head tasks;     /* on the list of all tasks (sched.c) */
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
struct task_struct *find_task_by_vpid(int pid);
/* Set the task's command name (truncated to TASK_COMM_LEN-1, as Linux's set_task_comm). */
void set_task_comm(struct task_struct *t, const char *name);

#endif
