/*
 * pgrp.c - process groups and sessions: setpgid (own group, joining
 * another, the errors), getpgid/getsid, kill to a group (-pgid and 0),
 * wait4 for a group (0 and -pgid), waitid(P_PGID), setsid in a child.
 * Prints relations, not pids, so the output is the same wherever it runs.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	hits++;
}

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000};
	nanosleep(&ts, NULL);
}

static pid_t child_pausing(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static const char *yes(int c)
{
	return c ? "yes" : "no";
}

int main(void)
{
	pid_t me = getpid(), a, b, c, d, w;
	int st, r;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* a new group led by a child, and a second child joining it */
	a = child_pausing();
	r = setpgid(a, a);
	printf("setpgid(a, a) = %d; getpgid(a) == a: %s\n", r, yes(getpgid(a) == a));
	b = child_pausing();
	r = setpgid(b, a);
	printf("setpgid(b, a) = %d; getpgid(b) == a: %s; same session: %s\n", r,
	       yes(getpgid(b) == a), yes(getsid(b) == getsid(0)));
	printf("parent's group unchanged: %s\n", yes(getpgid(0) == getpgid(me) && getpgid(0) != a));
	r = setpgid(b, 4000000);
	printf("join a group that does not exist: %d %s\n", r, strerror(errno));
	r = setpgid(3999999, 0);
	printf("setpgid of no such process: %d %s\n", r, strerror(errno));
	r = setpgid(0, -1);
	printf("negative pgid: %d %s\n", r, strerror(errno));
	r = getpgid(3999999);
	printf("getpgid of no such process: %d %s\n", r, strerror(errno));

	/* one kill to the group ends both; wait4(-a) reaps exactly them */
	r = kill(-a, SIGTERM);
	printf("kill(-a, SIGTERM) = %d\n", r);
	int got = 0;
	for (int i = 0; i < 2; i++) { /* (in the order they die) */
		w = waitpid(-a, &st, 0);
		got |= w == a ? 1 : w == b ? 2 : 4;
		printf("waitpid(-a): killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	}
	printf("reaped a and b: %s\n", yes(got == 3));
	w = waitpid(-a, &st, WNOHANG);
	printf("waitpid(-a) again: %d %s\n", (int)w, strerror(errno));
	r = kill(-a, 0);
	printf("kill to the empty group: %d %s\n", r, strerror(errno));

	/* wait4(0) takes a child of our group, not one that left it */
	d = fork();
	if (d == 0) {
		setpgid(0, 0);
		_exit(6);
	}
	setpgid(d, d);
	c = fork();
	if (c == 0) {
		msleep(100);
		_exit(5);
	}
	msleep(20); /* d is a zombie before c exits */
	w = waitpid(0, &st, 0);
	printf("waitpid(0): %s, status %d\n",
	       w == c	? "c (our group)"
	       : w == d ? "d"
			: "?",
	       WEXITSTATUS(st));
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	r = waitid(P_PGID, (id_t)d, &si, WEXITED);
	printf("waitid(P_PGID, d) = %d: %s, status %d\n", r, si.si_pid == d ? "d" : "?",
	       si.si_status);

	/* kill(0) in a group of our own reaches the whole group, the sender too */
	a = fork();
	if (a == 0) {
		signal(SIGUSR1, on_usr1);
		setpgid(0, 0);
		b = fork();
		if (b == 0) {
			while (!hits)
				pause();
			_exit(10 + hits);
		}
		msleep(50);
		kill(0, SIGUSR1);
		waitpid(b, &st, 0);
		printf("kill(0): grandchild exit %d, sender's handler ran %d\n", WEXITSTATUS(st),
		       (int)hits);
		_exit(0);
	}
	waitpid(a, &st, 0);

	/* setsid: a child becomes leader of a new session and group */
	a = fork();
	if (a == 0) {
		pid_t self = getpid();
		pid_t s = setsid();
		printf("setsid: returns own pid %s; sid %s; pgid %s\n", yes(s == self),
		       yes(getsid(0) == self), yes(getpgid(0) == self));
		r = setsid();
		printf("setsid again: %d %s\n", r, strerror(errno));
		r = setpgid(0, getpgid(getppid()));
		printf("session leader changes group: %d %s\n", r, strerror(errno));
		_exit(0);
	}
	waitpid(a, &st, 0);
	/* a child in another session cannot be moved by its parent */
	a = fork();
	if (a == 0) {
		setsid();
		for (;;)
			pause();
	}
	msleep(50);
	r = setpgid(a, getpgid(0));
	printf("setpgid of a child in another session: %d %s\n", r, strerror(errno));
	printf("its sid differs from ours: %s\n", yes(getsid(a) == a && getsid(a) != getsid(0)));
	kill(a, SIGKILL);
	waitpid(a, &st, 0);
	return 0;
}
