/*
 * shmstress - shared anonymous memory (shmem) under memory pressure: a
 * MAP_SHARED|MAP_ANONYMOUS region of MIB, larger than RAM, is written by the
 * parent, checked and rewritten by a forked child, then checked by the
 * parent, so every page travels to swap and back through the shmem inode
 * while two processes share it.
 *   shmstress MIB [PASSES]
 * Prints, while the region is still mapped, "Shmem N", "Swap N" (smaps of
 * the region), "VmSwap N" and "SwapUsed N" (SwapTotal - SwapFree), all in kB;
 * after munmap "ShmemAfter N" and "SwapUsedAfter N"; then "ok" and exits 0,
 * or names the first bad word and exits 1.
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
	x ^= x >> 31;
	return x * 0x94d049bb133111ebULL;
}

static void fill(uint64_t *m, size_t pages, uint64_t salt)
{
	for (size_t p = 0; p < pages; p++)
		for (size_t w = 0; w < PAGE / 8; w += 61)
			m[p * PAGE / 8 + w] = pattern(p, w, salt);
}

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

/* The value (kB) of the line "key: N kB" in file; with range set, only inside
 * the smaps block that starts with range. -1 if absent. */
static long field(const char *file, const char *range, const char *key)
{
	char line[256];
	long v = -1;
	int in = !range;
	FILE *f = fopen(file, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (range && strchr(line, '-') && strchr(line, '-') < strchr(line, ' '))
			in = !strncmp(line, range, strlen(range));
		if (in && !strncmp(line, key, strlen(key)) && line[strlen(key)] == ':') {
			v = strtol(line + strlen(key) + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static long swap_used(void)
{
	return field("/proc/meminfo", NULL, "SwapTotal") - field("/proc/meminfo", NULL, "SwapFree");
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 40;
	int passes = argc > 2 ? atoi(argv[2]) : 2;
	size_t pages = mib << 8;
	char range[32];
	int st;
	uint64_t *m =
	    mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	fill(m, pages, 1);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) { /* the parent's pages, then ours for the parent */
		for (int i = 0; i < passes; i++)
			if (check(m, pages, 1, "child"))
				_exit(1);
		fill(m, pages, 2);
		_exit(check(m, pages, 2, "child rewritten"));
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("child failed (status %#x)\n", st);
		return 1;
	}
	for (int i = 0; i < passes; i++)
		if (check(m, pages, 2, "parent"))
			return 1;
	snprintf(range, sizeof(range), "%08lx-", (unsigned long)(uintptr_t)m);
	/* reading /proc allocates, which may swap more of the region out: take
	 * a pair of readings that no reclaim came between */
	long shmem, swap, vmswap, used;
	for (int i = 0; i < 8; i++) {
		shmem = field("/proc/meminfo", NULL, "Shmem");
		used = swap_used();
		swap = field("/proc/self/smaps", range, "Swap");
		vmswap = field("/proc/self/status", NULL, "VmSwap");
		if (field("/proc/meminfo", NULL, "Shmem") == shmem && swap_used() == used)
			break;
	}
	printf("Shmem %ld\nSwap %ld\nVmSwap %ld\nSwapUsed %ld\n", shmem, swap, vmswap, used);
	munmap(m, pages * PAGE);
	printf("ShmemAfter %ld\n", field("/proc/meminfo", NULL, "Shmem"));
	printf("SwapUsedAfter %ld\n", swap_used());
	printf("ok\n");
	return 0;
}
