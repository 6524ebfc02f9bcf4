/*
 * sleepintr.c - what a signal handler does to a sleeping system call:
 * nanosleep returns EINTR with the time left in rem (even with SA_RESTART),
 * pause returns EINTR, a blocking read restarts under SA_RESTART and fails
 * with EINTR without it, and a signal that runs no handler (SIGCHLD,
 * ignored by default) lets nanosleep sleep on for its remaining time only.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	hits++;
}

static void handle(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

/* A child that signals its parent after ms, then writes a byte to fd after another ms. */
static pid_t poke(long ms, int fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		msleep(ms);
		kill(getppid(), SIGUSR1);
		if (fd >= 0) {
			msleep(ms);
			if (write(fd, "x", 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	return pid;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct timespec req = {2, 0}, rem = {0, 0};
	int p[2], r;
	char c;
	pid_t pid;

	handle(SA_RESTART);
	pid = poke(100, -1);
	r = nanosleep(&req, &rem);
	printf("nanosleep: %d %s, handler %d, rem in (1s, 2s): %s\n", r, r ? strerror(errno) : "",
	       (int)hits, rem.tv_sec == 1 && rem.tv_nsec > 0 ? "yes" : "no");
	waitpid(pid, NULL, 0);

	pid = poke(100, -1);
	r = pause();
	printf("pause: %d %s, handler %d\n", r, strerror(errno), (int)hits);
	waitpid(pid, NULL, 0);

	if (pipe(p))
		return 1;
	pid = poke(100, p[1]);
	r = (int)read(p[0], &c, 1);
	printf("read with SA_RESTART: %d '%c', handler %d\n", r, r == 1 ? c : '?', (int)hits);
	waitpid(pid, NULL, 0);

	handle(0);
	pid = poke(100, p[1]);
	r = (int)read(p[0], &c, 1);
	printf("read without SA_RESTART: %d %s, handler %d\n", r, r < 0 ? strerror(errno) : "",
	       (int)hits);
	waitpid(pid, NULL, 0);
	r = (int)read(p[0], &c, 1);
	printf("the late byte: %d '%c'\n", r, c);

	/* SIGCHLD (default: ignored) wakes nobody's handler: the sleep goes on, not over */
	pid = fork();
	if (pid == 0) {
		msleep(300);
		_exit(0);
	}
	double t0 = now();
	req.tv_sec = 0;
	req.tv_nsec = 600000000;
	r = nanosleep(&req, NULL);
	double dt = now() - t0;
	printf("nanosleep across SIGCHLD: %d, slept 0.6s not 0.9s: %s\n", r,
	       dt >= 0.6 && dt < 0.85 ? "yes" : "no");
	waitpid(pid, NULL, 0);
	return 0;
}
