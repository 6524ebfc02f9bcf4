/*
 * selfexec.h - run this same program again with execve, for the tests that
 * exec. qemu-riscv64 (user mode) can only execve a riscv64 program when the
 * host has binfmt_misc set up for it; without that execve fails with
 * ENOEXEC, and if RT_EXEC_VIA names an interpreter (the test harness sets
 * it to qemu-riscv64) we exec "RT_EXEC_VIA self args..." instead. Under
 * rvmm the first execve works and RT_EXEC_VIA is not consulted. When
 * argv[0] is no file in the program's root (rvmm --root, a path given
 * relative to the host), /proc/self/exe is tried instead.
 */
#ifndef SELFEXEC_H
#define SELFEXEC_H

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

/* execve(self, {self, a1, a2}); returns only on failure. */
static int selfexec(const char *self, char *a1, char *a2)
{
	char *argv[] = {(char *)self, a1, a2, NULL};
	char *via = getenv("RT_EXEC_VIA");

	execve(self, argv, environ);
	if (errno == ENOENT) { /* argv[0] names no file in a sandboxed root */
		argv[0] = "/proc/self/exe";
		execve(argv[0], argv, environ);
	}
	if (errno == ENOEXEC && via && *via) {
		char *vargv[] = {via, (char *)self, a1, a2, NULL};
		execve(via, vargv, environ);
	}
	return -1;
}

#endif
