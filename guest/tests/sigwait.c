/*
 * sigwait.c - taking signals synchronously: sigpending, sigwait,
 * sigwaitinfo (with the sender in siginfo) and sigtimedwait (timeout, zero
 * timeout), a handled signal interrupting the wait, and a waited-for signal
 * that has a handler and is not blocked going to the wait, not the handler;
 * and a waitid for stopped children when the child exits instead (ECHILD).
 * Output compared with qemu-riscv64 (kernel_diff.sh).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	handled = sig;
}

/* A child that sends sig to its parent after 100 ms. */
static pid_t send_later(int sig)
{
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		kill(getppid(), sig);
		_exit(0);
	}
	return pid;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	sigset_t usr1, usr2, both, pend;
	siginfo_t si;
	int sig, r;
	pid_t pid;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	both = usr1;
	sigaddset(&both, SIGUSR2);
	sigprocmask(SIG_BLOCK, &both, NULL);

	raise(SIGUSR1);
	sigpending(&pend);
	printf("pending after raise: USR1 %d USR2 %d\n", sigismember(&pend, SIGUSR1),
	       sigismember(&pend, SIGUSR2));
	r = sigwait(&usr1, &sig);
	printf("sigwait: %d, signal %d\n", r, sig);
	sigpending(&pend);
	printf("pending after: USR1 %d\n", sigismember(&pend, SIGUSR1));

	struct timespec zero = {0, 0}, tenth = {0, 100000000};
	r = sigtimedwait(&usr1, NULL, &zero);
	printf("zero timeout: %d %s\n", r, strerror(errno));
	double t0 = now();
	r = sigtimedwait(&usr1, NULL, &tenth);
	printf("100 ms timeout: %d %s, waited: %s\n", r, strerror(errno),
	       now() - t0 >= 0.1 ? "yes" : "no");

	fflush(stdout);
	pid = send_later(SIGUSR2);
	r = sigwaitinfo(&usr2, &si);
	printf("sigwaitinfo: %d, si_signo %d, si_code %d (SI_USER), from the child: %s\n", r,
	       si.si_signo, si.si_code, si.si_pid == pid ? "yes" : "no");
	waitpid(pid, NULL, 0);

	/* a handled, unblocked signal cuts the wait short */
	signal(SIGINT, on_signal);
	pid = send_later(SIGINT);
	r = sigwaitinfo(&usr2, &si);
	printf("interrupted: %d %s, handler saw %d\n", r, strerror(errno), (int)handled);
	waitpid(pid, NULL, 0);

	/* a waited-for signal goes to the wait even with a handler and unblocked */
	handled = 0;
	signal(SIGUSR2, on_signal);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	pid = send_later(SIGUSR2);
	r = sigwaitinfo(&usr2, &si);
	printf("unblocked and handled, waited for: %d, handler ran: %s\n", r,
	       handled ? "yes" : "no");
	waitpid(pid, NULL, 0);

	/* waitid for stopped children only: the child exits instead, which leaves
	 * none that could stop (ECHILD), and WEXITED still reaps it */
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(3);
	}
	r = waitid(P_ALL, 0, &si, WSTOPPED);
	printf("waitid(WSTOPPED), the child exits: %d %s\n", r, strerror(errno));
	r = waitid(P_PID, (id_t)pid, &si, WEXITED);
	printf("then WEXITED reaps it: %d, status %d\n", r, si.si_status);
	return 0;
}
