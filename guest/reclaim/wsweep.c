/*
 * wsweep - thrashing made visible: sweep a working set of growing size
 * (FROM..TO MiB by STEP) PASSES times and report, for each size, the major
 * faults per pass and the swap-ins per pass (from /proc/vmstat). Below RAM
 * size the sweeps cost nothing after the first; as the set passes what RAM
 * can hold, every pass faults the whole set back in (LRU order is exactly
 * wrong for a cyclic sweep). The last two columns are the memory stall
 * of the passes from /proc/pressure/memory (some and full totals, guest us).
 *   wsweep FROM TO STEP [PASSES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

static long vmstat(const char *name)
{
	char line[128];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/vmstat", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ' ')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* The total= of the "some" or "full" line of /proc/pressure/memory, -1 if absent. */
static long psi_total(const char *which)
{
	char line[160];
	long v = -1;
	size_t n = strlen(which);
	FILE *f = fopen("/proc/pressure/memory", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *t = strstr(line, "total=");
		if (!strncmp(line, which, n) && line[n] == ' ' && t)
			v = strtol(t + 6, NULL, 10);
	}
	if (f)
		fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	long from = argc > 1 ? atol(argv[1]) : 8, to = argc > 2 ? atol(argv[2]) : 48;
	long step = argc > 3 ? atol(argv[3]) : 8, passes = argc > 4 ? atol(argv[4]) : 3;
	printf("%8s %14s %14s %12s %12s\n", "set MiB", "majflt/pass", "pswpin/pass", "some us",
	       "full us");
	for (long mib = from; mib <= to; mib += step) {
		size_t bytes = (size_t)mib << 20;
		volatile char *p =
		    mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return 2;
		for (size_t i = 0; i < bytes; i += 4096)
			p[i] = 1; /* first touch: not counted */
		struct rusage r0, r1;
		long in0 = vmstat("pswpin"), some0 = psi_total("some"), full0 = psi_total("full");
		getrusage(RUSAGE_SELF, &r0);
		for (long k = 0; k < passes; k++)
			for (size_t i = 0; i < bytes; i += 4096)
				p[i]++;
		getrusage(RUSAGE_SELF, &r1);
		printf("%8ld %14ld %14ld %12ld %12ld\n", mib,
		       (r1.ru_majflt - r0.ru_majflt) / passes, (vmstat("pswpin") - in0) / passes,
		       psi_total("some") - some0, psi_total("full") - full0);
		fflush(stdout);
		munmap((void *)p, bytes);
	}
	return 0;
}
