/*
 * pagemap.c - virtual to physical as /proc/self/pagemap, /proc/kpagecount and
 * /proc/kpageflags show it: demand paging (no frame until the first touch),
 * the shared zero page behind a read, copy-on-write after fork (one frame,
 * two mappings, until a write gives the child its own), page-cache frames
 * behind a file mapping, and the files' read rules. Prints facts, never
 * frame numbers, so the output is exact (tests/integ/kernel_proc.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PM_PFN(e)      ((e) & ((1ULL << 55) - 1))
#define PM_EXCLUSIVE   (1ULL << 56)
#define PM_FILE	       (1ULL << 61)
#define PM_SWAP	       (1ULL << 62)
#define PM_PRESENT     (1ULL << 63)
#define KPF_MMAP       11
#define KPF_ANON       12
#define KPF_SWAPBACKED 14
#define KPF_NOPAGE     20
#define KPF_ZERO_PAGE  24

static uint64_t read_u64(const char *path, uint64_t index)
{
	uint64_t v = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, &v, 8, (off_t)(index * 8)) != 8) {
		perror(path);
		exit(1);
	}
	close(fd);
	return v;
}

static uint64_t pagemap(const void *p)
{
	return read_u64("/proc/self/pagemap", (uintptr_t)p / 4096);
}

/* smaps' Referenced (kB) of the VMA that holds p. */
static long referenced_kb(const void *p)
{
	char line[256];
	unsigned long lo, hi, addr = (unsigned long)p;
	long kb = -1;
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = addr >= lo && addr < hi;
		else if (in && sscanf(line, "Referenced: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static void clear_refs(const char *what)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	if (fd < 0 || write(fd, what, strlen(what)) != (ssize_t)strlen(what))
		printf("clear_refs %s: %s\n", what, strerror(errno));
	close(fd);
}

static const char *yesno(int b)
{
	return b ? "yes" : "no";
}

/* One line about the page at p: present/swapped/file/exclusive, mapcount, flags. */
static void show(const char *what, const void *p)
{
	uint64_t e = pagemap(p), pfn = PM_PFN(e);
	printf("%s: present %s swapped %s file %s exclusive %s", what, yesno(!!(e & PM_PRESENT)),
	       yesno(!!(e & PM_SWAP)), yesno(!!(e & PM_FILE)), yesno(!!(e & PM_EXCLUSIVE)));
	if (e & PM_PRESENT) {
		uint64_t k = read_u64("/proc/kpageflags", pfn);
		printf(" mapcount %llu anon %s swapbacked %s zero %s",
		       (unsigned long long)read_u64("/proc/kpagecount", pfn),
		       yesno(k >> KPF_ANON & 1), yesno(k >> KPF_SWAPBACKED & 1),
		       yesno(k >> KPF_ZERO_PAGE & 1));
	}
	printf("\n");
}

int main(void)
{
	char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char sink;
	uint64_t before, child_pfn;
	int fd, st;

	show("untouched", a);
	a[0] = 1;
	show("written", a);
	sink = a[4096];
	(void)sink;
	show("read only", a + 4096);
	before = PM_PFN(pagemap(a));

	fflush(stdout);
	if (fork() == 0) {
		show("child before write", a);
		printf("child sees the parent's frame: %s\n", yesno(PM_PFN(pagemap(a)) == before));
		a[0] = 2;
		show("child after write", a);
		child_pfn = PM_PFN(pagemap(a));
		printf("child has a frame of its own: %s\n", yesno(child_pfn != before));
		fflush(stdout);
		_exit(0);
	}
	wait(&st);
	show("parent after the child exited", a);
	printf("parent kept its frame: %s\n", yesno(PM_PFN(pagemap(a)) == before));

	fd = open("/proc/self/exe", O_RDONLY);
	char *f = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	sink = f[0];
	show("file page", f);

	/* The read rules: whole 8-byte entries only; frames outside RAM have no page. */
	int pm = open("/proc/self/pagemap", O_RDONLY);
	uint64_t buf[2];
	printf("unaligned offset: %s\n",
	       pread(pm, buf, 8, 4) < 0 && errno == EINVAL ? "EINVAL" : "?");
	printf("odd size: %s\n", pread(pm, buf, 12, 0) < 0 && errno == EINVAL ? "EINVAL" : "?");
	printf("page 0 mapped: %s\n", yesno(pread(pm, buf, 8, 0) == 8 && buf[0] != 0));
	printf("frame 0 is no page: %s\n",
	       yesno(read_u64("/proc/kpageflags", 0) >> KPF_NOPAGE & 1));
	printf("frame 0 count: %llu\n", (unsigned long long)read_u64("/proc/kpagecount", 0));
	munmap(a, 4 * 4096);
	printf("after munmap: %s\n", pagemap(a) == 0 ? "not present" : "still there?");

	/* The working set through the accessed bits: clear them, touch 10 of 64 pages. */
	char *w = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < 64; i++)
		w[i * 4096] = 1;
	printf("all touched: Referenced %ld kB\n", referenced_kb(w));
	clear_refs("1\n");
	printf("after clear_refs 1: Referenced %ld kB\n", referenced_kb(w));
	for (int i = 0; i < 10; i++)
		sink = w[i * 4096];
	printf("10 pages read since: Referenced %ld kB\n", referenced_kb(w));
	clear_refs("3");
	printf("clear_refs 3 (file mappings only): Referenced %ld kB\n", referenced_kb(w));
	clear_refs("2");
	printf("clear_refs 2 (anonymous only): Referenced %ld kB\n", referenced_kb(w));
	clear_refs("0");
	int cr = open("/proc/self/clear_refs", O_RDONLY);
	printf("open clear_refs for reading: %s\n", cr < 0 ? strerror(errno) : "opened?");
	return 0;
}
