/*
 * fsyncmap.c - fsync (or sync) writes back what a program stored through a
 * MAP_SHARED file mapping, even through a read-only descriptor of the file.
 * After the call it blocks reading the FIFO "gate" so the test can look at
 * the host file while the mapping is still alive (before exit's writeback).
 * Modes: fsync, sync, none (the check that the host file lags without them).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fsync";
	char c;
	int fd = open("data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 8192))
		return 1;
	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	memcpy(m, "first page", 10);
	memcpy(m + 4096, "second page", 11);
	int ro = open("data.txt", O_RDONLY);
	int r = 0;
	if (!strcmp(mode, "fsync"))
		r = fsync(ro);
	else if (!strcmp(mode, "sync"))
		sync();
	printf("%s: %d\n", mode, r);
	fflush(stdout);
	int gate = open("gate", O_RDONLY);
	if (gate < 0 || read(gate, &c, 1) != 1)
		return 2;
	/* a store after the write-back dirties the page again */
	memcpy(m, "FIRST", 5);
	if (!strcmp(mode, "fsync"))
		fdatasync(fd);
	return 0;
}
