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

#include "os/list.h"

#define TASK_COMM_LEN 16
#define PID_MAX 32768

struct fs_struct;
struct files_struct;

struct task_struct {
	int pid;  /* thread id */
	int tgid; /* process id (the thread group leader's pid) */
	char comm[TASK_COMM_LEN];
	struct task_struct *parent;
	struct fs_struct *fs;
	struct files_struct *files;
	char *exe_path; /* guest path of the executable (kmalloc'd), for /proc/PID/exe */
	struct list_head pid_chain; /* PID hash bucket */
};

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
