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
#include "os/mm/slab.h"
#include "os/kernel_internal.h"
#include "os/signal.h"
#include "os/task.h"
#include "os/uaccess.h"

#define NSEC 1000000000ull

static const int itimer_signal[ITIMER_COUNT] = {SIGALRM, SIGVTALRM, SIGPROF};

static void ptimers_run(struct task_struct *leader, bool real, const struct task_struct *cur);
static uint64_t ptimers_next_real(const struct task_struct *leader);
static uint64_t ptimers_cpu_left(const struct task_struct *leader, const struct task_struct *cur);

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
		list_for_each_entry_safe(t, n, &task_list, tasks) {
			if (t->pid != t->tgid)
				continue;
			if (t->itimer[ITIMER_REAL].expires)
				itimer_check(t, ITIMER_REAL);
			ptimers_run(t, true, NULL);
		}
		real_next = itimer_next_real();
	}
	leader = cur ? find_task_by_vpid(cur->tgid) : NULL;
	if (leader &&
	    (leader->itimer[ITIMER_VIRTUAL].expires || leader->itimer[ITIMER_PROF].expires)) {
		itimer_check(leader, ITIMER_VIRTUAL);
		itimer_check(leader, ITIMER_PROF);
	}
	if (leader)
		ptimers_run(leader, false, cur);
}

uint64_t itimer_next_real(void)
{
	struct task_struct *t;
	uint64_t first = 0;
	list_for_each_entry(t, &task_list, tasks) {
		uint64_t e = t->pid == t->tgid ? t->itimer[ITIMER_REAL].expires : 0, p;
		if (e && (!first || e < first))
			first = e;
		p = t->pid == t->tgid ? ptimers_next_real(t) : 0;
		if (p && (!first || p < first))
			first = p;
	}
	return first;
}

uint64_t itimer_cpu_left_ns(struct task_struct *cur)
{
	struct task_struct *leader = cur ? find_task_by_vpid(cur->tgid) : NULL;
	uint64_t left = leader ? ptimers_cpu_left(leader, cur) : UINT64_MAX, now;
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
	to->posix_timers = from->posix_timers; /* (exec deletes them next) */
	from->posix_timers = NULL;
}

/*
 * POSIX timers (timer_create & co): up to POSIX_TIMER_MAX per process, on
 * its leader (posix_timers, made at the first timer_create), not inherited
 * by fork, deleted by exec and exit. Clocks: CLOCK_REALTIME, MONOTONIC and
 * BOOTTIME run on guest time (expiries are kept in monotonic ns),
 * PROCESS_CPUTIME_ID on the process's CPU time, THREAD_CPUTIME_ID on the
 * creating thread's. Notification: SIGEV_SIGNAL (to the process),
 * SIGEV_THREAD_ID (to one thread: what glibc's SIGEV_THREAD uses) or
 * SIGEV_NONE. The signal carries SI_TIMER, the timer id, its sigval and the
 * overrun; while it is still pending, further expiries only count overruns.
 */
#define POSIX_TIMER_MAX	  32
#define REALTIME_EPOCH_NS (1735689600ull * NSEC) /* sys_proc.c's CLOCK_REALTIME origin */
#define SIGEV_SIGNAL	  0
#define SIGEV_NONE	  1
#define SIGEV_THREAD_ID	  4
#define TIMER_ABSTIME	  1

struct posix_timer {
	bool used, pending;
	int clock, signo, notify, tid; /* tid: SIGEV_THREAD_ID's target, or the thread clock's */
	uint64_t value;		       /* sigev_value */
	uint64_t expires, interval;    /* ns on the clock's base; expires 0: disarmed */
	int overrun, overrun_last;
};

struct posix_timers {
	struct posix_timer t[POSIX_TIMER_MAX];
};

static bool cpu_clock(int clock)
{
	return clock == 2 || clock == 3;
}

static uint64_t ptimer_now(const struct task_struct *leader, const struct posix_timer *pt)
{
	struct task_struct *th;
	if (pt->clock == 2)
		return process_cpu_ns(leader->tgid);
	if (pt->clock == 3)
		return (th = find_task_by_vpid(pt->tid)) ? kernel_insns_to_ns(th->cpu_insns) : 0;
	return kernel_time_ns();
}

/* Fire timer id of leader's process if it has expired. */
static void ptimer_check(struct task_struct *leader, int id)
{
	struct posix_timer *pt = &leader->posix_timers->t[id];
	uint64_t now;
	struct task_struct *to;

	if (!pt->used || !pt->expires || (now = ptimer_now(leader, pt)) < pt->expires)
		return;
	if (pt->interval) {
		uint64_t missed = (now - pt->expires) / pt->interval;
		pt->expires += (missed + 1) * pt->interval;
		pt->overrun += (int)missed;
	} else {
		pt->expires = 0;
	}
	if (pt->notify == SIGEV_NONE)
		return;
	if (pt->pending) {
		pt->overrun++; /* the last signal has not been taken yet */
		return;
	}
	to = pt->notify == SIGEV_THREAD_ID ? find_task_by_vpid(pt->tid) : process_target(leader);
	if (!to || to->tgid != leader->tgid || to->state >= TASK_ZOMBIE) {
		pt->expires = 0; /* nobody left to tell */
		return;
	}
	pt->pending = true;
	send_signal(to, pt->signo, SI_TIMER, id);
}

static void ptimers_run(struct task_struct *leader, bool real, const struct task_struct *cur)
{
	if (!leader->posix_timers)
		return;
	for (int i = 0; i < POSIX_TIMER_MAX; i++) {
		const struct posix_timer *pt = &leader->posix_timers->t[i];
		if (!pt->used || !pt->expires || cpu_clock(pt->clock) == real)
			continue;
		if (pt->clock == 3 && (!cur || pt->tid != cur->pid))
			continue; /* a thread clock moves only while its thread runs */
		ptimer_check(leader, i);
	}
}

/* The earliest real-clock POSIX timer of leader's process (0: none). */
static uint64_t ptimers_next_real(const struct task_struct *leader)
{
	uint64_t first = 0;
	for (int i = 0; leader->posix_timers && i < POSIX_TIMER_MAX; i++) {
		const struct posix_timer *pt = &leader->posix_timers->t[i];
		if (pt->used && pt->expires && !cpu_clock(pt->clock) &&
		    (!first || pt->expires < first))
			first = pt->expires;
	}
	return first;
}

/* CPU ns until the first CPU-clock POSIX timer of cur's process fires (UINT64_MAX: none). */
static uint64_t ptimers_cpu_left(const struct task_struct *leader, const struct task_struct *cur)
{
	uint64_t left = UINT64_MAX;
	for (int i = 0; leader->posix_timers && i < POSIX_TIMER_MAX; i++) {
		const struct posix_timer *pt = &leader->posix_timers->t[i];
		uint64_t now;
		if (!pt->used || !pt->expires || !cpu_clock(pt->clock) ||
		    (pt->clock == 3 && pt->tid != cur->pid))
			continue;
		now = ptimer_now(leader, pt);
		left =
		    pt->expires > now ? (pt->expires - now < left ? pt->expires - now : left) : 0;
	}
	return left;
}

void posix_timer_siginfo(const struct task_struct *t, int id, int *overrun, uint64_t *value)
{
	struct task_struct *leader = find_task_by_vpid(t->tgid);
	struct posix_timer *pt;

	*overrun = 0;
	*value = 0;
	if (!leader || !leader->posix_timers || id < 0 || id >= POSIX_TIMER_MAX)
		return;
	pt = &leader->posix_timers->t[id];
	*overrun = pt->overrun_last = pt->overrun;
	*value = pt->value;
	pt->overrun = 0;
	pt->pending = false;
}

void posix_timers_free(struct task_struct *leader)
{
	kfree(leader->posix_timers);
	leader->posix_timers = NULL;
	real_next = itimer_next_real();
}

/* struct sigevent of riscv64: sigev_value, sigev_signo, sigev_notify, then the thread id. */
struct linux_sigevent {
	uint64_t value;
	int32_t signo, notify, tid;
	int32_t pad[11];
};

int cpu_clock_id(int clock)
{
	/* Linux's CPU clock ids, as glibc's clock_getcpuclockid makes them:
	 * ~pid << 3 | 4 (per thread) | 0 PROF, 1 VIRT, 2 SCHED; pid 0 is the caller */
	int pid = ~(clock >> 3);
	struct task_struct *t;

	if (clock >= 0)
		return clock;
	if ((clock & 3) == 3)
		return -1;
	t = pid ? find_task_by_vpid(pid) : current;
	if (!t || t->tgid != current->tgid)
		return -1; /* another process's clock: not provided */
	return clock & 4 ? 3 : 2;
}

long sys_timer_create(int clock, uint64_t uevp, uint64_t uid)
{
	struct task_struct *leader = find_task_by_vpid(current->tgid);
	struct linux_sigevent ev = {.signo = SIGALRM, .notify = SIGEV_SIGNAL};
	struct posix_timer *pt = NULL;
	int id;

	clock = cpu_clock_id(clock);
	if (clock != 0 && clock != 1 && clock != 2 && clock != 3 && clock != 7)
		return -EINVAL;
	if (uevp && copy_from_user(&ev, uevp, sizeof(ev)))
		return -EFAULT;
	if (ev.notify != SIGEV_SIGNAL && ev.notify != SIGEV_NONE && ev.notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (ev.notify != SIGEV_NONE && (ev.signo < 1 || ev.signo > 64))
		return -EINVAL;
	if (ev.notify == SIGEV_THREAD_ID) {
		struct task_struct *th = find_task_by_vpid(ev.tid);
		if (!th || th->tgid != current->tgid)
			return -EINVAL;
	}
	if (!leader->posix_timers) {
		leader->posix_timers = kzalloc(sizeof(*leader->posix_timers), GFP_KERNEL);
		if (!leader->posix_timers)
			return -ENOMEM;
	}
	for (id = 0; id < POSIX_TIMER_MAX && !pt; id++)
		if (!leader->posix_timers->t[id].used)
			pt = &leader->posix_timers->t[id];
	if (!pt)
		return -EAGAIN;
	id--;
	if (copy_to_user(uid, &id, sizeof(id)))
		return -EFAULT;
	*pt = (struct posix_timer){.used = true,
				   .clock = clock,
				   .signo = ev.signo,
				   .notify = ev.notify,
				   .tid = ev.notify == SIGEV_THREAD_ID ? ev.tid : current->pid,
				   .value = uevp ? ev.value : (uint64_t)id};
	return 0;
}

static struct posix_timer *ptimer_of(int id, struct task_struct **leader)
{
	*leader = find_task_by_vpid(current->tgid);
	if (!*leader || !(*leader)->posix_timers || id < 0 || id >= POSIX_TIMER_MAX ||
	    !(*leader)->posix_timers->t[id].used)
		return NULL;
	return &(*leader)->posix_timers->t[id];
}

struct linux_itimerspec {
	int64_t interval_sec, interval_nsec, value_sec, value_nsec;
};

static void to_itimerspec(const struct task_struct *leader, const struct posix_timer *pt,
			  struct linux_itimerspec *v)
{
	uint64_t now = ptimer_now(leader, pt);
	uint64_t left = pt->expires ? (pt->expires > now ? pt->expires - now : 1) : 0;
	*v = (struct linux_itimerspec){(int64_t)(pt->interval / NSEC),
				       (int64_t)(pt->interval % NSEC), (int64_t)(left / NSEC),
				       (int64_t)(left % NSEC)};
}

long sys_timer_settime(int id, int flags, uint64_t unew, uint64_t uold)
{
	struct task_struct *leader;
	struct posix_timer *pt = ptimer_of(id, &leader);
	struct linux_itimerspec nv, ov;
	uint64_t v, now;

	if (!pt)
		return -EINVAL;
	if (copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (nv.value_sec < 0 || nv.value_nsec < 0 || nv.value_nsec >= (int64_t)NSEC ||
	    nv.interval_sec < 0 || nv.interval_nsec < 0 || nv.interval_nsec >= (int64_t)NSEC)
		return -EINVAL;
	to_itimerspec(leader, pt, &ov);
	now = ptimer_now(leader, pt);
	v = (uint64_t)nv.value_sec * NSEC + (uint64_t)nv.value_nsec;
	pt->interval = (uint64_t)nv.interval_sec * NSEC + (uint64_t)nv.interval_nsec;
	if (!v) {
		pt->expires = 0;
	} else if (flags & TIMER_ABSTIME) {
		if (pt->clock == 0) /* CLOCK_REALTIME: from the wall clock's origin */
			v = v > REALTIME_EPOCH_NS ? v - REALTIME_EPOCH_NS : 0;
		pt->expires = v > now ? v : now; /* in the past: fires at once */
		if (!pt->expires)
			pt->expires = 1;
	} else {
		pt->expires = now + v;
	}
	pt->overrun = 0;
	real_next = itimer_next_real();
	if (uold && copy_to_user(uold, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

long sys_timer_gettime(int id, uint64_t ucur)
{
	struct task_struct *leader;
	struct posix_timer *pt = ptimer_of(id, &leader);
	struct linux_itimerspec v;
	if (!pt)
		return -EINVAL;
	to_itimerspec(leader, pt, &v);
	return copy_to_user(ucur, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id)
{
	struct task_struct *leader;
	struct posix_timer *pt = ptimer_of(id, &leader);
	return pt ? pt->overrun_last : -EINVAL;
}

long sys_timer_delete(int id)
{
	struct task_struct *leader;
	struct posix_timer *pt = ptimer_of(id, &leader);
	if (!pt)
		return -EINVAL;
	*pt = (struct posix_timer){0};
	real_next = itimer_next_real();
	return 0;
}
