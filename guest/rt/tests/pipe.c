/*
 * pipe.c - pipes between processes: bulk data with a checksum, a child's
 * stdout redirected into a pipe with dup3, EOF when writers close, EPIPE
 * and SIGPIPE with no reader, ESPIPE from lseek. Children are started
 * with vfork + execve of this program (roles on argv), so it runs without
 * an MMU too.
 */
#define _GNU_SOURCE /* glibc: pipe2, dup3 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "selfexec.h"

#define BULK (200 * 1000)

static int writer(int fd)
{
	char buf[4096];

	for (int i = 0; i < BULK;) {
		int n = 0;
		for (; n < (int)sizeof(buf) && i < BULK; n++, i++)
			buf[n] = (char)(i * 13 + (i >> 8));
		if (write(fd, buf, (size_t)n) != n)
			return 1;
	}
	return 0;
}

/* vfork + exec "self role arg"; if redirect >= 0 it becomes the child's stdout. */
static pid_t spawn(const char *self, char *role, int arg, int redirect)
{
	char a[16];
	pid_t p;

	snprintf(a, sizeof(a), "%d", arg);
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		if (redirect >= 0)
			dup3(redirect, 1, 0);
		selfexec(self, role, a);
		_exit(127);
	}
	return p;
}

int main(int argc, char **argv)
{
	int fds[2], status;
	char buf[4096];
	pid_t p;
	ssize_t n;

	if (argc == 3 && !strcmp(argv[1], "bulk"))
		return writer(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "hello")) {
		printf("hello through a pipe, pid is %s\n", getpid() > 0 ? "positive" : "odd");
		return 5;
	}
	if (argc == 3 && !strcmp(argv[1], "sigpipe")) {
		write(atoi(argv[2]), "x", 1);
		return 0;
	}

	if (pipe(fds) < 0) {
		perror("pipe");
		return 1;
	}
	p = spawn(argv[0], "bulk", fds[1], -1);
	close(fds[1]);
	unsigned long total = 0, sum = 0;
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++)
			sum = sum * 33 + (unsigned char)buf[k];
		total += (unsigned long)n;
	}
	close(fds[0]);
	waitpid(p, &status, 0);
	printf("bulk: %lu bytes, checksum %lx, writer exited %d\n", total, sum,
	       WEXITSTATUS(status));

	pipe2(fds, O_CLOEXEC); /* dup3 gives the child a copy without O_CLOEXEC */
	p = spawn(argv[0], "hello", 0, fds[1]);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("read %zd: %s", n, buf);
	printf("then EOF: %zd\n", read(fds[0], buf, sizeof(buf)));
	waitpid(p, &status, 0);
	printf("redirected child exited %d\n", WEXITSTATUS(status));

	errno = 0;
	long off = (long)lseek(fds[0], 0, SEEK_SET);
	printf("lseek on a pipe: %ld errno %s\n", off, strerror(errno));
	close(fds[0]);

	pipe(fds);
	close(fds[0]);
	p = spawn(argv[0], "sigpipe", fds[1], -1);
	waitpid(p, &status, 0);
	printf("writer without reader: %s %d\n", WIFSIGNALED(status) ? "signal" : "exit",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	n = write(fds[1], "x", 1);
	printf("ignored SIGPIPE: write %zd errno %s\n", n, strerror(errno));
	close(fds[1]);
	int r = dup3(99, 98, 0);
	printf("dup3 bad fd: %d %s\n", r, strerror(errno));
	return 0;
}
