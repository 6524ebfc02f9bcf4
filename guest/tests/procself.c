/*
 * procself.c - copy-on-write as /proc/self/smaps shows it: after fork the
 * child shares the parent's 1 MiB block (Shared_Dirty, Pss halved); after
 * the child writes it, the block is private. Also /proc/self/stat's fault
 * counters and /proc/PID/oom_score. The output is rvmm's (checked by
 * tests/integ/kernel_proc.sh), not compared with qemu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE (1 << 20)

/* Print Rss, Pss, Shared_Dirty and Private_Dirty of the VMA containing p. */
static void smaps_of(const char *when, void *p)
{
	char line[256];
	unsigned long lo, hi, addr = (unsigned long)p;
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, ' ') == line + strcspn(line, " "))
			in = addr >= lo && addr < hi;
		else if (in && (!strncmp(line, "Rss:", 4) || !strncmp(line, "Pss:", 4) ||
				!strncmp(line, "Shared_Dirty:", 13) ||
				!strncmp(line, "Private_Dirty:", 14)))
			printf("%s %s", when, line);
	}
	fclose(f);
}

int main(void)
{
	char *p = malloc(SIZE);
	memset(p, 1, SIZE);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		smaps_of("shared", p);
		for (size_t i = 0; i < SIZE; i += 4096) /* every page is copied now */
			((volatile char *)p)[i] = 2;
		smaps_of("copied", p);
		unsigned long minflt = 0;
		char buf[1024];
		FILE *f = fopen("/proc/self/stat", "r");
		fgets(buf, sizeof(buf), f);
		fclose(f);
		sscanf(strrchr(buf, ')') + 2, "%*c %*d %*d %*d %*d %*d %*u %lu", &minflt);
		printf("child minflt >= 256: %s\n", minflt >= 256 ? "yes" : "no");
		fflush(stdout);
		_exit(0);
	}
	wait(NULL);
	char path[64], line[32];
	snprintf(path, sizeof(path), "/proc/%d/oom_score", getpid());
	FILE *f = fopen(path, "r");
	printf("oom_score readable: %s\n", f && fgets(line, sizeof(line), f) ? "yes" : "no");
	return 0;
}
