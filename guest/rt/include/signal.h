/* signal.h - rvmm guest runtime: signal numbers, kill() and a minimal sigaction(). */
#ifndef _RT_SIGNAL_H
#define _RT_SIGNAL_H

#include <sys/types.h>

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT 3
#define SIGILL	4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define NSIG	65

#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)
#define SIG_ERR ((void (*)(int)) - 1)

#define SA_NOCLDSTOP 1
#define SA_SIGINFO   4
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* The kernel's 64-signal set; Linux rv64 passes sigsetsize 8. */
typedef struct {
	unsigned long sig[1];
} sigset_t;

typedef void (*sighandler_t)(int);

/* Layout of the rv64 kernel's struct sigaction (no sa_restorer on RISC-V). */
struct sigaction {
	void (*sa_handler)(int);
	unsigned long sa_flags;
	sigset_t sa_mask;
};

int kill(pid_t pid, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int sigemptyset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);

#endif
