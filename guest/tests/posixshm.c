/*
 * posixshm.c - POSIX shared memory: shm_open creating an object in /dev/shm
 * (O_EXCL), ftruncate, a mapping shared with a child that opens the object
 * by name itself, /dev/shm listing and stat, shm_unlink while mapped (the
 * memory stays, the name goes), and the error cases. Output compared with
 * qemu-riscv64 (kernel_diff.sh), whose /dev/shm is the host's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "/rvmm-posixshm-test"

static const char *res(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static int listed(void)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, NAME + 1);
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	struct stat st;
	int fd, fd2;
	char *p;

	shm_unlink(NAME); /* (a leftover from an interrupted run on the host) */
	fd = shm_open(NAME, O_CREAT | O_EXCL | O_RDWR, 0600);
	printf("shm_open O_CREAT|O_EXCL: %s\n", res(fd));
	printf("again with O_EXCL: %s\n", res(shm_open(NAME, O_CREAT | O_EXCL | O_RDWR, 0600)));
	printf("listed in /dev/shm: %s\n", listed() ? "yes" : "no");
	printf("ftruncate 8 KiB: %s\n", res(ftruncate(fd, 8192)));
	printf("stat: %s, size %ld, regular %d\n", res(stat("/dev/shm" NAME, &st)),
	       (long)st.st_size, S_ISREG(st.st_mode));
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(p, "from the parent");
	fflush(stdout);
	if (fork() == 0) {
		/* the child finds the object by name, as an unrelated process would */
		int c = shm_open(NAME, O_RDWR, 0);
		struct stat cs;
		fstat(c, &cs);
		char *q = mmap(NULL, (size_t)cs.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, c, 0);
		printf("child sees %zu bytes: %s\n", (size_t)cs.st_size, q);
		strcpy(q + 4096, "from the child");
		fflush(stdout);
		_exit(0);
	}
	wait(NULL);
	printf("parent reads: %s\n", p + 4096);
	fd2 = shm_open(NAME, O_RDONLY, 0);
	char buf[32] = {0};
	printf("read through another open: %zd %s\n", pread(fd2, buf, 15, 0), buf);

	printf("shm_unlink: %s\n", res(shm_unlink(NAME)));
	printf("listed after unlink: %s\n", listed() ? "yes" : "no");
	printf("open after unlink: %s\n", res(shm_open(NAME, O_RDWR, 0)));
	printf("the mapping still works: %s\n", p);
	printf("unlink again: %s\n", res(shm_unlink(NAME)));
	printf("a name with a slash inside: %s\n", res(shm_open("/a/b", O_CREAT | O_RDWR, 0600)));
	return 0;
}
