/*
 * madvise.c - telling the kernel about memory: MADV_PAGEOUT swaps a
 * private anonymous buffer out at once (pagemap shows every page swapped,
 * pswpout grows by as many, the next touches bring the same bytes back as
 * major faults) and drops clean file pages from the cache; MADV_COLD moves
 * active pages to the inactive list (kpageflags, pgdeactivate); shared
 * pages are left alone;
 * MADV_DONTFORK keeps a region out of a child; mincore shows a file's
 * cached pages through an untouched mapping, posix_fadvise(DONTNEED) drops
 * them, WILLNEED and readahead bring them back. Run with swap
 * (tests/integ/kernel_proc.sh uses --zram); prints facts, not addresses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES 64

static long vmstat(const char *name)
{
	char key[64];
	long v, found = -1;
	FILE *f = fopen("/proc/vmstat", "r");
	while (f && fscanf(f, "%63s %ld", key, &v) == 2)
		if (!strcmp(key, name))
			found = v;
	if (f)
		fclose(f);
	return found;
}

/* How many of the n pages at p are present, swapped, and on an active LRU list
 * (pagemap, kpageflags). */
static void residency(const char *what, const char *p, int n)
{
	int fd = open("/proc/self/pagemap", O_RDONLY), kf = open("/proc/kpageflags", O_RDONLY);
	int present = 0, swapped = 0, active = 0;
	for (int i = 0; i < n; i++) {
		uint64_t e = 0, k = 0;
		if (pread(fd, &e, 8, (off_t)((uintptr_t)p / 4096 + (unsigned)i) * 8) != 8)
			break;
		present += (int)(e >> 63);
		swapped += (int)(e >> 62 & 1);
		if (e >> 63 && pread(kf, &k, 8, (off_t)(e & ((1ull << 55) - 1)) * 8) == 8)
			active += (int)(k >> 6 & 1); /* KPF_ACTIVE */
	}
	close(fd);
	close(kf);
	printf("%s: %d present, %d swapped, %d active\n", what, present, swapped, active);
}

/* orig_data_size and compr_data_size of zram (/sys/block/zram0/mm_stat, Linux's format). */
static void zram_sizes(long *orig, long *compr)
{
	FILE *f = fopen("/sys/block/zram0/mm_stat", "r");
	*orig = *compr = -1;
	if (f && fscanf(f, "%ld %ld", orig, compr) != 2)
		*orig = *compr = -1;
	if (f)
		fclose(f);
}

static long majflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

int main(void)
{
	char *p =
	    mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long out0, in0, maj0, deact0;
	int ok = 1;

	for (int i = 0; i < PAGES * 4096; i++)
		p[i] = (char)(i * 7 + 3);
	residency("written", p, PAGES);

	long orig0, compr0, orig1, compr1;
	zram_sizes(&orig0, &compr0);
	out0 = vmstat("pswpout");
	printf("MADV_PAGEOUT: %d\n", madvise(p, PAGES * 4096, MADV_PAGEOUT));
	residency("after MADV_PAGEOUT", p, PAGES);
	printf("pswpout grew by %ld\n", vmstat("pswpout") - out0);
	zram_sizes(&orig1, &compr1);
	printf("zram mm_stat: orig_data_size +%ld, compressed to less than half: %s\n",
	       orig1 - orig0, (compr1 - compr0) * 2 < orig1 - orig0 ? "yes" : "no");

	in0 = vmstat("pswpin");
	maj0 = majflt();
	for (int i = 0; i < PAGES * 4096; i++)
		ok &= p[i] == (char)(i * 7 + 3);
	printf("read back: %s, pswpin grew by %ld, major faults %ld\n",
	       ok ? "identical" : "CORRUPT", vmstat("pswpin") - in0, majflt() - maj0);
	residency("after reading", p, PAGES);

	/* a page shared with a child (after fork) is not paged out */
	fflush(stdout);
	int pp[2];
	if (pipe(pp))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		if (read(pp[0], &c, 1) != 1) /* until the parent has tried */
			_exit(1);
		_exit(p[0] == 3 ? 0 : 1);
	}
	madvise(p, 4096, MADV_PAGEOUT);
	residency("a page shared with a child, after MADV_PAGEOUT", p, 1);
	if (write(pp[1], "x", 1) != 1)
		return 1;
	waitpid(pid, NULL, 0);

	/* file pages: read twice with read(2) they are active; MADV_COLD makes them
	 * inactive, MADV_PAGEOUT drops them (clean) from the page cache */
	int fd = open("madvise.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char buf[8 * 4096];
	memset(buf, 'f', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		return 1;
	for (int r = 0; r < 2; r++)
		if (pread(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf))
			return 1;
	char *f = mmap(NULL, 8 * 4096, PROT_READ, MAP_SHARED, fd, 0);
	volatile char sink = 0;
	for (int i = 0; i < 8; i++)
		sink += f[i * 4096];
	(void)sink;
	residency("file pages read twice", f, 8);
	deact0 = vmstat("pgdeactivate");
	printf("MADV_COLD: %d\n", madvise(f, 8 * 4096, MADV_COLD));
	residency("after MADV_COLD", f, 8);
	printf("pgdeactivate grew by %ld\n", vmstat("pgdeactivate") - deact0);
	printf("MADV_PAGEOUT: %d\n", madvise(f, 8 * 4096, MADV_PAGEOUT));
	residency("after MADV_PAGEOUT", f, 8);
	munmap(f, 8 * 4096);
	close(fd);
	unlink("madvise.dat");

	/* the page cache through mincore, posix_fadvise and readahead */
	fd = open("fadvise.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char big[64 * 4096];
	memset(big, 'c', sizeof(big));
	if (write(fd, big, sizeof(big)) != (ssize_t)sizeof(big))
		return 1;
	char *m = mmap(NULL, sizeof(big), PROT_READ, MAP_SHARED, fd, 0);
	unsigned char vec[64];
	int in;
#define RESIDENT()                                                                                 \
	(mincore(m, sizeof(big), vec), in = 0, ({                                                  \
		 for (int i = 0; i < 64; i++)                                                      \
			 in += vec[i] & 1;                                                         \
	 }),                                                                                       \
	 in)
	printf("written, never touched through the mapping: %d of 64 resident\n", RESIDENT());
	long cached = vmstat("nr_file_pages");
	printf("POSIX_FADV_DONTNEED: %d\n", posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED));
	printf("then %d resident, nr_file_pages -%ld\n", RESIDENT(),
	       cached - vmstat("nr_file_pages"));
	printf("POSIX_FADV_WILLNEED: %d, then %d resident\n",
	       posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED), RESIDENT());
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	printf("readahead of 16 pages: %zd, then %d resident\n", readahead(fd, 0, 16 * 4096),
	       RESIDENT());
	posix_fadvise(fd, 4096, 4096, POSIX_FADV_DONTNEED);
	printf("DONTNEED of page 1 alone: %d resident\n", RESIDENT());
	printf("bad advice: %d, on a pipe: %d\n", posix_fadvise(fd, 0, 0, 99),
	       posix_fadvise(pp[0], 0, 0, 0));
	munmap(m, sizeof(big));
	close(fd);
	unlink("fadvise.dat");

	/* MADV_DONTFORK: the child has no such mapping */
	char *d = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	d[0] = 1;
	printf("MADV_DONTFORK: %d\n", madvise(d, 4096, MADV_DONTFORK));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		volatile char x = d[0]; /* no mapping here: SIGSEGV */
		(void)x;
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("the child touching it: %s\n",
	       WIFSIGNALED(st) && WTERMSIG(st) == 11 ? "SIGSEGV" : "no fault?");
	printf("bad advice: %d\n", madvise(d, 4096, 12345));
	return 0;
}
