/*
 * semantics.c - what a program sees of rvmm's NOMMU mode (guest program,
 * built with rvmm-cc). Every line is independent of where the kernel put
 * things, so tests/integ/nommu.sh compares the whole output with fixed text:
 * fork and clone without CLONE_VM fail with EINVAL, vfork and
 * clone(CLONE_VM|CLONE_VFORK) work, anonymous mmap gives a physical,
 * naturally aligned block, MAP_FIXED and shared file mappings are refused,
 * a private file mapping is a copy, munmap takes whole mappings only,
 * mprotect does not exist, brk is limited, signals return through the
 * trampoline on the stack, /proc/self/maps lists the regions.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define RAM_BASE 0x80000000ul

static void result(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, strerror(errno));
	else
		printf("%s: %ld\n", what, r);
}

static int child_fn(void *arg)
{
	return (int)(long)arg;
}

static volatile int got_signal;

static void on_usr1(int sig)
{
	got_signal = sig;
}

static void wait_child(const char *what, pid_t p)
{
	int st = 0;
	if (p < 0) {
		result(what, -1);
		return;
	}
	if (waitpid(p, &st, 0) != p)
		printf("%s: waitpid failed: %s\n", what, strerror(errno));
	else
		printf("%s: child exited %d\n", what, WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
	static char cstack[16384] __attribute__((aligned(16)));
	char buf[64], *p, *q;
	int fd;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid = fork();
	if (pid == 0)
		_exit(0);
	result("fork", pid < 0 ? -1 : 0);
	pid = vfork();
	if (pid == 0)
		_exit(7);
	wait_child("vfork", pid);
	pid = clone(child_fn, cstack + sizeof(cstack), CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)9);
	wait_child("clone(CLONE_VM|CLONE_VFORK)", pid);
	pid = clone(child_fn, cstack + sizeof(cstack), SIGCHLD, (void *)3);
	result("clone without CLONE_VM", pid < 0 ? -1 : 0);

	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		result("mmap 64 KiB", -1);
		return 1;
	}
	printf("mmap 64 KiB: physical %s, aligned to 64 KiB %s, zeroed %s\n",
	       (unsigned long)p >= RAM_BASE ? "yes" : "no", (unsigned long)p % 65536 ? "no" : "yes",
	       p[0] == 0 && p[65535] == 0 ? "yes" : "no");
	memset(p, 0x5a, 65536);
	result("munmap half of it", munmap(p, 32768));
	result("munmap all of it", munmap(p, 65536));
	q = mmap((void *)0x90000000ul, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	result("mmap MAP_FIXED", q == MAP_FAILED ? -1 : 0);
	q = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	result("mprotect", mprotect(q, 4096, PROT_READ | PROT_WRITE));

	fd = argc > 0 ? open(argv[0], O_RDONLY) : -1;
	if (fd < 0 || read(fd, buf, sizeof(buf)) != (long)sizeof(buf)) {
		result("open/read the program", -1);
		return 1;
	}
	q = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	result("mmap MAP_SHARED of a file", q == MAP_FAILED ? -1 : 0);
	q = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	if (q == MAP_FAILED)
		result("mmap MAP_PRIVATE of a file", -1);
	else
		printf("mmap MAP_PRIVATE of a file: a copy, same bytes %s\n",
		       memcmp(q, buf, sizeof(buf)) ? "no" : "yes");
	close(fd);

	p = sbrk(0);
	printf("sbrk(4096): %s\n", sbrk(4096) == p ? "grew" : "failed");
	printf("sbrk(64 MiB): %s\n", sbrk(64l << 20) == (void *)-1 ? "failed" : "grew");

	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("SIGUSR1 handler ran and returned: %s\n", got_signal == SIGUSR1 ? "yes" : "no");

	fd = open("/proc/self/maps", O_RDONLY);
	{
		static char maps[8192];
		long n = fd < 0 ? -1 : read(fd, maps, sizeof(maps) - 1);
		int lines = 0, physical = 0;
		if (n < 0) {
			result("read /proc/self/maps", -1);
			return 1;
		}
		maps[n] = 0;
		for (char *l = maps; *l; l = strchr(l, '\n') + 1) {
			lines++;
			physical += strtoul(l, NULL, 16) >= RAM_BASE;
			if (!strchr(l, '\n'))
				break;
		}
		printf("/proc/self/maps: %d regions, %d physical, [stack] %s\n", lines, physical,
		       strstr(maps, "[stack]") ? "listed" : "missing");
	}
	/* No page tables, no pagemap (Linux has it only with an MMU). */
	result("open /proc/self/pagemap", open("/proc/self/pagemap", O_RDONLY));
	result("open /proc/kpageflags", open("/proc/kpageflags", O_RDONLY));
	return 0;
}
