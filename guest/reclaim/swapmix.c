/*
 * swapmix - a mixed workload for swap throughput and zram's compression
 * (bench/guest-swap-bench.sh): MIB of anonymous memory filled page by page
 * with eight kinds of data (text, zeros, random bytes, small integers,
 * repeated records, half zeros), each page a function of its index; then
 * PASSES reads that check every page. While the memory is still mapped it
 * prints the swap counters of /proc/vmstat, zram's Used kB (/proc/swaps) and
 * nr_zspages (the frames zram's store holds).
 *   swapmix MIB PASSES [DUMP]   (DUMP: also write the workload to that file)
 * Exits 0 when every page read back as written.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const char *const words[] = {"memory ", "page ",	   "swap ", "kernel ", "the ",
				    "of ",     "reclaim ", "zram ", "\n",      "lru "};

/* Page i of the workload into p (8-byte words, so the interpreter is quick). */
static void make_page(uint64_t *p, uint64_t i)
{
	uint64_t s = i * 0x9e3779b97f4a7c15ULL + 1;
	size_t n = 0, w = PAGE / 8;
	switch (i % 8) {
	case 0:
	case 1:
	case 6: { /* text */
		char *c = (char *)p;
		while (n < PAGE) {
			const char *x = words[rnd(&s) % 10];
			while (*x && n < PAGE)
				c[n++] = *x++;
		}
		break;
	}
	case 2: /* zeros */ memset(p, 0, PAGE); break;
	case 3: /* random */
		for (; n < w; n++)
			p[n] = rnd(&s);
		break;
	case 4: /* small integers */
		for (; n < w; n++)
			p[n] = (i + 2 * n + rnd(&s) % 16) | (i + 2 * n + 1) << 32;
		break;
	case 5: /* records: a repeated struct with a counter */
		for (uint64_t k = 0; n < w; k++, n += 4) {
			p[n] = 0xcafe | k << 32;
			p[n + 1] = i;
			p[n + 2] = 7ULL << 32;
			p[n + 3] = 1ULL << 32;
		}
		break;
	default: /* half zeros, half random */
		memset(p, 0, PAGE / 2);
		for (n = w / 2; n < w; n++)
			p[n] = rnd(&s);
	}
}

static void vmstat(void)
{
	char line[128];
	FILE *f = fopen("/proc/vmstat", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "pswp", 4) || !strncmp(line, "nr_zspages ", 11))
			fputs(line, stdout);
	if (f)
		fclose(f);
	f = fopen("/proc/swaps", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char name[64];
		long size, used;
		if (sscanf(line, "%63s %*s %ld %ld", name, &size, &used) == 3 &&
		    strstr(name, "zram"))
			printf("zram_used_kb %ld\n", used);
	}
	if (f)
		fclose(f);
}

int main(int argc, char **argv)
{
	size_t pages = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) << 8;
	int passes = argc > 2 ? atoi(argv[2]) : 1;
	static uint64_t want[PAGE / 8];
	uint64_t *m =
	    mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 2;
	for (size_t i = 0; i < pages; i++)
		make_page(m + i * PAGE / 8, i);
	if (argc > 3) {
		int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		for (size_t i = 0; fd >= 0 && i < pages; i++) {
			make_page(want, i);
			if (write(fd, want, PAGE) != (ssize_t)PAGE)
				return 3;
		}
		if (fd >= 0)
			close(fd);
	}
	for (int k = 0; k < passes; k++)
		for (size_t i = 0; i < pages; i++) {
			make_page(want, i);
			if (memcmp(m + i * PAGE / 8, want, PAGE)) {
				printf("page %zu differs\n", i);
				return 1;
			}
		}
	vmstat();
	return 0;
}
