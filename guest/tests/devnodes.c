/*
 * devnodes.c - the device files every program may use: /dev/null,
 * /dev/zero (reads, and mmap as anonymous or shared memory), /dev/full,
 * /dev/urandom, their stat, and the /dev/std* links. Output identical under
 * rvmm (its virtual /dev) and qemu-riscv64 (the host's /dev): kernel_diff.sh.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void show_stat(const char *path)
{
	struct stat st;
	if (stat(path, &st)) {
		printf("stat %s: %s\n", path, strerror(errno));
		return;
	}
	printf("%s: %s %u:%u mode %o\n", path, S_ISCHR(st.st_mode) ? "char" : "not char",
	       major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
}

int main(void)
{
	char buf[64], link[64];
	int fd, zeros = 1;
	ssize_t n;

	fd = open("/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	printf("/dev/null write: %zd\n", write(fd, "hello", 5));
	printf("/dev/null lseek: %ld\n", (long)lseek(fd, 100, SEEK_SET));
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	printf("/dev/null read: %zd\n", read(fd, buf, sizeof(buf)));
	close(fd);

	fd = open("/dev/zero", O_RDWR);
	memset(buf, 7, sizeof(buf));
	n = read(fd, buf, sizeof(buf));
	for (int i = 0; i < (int)sizeof(buf); i++)
		zeros &= buf[i] == 0;
	printf("/dev/zero read: %zd, all zero: %s, write: %zd\n", n, zeros ? "yes" : "no",
	       write(fd, buf, 3));
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("/dev/zero private mmap: %s", p == MAP_FAILED ? strerror(errno) : "ok");
	if (p != MAP_FAILED) {
		p[4096] = 1;
		printf(", zero %d, writable %d", p[0], p[4096]);
	}
	printf("\n");
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	fflush(stdout);
	if (fork() == 0) {
		*shared = 42;
		_exit(0);
	}
	wait(NULL);
	printf("/dev/zero shared mmap: the child's write seen: %d\n", *shared);

	fd = open("/dev/full", O_WRONLY);
	n = write(fd, "x", 1);
	printf("/dev/full write: %zd %s\n", n, n < 0 ? strerror(errno) : "");
	close(fd);

	fd = open("/dev/urandom", O_RDONLY);
	printf("/dev/urandom read: %zd\n", read(fd, buf, 16));
	close(fd);

	show_stat("/dev/null");
	show_stat("/dev/zero");
	show_stat("/dev/full");
	show_stat("/dev/random");
	show_stat("/dev/urandom");
	n = readlink("/dev/stdin", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	printf("/dev/stdin -> %s\n", link);
	n = readlink("/dev/fd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	printf("/dev/fd -> %s\n", link);

	DIR *d = opendir("/dev");
	struct dirent *e;
	int seen = 0;
	while (d && (e = readdir(d)))
		seen += !strcmp(e->d_name, "null") && e->d_type == DT_CHR;
	printf("/dev lists null as a char device: %s\n", seen ? "yes" : "no");

	/* a program silencing its output the usual way */
	fflush(stdout);
	int saved = dup(1);
	fd = open("/dev/null", O_WRONLY);
	dup2(fd, 1);
	printf("this line goes nowhere\n");
	fflush(stdout);
	dup2(saved, 1);
	printf("stdout back\n");
	return 0;
}
