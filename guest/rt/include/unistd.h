/* unistd.h - rvmm guest runtime: POSIX system-call wrappers (Linux rv64). */
#ifndef _RT_UNISTD_H
#define _RT_UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int isatty(int fd);
int unlink(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
_Noreturn void _exit(int status);

int brk(void *addr);
void *sbrk(long incr);
unsigned int sleep(unsigned int seconds);
int usleep(unsigned long usec);
long syscall(long nr, ...);

#endif
