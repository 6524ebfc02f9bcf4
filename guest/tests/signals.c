/*
 * signals.c - signals between processes: SIGTERM ends a child blocked in
 * read(); a SIGUSR1 handler runs in a sleeping child; SIGKILL cannot be
 * caught; SIGCHLD reaches the parent; kill() of a reaped pid fails.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
static volatile int got_usr1, got_chld;
static void on_usr1(int s)
{
	got_usr1++;
}
static void on_chld(int s)
{
	got_chld++;
}
int main(void)
{
	int p[2], status;
	signal(SIGCHLD, on_chld);
	/* 1: a child blocked in read() is killed by SIGTERM's default action */
	pipe(p);
	pid_t c = fork();
	if (c == 0) {
		char b;
		read(p[0], &b, 1);
		_exit(1);
	}
	usleep(1000);
	kill(c, SIGTERM);
	waitpid(c, &status, 0);
	printf("child 1: signaled %d by %d\n", WIFSIGNALED(status), WTERMSIG(status));
	/* 2: a child with a SIGUSR1 handler, interrupted while sleeping, tells us through a pipe */
	int q[2];
	pipe(q);
	c = fork();
	if (c == 0) {
		signal(SIGUSR1, on_usr1);
		close(q[0]);
		write(q[1], "R", 1); /* ready: the handler is installed */
		while (!got_usr1)
			usleep(500);
		write(q[1], "U", 1);
		_exit(7);
	}
	close(q[1]);
	char b = 0;
	read(q[0], &b, 1); /* wait until the child is ready (no race on a loaded host) */
	kill(c, SIGUSR1);
	read(q[0], &b, 1);
	waitpid(c, &status, 0);
	printf("child 2: said %c, exited %d\n", b, WEXITSTATUS(status));
	/* 3: SIGKILL cannot be caught or blocked */
	c = fork();
	if (c == 0) {
		signal(SIGKILL, on_usr1);
		for (;;)
			pause();
	}
	usleep(1000);
	kill(c, SIGKILL);
	waitpid(c, &status, 0);
	printf("child 3: signaled %d by %d\n", WIFSIGNALED(status), WTERMSIG(status));
	printf("SIGCHLD seen: %s\n", got_chld >= 1 ? "yes" : "no");
	printf("kill of a dead pid: %d\n", kill(c, SIGTERM));
	return 0;
}
