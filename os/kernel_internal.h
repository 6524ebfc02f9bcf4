/*
 * kernel_internal.h - services of the kernel core (kernel.c, sched.c) that
 * the rest of os/ calls: the hart's address space, guest time, randomness,
 * and ending a task.
 */
#ifndef RVMM_OS_KERNEL_INTERNAL_H
#define RVMM_OS_KERNEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mm_struct;
struct file;
struct task_struct;

/* Run the hart in mm's address space from now on (NULL: Bare). */
void kernel_switch_mm(struct mm_struct *mm);
/* Guest time since boot, from the instruction count. */
uint64_t kernel_time_ns(void);
/* Guest time taken by n instructions (the clock's rate), and back (rounded up). */
uint64_t kernel_insns_to_ns(uint64_t n);
uint64_t kernel_ns_to_insns(uint64_t ns);
/* Let guest time pass (a sleeping task with nothing else to run). */
void kernel_sleep_ns(uint64_t ns);
/* The run's random seed (--seed; AT_RANDOM of exec'd programs derives from it). */
uint64_t kernel_random_seed(void);
/* Reproducible pseudo-random bytes (getrandom). */
void kernel_random_bytes(void *buf, size_t n);
/* End the current task with a wait status ((code << 8) or a signal number):
 * it becomes a zombie until its parent reaps it. */
void do_exit(int status);
/* exit(2): only the calling thread ends (the whole process if it is the last). */
void do_exit_thread(int status);
/* exit_group(2), fatal signals: every thread of the process ends. */
void do_group_exit(int status);
/* The same for the process of thread me (which need not be current). */
void group_exit(struct task_struct *me, int status);
/* execve in a multi-threaded process: the other threads die (exit.c). */
void de_thread(struct task_struct *me);
/* Copy the hart's registers into t->regs (t is running on the hart). */
void kernel_save_regs(struct task_struct *t);
/* The task whose registers the hart holds changed them in t->regs (exec). */
void kernel_load_regs(struct task_struct *t);
/* The current task's user stack pointer (on the hart). */
uint64_t kernel_user_sp(void);
/* Can t, asleep in wait4/waitid, go on (a child it waits for is a zombie, or none is left)? */
bool child_wait_ready(struct task_struct *t);
/* The init task (PID 1), which adopts orphans. */
struct task_struct *kernel_init_task(void);
/* Open a host file named on rvmm's command line as a program. NULL, errno set. */
struct file *kernel_open_exec(const char *host_path, const char *name);

#endif
