/*
 * dirtyfile - dirty file pages under pressure: map FILE (MIB MiB, created
 * by the caller) MAP_SHARED, write a pattern naming each page into all of
 * it (more than RAM, so reclaim must write dirty pages back to the file to
 * free them), read it back, and exit without msync: what is still dirty is
 * written back at exit. The caller checks the host file afterwards.
 *   dirtyfile FILE MIB
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	size_t pages = (size_t)atol(argv[2]) << 8;
	int fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	uint64_t *m = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	for (size_t p = 0; p < pages; p++)
		for (size_t w = 0; w < 512; w += 64)
			m[p * 512 + w] = 0x5a5a000000000000ULL | (p << 12) | w;
	for (size_t p = 0; p < pages; p++)
		for (size_t w = 0; w < 512; w += 64)
			if (m[p * 512 + w] != (0x5a5a000000000000ULL | (p << 12) | w)) {
				printf("page %zu word %zu bad\n", p, w);
				return 1;
			}
	printf("ok\n");
	return 0;
}
