/*
 * segv.c - SIGSEGV delivered to a handler with si_addr and si_code
 * (SEGV_MAPERR for an unmapped address, SEGV_ACCERR for a write to a
 * read-only page), sigreturn back through siglongjmp, handlers for raise(),
 * and (with an argument) death by SIGSEGV with the default action.
 */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
static sigjmp_buf env;
static volatile void *fault_addr;
static volatile int fault_code;
static char altstack[65536];
static volatile int on_altstack;
static void handler(int sig, siginfo_t *si, void *uc)
{
	char here;
	on_altstack = &here > altstack && &here < altstack + sizeof(altstack);
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, sig);
}
static int depth;
static int recurse(int n)
{
	volatile char pad[512];
	pad[0] = (char)n;
	depth++;
	return recurse(n + 1) + pad[0];
}
static int hits;
static void usr1(int sig)
{
	hits++;
}
int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	int s = sigsetjmp(env, 1);
	if (s == 0) {
		*(volatile int *)0x1234 = 1;
	} else {
		printf("caught signal %d code %d (MAPERR) addr %p\n", s, fault_code, fault_addr);
	}
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	s = sigsetjmp(env, 1);
	if (s == 0)
		ro[10] = 1;
	else
		printf("caught signal %d code %d (ACCERR) at offset %ld\n", s, fault_code,
		       (long)((char *)fault_addr - ro));
	/* stack overflow: the handler can only run on an alternate stack */
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	sigaltstack(&ss, NULL);
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGSEGV, &sa, NULL);
	s = sigsetjmp(env, 1);
	if (s == 0)
		recurse(0);
	else
		printf(
		    "stack overflow caught, handler on the alternate stack: %s, depth > 1000: %s\n",
		    on_altstack ? "yes" : "no", depth > 1000 ? "yes" : "no");
	signal(SIGUSR1, usr1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	printf("SIGUSR1 handled %d times\n", hits);
	if (argc > 1) {
		signal(SIGSEGV, SIG_DFL);
		*(volatile int *)8 = 0;
	}
	return 0;
}
