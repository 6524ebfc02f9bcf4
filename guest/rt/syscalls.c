/*
 * syscalls.c - the POSIX wrappers around Linux rv64 system calls.
 *
 * Each wrapper makes one raw call and converts its result with
 * __syscall_ret() (-1 and errno on failure). Numbers and argument orders
 * are the kernel's asm-generic ones (sys/syscall.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "rt.h"

int errno;

long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

long syscall(long nr, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

ssize_t read(int fd, void *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__syscall3(SYS_write, fd, buf, n));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__syscall_ret(__syscall4(SYS_openat, dirfd, path, flags, mode));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_close, fd));
}

off_t lseek(int fd, off_t off, int whence)
{
	return __syscall_ret(__syscall3(SYS_lseek, fd, off, whence));
}

int dup(int fd)
{
	return (int)__syscall_ret(__syscall1(SYS_dup, fd));
}

int dup3(int oldfd, int newfd, int flags)
{
	return (int)__syscall_ret(__syscall3(SYS_dup3, oldfd, newfd, flags));
}

/* dup2 has no rv64 system call: dup3 refuses oldfd == newfd, dup2 checks it. */
int dup2(int oldfd, int newfd)
{
	if (oldfd == newfd) {
		long r = __syscall2(SYS_fcntl, oldfd, 1 /* F_GETFD */);
		return r < 0 ? (int)__syscall_ret(r) : newfd;
	}
	return dup3(oldfd, newfd, 0);
}

int pipe2(int fds[2], int flags)
{
	return (int)__syscall_ret(__syscall2(SYS_pipe2, fds, flags));
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* A terminal answers TCGETS; anything else says ENOTTY. */
int isatty(int fd)
{
	char termios[64];
	long r = __syscall3(SYS_ioctl, fd, 0x5401 /* TCGETS */, termios);

	if (r < 0) {
		errno = (int)-r;
		return 0;
	}
	return 1;
}

int unlink(const char *path)
{
	return (int)__syscall_ret(__syscall3(SYS_unlinkat, AT_FDCWD, path, 0));
}

int chdir(const char *path)
{
	return (int)__syscall_ret(__syscall1(SYS_chdir, path));
}

char *getcwd(char *buf, size_t size)
{
	long r = __syscall_ret(__syscall2(SYS_getcwd, buf, size));
	return r < 0 ? NULL : buf;
}

pid_t getpid(void)
{
	return (pid_t)__syscall0(SYS_getpid);
}

pid_t getppid(void)
{
	return (pid_t)__syscall0(SYS_getppid);
}

pid_t gettid(void)
{
	return (pid_t)__syscall0(SYS_gettid);
}

uid_t getuid(void)
{
	return (uid_t)__syscall0(SYS_getuid);
}

/* fork = clone(SIGCHLD) with no new stack: the child gets a copy of everything. */
pid_t fork(void)
{
	return (pid_t)__syscall_ret(__syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__syscall_ret(__syscall3(SYS_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

_Noreturn void _exit(int status)
{
	for (;;)
		__syscall1(SYS_exit_group, status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)__syscall_ret(__syscall4(SYS_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return (int)__syscall_ret(__syscall2(SYS_kill, pid, sig));
}

int raise(int sig)
{
	return (int)__syscall_ret(__syscall3(SYS_tgkill, getpid(), gettid(), sig));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)__syscall_ret(
	    __syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return (int)__syscall_ret(__syscall2(SYS_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__syscall_ret(__syscall3(SYS_mprotect, addr, len, prot));
}

/* The raw brk call returns the new break, or the old one when it refuses. */
static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long r = (unsigned long)__syscall1(SYS_brk, addr);

	cur_brk = r;
	if (r < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long incr)
{
	if (!cur_brk)
		cur_brk = (unsigned long)__syscall1(SYS_brk, 0);
	unsigned long old = cur_brk;
	if (incr == 0)
		return (void *)old;
	if (brk((void *)(old + incr)) < 0)
		return (void *)-1;
	return (void *)old;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(__syscall2(SYS_nanosleep, req, rem));
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = {seconds, 0}, rem = {0, 0};

	if (nanosleep(&ts, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(unsigned long usec)
{
	struct timespec ts = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};
	return nanosleep(&ts, NULL);
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)__syscall_ret(__syscall2(SYS_clock_gettime, clk, ts));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

ssize_t getrandom(void *buf, size_t n, unsigned int flags)
{
	return __syscall_ret(__syscall3(SYS_getrandom, buf, n, flags));
}

int sched_yield(void)
{
	return (int)__syscall_ret(__syscall0(SYS_sched_yield));
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	return (int)__syscall_ret(__syscall4(SYS_rt_sigaction, sig, act, old, sizeof(sigset_t)));
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	set->sig[0] |= 1UL << (sig - 1);
	return 0;
}
