/*
 * forkwait.c - fork, exit statuses, waitpid, signals as wait statuses, and
 * stdio buffers across fork (a buffered line is inherited by the child and
 * printed twice, exactly as glibc does when stdout is not a terminal).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%s: status %#x\n", what, status);
}

int main(void)
{
	pid_t pids[5];
	int status, shared = 10;

	for (int i = 0; i < 5; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[i] == 0) {
			shared += i; /* the child's own copy */
			_exit(i * 10 + shared);
		}
	}
	for (int i = 4; i >= 0; i--) {
		char what[32];
		if (waitpid(pids[i], &status, 0) != pids[i])
			printf("waitpid %d: wrong pid\n", i);
		snprintf(what, sizeof(what), "child %d", i);
		report(what, status);
	}
	printf("parent still sees %d\n", shared);
	fflush(stdout);

	pid_t p = fork();
	if (p == 0) {
		kill(getpid(), SIGTERM);
		_exit(99);
	}
	waitpid(p, &status, 0);
	report("SIGTERM child", status);

	p = fork();
	if (p == 0) {
		volatile int *volatile bad = NULL;
		bad[2] = 1; /* a store to an unmapped page */
		_exit(98);
	}
	waitpid(p, &status, 0);
	report("SIGSEGV child", status);

	p = fork();
	if (p == 0) {
		int ok = getppid() > 1;
		_exit(ok ? 3 : 4);
	}
	waitpid(p, &status, 0);
	report("getppid child", status);

	printf("buffered before fork\n"); /* not flushed: both processes own a copy */
	p = fork();
	if (p == 0) {
		printf("child adds a line\n");
		exit(0); /* flushes the inherited line too */
	}
	waitpid(p, &status, 0);
	report("stdio child", status);

	printf("no child left: %d\n", wait(&status) < 0);
	return 0;
}
