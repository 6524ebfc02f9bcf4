/*
 * swapstress - integrity under memory pressure: fill MIB of anonymous memory
 * with a pattern that names each page and word, read it all back (several
 * passes, so pages go to swap and come back), optionally fork so that the
 * child and the parent share the pages (copy-on-write, the swap cache) and
 * each then rewrites its own copy and checks it.
 *   swapstress MIB [PASSES] [fork] [stats]
 * (stats: print the swap and reclaim lines of /proc/vmstat at the end)
 * Prints "ok" and exits 0, or names the first bad word and exits 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static uint64_t pattern(uint64_t page, uint64_t word, uint64_t salt)
{
	uint64_t x = (page << 20) ^ word ^ (salt * 0x9e3779b97f4a7c15ULL);
	x ^= x >> 29;
	return x * 0xbf58476d1ce4e5b9ULL;
}

static void fill(uint64_t *m, size_t pages, uint64_t salt)
{
	for (size_t p = 0; p < pages; p++)
		for (size_t w = 0; w < PAGE / 8; w += 61) /* a few words per page, all pages */
			m[p * PAGE / 8 + w] = pattern(p, w, salt);
}

/* 0 when every page holds its pattern, else 1 (reported). */
static int check(const uint64_t *m, size_t pages, uint64_t salt, const char *who)
{
	for (size_t p = 0; p < pages; p++)
		for (size_t w = 0; w < PAGE / 8; w += 61)
			if (m[p * PAGE / 8 + w] != pattern(p, w, salt)) {
				printf("%s: page %zu word %zu: %016llx, want %016llx\n", who, p, w,
				       (unsigned long long)m[p * PAGE / 8 + w],
				       (unsigned long long)pattern(p, w, salt));
				return 1;
			}
	return 0;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 64;
	int passes = argc > 2 ? atoi(argv[2]) : 2;
	int do_fork = 0, stats = 0;
	for (int i = 3; i < argc; i++) {
		do_fork |= !strcmp(argv[i], "fork");
		stats |= !strcmp(argv[i], "stats");
	}
	size_t pages = mib << 8;
	uint64_t *m =
	    mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	fill(m, pages, 1);
	for (int i = 0; i < passes; i++)
		if (check(m, pages, 1, "parent"))
			return 1;
	if (do_fork) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0) {
			/* shared with the parent until written: check, rewrite, check */
			if (check(m, pages, 1, "child"))
				_exit(1);
			fill(m, pages, 2);
			_exit(check(m, pages, 2, "child"));
		}
		int st;
		if (check(m, pages, 1, "parent after fork"))
			return 1;
		fill(m, pages, 3);
		if (check(m, pages, 3, "parent rewritten"))
			return 1;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("child failed (status %#x)\n", st);
			return 1;
		}
	}
	munmap(m, pages * PAGE);
	if (stats) { /* the counters the test checks */
		char line[128];
		FILE *f = fopen("/proc/vmstat", "r");
		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "pswp", 4) || !strncmp(line, "pgmajfault", 10) ||
			    !strncmp(line, "workingset_refault_anon", 23) ||
			    !strncmp(line, "pgsteal", 7) || !strncmp(line, "oom_kill", 8))
				fputs(line, stdout);
		if (f)
			fclose(f);
	}
	printf("ok\n");
	return 0;
}
