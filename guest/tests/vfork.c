/*
 * vfork.c - vfork (the child borrows the parent's memory until it exits) and
 * posix_spawn (clone with CLONE_VM|CLONE_VFORK, then execve). qemu-user
 * cannot execve a riscv64 program, so this is checked on rvmm alone.
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <spawn.h>
extern char **environ;
int main(int argc, char **argv)
{
	if (argc > 1) {
		printf("spawned with %s\n", argv[1]);
		return 9;
	}
	volatile int shared = 1;
	pid_t p = vfork();
	if (p == 0) {
		shared = 2;
		_exit(5);
	}
	int st;
	waitpid(p, &st, 0);
	printf("vfork: child exit %d, saw child's write %d\n", WEXITSTATUS(st), shared);
	char *args[] = {argv[0], "arg", NULL};
	pid_t q;
	int r = posix_spawn(&q, argv[0], NULL, NULL, args, environ);
	waitpid(q, &st, 0);
	printf("posix_spawn %d exit %d\n", r, WEXITSTATUS(st));
	return 0;
}
