/*
 * probe.c - guest side of the viewer's kernel tests (tests/unit/test_view_kernel.c):
 * a fixed memory behaviour, then exit, so the map at init's exit is known.
 *   probe touch N      map N anonymous pages and write each once
 *   probe cow N W      map and touch N pages, fork; the child writes the first
 *                      W of them and stays (pause) while the parent exits
 *   probe hammer       touch 64 pages once, then store to a 65th 20M times
 *   probe oom          fork a child that maps and touches memory until the
 *                      kernel kills it; exit with the signal number it died of
 *   probe spin         loop over 1 MiB forever (benchmarks stop it with --max-insns)
 *   probe inspect      4 anonymous pages at 0x40000000 and the first page of
 *                      /probe (the root is this program's directory) at
 *                      0x50000000, touched; fork; the child stays, the parent exits
 *   probe swapin       4 anonymous pages at 0x40000000, touched; fork (the child
 *                      stays); the parent then touches 6000 more pages so the 4
 *                      go to swap, reads the first one back, and exits with
 *                      10 + (the swap slot the child's /proc/PID/pagemap gives
 *                      for 0x40000000) % 200
 */
#include <stdint.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE	4096
#define ANON_VA ((void *)0x40000000UL)
#define FILE_VA ((void *)0x50000000UL)

static char *map_pages(long n)
{
	char *p = mmap(NULL, (size_t)(n ? n : 1) * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(3);
	return p;
}

static void touch(char *p, long n, int val)
{
	for (long i = 0; i < n; i++)
		p[i * PAGE] = (char)val;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "touch")) {
		long n = atol(argv[2]);
		touch(map_pages(n), n, 1);
		_exit(0);
	}
	if (argc == 4 && !strcmp(argv[1], "cow")) {
		long n = atol(argv[2]), w = atol(argv[3]);
		char *p = map_pages(n), c = 0;
		int fd[2];
		touch(p, n, 1);
		if (pipe(fd) < 0)
			_exit(4);
		if (fork() == 0) {
			touch(p, w, 2);
			write(fd[1], "x", 1);
			for (;;)
				pause();
		}
		read(fd[0], &c, 1);
		_exit(0);
	}
	if (argc == 2 && !strcmp(argv[1], "hammer")) {
		char *p = map_pages(65);
		volatile long *hot = (volatile long *)(p + 64 * PAGE);
		touch(p, 64, 1);
		for (long i = 0; i < 20000000; i++)
			hot[i & 511] = i;
		_exit(0);
	}
	if (argc == 2 && !strcmp(argv[1], "oom")) {
		int st = 0;
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				touch(map_pages(1024), 1024, 1);
		waitpid(pid, &st, 0);
		_exit(WIFSIGNALED(st) ? WTERMSIG(st) : 100 + WEXITSTATUS(st));
	}
	if (argc == 2 && (!strcmp(argv[1], "inspect") || !strcmp(argv[1], "swapin"))) {
		char *p = mmap(ANON_VA, 4 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		     c = 0;
		int fd[2];
		if (p != ANON_VA)
			_exit(5);
		touch(p, 4, 7);
		if (argv[1][0] == 'i') {
			int f = open("/probe", O_RDONLY);
			volatile char *q =
			    mmap(FILE_VA, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, f, 0);
			if (f < 0 || q != FILE_VA || q[1] != 'E') /* the ELF magic */
				_exit(6);
		}
		if (pipe(fd) < 0)
			_exit(4);
		pid_t child = fork();
		if (child == 0) {
			write(fd[1], "x", 1);
			for (;;)
				pause();
		}
		read(fd[0], &c, 1);
		if (argv[1][0] == 's') {
			char path[64];
			uint64_t e = 0;
			touch(map_pages(6000), 6000, 1);
			if (((volatile char *)p)[0] != 7)
				_exit(7);
			snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)child);
			int pm = open(path, O_RDONLY);
			if (pm < 0 ||
			    pread(pm, &e, 8, (off_t)((uintptr_t)ANON_VA / PAGE * 8)) != 8 ||
			    !(e >> 62 & 1))
				_exit(8);
			_exit(10 + (int)((e >> 5 & ((1ULL << 50) - 1)) % 200));
		}
		_exit(0);
	}
	if (argc == 2 && !strcmp(argv[1], "spin")) {
		volatile long *a = (volatile long *)map_pages(256);
		for (unsigned long i = 0;; i++)
			a[(i * 67) & 131071] += (long)i;
	}
	return 2;
}
