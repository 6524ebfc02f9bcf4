/*
 * execve from a thread that is not the main one: the other threads die, the
 * process keeps its PID and parent, and the new image runs alone.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char pidarg[32];

static void *execer(void *arg)
{
	(void)arg;
	char *argv[] = {"execthread", "after", pidarg, NULL};
	execv("/proc/self/exe", argv);
	perror("execv");
	exit(1);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int threads(void)
{
	char line[256];
	int n = -1;
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Threads:", 8))
			n = atoi(line + 8);
	if (f)
		fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "after")) {
		printf("after exec: same pid %s, threads %d\n",
		       atoi(argv[2]) == getpid() ? "yes" : "no", threads());
		return 7;
	}
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t a, b;
		snprintf(pidarg, sizeof(pidarg), "%d", getpid());
		pthread_create(&b, NULL, sleeper, NULL);
		pthread_create(&a, NULL, execer, NULL);
		for (;;)
			pause();
	}
	int st;
	pid_t w = waitpid(pid, &st, 0);
	printf("parent: waited for the child's pid: %s, exit status %d\n", w == pid ? "yes" : "no",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
