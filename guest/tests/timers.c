/*
 * timers.c - interval timers as Linux runs them: alarm() and pause(),
 * periodic ITIMER_REAL, getitimer and the old value setitimer returns,
 * ITIMER_VIRTUAL and ITIMER_PROF counting CPU time (a sleeping process
 * uses none), an alarm with no handler killing a child, timers not
 * inherited across fork, getrusage's CPU time, and select() writing back
 * the time left when SIGALRM interrupts it.
 *
 * The output is the same natively on Linux (x86-64, built with the host
 * gcc) and under rvmm (tests/integ/kernel_proc.sh); qemu-riscv64 differs
 * on the last line (its select() does not write the time back).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alrm, vtalrm, prof;

static void on_signal(int sig)
{
	if (sig == SIGALRM)
		alrm++;
	else if (sig == SIGVTALRM)
		vtalrm++;
	else
		prof++;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
	return t.tv_sec + t.tv_usec / 1e6;
}

static const char *within(double x, double lo, double hi)
{
	return x >= lo && x <= hi ? "yes" : "no";
}

/* Burn CPU until *counter reaches n; CPU seconds used (getrusage). */
static double spin_until(volatile sig_atomic_t *counter, int n)
{
	struct rusage r0, r1;
	volatile unsigned long x = 0;
	getrusage(RUSAGE_SELF, &r0);
	while (*counter < n)
		x++;
	getrusage(RUSAGE_SELF, &r1);
	return tv(r1.ru_utime) + tv(r1.ru_stime) - tv(r0.ru_utime) - tv(r0.ru_stime);
}

int main(void)
{
	struct sigaction sa;
	struct itimerval it, old;
	double t0, cpu;
	int r, st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGVTALRM, &sa, NULL);
	sigaction(SIGPROF, &sa, NULL);

	t0 = now();
	alarm(1);
	r = pause();
	printf("alarm(1) + pause: %d %s, SIGALRM %d, after 1 s: %s\n", r, strerror(errno),
	       (int)alrm, within(now() - t0, 0.99, 1.2));

	it = (struct itimerval){{0, 100000}, {0, 100000}};
	setitimer(ITIMER_REAL, &it, NULL);
	t0 = now();
	alrm = 0;
	while (alrm < 5)
		pause();
	setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, &old);
	printf("periodic 100 ms: 5 SIGALRM after 0.5 s: %s, old interval %ld us\n",
	       within(now() - t0, 0.49, 0.7), (long)old.it_interval.tv_usec);

	it = (struct itimerval){{0, 0}, {3, 0}};
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &old);
	printf("getitimer after 3 s: value in (2.9, 3]: %s, interval %ld\n",
	       within(tv(old.it_value), 2.9, 3.0), (long)old.it_interval.tv_sec);
	printf("alarm(0) returns the seconds left: %u\n", alarm(0));
	getitimer(ITIMER_REAL, &old);
	printf("then disarmed: %s\n", old.it_value.tv_sec || old.it_value.tv_usec ? "no" : "yes");

	it = (struct itimerval){{0, 20000}, {0, 20000}};
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	cpu = spin_until(&vtalrm, 5);
	setitimer(ITIMER_VIRTUAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
	printf("ITIMER_VIRTUAL 20 ms x5: CPU used ~0.1 s: %s\n", within(cpu, 0.09, 0.2));
	setitimer(ITIMER_PROF, &it, NULL);
	cpu = spin_until(&prof, 5);
	setitimer(ITIMER_PROF, &(struct itimerval){{0, 0}, {0, 0}}, NULL);
	printf("ITIMER_PROF 20 ms x5: CPU used ~0.1 s: %s\n", within(cpu, 0.09, 0.2));

	it = (struct itimerval){{0, 0}, {0, 50000}};
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	t0 = now();
	usleep(200000);
	getitimer(ITIMER_VIRTUAL, &old);
	printf("sleeping uses no CPU time: %s\n", within(tv(old.it_value), 0.04, 0.06));
	{
		struct timespec p0, p1, w0, w1;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0);
		clock_gettime(CLOCK_MONOTONIC, &w0);
		usleep(300000);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1);
		clock_gettime(CLOCK_MONOTONIC, &w1);
		double cpu_dt = p1.tv_sec - p0.tv_sec + (p1.tv_nsec - p0.tv_nsec) / 1e9;
		double wall_dt = w1.tv_sec - w0.tv_sec + (w1.tv_nsec - w0.tv_nsec) / 1e9;
		printf("CLOCK_PROCESS_CPUTIME_ID across a 0.3 s sleep: under 0.05 s: %s, wall 0.3 "
		       "s: %s\n",
		       within(cpu_dt, 0, 0.05), within(wall_dt, 0.3, 0.4));
	}
	setitimer(ITIMER_VIRTUAL, &(struct itimerval){{0, 0}, {0, 0}}, NULL);

	alarm(10);
	fflush(stdout);
	if (fork() == 0) {
		getitimer(ITIMER_REAL, &old);
		printf("child inherits no timer: %s\n", old.it_value.tv_sec ? "no" : "yes");
		fflush(stdout);
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		pause();
		_exit(0);
	}
	wait(&st);
	printf("child with no handler: killed by signal %d (SIGALRM)\n",
	       WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	printf("the parent's alarm(10) runs on: %s\n", alarm(0) > 5 ? "yes" : "no");

	r = setitimer(3, &it, NULL);
	printf("setitimer(3): %d %s\n", r, strerror(errno));

	{
		int p[2];
		fd_set rd;
		struct timeval left = {2, 0};
		if (pipe(p))
			return 1;
		FD_ZERO(&rd);
		FD_SET(p[0], &rd);
		alarm(1);
		r = select(p[0] + 1, &rd, NULL, NULL, &left);
		printf("select interrupted after 1 s of 2: %d %s, time left ~1 s: %s\n", r,
		       strerror(errno), within(tv(left), 0.9, 1.01));
	}
	return 0;
}
