/*
 * stallclock - does the guest clock show a memory stall? Fill MIB of
 * anonymous memory, then time one more sweep over it with clock_gettime
 * (CLOCK_MONOTONIC) and read the "full" stall total of /proc/pressure/memory
 * around it (outside the timed part).
 *   stallclock MIB
 * Prints "clock_us N", "stall_us N" and "clock_minus_stall_us N": the
 * sweep runs the same instructions whatever RAM holds, so the last is the
 * same whether the sweep thrashed or not.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Everything touched between the two readings is locked in RAM (all the
 * mappings the program has before it maps the region: text, data, stack),
 * so that no swap-in of our own (a stall) falls outside the timed sweep. */
static struct {
	char text[512];
	struct timespec t0, t1;
} __attribute__((aligned(4096))) w;

/* The "full total=" of /proc/pressure/memory, without stdio (no allocation). */
static long full_total(void)
{
	int fd = open("/proc/pressure/memory", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, w.text, sizeof(w.text) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	w.text[n] = '\0';
	char *full = strstr(w.text, "full"), *t = full ? strstr(full, "total=") : NULL;
	return t ? atol(t + 6) : -1;
}

/* mlock every mapping of /proc/self/maps (there is no mlockall). 0 or -1. */
static int lock_all(void)
{
	char line[256];
	unsigned long a, b;
	FILE *f = fopen("/proc/self/maps", "r");
	int err = f ? 0 : -1;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &a, &b) == 2 && mlock((void *)a, b - a))
			err = -1;
	if (f)
		fclose(f);
	return err;
}

static long us(const struct timespec *t)
{
	return t->tv_sec * 1000000L + t->tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	size_t bytes = (argc > 1 ? strtoul(argv[1], NULL, 0) : 40) << 20;
	if (lock_all())
		return 3;
	volatile char *m =
	    mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long sum = 0;
	if (m == MAP_FAILED)
		return 2;
	for (size_t o = 0; o < bytes; o += 4096)
		m[o] = (char)(o >> 12);
	long s0 = full_total();
	clock_gettime(CLOCK_MONOTONIC, &w.t0);
	for (size_t o = 0; o < bytes; o += 4096)
		sum += m[o];
	clock_gettime(CLOCK_MONOTONIC, &w.t1);
	long s1 = full_total();
	printf("clock_us %ld\nstall_us %ld\nclock_minus_stall_us %ld\nsum %ld\n",
	       us(&w.t1) - us(&w.t0), s1 - s0, us(&w.t1) - us(&w.t0) - (s1 - s0), sum);
	return 0;
}
