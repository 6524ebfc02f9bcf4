/*
 * sigshare.c - threads share signal dispositions (CLONE_SIGHAND): a handler
 * installed by one thread runs when another thread takes the signal, and a
 * disposition reset by the other thread is seen by the first.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	hits++;
}

static void *installer(void *arg)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	return NULL;
}

static void *ignorer(void *arg)
{
	signal(SIGUSR2, SIG_IGN);
	return NULL;
}

int main(void)
{
	pthread_t t;
	struct sigaction old;

	pthread_create(&t, NULL, installer, NULL);
	pthread_join(t, NULL);
	raise(SIGUSR1); /* the main thread runs the handler the other thread installed */
	printf("handler ran %d time(s) in the main thread\n", (int)hits);
	pthread_create(&t, NULL, ignorer, NULL);
	pthread_join(t, NULL);
	sigaction(SIGUSR2, NULL, &old);
	printf("SIGUSR2 ignored as seen by main: %s\n", old.sa_handler == SIG_IGN ? "yes" : "no");
	raise(SIGUSR2);
	printf("survived SIGUSR2\n");
	return 0;
}
