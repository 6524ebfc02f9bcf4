/*
 * sysfuzz.c - random system calls with hostile arguments, to show that no
 * guest program can crash the kernel, leak its memory or reach past the
 * sandbox (tests/integ/sysfuzz.sh runs it under --check-leaks, and the test
 * suite runs again under ASan and UBSan).
 *
 *   sysfuzz [SEED [CHILDREN [CALLS]]]
 *
 * Each child makes CALLS calls with numbers from 0..459 and arguments drawn
 * from values that catch mistakes: 0, -1, small numbers, huge numbers,
 * pointers into a writable buffer (also its last bytes, so a copy runs off
 * the end), into read-only code, just below the top of user space, and into
 * the kernel half, descriptors it has open (a file, a pipe, /proc/self/maps),
 * pages of its own mappings, lengths in pages and flag bits. Calls that would end the test rather
 * than exercise the kernel are left out: killing other processes and exiting before the calls are
 * made; clone gets random flags from those of fork, vfork and threads (never CLONE_PARENT), so a
 * child's children and threads are its own. The parent reaps each child, killing it if it is still
 * alive after 2 s of guest time (it may be asleep for good), and prints one line per outcome. Same
 * seed, same run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned char buf[8192];
static unsigned char *region; /* 16 pages of its own, page-aligned */

static long arg(void)
{
	switch (next() % 16) {
	case 12: return (long)(3 + next() % 10);	       /* a descriptor it has */
	case 13: return (long)(region + 4096 * (next() % 16)); /* a page of its own */
	case 14: return (long)(4096 * (1 + next() % 16));      /* a length in pages */
	case 15: return (long)(next() & 0x7ff);		       /* flag bits */
	case 0: return 0;
	case 1: return -1;
	case 2: return (long)(next() % 64);
	case 3: return (long)(next() % 4096);
	case 4: return (long)next();
	case 5: return (long)(buf + next() % sizeof(buf));
	case 6: return (long)(buf + sizeof(buf) - next() % 16);	     /* runs off the end */
	case 7: return (long)(uintptr_t)&next;			     /* read-only code */
	case 8: return (long)((1ul << 38) - 8 - next() % 64);	     /* top of user space */
	case 9: return (long)(0xffffffc000000000ul + next() % 4096); /* kernel half */
	case 10: return (long)buf; /* the start of the buffer: a path, a struct */
	default: return 1l << (next() % 63);
	}
}

static int excluded(long nr)
{
	switch (nr) {
	case SYS_exit:
	case SYS_exit_group: /* end the child early: dull */
	case SYS_kill:
	case SYS_tkill:
	case SYS_tgkill: /* could kill the parent */
	case SYS_rt_sigqueueinfo:
	case SYS_rt_tgsigqueueinfo:
	case SYS_clone3: /* (clone is in, with tamed flags) */ return 1;
	}
	return 0;
}

static void child(int calls)
{
	int null = open("/dev/null", O_RDWR), p[2];
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd); /* whatever it writes goes nowhere */
	/* some state to work on: files, a pipe, a shared and a private mapping */
	open("fuzzfile", O_RDWR | O_CREAT, 0644);
	if (pipe(p) == 0 && write(p[1], "x", 1) != 1)
		_exit(1);
	region = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	open("/proc/self/maps", O_RDONLY);
	for (int i = 0; i < calls; i++) {
		long nr;
		do
			nr = (long)(next() % 460);
		while (excluded(nr));
		/* refresh the buffer: a printable path-like start, random bytes after */
		memcpy(buf, "fuzzfile\0/tmp/x", 16);
		for (size_t k = 16; k < 256; k++)
			buf[k] = (unsigned char)next();
		long a0 = arg(), a1 = arg(), a2 = arg(), a3 = arg(), a4 = arg(), a5 = arg();
		if (nr == SYS_clone)
			a0 = (long)((unsigned long)a0 &
				    (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				     CLONE_THREAD | CLONE_VFORK | CLONE_SETTLS |
				     CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
				     CLONE_CHILD_CLEARTID)) |
			     SIGCHLD;
		syscall(nr, a0, a1, a2, a3, a4, a5);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
	int children = argc > 2 ? atoi(argv[2]) : 100, calls = argc > 3 ? atoi(argv[3]) : 20;
	int exited = 0, killed[65] = {0}, timed_out = 0;

	for (int c = 0; c < children; c++) {
		rng = seed * 0x9e3779b97f4a7c15ull + (uint64_t)c + 1;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0)
			child(calls);
		int st = 0, waited = 0;
		struct timespec tick = {0, 10000000};
		while (waitpid(pid, &st, WNOHANG) == 0) {
			if (++waited == 200) { /* 2 s: asleep for good (pause, a futex...) */
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
				timed_out++;
				break;
			}
			nanosleep(&tick, NULL);
		}
		if (WIFEXITED(st))
			exited++;
		else if (WIFSIGNALED(st) && waited < 200)
			killed[WTERMSIG(st) & 63]++;
	}
	printf("sysfuzz seed %llu: %d children of %d calls\n", (unsigned long long)seed, children,
	       calls);
	printf("exited: %d, still asleep after 2 s: %d\n", exited, timed_out);
	for (int s = 1; s < 65; s++)
		if (killed[s])
			printf("killed by signal %d: %d\n", s, killed[s]);
	return 0;
}
