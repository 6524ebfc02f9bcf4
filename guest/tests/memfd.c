/*
 * memfd.c - anonymous memory with a descriptor: memfd_create, write/read,
 * ftruncate, a shared mapping seen through read and by a forked child, its
 * /proc name, SIGBUS past the end after shrinking (and zeros when it grows
 * back), writes past the end growing it, and the EINVAL cases. Output
 * compared with qemu-riscv64 (kernel_diff.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;

static void on_sigbus(int sig)
{
	siglongjmp(env, sig);
}

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) ? -1 : (long)st.st_size;
}

int main(void)
{
	char buf[64], link[64], path[32], longname[300];
	int fd = memfd_create("demo", MFD_CLOEXEC);
	ssize_t n;

	printf("memfd: %s, size %ld\n", fd >= 0 ? "ok" : strerror(errno), size_of(fd));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	printf("its name: %s\n", link);
	printf("close-on-exec: %s\n", fcntl(fd, F_GETFD) & FD_CLOEXEC ? "yes" : "no");
	printf("ftruncate 3 pages: %d, size %ld\n", ftruncate(fd, 3 * 4096), size_of(fd));
	printf("write: %zd\n", pwrite(fd, "hello", 5, 0));

	char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("mapped: %.5s\n", m);
	memcpy(m + 4096, "world", 5);
	memset(buf, 0, sizeof(buf));
	n = pread(fd, buf, 5, 4096);
	printf("read what the mapping wrote: %zd %s\n", n, buf);
	fflush(stdout);
	if (fork() == 0) {
		memcpy(m + 8192, "child", 5);
		_exit(0);
	}
	wait(NULL);
	printf("the child's write: %.5s\n", m + 8192);
	printf("lseek end: %ld, read at the end: %zd\n", (long)lseek(fd, 0, SEEK_END),
	       read(fd, buf, sizeof(buf)));

	printf("shrink to 1 page: %d, size %ld\n", ftruncate(fd, 4096), size_of(fd));
	signal(SIGBUS, on_sigbus);
	int sig = sigsetjmp(env, 1);
	if (!sig)
		printf("past the end: %d (no fault?)\n", m[4096]);
	else
		printf("past the end: signal %d (SIGBUS)\n", sig);
	printf("grow back: %d, the old data is gone: %d\n", ftruncate(fd, 2 * 4096), m[4096]);
	printf("page 0 kept: %.5s\n", m);

	n = pwrite(fd, "tail", 4, 10000);
	printf("write past the end: %zd, size %ld\n", n, size_of(fd));

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	printf("name of 299 bytes: %s\n", memfd_create(longname, 0) < 0 ? strerror(errno) : "ok");
	printf("bad flags: %s\n", memfd_create("x", 0x100) < 0 ? strerror(errno) : "ok");
	return 0;
}
