/*
 * futexshared.c - futexes in MAP_SHARED memory across processes: a parent
 * and a child map the same shared anonymous region and the same file at
 * different addresses; FUTEX_WAIT in one is woken by FUTEX_WAKE in the
 * other. A private futex op on the same word does not wake a shared waiter.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, 0);
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

/* The child waits on *w (expecting 0), then reports how it woke. */
static void waiter(const char *what, uint32_t *w)
{
	struct timespec ts = {2, 0};
	long r = futex(w, FUTEX_WAIT, 0, &ts);
	printf("%s: child woke: %ld, word %u\n", what, r, *w);
	_exit(0);
}

int main(void)
{
	int st;
	setvbuf(stdout, NULL, _IONBF, 0);

	/* shared anonymous memory, inherited at fork, seen at another address in the child */
	uint32_t *a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid = fork();
	if (pid == 0) {
		uint32_t *alias =
		    mremap(a, 8192, 8192, MREMAP_MAYMOVE | MREMAP_FIXED,
			   (char *)a + (64 << 20)); /* moved: same memory, new address */
		waiter("shared anon", alias == MAP_FAILED ? a : alias);
	}
	msleep(100);
	long n = futex(a, FUTEX_WAKE_PRIVATE, 1, NULL);
	printf("shared anon: private wake woke %ld\n", n);
	*a = 1;
	n = futex(a, FUTEX_WAKE, 1, NULL);
	waitpid(pid, &st, 0); /* (the child prints first) */
	printf("shared anon: shared wake woke %ld\n", n);

	/* a file mapped MAP_SHARED by two processes, opened separately */
	int fd = open("futex.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 8192))
		return 1;
	close(fd);
	pid = fork();
	if (pid == 0) {
		int cfd = open("futex.dat", O_RDWR);
		uint32_t *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		waiter("shared file", m + 1024 + 3); /* second page, word 3 */
	}
	msleep(100);
	fd = open("futex.dat", O_RDWR);
	/* only the second page, at an address of its own */
	uint32_t *p2 = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 4096);
	p2[3] = 7;
	n = futex(p2 + 3, FUTEX_WAKE, 1, NULL);
	waitpid(pid, &st, 0);
	printf("shared file: wake at another address woke %ld\n", n);
	unlink("futex.dat");
	return 0;
}
