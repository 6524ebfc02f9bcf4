/*
 * files.c - openat/read/write/lseek/close/unlink on a file in the current
 * directory, plus getpid/getrandom/nanosleep results that do not vary.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	const char *name = "rt-files-test.tmp";
	char buf[64];
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		perror("open");
		return 1;
	}
	printf("write %zd\n", write(fd, "0123456789abcdef", 16));
	printf("lseek end %ld\n", (long)lseek(fd, 0, SEEK_END));
	printf("lseek set %ld\n", (long)lseek(fd, 4, SEEK_SET));
	memset(buf, 0, sizeof(buf));
	printf("read %zd: %s\n", read(fd, buf, 6), buf);
	printf("lseek cur %ld\n", (long)lseek(fd, -2, SEEK_CUR));
	printf("read %zd: %.20s\n", read(fd, buf, sizeof(buf)), buf);
	printf("read at EOF %zd\n", read(fd, buf, sizeof(buf)));
	int r1 = close(fd), r2 = close(fd);
	printf("close %d, again %d (%s)\n", r1, r2, strerror(errno));
	fd = open(name, O_WRONLY | O_APPEND);
	write(fd, "XY", 2);
	close(fd);
	fd = open(name, O_RDONLY);
	printf("appended read %zd\n", read(fd, buf, sizeof(buf)));
	close(fd);
	r1 = unlink(name);
	r2 = open(name, O_RDONLY);
	printf("unlink %d, open again %d (%s)\n", r1, r2, strerror(errno));
	r1 = open(".", O_RDWR | O_CREAT | O_EXCL, 0600);
	printf("open O_EXCL on \".\": %d (%s)\n", r1, strerror(errno));

	struct timespec ts = {0, 5 * 1000 * 1000};
	printf("nanosleep %d\n", nanosleep(&ts, NULL));
	printf("getrandom %zd\n", getrandom(buf, 16, 0));
	printf("getpid positive %d, getppid differs %d\n", getpid() > 0, getppid() != getpid());
	return 0;
}
