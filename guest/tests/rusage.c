/*
 * rusage.c - what the parent learns about a child: wait4's rusage
 * (ru_maxrss, ru_minflt), waitid's siginfo (CLD_EXITED / CLD_KILLED, status),
 * getrusage(RUSAGE_CHILDREN). Only facts that hold on any Linux are printed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE (4 << 20)

int main(void)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		char *p = malloc(SIZE);
		for (size_t i = 0; i < SIZE; i += 4096)
			((volatile char *)p)[i] = 1;
		_exit(3);
	}
	pid_t w = wait4(pid, &status, 0, &ru);
	printf("wait4: pid ok %d, status %d, maxrss >= 4 MiB %d, minflt >= 1024 %d\n", w == pid,
	       WEXITSTATUS(status), ru.ru_maxrss >= 4096, ru.ru_minflt >= 1024);

	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	printf("waitid: %d", waitid(P_PID, (id_t)pid, &si, WEXITED));
	printf(", signo %d, code %s, status %d, pid ok %d\n", si.si_signo,
	       si.si_code == CLD_KILLED	  ? "CLD_KILLED"
	       : si.si_code == CLD_EXITED ? "CLD_EXITED"
					  : "?",
	       si.si_status, si.si_pid == pid);
	memset(&si, 0, sizeof(si));
	printf("waitid without children: %d\n", waitid(P_ALL, 0, &si, WEXITED | WNOHANG));
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("children maxrss >= 4 MiB %d, minflt >= 1024 %d\n", ru.ru_maxrss >= 4096,
	       ru.ru_minflt >= 1024);
	return 0;
}
