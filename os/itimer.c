/*
 * itimer.c - interval timers: setitimer(2)/getitimer(2) (glibc's alarm()
 * is setitimer(ITIMER_REAL)), and the CPU time they and getrusage(2) read.
 *
 * A process has three timers, kept on its thread-group leader (exec from
 * another thread moves them with the PID, see de_thread):
 *   ITIMER_REAL     guest time (kernel_time_ns), sends SIGALRM;
 *   ITIMER_VIRTUAL  the process's CPU time, sends SIGVTALRM;
 *   ITIMER_PROF     the same here, sends SIGPROF.
 * CPU time is the instructions the process's threads retired, at the guest
 * clock's rate. The kernel itself runs in no guest time (it is native code),
 * so user and profiling time are equal and system time is zero.
 *
 * Invariants: an armed timer has expires != 0 (in its clock's ns); a timer
 * with an interval is re-armed from its expiry when it fires (no drift), and
 * fires once per call to itimer_run() even if several periods have passed
 * (Linux counts the overrun only for POSIX timers). Timers survive execve
 * and are not inherited by fork.
 */
#include <errno.h>
#include <string.h>

#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/signal.h"
#include "os/task.h"
#include "os/uaccess.h"

#define NSEC 1000000000ull

static const int itimer_signal[ITIMER_COUNT] = {SIGALRM, SIGVTALRM, SIGPROF};

/* The earliest real timer of all processes (0: none), so the run loop's check is one compare. */
static uint64_t real_next;

/* A process's CPU time: its threads' retired instructions, at the clock's rate. */
uint64_t process_cpu_ns(int tgid)
{
	struct task_struct *t, *leader = find_task_by_vpid(tgid);
	uint64_t insns = leader ? leader->group_dead_insns : 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->tgid == tgid) /* (a freed thread's count moved to its leader) */
			insns += t->cpu_insns;
	return kernel_insns_to_ns(insns);
}

/* Where a process-directed signal goes: the leader, or a live thread if it is a zombie. */
static struct task_struct *process_target(struct task_struct *leader)
{
	struct task_struct *t;
	if (leader->state == TASK_RUNNING || leader->state == TASK_INTERRUPTIBLE)
		return leader;
	list_for_each_entry(t, &task_list, tasks)
		if (t->tgid == leader->tgid &&
		    (t->state == TASK_RUNNING || t->state == TASK_INTERRUPTIBLE))
			return t;
	return NULL;
}

static uint64_t clock_of(struct task_struct *leader, int which)
{
	return which == ITIMER_REAL ? kernel_time_ns() : process_cpu_ns(leader->tgid);
}

/* Fire leader's timer which if it has expired. */
static void itimer_check(struct task_struct *leader, int which)
{
	struct itimer *it = &leader->itimer[which];
	uint64_t now;
	struct task_struct *to;

	if (!it->expires || (now = clock_of(leader, which)) < it->expires)
		return;
	if (it->interval) {
		it->expires += it->interval;
		if (it->expires <= now) /* several periods late: next one from now */
			it->expires = now + it->interval;
	} else {
		it->expires = 0;
	}
	to = process_target(leader);
	if (to)
		send_signal(to, itimer_signal[which], SI_KERNEL, 0);
	else
		it->expires = 0; /* the process is exiting: nobody to tell */
	if (which == ITIMER_REAL)
		real_next = itimer_next_real();
}

void itimer_run(struct task_struct *cur)
{
	struct task_struct *t, *n, *leader;

	if (real_next && kernel_time_ns() >= real_next) {
		list_for_each_entry_safe(t, n, &task_list, tasks)
			if (t->pid == t->tgid && t->itimer[ITIMER_REAL].expires)
				itimer_check(t, ITIMER_REAL);
	}
	leader = cur ? find_task_by_vpid(cur->tgid) : NULL;
	if (leader &&
	    (leader->itimer[ITIMER_VIRTUAL].expires || leader->itimer[ITIMER_PROF].expires)) {
		itimer_check(leader, ITIMER_VIRTUAL);
		itimer_check(leader, ITIMER_PROF);
	}
}

uint64_t itimer_next_real(void)
{
	struct task_struct *t;
	uint64_t first = 0;
	list_for_each_entry(t, &task_list, tasks) {
		uint64_t e = t->pid == t->tgid ? t->itimer[ITIMER_REAL].expires : 0;
		if (e && (!first || e < first))
			first = e;
	}
	return first;
}

uint64_t itimer_cpu_left_ns(struct task_struct *cur)
{
	struct task_struct *leader = cur ? find_task_by_vpid(cur->tgid) : NULL;
	uint64_t left = UINT64_MAX, now;
	if (!leader ||
	    (!leader->itimer[ITIMER_VIRTUAL].expires && !leader->itimer[ITIMER_PROF].expires))
		return left;
	now = process_cpu_ns(leader->tgid);
	for (int w = ITIMER_VIRTUAL; w <= ITIMER_PROF; w++) {
		uint64_t e = leader->itimer[w].expires;
		if (e)
			left = e > now ? (e - now < left ? e - now : left) : 0;
	}
	return left;
}

struct linux_itimerval {
	int64_t interval_sec, interval_usec, value_sec, value_usec;
};

static void to_itimerval(const struct itimer *it, uint64_t now, struct linux_itimerval *v)
{
	uint64_t left = it->expires ? (it->expires > now ? it->expires - now : 1000) : 0;
	v->interval_sec = (int64_t)(it->interval / NSEC);
	v->interval_usec = (int64_t)(it->interval % NSEC / 1000);
	/* a timer about to fire reads as 1 us left, never 0 (0 means disarmed) */
	left = (left + 999) / 1000;
	v->value_sec = (int64_t)(left / 1000000);
	v->value_usec = (int64_t)(left % 1000000);
}

long sys_getitimer(int which, uint64_t uvalue)
{
	struct task_struct *leader = find_task_by_vpid(current->tgid);
	struct linux_itimerval v;
	if (which < 0 || which >= ITIMER_COUNT)
		return -EINVAL;
	to_itimerval(&leader->itimer[which], clock_of(leader, which), &v);
	return copy_to_user(uvalue, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, uint64_t unew, uint64_t uold)
{
	struct task_struct *leader = find_task_by_vpid(current->tgid);
	struct linux_itimerval nv, ov;
	struct itimer *it;
	uint64_t now;

	if (which < 0 || which >= ITIMER_COUNT)
		return -EINVAL;
	if (unew && copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (!unew)
		memset(&nv, 0, sizeof(nv)); /* Linux: a NULL new value disarms */
	if (nv.value_sec < 0 || nv.value_usec < 0 || nv.value_usec >= 1000000 ||
	    nv.interval_sec < 0 || nv.interval_usec < 0 || nv.interval_usec >= 1000000)
		return -EINVAL;
	it = &leader->itimer[which];
	now = clock_of(leader, which);
	to_itimerval(it, now, &ov);
	it->interval = (uint64_t)nv.interval_sec * NSEC + (uint64_t)nv.interval_usec * 1000;
	if (nv.value_sec || nv.value_usec)
		it->expires = now + (uint64_t)nv.value_sec * NSEC + (uint64_t)nv.value_usec * 1000;
	else
		it->expires = 0;
	if (which == ITIMER_REAL)
		real_next = itimer_next_real();
	if (uold && copy_to_user(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

void itimer_move(struct task_struct *to, struct task_struct *from)
{
	memcpy(to->itimer, from->itimer, sizeof(to->itimer));
	to->group_dead_insns += from->group_dead_insns;
	from->group_dead_insns = 0;
	memset(from->itimer, 0, sizeof(from->itimer));
}
