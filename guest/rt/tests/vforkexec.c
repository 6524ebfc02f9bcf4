/*
 * vforkexec.c - vfork+execve, vfork+_exit, a failing execve in a vfork
 * child, and an exec'ed program's exit status. Run without arguments; it
 * execs itself with "child N" to play the child role.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "selfexec.h"

static int run_child(const char *self, char *n)
{
	int status;
	pid_t p;

	fflush(stdout);
	p = vfork();
	if (p < 0) {
		perror("vfork");
		exit(1);
	}
	if (p == 0) {
		selfexec(self, "child", n);
		_exit(127);
	}
	if (waitpid(p, &status, 0) != p)
		printf("waitpid: wrong pid\n");
	return status;
}

int main(int argc, char **argv)
{
	int status;
	pid_t p;

	if (argc == 3 && !strcmp(argv[1], "child")) {
		printf("child %s: argc %d, running after exec\n", argv[2], argc);
		return atoi(argv[2]);
	}
	for (int i = 1; i <= 3; i++) {
		char n[8];
		snprintf(n, sizeof(n), "%d", i * 11);
		status = run_child(argv[0], n);
		printf("parent: child %d exited %d\n", i, WEXITSTATUS(status));
	}

	p = vfork();
	if (p == 0)
		_exit(7);
	waitpid(p, &status, 0);
	printf("vfork+_exit: exited %d\n", WEXITSTATUS(status));

	p = vfork();
	if (p == 0) {
		char *args[] = {"/nonexistent/program", NULL};
		execve(args[0], args, environ);
		_exit(errno == ENOENT ? 42 : 43);
	}
	waitpid(p, &status, 0);
	printf("vfork+failed execve: exited %d\n", WEXITSTATUS(status));
	return 0;
}
