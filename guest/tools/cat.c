/*
 * cat - print files, for looking at /proc from inside rvmm:
 *   rvmm guest/tools/cat /proc/buddyinfo /proc/zoneinfo /proc/self/maps
 * Reads with read(2) in page-sized pieces, as the real cat does.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[4096];
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		ssize_t n;
		if (fd < 0) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (write(1, buf, (size_t)n) != n)
				return 1;
		if (n < 0) {
			perror(argv[i]);
			status = 1;
		}
		close(fd);
	}
	return status;
}
