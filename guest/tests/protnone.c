/* mprotect(PROT_NONE) on touched pages: every access faults (SEGV_ACCERR at the
 * exact address), the data survives, and PROT_READ|PROT_WRITE brings it back;
 * also across fork. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

static int probe(volatile char *p, int write)
{
	if (sigsetjmp(env, 1))
		return 1;
	if (write)
		*p = 'x';
	else
		(void)*p;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; i < 4; i++)
		memset(p + i * pg, 'a' + i, pg);
	mprotect(p + pg, 2 * pg, PROT_NONE);
	for (int i = 0; i < 4; i++) {
		int r = probe(p + i * pg + 7, 0), w = probe(p + i * pg + 9, 1);
		printf("page %d: read %s, write %s", i, r ? "faults" : "ok", w ? "faults" : "ok");
		if (r || w)
			printf(" (at +%ld, %s)", (long)((char *)fault_addr - p),
			       fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
		printf("\n");
	}
	pid_t pid = fork();
	if (pid == 0) {
		int r = probe(p + pg, 0);
		mprotect(p + pg, pg, PROT_READ);
		printf("child: PROT_NONE read %s, then reads '%c'\n", r ? "faults" : "ok",
		       p[pg + 5]);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	mprotect(p + pg, 2 * pg, PROT_READ | PROT_WRITE);
	printf("restored: '%c' '%c' '%c' '%c'\n", p[5], p[pg + 5], p[2 * pg + 5], p[3 * pg + 5]);
	p[2 * pg] = 'Z';
	printf("write after restore: '%c'\n", p[2 * pg]);
	return 0;
}
