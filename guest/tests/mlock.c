/*
 * mlock.c - locking memory: mlock/munlock of touched pages (meminfo's
 * Mlocked and status's VmLck), mlock2(MLOCK_ONFAULT) locking only what is
 * touched, mlockall(MCL_CURRENT|MCL_FUTURE) reaching new mappings and the
 * heap, munlockall, locks not inherited by fork, and the EINVAL cases.
 * Checked under rvmm by tests/integ/kernel_proc.sh. Native Linux (as root)
 * prints the same except for meminfo's Mlocked, which it updates through
 * per-CPU batches (a few lines then show a lagging +0 or +200 kB), and
 * VmLck = VmSize (it never locks [vvar]); qemu-riscv64 shows the host's /proc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 64

/* A field (kB) of a /proc file, -1 if absent. */
static long field(const char *file, const char *name)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen(file, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static long mlocked(void)
{
	return field("/proc/meminfo", "Mlocked");
}

static long vmlck(void)
{
	return field("/proc/self/status", "VmLck");
}

int main(void)
{
	long base = mlocked();
	char *p =
	    mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 1, PAGES * 4096);

	int r =
	    mlock(p, PAGES * 4096); /* (one call per statement: argument order is unspecified) */
	printf("mlock: %d, Mlocked +%ld kB, VmLck %ld kB\n", r, mlocked() - base, vmlck());
	r = munlock(p, PAGES * 4096);
	printf("munlock: %d, Mlocked +%ld kB, VmLck %ld kB\n", r, mlocked() - base, vmlck());
	munmap(p, PAGES * 4096);

	p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = mlock2(p, PAGES * 4096, MLOCK_ONFAULT);
	printf("mlock2 ONFAULT: %d, Mlocked +%ld kB, VmLck %ld kB\n", r, mlocked() - base, vmlck());
	memset(p, 1, 10 * 4096);
	printf("10 pages touched: Mlocked +%ld kB\n", mlocked() - base);
	r = mlock2(p, 4096, 2);
	printf("mlock2 bad flag: %d %s\n", r, strerror(errno));
	munmap(p, PAGES * 4096);
	printf("munmap of locked pages: Mlocked +%ld kB\n", mlocked() - base);

	r = mlockall(0);
	printf("mlockall(0): %d %s\n", r, strerror(errno));
	r = mlockall(MCL_ONFAULT);
	printf("mlockall(MCL_ONFAULT): %d %s\n", r, strerror(errno));
	r = mlockall(MCL_CURRENT | MCL_FUTURE);
	printf("mlockall(CURRENT|FUTURE): %d\n", r);
	printf("VmLck = VmSize: %s\n",
	       vmlck() == field("/proc/self/status", "VmSize") ? "yes" : "no");
	long before = mlocked();
	p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("a new mapping is locked and populated: Mlocked +%ld kB\n", mlocked() - before);
	fflush(stdout);
	if (fork() == 0) {
		printf("child: VmLck %ld kB\n", vmlck());
		fflush(stdout);
		_exit(0);
	}
	wait(NULL);
	r = munlockall();
	printf("munlockall: %d, VmLck %ld kB, Mlocked back: %s\n", r, vmlck(),
	       mlocked() == base ? "yes" : "no");
	return 0;
}
