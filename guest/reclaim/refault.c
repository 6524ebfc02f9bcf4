/*
 * refault - shadow entries at work (docs/swap.md "Refaults"): read a file of
 * FILE_MIB into the page cache, push it out with ANON_MIB of anonymous
 * memory, read it again; then sweep the anonymous memory twice more (with
 * swap, its pages go out and come back). Prints the change of each
 * workingset_* counter of /proc/vmstat (and pswpin, pgmajfault) over the
 * second read ("file: ...") and over the sweeps ("anon: ...").
 *   refault PATH FILE_MIB ANON_MIB
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static const char *const names[] = {"workingset_refault_anon",
				    "workingset_refault_file",
				    "workingset_activate_anon",
				    "workingset_activate_file",
				    "workingset_restore_anon",
				    "workingset_restore_file",
				    "pswpin",
				    "pgmajfault"};
#define N (sizeof(names) / sizeof(names[0]))

static void snap(long v[N])
{
	char line[128];
	FILE *f = fopen("/proc/vmstat", "r");
	memset(v, 0, N * sizeof(long));
	while (f && fgets(line, sizeof(line), f))
		for (size_t i = 0; i < N; i++)
			if (!strncmp(line, names[i], strlen(names[i])) &&
			    line[strlen(names[i])] == ' ')
				v[i] = atol(line + strlen(names[i]) + 1);
	if (f)
		fclose(f);
}

static void report(const char *what, const long a[N], const long b[N])
{
	for (size_t i = 0; i < N; i++)
		printf("%s %s %ld\n", what, names[i], b[i] - a[i]);
}

static void read_all(int fd, size_t bytes)
{
	static char buf[PAGE];
	lseek(fd, 0, SEEK_SET);
	for (size_t done = 0; done < bytes; done += PAGE)
		if (read(fd, buf, PAGE) != (ssize_t)PAGE)
			exit(3);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: refault PATH FILE_MIB ANON_MIB\n");
		return 2;
	}
	size_t fbytes = strtoul(argv[2], NULL, 0) << 20, abytes = strtoul(argv[3], NULL, 0) << 20;
	long a[N], b[N];
	static char buf[PAGE];
	int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	for (size_t done = 0; done < fbytes; done += PAGE) {
		memset(buf, (int)(done / PAGE), PAGE);
		if (write(fd, buf, PAGE) != (ssize_t)PAGE)
			return 3;
	}
	read_all(fd, fbytes); /* into the page cache */
	char *m = mmap(NULL, abytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 2;
	for (size_t o = 0; o < abytes; o += PAGE) /* pressure: the cache goes first */
		m[o] = (char)(o / PAGE + 1);
	snap(a);
	read_all(fd, fbytes); /* the refaults */
	snap(b);
	report("file:", a, b);
	snap(a);
	for (int pass = 0; pass < 2; pass++)
		for (size_t o = 0; o < abytes; o += PAGE)
			if (m[o] != (char)(o / PAGE + 1))
				return 4;
	snap(b);
	report("anon:", a, b);
	close(fd);
	unlink(argv[1]);
	return 0;
}
