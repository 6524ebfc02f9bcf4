/*
 * oomkill - the OOM killer from a parent's point of view. The parent (PID 1,
 * small) forks a "quiet" child that holds QUIET MiB and sleeps, then a hog
 * child that grows until something is killed. It prints MemFree before the
 * hog, what wait() says about each child, and MemFree after both are reaped,
 * and checks that the system kept running.
 *   oomkill [QUIET_MIB [QUIET_ADJ]]
 * QUIET_ADJ is written to the quiet child's /proc/self/oom_score_adj (1000
 * makes it the victim even though the hog is bigger).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long meminfo_kb(const char *name)
{
	char line[256];
	long v = -1;
	size_t n = strlen(name);
	FILE *f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static void touch(char *p, long bytes)
{
	for (long i = 0; i < bytes; i += 4096)
		p[i] = 1;
}

static const char *describe(int st, char *buf)
{
	if (WIFSIGNALED(st))
		sprintf(buf, "killed by signal %d", WTERMSIG(st));
	else
		sprintf(buf, "exited %d", WEXITSTATUS(st));
	return buf;
}

int main(int argc, char **argv)
{
	long quiet_mib = argc > 1 ? atol(argv[1]) : 4;
	int adj = argc > 2 ? atoi(argv[2]) : 0;
	int pipefd[2], st;
	char c, buf[64];
	long free0 = meminfo_kb("MemFree");

	if (pipe(pipefd))
		return 2;
	pid_t quiet = fork();
	if (quiet == 0) {
		char *p = malloc(quiet_mib << 20);
		FILE *f = fopen("/proc/self/oom_score_adj", "w");
		if (!p || !f || fprintf(f, "%d\n", adj) < 0 || fclose(f))
			_exit(4);
		touch(p, quiet_mib << 20);
		if (write(pipefd[1], "r", 1) != 1)
			_exit(5);
		for (;;)
			pause();
	}
	if (read(pipefd[0], &c, 1) != 1)
		return 2;
	pid_t hog = fork();
	if (hog == 0) {
		for (;;) {
			char *p = malloc(1 << 20);
			if (!p)
				_exit(3);
			touch(p, 1 << 20);
		}
	}
	/* one of them dies; then stop the other */
	pid_t first = wait(&st);
	printf("first to go: %s, %s\n",
	       first == hog	? "hog"
	       : first == quiet ? "quiet"
				: "?",
	       describe(st, buf));
	pid_t other = first == hog ? quiet : hog;
	kill(other, SIGTERM);
	waitpid(other, &st, 0);
	printf("then: %s, %s\n", other == hog ? "hog" : "quiet", describe(st, buf));
	long free1 = meminfo_kb("MemFree");
	printf("MemFree back: %s (before %ld kB, after %ld kB)\n",
	       free1 >= free0 - 256 ? "yes" : "no", free0, free1);
	return 0;
}
