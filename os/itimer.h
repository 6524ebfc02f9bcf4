/*
 * itimer.h - interval timers (setitimer/getitimer, alarm) and process CPU
 * time; see itimer.c for the clocks and the rules.
 */
#ifndef RVMM_OS_ITIMER_H
#define RVMM_OS_ITIMER_H

#include <stdint.h>

enum { ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF, ITIMER_COUNT };

/* One timer: when it fires next (ns of its clock; 0: disarmed) and its period (0: once). */
struct itimer {
	uint64_t expires, interval;
};

struct task_struct;

long sys_getitimer(int which, uint64_t uvalue);
long sys_setitimer(int which, uint64_t unew, uint64_t uold);
/* Fire every expired real timer, and cur's process's CPU timers. Cheap when none is due. */
void itimer_run(struct task_struct *cur);
/* The earliest armed real timer (guest ns), 0 if none: the idle scheduler wakes for it. */
uint64_t itimer_next_real(void);
/* CPU ns until cur's process's first CPU timer fires (UINT64_MAX: none armed). */
uint64_t itimer_cpu_left_ns(struct task_struct *cur);
/* The CPU time of process tgid (all its threads, dead ones included). */
uint64_t process_cpu_ns(int tgid);
/* A clock id as timer_create and clock_gettime get it: Linux's encoded CPU clocks of
 * the caller (negative) become 2 (its process) or 3 (its thread); -1 for another
 * process's; other ids unchanged. */
int cpu_clock_id(int clock);
/* POSIX timers (timer_create & co; itimer.c). */
long sys_timer_create(int clock, uint64_t uevp, uint64_t uid);
long sys_timer_settime(int id, int flags, uint64_t unew, uint64_t uold);
long sys_timer_gettime(int id, uint64_t ucur);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);
/* A SI_TIMER signal of timer id is taken by t: its overrun and sigval for the siginfo. */
void posix_timer_siginfo(const struct task_struct *t, int id, int *overrun, uint64_t *value);
/* exec and exit: the process's POSIX timers go. */
void posix_timers_free(struct task_struct *leader);
/* de_thread: the thread taking over the leader's PID takes its timers and dead threads' time. */
void itimer_move(struct task_struct *to, struct task_struct *from);

#endif
