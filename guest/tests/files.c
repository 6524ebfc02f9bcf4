/*
 * files.c - file system calls a program makes: create, write, seek, read,
 * stat, dup, pipe, directories, rename, unlink. Prints what it sees; the
 * output must match Linux (qemu-riscv64) byte for byte.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	printf("%s: %s\n", what, ok ? "ok" : strerror(errno));
}

int main(void)
{
	char dir[64], path[128], buf[64];
	struct stat st;
	int fd, p[2];

	snprintf(dir, sizeof(dir), "rvmm-files-%d", 4242);
	check(mkdir(dir, 0755) == 0, "mkdir");
	snprintf(path, sizeof(path), "%s/a.txt", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "open");
	check(write(fd, "hello file\n", 11) == 11, "write");
	check(lseek(fd, 6, SEEK_SET) == 6, "lseek");
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, sizeof(buf)) == 5, "read");
	printf("read back: %s", buf);
	check(fstat(fd, &st) == 0, "fstat");
	printf("size %lld mode %o nlink %lu\n", (long long)st.st_size, st.st_mode & 07777,
	       (unsigned long)st.st_nlink);
	int d = dup(fd);
	/* Linux reports O_LARGEFILE (0100000) in F_GETFL on 64-bit; qemu-user drops
	 * it. rvmm follows Linux, so only the access mode is compared here. */
	printf("dup -> %d, F_GETFL & O_ACCMODE %#x\n", d, fcntl(d, F_GETFL) & O_ACCMODE);
	check(pread(d, buf, 5, 0) == 5, "pread");
	printf("pread: %.5s\n", buf);
	close(d);
	close(fd);

	check(pipe(p) == 0, "pipe");
	check(write(p[1], "through a pipe", 14) == 14, "pipe write");
	close(p[1]);
	memset(buf, 0, sizeof(buf));
	printf("pipe read %zd: %s\n", read(p[0], buf, sizeof(buf)), buf);
	printf("pipe eof %zd\n", read(p[0], buf, sizeof(buf)));
	close(p[0]);

	snprintf(buf, sizeof(buf), "%s/b.txt", dir);
	check(rename(path, buf) == 0, "rename");
	check(stat(path, &st) == -1 && errno == ENOENT, "old name gone");
	check(access(buf, R_OK) == 0, "access");
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(dp)))
		if (de->d_name[0] != '.')
			printf("entry %d: %s\n", n++, de->d_name);
	closedir(dp);
	check(chmod(buf, 0600) == 0, "chmod");
	{ /* positional vector I/O: pwritev/preadv leave the file position alone */
		char a[4] = "abc", b[5] = "defg", x[3], y[6];
		struct iovec w[2] = {{a, 3}, {b, 4}}, r[2] = {{x, 3}, {y, 6}};
		int fd = open(buf, O_RDWR);
		printf("pwritev %zd, pos %ld\n", pwritev(fd, w, 2, 2),
		       (long)lseek(fd, 0, SEEK_CUR));
		ssize_t n2 = preadv(fd, r, 2, 1);
		printf("preadv %zd: %.3s|%.*s, pos %ld\n", n2, x, (int)(n2 > 3 ? n2 - 3 : 0), y,
		       (long)lseek(fd, 0, SEEK_CUR));
		printf("preadv at -1: %zd %s\n", preadv(fd, r, 2, -1), strerror(errno));
		printf("preadv2 at -1 (the file position): %zd\n", preadv2(fd, r, 1, -1, 0));
		close(fd);
	}
	struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500}};
	check(truncate(buf, 3) == 0, "truncate");
	check(utimensat(AT_FDCWD, buf, ts, 0) == 0, "utimensat");
	check(stat(buf, &st) == 0, "stat");
	printf("mode %o mtime %lld.%09ld size %lld\n", st.st_mode & 07777,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_size);
	check(chmod("/nonexistent/x", 0600) == -1 && errno == ENOENT, "chmod ENOENT");
	check(unlink(buf) == 0, "unlink");
	check(rmdir(dir) == 0, "rmdir");
	check(open("/nonexistent/x", O_RDONLY) == -1 && errno == ENOENT, "ENOENT");
	char cwd[256];
	check(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
	return 0;
}
