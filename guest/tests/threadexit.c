/*
 * threadexit.c - pthread_exit in the main thread: the process lives on in
 * its other threads (its pid, its output, a signal sent to it), its parent
 * cannot reap it yet, and it ends with the status of the last thread's
 * exit (exit(3) from a thread, or 0 when the last thread returns).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t main_pid;
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

static void *survivor(void *arg)
{
	msleep(200);
	while (!hits)
		msleep(10);
	printf("thread: main gone, same pid %s, signal handled %d\n",
	       getpid() == main_pid ? "yes" : "no", (int)hits);
	if (arg)
		exit(3);
	return NULL;
}

static void child(int code)
{
	pthread_t t;
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGUSR1, on_usr1);
	main_pid = getpid();
	pthread_create(&t, NULL, survivor, code ? (void *)1 : NULL);
	pthread_exit(NULL);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int code = 0; code < 2; code++) {
		int st = -1;
		pid_t pid = fork();
		if (pid == 0)
			child(code);
		msleep(100);
		pid_t w = waitpid(pid, &st, WNOHANG);
		printf("main thread exited, process reaped early: %s\n", w ? "yes" : "no");
		kill(pid, SIGUSR1);
		w = waitpid(pid, &st, 0);
		printf("reaped: %s, exit status %d\n", w == pid ? "yes" : "no",
		       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	}
	return 0;
}
