/*
 * free.c - `free` for rvmm guests: memory use from /proc/meminfo, in KiB
 * (or MiB with -m), with procps' definitions: used = total - free -
 * buff/cache, buff/cache = Buffers + Cached + SReclaimable.
 */
#include <stdio.h>
#include <string.h>

static unsigned long field(const char *text, const char *name)
{
	const char *p = strstr(text, name);
	unsigned long v = 0;
	if (p && p[strlen(name)] == ':')
		sscanf(p + strlen(name) + 1, "%lu", &v);
	return v;
}

int main(int argc, char **argv)
{
	char text[8192];
	unsigned div = argc > 1 && !strcmp(argv[1], "-m") ? 1024 : 1;
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unsigned long total = field(text, "MemTotal"), fr = field(text, "MemFree");
	unsigned long cache =
	    field(text, "Buffers") + field(text, "Cached") + field(text, "SReclaimable");
	unsigned long used = total > fr + cache ? total - fr - cache : 0;
	unsigned long st = field(text, "SwapTotal"), sf = field(text, "SwapFree");
	printf(
	    "               total        used        free      shared  buff/cache   available\n");
	printf("Mem:    %11lu %11lu %11lu %11lu %11lu %11lu\n", total / div, used / div, fr / div,
	       field(text, "Shmem") / div, cache / div, field(text, "MemAvailable") / div);
	printf("Swap:   %11lu %11lu %11lu\n", st / div, (st - sf) / div, sf / div);
	return 0;
}
