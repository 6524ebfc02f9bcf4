/*
 * guard.c - a NOMMU program attacking the kernel's own memory (guest program
 * for rvmm --nommu, built with rvmm-cc). It finds ZONE_MOVABLE in
 * /proc/zoneinfo (the only memory U-mode may reach), then aims at the page
 * just below it, which holds mem_map (struct pages with host pointers):
 * through write() and read() the kernel must refuse with EFAULT, and a
 * direct store must be an access fault, SIGSEGV (status 139). Fixed lines
 * only (tests compare them).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first pfn of the Movable zone, 0 if there is none. */
static unsigned long movable_start_pfn(void)
{
	static char buf[16384];
	int fd = open("/proc/zoneinfo", O_RDONLY);
	long n = 0, r;
	char *z, *p;

	if (fd < 0)
		return 0;
	while (n < (long)sizeof(buf) - 1 &&
	       (r = read(fd, buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	z = strstr(buf, "Movable");
	p = z ? strstr(z, "start_pfn:") : NULL;
	return p ? strtoul(p + 10, NULL, 10) : 0;
}

int main(void)
{
	unsigned long pfn = movable_start_pfn();
	volatile unsigned long *target;
	int fd[2];
	long n;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("guard: Movable zone: %s\n", pfn ? "found" : "missing");
	if (!pfn || pipe(fd) < 0)
		return 1;
	target = (volatile unsigned long *)((pfn << 12) - 4096);
	n = write(fd[1], (const void *)target, 64);
	printf("guard: write() from mem_map: %s\n", n < 0 ? strerror(errno) : "done");
	n = write(fd[1], "0123456789abcdef", 16);
	n = read(fd[0], (void *)target, 16);
	printf("guard: read() into mem_map: %s\n", n < 0 ? strerror(errno) : "done");
	printf("guard: storing into mem_map\n");
	for (int i = 0; i < 512; i++)
		target[i] = 0x4141414141414141ul;
	printf("guard: mem_map overwritten\n");
	return 0;
}
