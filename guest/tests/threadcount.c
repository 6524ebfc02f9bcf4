/* /proc/self/status counts the live threads of the process. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_barrier_t up, down;

static void *worker(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&up);
	pthread_barrier_wait(&down);
	return NULL;
}

static void threads_line(const char *when)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Threads:", 8))
			printf("%s: %s", when, line);
	if (f)
		fclose(f);
}

int main(void)
{
	pthread_t t[3];
	threads_line("alone");
	pthread_barrier_init(&up, NULL, 4);
	pthread_barrier_init(&down, NULL, 4);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	pthread_barrier_wait(&up);
	threads_line("with 3 workers");
	pthread_barrier_wait(&down);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	threads_line("joined");
	return 0;
}
