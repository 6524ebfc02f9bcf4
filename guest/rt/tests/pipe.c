/*
 * pipe.c - pipes between processes: bulk data with a checksum, a child's
 * stdout redirected into a pipe with dup3, EOF when writers close, EPIPE
 * and SIGPIPE with no reader, ESPIPE from lseek.
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

#define BULK (200 * 1000)

int main(void)
{
	int fds[2], status;
	char buf[4096];
	pid_t p;

	if (pipe(fds) < 0) {
		perror("pipe");
		return 1;
	}
	p = fork();
	if (p == 0) {
		close(fds[0]);
		for (int i = 0; i < BULK;) {
			int n = 0;
			for (; n < (int)sizeof(buf) && i < BULK; n++, i++)
				buf[n] = (char)(i * 13 + (i >> 8));
			if (write(fds[1], buf, (size_t)n) != n)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	unsigned long total = 0, sum = 0;
	ssize_t n;
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++)
			sum = sum * 33 + (unsigned char)buf[k];
		total += (unsigned long)n;
	}
	close(fds[0]);
	waitpid(p, &status, 0);
	printf("bulk: %lu bytes, checksum %lx, writer exited %d\n", total, sum,
	       WEXITSTATUS(status));

	pipe2(fds, O_CLOEXEC);
	fflush(stdout); /* or the child would send our buffered line down the pipe */
	p = fork();
	if (p == 0) {
		dup3(fds[1], 1, 0);
		close(fds[0]);
		close(fds[1]);
		printf("hello through a pipe, pid is %s\n", getpid() > 0 ? "positive" : "odd");
		exit(5);
	}
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
	p = fork();
	if (p == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
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
