/*
 * vtop.c - where a process's pages are in physical memory: for every page
 * of every mapping in /proc/PID/maps, its state from /proc/PID/pagemap and,
 * when present, its frame's mapcount and flags from /proc/kpagecount and
 * /proc/kpageflags. A small cousin of Linux's tools/mm/page-types.
 *
 *   vtop [PID]         every page that is present or swapped (default: self)
 *   vtop -a [PID]      also the pages not populated yet
 *
 * Runs under rvmm as root, so the frame numbers are real (Linux hides them
 * from unprivileged readers).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE	  4096ULL
#define PM_PFN(e) ((e) & ((1ULL << 55) - 1))

static const char *const kpf_names[] = {
    [0] = "locked",	  [2] = "referenced",  [3] = "uptodate",       [4] = "dirty",
    [5] = "lru",	  [6] = "active",      [7] = "slab",	       [8] = "writeback",
    [9] = "reclaim",	  [10] = "buddy",      [11] = "mmap",	       [12] = "anon",
    [13] = "swapcache",	  [14] = "swapbacked", [15] = "compound_head", [16] = "compound_tail",
    [18] = "unevictable", [20] = "nopage",     [24] = "zero_page",     [26] = "pgtable",
};

static uint64_t entry(int fd, uint64_t index)
{
	uint64_t v = 0;
	if (pread(fd, &v, 8, (off_t)(index * 8)) != 8)
		return 0;
	return v;
}

static void print_flags(uint64_t k)
{
	const char *sep = "";
	for (unsigned b = 0; b < sizeof(kpf_names) / sizeof(kpf_names[0]); b++) {
		if ((k >> b & 1) && kpf_names[b]) {
			printf("%s%s", sep, kpf_names[b]);
			sep = ",";
		}
	}
}

int main(int argc, char **argv)
{
	int all = argc > 1 && !strcmp(argv[1], "-a");
	const char *pid = argc > 1 + all ? argv[1 + all] : "self";
	char path[64], line[512];
	FILE *maps;
	int pm, kc, kf;

	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", pid);
	pm = open(path, O_RDONLY);
	kc = open("/proc/kpagecount", O_RDONLY);
	kf = open("/proc/kpageflags", O_RDONLY);
	if (!maps || pm < 0 || kc < 0 || kf < 0) {
		fprintf(stderr, "vtop: cannot read /proc/%s/{maps,pagemap} or /proc/kpage*\n", pid);
		return 1;
	}
	printf("%-16s %-12s %5s  %s\n", "VADDR", "FRAME", "MAPS", "STATE");
	while (fgets(line, sizeof(line), maps)) {
		unsigned long long lo, hi;
		char *name = strchr(line, '/') ? strchr(line, '/') : strchr(line, '[');
		if (sscanf(line, "%llx-%llx", &lo, &hi) != 2)
			continue;
		printf("-- %s", name ? name : "[anon]\n");
		for (uint64_t va = lo; va < hi; va += PAGE) {
			uint64_t e = entry(pm, va / PAGE);
			if (e >> 63) {
				uint64_t pfn = PM_PFN(e);
				printf("%016llx 0x%-10llx %5llu  %s%s", (unsigned long long)va,
				       (unsigned long long)pfn, (unsigned long long)entry(kc, pfn),
				       e >> 61 & 1 ? "file/shared " : "",
				       e >> 56 & 1 ? "exclusive " : "");
				print_flags(entry(kf, pfn));
				printf("\n");
			} else if (e >> 62 & 1) {
				printf("%016llx swap %u:%llu\n", (unsigned long long)va,
				       (unsigned)(e & 31), (unsigned long long)PM_PFN(e) >> 5);
			} else if (all) {
				printf("%016llx -\n", (unsigned long long)va);
			}
		}
	}
	return 0;
}
