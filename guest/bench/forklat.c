/*
 * forklat.c - fork+exit+wait latency of a parent with MIB MiB resident:
 *   forklat MIB ITERS
 * With copy-on-write, the cost must grow with the page tables, not with
 * the resident memory. The same source runs natively, under qemu-riscv64 and
 * under rvmm (bench/kernel-bench.sh times it from outside).
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
	long iters = argc > 2 ? strtol(argv[2], NULL, 0) : 100;
	char *p = malloc(mib << 20);
	for (size_t i = 0; i < mib << 20; i += 4096)
		((volatile char *)p)[i] = 1;
	for (long i = 0; i < iters; i++) {
		pid_t c = fork();
		if (c == 0)
			_exit(0);
		waitpid(c, NULL, 0);
	}
	return 0;
}
