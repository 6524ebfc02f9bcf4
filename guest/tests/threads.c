/*
 * threads.c - a multi-threaded counter: pthread_create (clone with
 * CLONE_THREAD, CLONE_SETTLS, CLONE_CHILD_CLEARTID), mutexes and a condition
 * variable (futex wait/wake), nanosleep, pthread_join (the cleared tid).
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#define N     4
#define ITERS 20000
static long counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static void *worker(void *arg)
{
	long id = (long)arg;
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(id * 10);
}
int main(void)
{
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	struct timespec ts = {0, 1000000};
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	long sum = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(t[i], &r);
		sum += (long)r;
	}
	printf("counter %ld (expected %d), joined sum %ld\n", counter, N * ITERS, sum);
	return 0;
}
