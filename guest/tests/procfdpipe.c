/*
 * procfdpipe.c - opening /proc/self/fd/N of a pipe opens the pipe itself
 * (a new open file on it): read, write and read-write reopenings carry
 * bytes through the same pipe; /proc/PID/fd of a child's pipe too; the
 * link reads "pipe:[...]"; O_NOFOLLOW refuses it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], r, w, rw;
	char path[64], link[64], buf[32];
	ssize_t n;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe(p))
		return 1;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	printf("link is a pipe: %s\n", !strncmp(link, "pipe:[", 6) ? "yes" : "no");
	r = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	w = open(path, O_WRONLY);
	rw = open(path, O_RDWR);
	printf("opened: read %s, write %s, read-write %s\n", r >= 0 ? "yes" : strerror(errno),
	       w >= 0 ? "yes" : strerror(errno), rw >= 0 ? "yes" : strerror(errno));
	n = write(w, "via write end ", 14);
	n += write(p[1], "original", 8);
	printf("wrote %zd\n", n);
	n = read(r, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("read through the reopened read end: %zd \"%s\"\n", n, buf);
	n = write(rw, "rw", 2);
	n = read(rw, buf, 2);
	buf[2] = '\0';
	printf("read-write end: %zd \"%s\"\n", n, buf);
	/* all write ends closed: the reopened read end sees EOF */
	close(w);
	close(rw);
	close(p[1]);
	n = read(r, buf, 1);
	printf("EOF after every writer closed: %zd\n", n);
	n = read(p[0], buf, 1);
	printf("EOF on the original read end: %zd\n", n);
	int fd = open("/proc/self/fd/0", O_RDONLY | O_NOFOLLOW);
	printf("O_NOFOLLOW: %d %s\n", fd, fd < 0 ? strerror(errno) : "");

	/* a parent opens its child's pipe end through /proc/PID/fd */
	int q[2];
	if (pipe(q))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(q[1]);
		n = read(q[0], buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		printf("child read \"%s\"\n", buf);
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, q[0]);
	int cr = open(path, O_RDONLY);
	printf("parent opened the child's read end: %s\n", cr >= 0 ? "yes" : strerror(errno));
	close(cr);
	n = write(q[1], "from parent", 11);
	close(q[1]);
	waitpid(pid, NULL, 0);
	return 0;
}
