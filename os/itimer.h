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
/* de_thread: the thread taking over the leader's PID takes its timers and dead threads' time. */
void itimer_move(struct task_struct *to, struct task_struct *from);

#endif
