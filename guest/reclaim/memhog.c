/*
 * memhog - grow anonymous memory 1 MiB at a time, touching every page, until
 * the OOM killer ends it (or LIMIT MiB is reached). Every STEP MiB it prints
 * what /proc says: its VmRSS and VmSwap, MemFree and SwapFree.
 *   memhog [STEP [LIMIT]]
 * Run it with and without --swap/--zram: without swap it dies when RAM is
 * full; with swap its resident set stops growing and VmSwap grows instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value (kB) of a "Name:   N kB" line of a /proc file, -1 if absent. */
static long proc_kb(const char *path, const char *name)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	long step = argc > 1 ? atol(argv[1]) : 4, limit = argc > 2 ? atol(argv[2]) : 0;
	for (long mib = 1; !limit || mib <= limit; mib++) {
		char *p = malloc(1 << 20);
		if (!p) {
			printf("malloc failed at %ld MiB\n", mib);
			return 3;
		}
		for (int i = 0; i < (1 << 20); i += 4096)
			p[i] = (char)(mib + i);
		if (mib % step == 0) {
			printf("%5ld MiB: VmRSS %6ld kB VmSwap %6ld kB MemFree %6ld kB SwapFree "
			       "%6ld kB\n",
			       mib, proc_kb("/proc/self/status", "VmRSS"),
			       proc_kb("/proc/self/status", "VmSwap"),
			       proc_kb("/proc/meminfo", "MemFree"),
			       proc_kb("/proc/meminfo", "SwapFree"));
			fflush(stdout);
		}
	}
	printf("reached %ld MiB\n", limit);
	return 0;
}
