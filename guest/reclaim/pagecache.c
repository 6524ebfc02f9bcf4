/*
 * pagecache - the page cache under pressure: read FILE (Cached grows by its
 * size), then allocate and touch ANON MiB of anonymous memory; reclaim
 * takes the clean cache first, so Cached shrinks while nothing is swapped
 * (pswpout unchanged) as long as the cache can pay. Prints the numbers.
 *   pagecache FILE ANON_MIB
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long field(const char *path, const char *name, char sep)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == sep)
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static void show(const char *when)
{
	printf("%-16s Cached %6ld kB  MemFree %6ld kB  SwapFree %6ld kB  pswpout %ld\n", when,
	       field("/proc/meminfo", "Cached", ':'), field("/proc/meminfo", "MemFree", ':'),
	       field("/proc/meminfo", "SwapFree", ':'), field("/proc/vmstat", "pswpout", ' '));
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	long anon = argc > 2 ? atol(argv[2]) : 8;
	if (argc < 2)
		return 2;
	show("start");
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	show(
	    "after read"); /* (kept open: rvmm drops a file's cache when its last user closes it) */
	char *p = malloc((size_t)anon << 20);
	if (!p)
		return 3;
	for (long i = 0; i < anon << 20; i += 4096)
		p[i] = 1;
	show("after anon");
	close(fd);
	return 0;
}
