/*
 * selectpoll.c - select, pselect, poll, ppoll and sigsuspend: readiness of
 * pipe ends (data, hang-up, no reader), timeouts that a signal without a
 * handler does not stretch, EBADF, and the temporary signal masks of
 * ppoll/pselect/sigsuspend (the handler runs inside the call, which fails
 * with EINTR, and the old mask is back afterwards).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	hits++;
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A child that, after ms, writes a byte to fd (>= 0) or signals its parent. */
static pid_t later(long ms, int fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		msleep(ms);
		if (fd >= 0 && write(fd, "y", 1) != 1)
			_exit(1);
		if (fd < 0)
			kill(getppid(), SIGUSR1);
		_exit(0);
	}
	return pid;
}

static int usr1_blocked(void)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, SIGUSR1);
}

int main(void)
{
	int p[2], r;
	fd_set rd, wr;
	struct timeval tv;
	struct pollfd pf[2];
	sigset_t usr1, empty;
	char c;
	pid_t pid;
	double t0, dt;

	if (pipe(p))
		return 1;
	/* nothing to read: select times out */
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv.tv_sec = 0;
	tv.tv_usec = 200000;
	t0 = now();
	r = select(p[0] + 1, &rd, NULL, NULL, &tv);
	dt = now() - t0;
	printf("select timeout: %d, set %d, waited 0.2s: %s\n", r, FD_ISSET(p[0], &rd),
	       dt >= 0.2 && dt < 0.5 ? "yes" : "no");

	/* a child writes later: select wakes with the read end set, write end always ready */
	pid = later(100, p[1]);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	r = select(p[0] + 1, &rd, NULL, NULL, NULL);
	printf("select readable: %d, set %d\n", r, FD_ISSET(p[0], &rd));
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	tv.tv_sec = 1;
	tv.tv_usec = 0;
	r = select(p[1] + 1, &rd, &wr, NULL, &tv);
	printf("select both: %d, read %d, write %d\n", r, FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
	if (read(p[0], &c, 1) != 1)
		return 1;
	waitpid(pid, NULL, 0);

	FD_ZERO(&rd);
	FD_SET(50, &rd);
	r = select(51, &rd, NULL, NULL, NULL);
	printf("select on a closed fd: %d %s\n", r, strerror(errno));

	/* poll: POLLOUT on the write end, nothing on the read end, POLLNVAL, timeout 0 */
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	pf[1].fd = p[1];
	pf[1].events = POLLOUT;
	r = poll(pf, 2, 0);
	printf("poll: %d, revents %#x %#x\n", r, pf[0].revents, pf[1].revents);
	pf[1].fd = 50;
	r = poll(pf, 2, 0);
	printf("poll closed fd: %d, revents %#x %#x\n", r, pf[0].revents, pf[1].revents);

	/* hang-up: the writer is gone; a pipe without reader: POLLERR */
	int q[2];
	if (pipe(q))
		return 1;
	close(q[1]);
	pf[0].fd = q[0];
	pf[0].events = POLLIN;
	r = poll(pf, 1, -1);
	printf("poll after the writer closed: %d, revents %#x\n", r, pf[0].revents);
	close(q[0]);
	if (pipe(q))
		return 1;
	close(q[0]);
	pf[0].fd = q[1];
	pf[0].events = POLLOUT;
	r = poll(pf, 1, -1);
	printf("poll after the reader closed: %d, revents %#x\n", r, pf[0].revents);
	close(q[1]);

	/* SIGCHLD runs no handler: the poll timeout is not restarted from scratch */
	pid = fork();
	if (pid == 0) {
		msleep(300);
		_exit(0);
	}
	t0 = now();
	r = poll(NULL, 0, 600);
	dt = now() - t0;
	printf("poll across SIGCHLD: %d, waited 0.6s not 0.9s: %s\n", r,
	       dt >= 0.6 && dt < 0.85 ? "yes" : "no");
	waitpid(pid, NULL, 0);

	/* the temporary masks: SIGUSR1 blocked outside the calls, open inside */
	signal(SIGUSR1, on_usr1);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	pid = later(100, -1);
	pf[0].fd = p[0];
	pf[0].events = POLLIN;
	struct timespec ts = {5, 0};
	r = ppoll(pf, 1, &ts, &empty);
	printf("ppoll: %d %s, handler %d, SIGUSR1 blocked again %d\n", r, strerror(errno),
	       (int)hits, usr1_blocked());
	waitpid(pid, NULL, 0);
	pid = later(100, -1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty);
	printf("pselect: %d %s, handler %d, SIGUSR1 blocked again %d\n", r, strerror(errno),
	       (int)hits, usr1_blocked());
	waitpid(pid, NULL, 0);
	pid = later(100, -1);
	r = sigsuspend(&empty);
	printf("sigsuspend: %d %s, handler %d, SIGUSR1 blocked again %d\n", r, strerror(errno),
	       (int)hits, usr1_blocked());
	waitpid(pid, NULL, 0);
	/* a signal that arrived while blocked is taken by the next open mask at once */
	kill(getpid(), SIGUSR1);
	r = ppoll(NULL, 0, &ts, &empty);
	printf("ppoll with one pending: %d %s, handler %d\n", r, strerror(errno), (int)hits);
	return 0;
}
