/*
 * pipebig.c - a blocking write larger than the pipe returns only when every
 * byte is written (the reader drains it slowly, in odd-sized pieces); the
 * bytes arrive in order. A handler interrupting a write that filled the
 * pipe makes it return the count written (64 KiB, the pipe's capacity).
 * writev across iovecs is checked the same way.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG (1 << 20)

static void on_usr1(int sig)
{
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

/* Read everything from fd slowly; print the count and a checksum. */
static void drain(int fd)
{
	static char buf[3001];
	unsigned long sum = 0, n = 0, ok = 1;
	ssize_t r;
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < r; i++, n++) {
			if ((unsigned char)buf[i] != (unsigned char)(n * 7 + n / 4096))
				ok = 0;
			sum = sum * 31 + (unsigned char)buf[i];
		}
		if (n % 50 == 0)
			msleep(1);
	}
	printf("reader: %lu bytes, in order: %s, checksum %lx\n", n, ok ? "yes" : "no", sum);
}

int main(void)
{
	unsigned char *data = malloc(BIG);
	int p[2], st;
	pid_t pid;
	ssize_t w;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (unsigned long i = 0; i < BIG; i++)
		data[i] = (unsigned char)(i * 7 + i / 4096);
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		drain(p[0]);
		_exit(0);
	}
	close(p[0]);
	w = write(p[1], data, BIG);
	printf("write of 1 MiB returned %zd\n", w);
	close(p[1]);
	waitpid(pid, &st, 0);

	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		drain(p[0]);
		_exit(0);
	}
	close(p[0]);
	struct iovec iov[3] = {{data, 100000}, {data + 100000, 300000}, {data + 400000, 5}};
	w = writev(p[1], iov, 3);
	printf("writev of 400005 bytes returned %zd\n", w);
	close(p[1]);
	waitpid(pid, &st, 0);

	/* nobody reads: the write fills the pipe and sleeps until the handler */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		msleep(100);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	w = write(p[1], data, 200000);
	printf("interrupted write returned %zd\n", w);
	waitpid(pid, &st, 0);
	return 0;
}
