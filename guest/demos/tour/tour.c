/*
 * tour.c - the built-in demo's guest program (rvmm with no arguments runs it
 * as init from a private root holding /tour and /big.dat).
 *
 * One chapter per topic of the lecture notes. Lines starting with "== " are
 * the captions rvmm shows in the window; every line goes to the terminal.
 * The swap chapters need a swap device (SwapTotal > 0 in /proc/meminfo): rvmm's
 * demo adds --zram 128M unless the user chose --swap or --zram. Without one
 * (the tour run by hand, e.g. rvmm --root DIR DIR/tour) they say so in one line.
 *
 * At the end the tour leaves a picture for the final snapshot: its own
 * touched anonymous memory, a forked child sharing half of it copy-on-write
 * (the child waits in pause()), and the page cache of an open file.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB  (1024 * 1024)
#define PAGE 4096

/* A field of a /proc file in kB ("VmRSS:    1234 kB"), -1 if absent. */
static long proc_kb(const char *file, const char *field)
{
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen(file, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

/* A counter of /proc/vmstat ("pgpgin 1234"), -1 if absent. */
static long vmstat(const char *name)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/vmstat", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ' ')
			v = strtol(line + n + 1, NULL, 10);
	fclose(f);
	return v;
}

/* Read a whole file; its size in bytes, -1 if it cannot be opened. */
static long read_file(const char *path)
{
	static char buf[64 * 1024];
	long total = 0, n;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	return total;
}

static void caption(const char *text)
{
	printf("\n== %s\n", text);
	fflush(stdout);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("   ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	fflush(stdout);
}

static void vm_line(const char *when)
{
	say("%-22s VmSize %7ld kB   VmRSS %7ld kB", when, proc_kb("/proc/self/status", "VmSize"),
	    proc_kb("/proc/self/status", "VmRSS"));
}

static long minflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static void touch(char *p, size_t len, int val)
{
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = (char)val;
}

static void chapter_lazy(void)
{
	caption("1. Lazy allocation: mmap reserves addresses, pages come at first touch");
	vm_line("at start");
	char *p = mmap(NULL, 32 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		say("mmap failed");
		return;
	}
	vm_line("after mmap 32 MiB");
	touch(p, 16 * MIB, 1);
	vm_line("after touching 16 MiB");
	munmap(p, 32 * MIB);
	vm_line("after munmap");
}

static void chapter_cow(void)
{
	caption("2. fork and copy-on-write: the child shares every page until someone writes");
	size_t len = 8 * MIB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	touch(p, len, 2);
	say("parent touched %zu pages", len / PAGE);
	pid_t pid = fork();
	if (pid == 0) {
		long before = minflt();
		touch(p, len / 2, 3); /* each first write to a shared page breaks COW */
		long faults = minflt() - before;
		say("child wrote %zu pages: %ld COW faults, each a private copy", len / 2 / PAGE,
		    faults);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	say("parent still sees its own data: %s", p[0] == 2 && p[len / 2 - 1] == 0 ? "yes" : "no");
	munmap(p, len);
}

static void chapter_page_cache(void)
{
	caption("3. The page cache: a file's pages stay in memory after close");
	long c0 = proc_kb("/proc/meminfo", "Cached");
	long in0 = vmstat("pgpgin");
	long total = read_file("/big.dat");
	if (total < 0) {
		say("no /big.dat");
		return;
	}
	long c1 = proc_kb("/proc/meminfo", "Cached");
	long in1 = vmstat("pgpgin");
	say("read %ld kB of /big.dat and closed it: Cached %ld kB -> %ld kB, pgpgin +%ld kB",
	    total / 1024, c0, c1, in1 - in0);
	read_file("/big.dat");
	say("read it again: pgpgin +%ld kB, every page came from the cache",
	    vmstat("pgpgin") - in1);
	say("(the pages of closed files stay until reclaim needs the memory: see chapter 4)");
}

static int have_swap(void)
{
	return proc_kb("/proc/meminfo", "SwapTotal") > 0;
}

static void chapter_swap(void)
{
	caption("4. Swapping to zram: anonymous pages compressed when memory runs short");
	if (!have_swap()) {
		say("skipped: no swap device (SwapTotal is 0; run with --zram SIZE or --swap "
		    "FILE)");
		return;
	}
	long ram = proc_kb("/proc/meminfo", "MemTotal");
	long cached = proc_kb("/proc/meminfo", "Cached");
	size_t len = (size_t)ram * 1024 / 4 * 5; /* 125% of RAM */
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	touch(p, len, 4);
	say("touched %zu MiB with %ld MiB of RAM: SwapFree %ld kB of %ld kB", len / MIB, ram / 1024,
	    proc_kb("/proc/meminfo", "SwapFree"), proc_kb("/proc/meminfo", "SwapTotal"));
	say("Cached %ld kB -> %ld kB: reclaim dropped clean file pages to make room", cached,
	    proc_kb("/proc/meminfo", "Cached"));
	munmap(p, len);
}

static void chapter_thrash(void)
{
	caption("5. Thrashing: a working set larger than RAM, every access a swap-in");
	if (!have_swap()) {
		say("skipped: no swap device (SwapTotal is 0; run with --zram SIZE or --swap "
		    "FILE)");
		return;
	}
	long ram = proc_kb("/proc/meminfo", "MemTotal");
	size_t len = (size_t)ram * 1024 / 4 * 5;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	struct rusage a, b;
	getrusage(RUSAGE_SELF, &a);
	for (int round = 0; round < 3; round++)
		touch(p, len, round);
	getrusage(RUSAGE_SELF, &b);
	say("3 sweeps over %zu MiB: %ld major faults", len / MIB, b.ru_majflt - a.ru_majflt);
	munmap(p, len);
}

static void chapter_oom(void)
{
	caption("6. The OOM killer: when nothing can be reclaimed, a process dies");
	pid_t pid = fork();
	if (pid == 0) {
		for (;;) { /* grow until the kernel says no */
			char *p = mmap(NULL, 4 * MIB, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(1);
			touch(p, 4 * MIB, 5);
		}
	}
	int st;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		say("the hog (pid %d) was killed by signal %d", pid, WTERMSIG(st));
	else
		say("the hog (pid %d) exited with status %d", pid, WEXITSTATUS(st));
}

/* The last picture: leaves a COW-sharing child and an open file's cache. */
static void finale(void)
{
	caption("The map now: this process, a forked child sharing its pages, a cached file");
	size_t len = 4 * MIB;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	touch(p, len, 6);
	int fd = open("/big.dat", O_RDONLY);
	static char buf[64 * 1024];
	while (fd >= 0 && read(fd, buf, sizeof(buf)) > 0)
		;
	int ready[2];
	if (pipe(ready) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		touch(p, len / 2, 7); /* half private copies, half still shared */
		write(ready[1], "x", 1);
		pause();
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	say("pid %d: %zu kB touched; child %d: wrote half of it; Cached %ld kB", getpid(),
	    len / 1024, pid, proc_kb("/proc/meminfo", "Cached"));
	say("end of the tour");
}

int main(void)
{
	printf("rvmm: a tour of memory management, from inside a Linux process (pid %d)\n",
	       getpid());
	chapter_lazy();
	chapter_cow();
	chapter_page_cache();
	chapter_swap();
	chapter_thrash();
	chapter_oom();
	finale();
	return 0;
}
