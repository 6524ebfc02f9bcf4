/*
 * lazy.c - lazy allocation, the classic lecture demo: malloc a large block
 * and watch VmSize grow at once while VmRSS stays put; touch every page and
 * watch VmRSS catch up. Numbers come from /proc/self/status.
 *   lazy [MIB]    (default 64)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long status_kb(const char *field)
{
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

static void report(const char *when)
{
	printf("%-16s VmSize %8ld kB   VmRSS %8ld kB\n", when, status_kb("VmSize"),
	       status_kb("VmRSS"));
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 64;
	report("start");
	char *p = malloc(mib << 20);
	if (!p) {
		printf("malloc of %zu MiB failed\n", mib);
		return 1;
	}
	report("after malloc");
	for (size_t i = 0; i < mib << 20; i += 4096)
		p[i] = 1;
	report("after touching");
	free(p);
	report("after free");
	return 0;
}
