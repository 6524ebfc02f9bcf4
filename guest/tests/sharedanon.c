/*
 * sharedanon.c - MAP_SHARED|MAP_ANONYMOUS memory stays shared after fork,
 * even for pages first touched after it (shmem); MAP_PRIVATE does not.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	int *s = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	s[0] = 1;
	pid_t p = fork();
	if (p == 0) {
		s[0] = 2;
		s[5 * 1024] = 55; /* a page nobody touched before the fork */
		_exit(0);
	}
	waitpid(p, NULL, 0);
	printf("parent sees %d and %d\n", s[0], s[5 * 1024]);
	int *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q[0] = 1;
	if (fork() == 0) {
		q[0] = 2;
		_exit(0);
	}
	wait(NULL);
	printf("private stays %d\n", q[0]);
	return 0;
}
