/*
 * epoll.c - epoll and eventfd as an event loop uses them: level and edge
 * triggering, EPOLLONESHOT and EPOLL_CTL_MOD, the ctl errors, a timeout,
 * waking when a child writes to a pipe, HUP when the writer goes, a
 * registration dropped with its file, an eventfd counter (also in semaphore
 * mode) and nested instances. Output compared with qemu-riscv64
 * (kernel_diff.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ep;

static void wait_show(const char *what, int timeout)
{
	struct epoll_event ev[8];
	int n = epoll_wait(ep, ev, 8, timeout);
	printf("%s: %d", what, n);
	for (int i = 0; i < n; i++)
		printf(" [data %llu events%s%s%s]", (unsigned long long)ev[i].data.u64,
		       ev[i].events & EPOLLIN ? " IN" : "", ev[i].events & EPOLLOUT ? " OUT" : "",
		       ev[i].events & EPOLLHUP ? " HUP" : "");
	printf("\n");
}

static const char *err(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

int main(void)
{
	int p[2], q[2], efd, file;
	struct epoll_event ev = {0};
	char c;
	uint64_t v;

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (pipe(p) || pipe(q))
		return 1;
	ev.events = EPOLLIN;
	ev.data.u64 = 1;
	printf("add read end: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev)));
	printf("add it again: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev)));
	printf("mod unknown: %s\n", err(epoll_ctl(ep, EPOLL_CTL_MOD, q[0], &ev)));
	printf("del unknown: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], &ev)));
	printf("add itself: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev)));
	file = open("epoll.tmp", O_RDWR | O_CREAT, 0600);
	unlink("epoll.tmp");
	printf("add a regular file: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev)));
	printf("bad fd: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &ev)));
	printf("maxevents 0: %s\n", err(epoll_wait(ep, &ev, 0, 0)));

	wait_show("empty pipe, timeout 0", 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	wait_show("empty pipe, timeout 50 ms", 50);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("waited 50 ms: %s\n", dt >= 0.05 && dt < 0.5 ? "yes" : "no");
	if (write(p[1], "ab", 2) != 2)
		return 1;
	wait_show("level: data", -1);
	wait_show("level: still data", 0);

	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	wait_show("edge: first look", 0);
	wait_show("edge: nothing new", 0);
	if (read(p[0], &c, 1) != 1 || read(p[0], &c, 1) != 1)
		return 1;
	if (write(p[1], "c", 1) != 1)
		return 1;
	wait_show("edge: drained, then new data", 0);
	if (read(p[0], &c, 1) != 1)
		return 1;

	ev.events = EPOLLIN | EPOLLONESHOT;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	if (write(p[1], "d", 1) != 1)
		return 1;
	wait_show("oneshot", 0);
	wait_show("oneshot again", 0);
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	wait_show("after MOD re-arms", 0);
	if (read(p[0], &c, 1) != 1)
		return 1;
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);

	/* a child writes later: the wait sleeps until then */
	ev.data.u64 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
	fflush(stdout);
	if (fork() == 0) {
		usleep(100000);
		if (write(q[1], "e", 1) != 1)
			_exit(1);
		_exit(0);
	}
	wait_show("child wrote", -1);
	wait(NULL);
	if (read(q[0], &c, 1) != 1)
		return 1;
	close(q[1]);
	wait_show("writer gone", 0);

	/* closing the last descriptor of a registered file drops the registration */
	close(q[0]);
	if (pipe(q))
		return 1;
	if (write(q[1], "f", 1) != 1)
		return 1;
	wait_show("the new pipe on the old fd is not registered", 0);
	printf("del the old registration: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], &ev)));

	efd = eventfd(3, EFD_NONBLOCK);
	ev.events = EPOLLIN;
	ev.data.u64 = 3;
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
	wait_show("eventfd 3", 0);
	printf("read: %zd value %llu\n", read(efd, &v, 8),
	       (unsigned long long)(read(efd, &v, 8), v));
	v = 0;
	printf("read at 0: %zd %s\n", read(efd, &v, 8), strerror(errno));
	v = 5;
	printf("write 5: %zd, short read: %s\n", write(efd, &v, 8), err((int)read(efd, &v, 4)));
	v = UINT64_MAX;
	printf("write 2^64-1: %s\n", err((int)write(efd, &v, 8)));
	close(efd);
	efd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	ssize_t r1 = read(efd, &v, 8);
	uint64_t v1 = v;
	ssize_t r2 = read(efd, &v, 8);
	uint64_t v2 = v;
	printf("semaphore: %zd %llu, %zd %llu, then %s\n", r1, (unsigned long long)v1, r2,
	       (unsigned long long)v2, err((int)read(efd, &v, 8)));

	/* an instance inside another */
	int outer = epoll_create1(0);
	ev.events = EPOLLIN;
	ev.data.u64 = 9;
	epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev);
	struct epoll_event got;
	printf("nested: %d data %llu\n", epoll_wait(outer, &got, 1, 0),
	       (unsigned long long)got.data.u64);
	return 0;
}
