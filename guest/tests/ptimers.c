/*
 * ptimers.c - POSIX timers: a periodic CLOCK_MONOTONIC timer taken with
 * sigwaitinfo (SI_TIMER, the sigval), overruns while the signal is blocked,
 * timer_gettime, SIGEV_NONE, an absolute CLOCK_REALTIME expiry, a
 * CLOCK_PROCESS_CPUTIME_ID timer that only moves while the process runs,
 * glibc's SIGEV_THREAD (a helper thread, SIGEV_THREAD_ID underneath), and
 * the EINVAL cases. Prints the same natively on Linux and under rvmm
 * (tests/integ/kernel_proc.sh).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *within(double x, double lo, double hi)
{
	return x >= lo && x <= hi ? "yes" : "no";
}

static volatile int thread_calls;
static void on_expiry(union sigval v)
{
	thread_calls += v.sival_int;
}

int main(void)
{
	sigset_t usr1;
	siginfo_t si;
	timer_t t;
	struct sigevent ev;
	struct itimerspec its, cur;
	double t0;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	printf("timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	its = (struct itimerspec){{0, 100000000}, {0, 100000000}};
	t0 = now(CLOCK_MONOTONIC);
	printf("timer_settime 100 ms periodic: %d\n", timer_settime(t, 0, &its, NULL));
	int ok = 1;
	for (int i = 0; i < 3; i++) {
		int s = sigwaitinfo(&usr1, &si);
		ok &= s == SIGUSR1 && si.si_code == SI_TIMER && si.si_value.sival_int == 42;
	}
	printf("3 expiries as SI_TIMER with the sigval: %s, after 0.3 s: %s\n", ok ? "yes" : "no",
	       within(now(CLOCK_MONOTONIC) - t0, 0.29, 0.45));
	timer_gettime(t, &cur);
	printf("timer_gettime: interval %ld ms, left <= 100 ms: %s\n",
	       cur.it_interval.tv_nsec / 1000000,
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 100000000 ? "yes" : "no");

	/* overruns: the signal stays pending while the timer keeps expiring */
	its = (struct itimerspec){{0, 10000000}, {0, 10000000}};
	timer_settime(t, 0, &its, NULL);
	usleep(105000);
	sigwaitinfo(&usr1, &si);
	printf("10 ms timer, signal left pending 105 ms: overrun in [8, 10]: %s, getoverrun "
	       "agrees: %s\n",
	       within(si.si_overrun, 8, 10), timer_getoverrun(t) == si.si_overrun ? "yes" : "no");
	its = (struct itimerspec){{0, 0}, {0, 0}};
	timer_settime(t, 0, &its, NULL);
	int d1 = timer_delete(t), d2 = timer_delete(t); /* (in order: printf's are not) */
	printf("timer_delete: %d, again: %d %s\n", d1, d2, strerror(errno));

	/* SIGEV_NONE: nothing arrives, but the timer counts down */
	ev.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_MONOTONIC, &ev, &t);
	its = (struct itimerspec){{0, 0}, {1, 0}};
	timer_settime(t, 0, &its, NULL);
	usleep(200000);
	timer_gettime(t, &cur);
	printf("SIGEV_NONE after 0.2 s of 1 s: %s left\n",
	       within(cur.it_value.tv_sec + cur.it_value.tv_nsec / 1e9, 0.7, 0.81) ? "~0.8 s"
										   : "?");
	timer_delete(t);

	/* an absolute expiry on the wall clock */
	ev.sigev_notify = SIGEV_SIGNAL;
	timer_create(CLOCK_REALTIME, &ev, &t);
	clock_gettime(CLOCK_REALTIME, &its.it_value);
	its.it_value.tv_nsec += 100000000;
	if (its.it_value.tv_nsec >= 1000000000) {
		its.it_value.tv_sec++;
		its.it_value.tv_nsec -= 1000000000;
	}
	its.it_interval = (struct timespec){0, 0};
	t0 = now(CLOCK_MONOTONIC);
	timer_settime(t, TIMER_ABSTIME, &its, NULL);
	sigwaitinfo(&usr1, &si);
	printf("TIMER_ABSTIME on CLOCK_REALTIME: fired after 0.1 s: %s\n",
	       within(now(CLOCK_MONOTONIC) - t0, 0.09, 0.2));
	timer_delete(t);

	/* CPU time: sleeping does not move it, spinning does */
	timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &t);
	its = (struct itimerspec){{0, 0}, {0, 50000000}};
	timer_settime(t, 0, &its, NULL);
	usleep(200000);
	struct timespec zero = {0, 0};
	printf("CPU timer after a 0.2 s sleep: %s\n",
	       sigtimedwait(&usr1, &si, &zero) < 0 ? "not fired" : "fired?");
	t0 = now(CLOCK_PROCESS_CPUTIME_ID);
	while (sigtimedwait(&usr1, &si, &zero) < 0)
		;
	printf("fired after ~0.05 s of CPU: %s\n",
	       within(now(CLOCK_PROCESS_CPUTIME_ID) - t0, 0.03, 0.1));
	timer_delete(t);

	/* glibc's SIGEV_THREAD: a function called in a thread */
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = on_expiry;
	ev.sigev_value.sival_int = 1;
	printf("SIGEV_THREAD timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
	its = (struct itimerspec){{0, 20000000}, {0, 20000000}};
	timer_settime(t, 0, &its, NULL);
	for (int i = 0; i < 100 && thread_calls < 3; i++)
		usleep(20000);
	printf("the function ran 3 times: %s\n", thread_calls >= 3 ? "yes" : "no");
	timer_delete(t);

	int bad = timer_create(12345, NULL, &t);
	printf("bad clock: %d %s\n", bad, strerror(errno));
	return 0;
}
