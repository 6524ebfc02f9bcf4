/*
 * kernel_run.c - a minimal driver of kernel_main() for the kernel's tests,
 * until the rvmm command line (cli/main.c) runs Linux programs itself:
 *   kernel-run [--strace] [--check-leaks] [--seed N] [--nommu [--pmp]] [--root DIR] [-L DIR]
 *              [-m MIB] [--max-insns N] [--swap FILE[,SIZE]] [--zram SIZE] [--append K=V]
 *              [--log FILE]
 *              PROGRAM [ARGS...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/kernel.h"
#include "os/klog.h"

extern char **environ;

int main(int argc, char **argv)
{
	struct kernel_opts o = {0};
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--strace"))
			o.strace = true;
		else if (!strcmp(argv[i], "--root") && i + 1 < argc)
			o.root = argv[++i];
		else if (!strcmp(argv[i], "-L") && i + 1 < argc)
			o.sysroot = argv[++i];
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			o.ram_size = strtoull(argv[++i], NULL, 0) << 20;
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			o.random_seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--nommu"))
			o.nommu = true;
		else if (!strcmp(argv[i], "--pmp"))
			o.pmp = true;
		else if (!strcmp(argv[i], "--swap") && i + 1 < argc)
			o.swap = argv[++i];
		else if (!strcmp(argv[i], "--zram") && i + 1 < argc)
			o.zram = argv[++i];
		else if (!strcmp(argv[i], "--append") && i + 1 < argc)
			o.cmdline = argv[++i];
		else if (!strcmp(argv[i], "--log") && i + 1 < argc) {
			FILE *f = fopen(argv[++i], "w");
			if (!f) {
				perror(argv[i]);
				return 2;
			}
			klog_set_file(f); /* (closed by exit) */
		} else if (!strcmp(argv[i], "--check-leaks"))
			o.check_leaks = true;
		else if (!strcmp(argv[i], "--max-insns") && i + 1 < argc)
			o.max_insns = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--"))
			break;
		else {
			fprintf(stderr, "kernel-run: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: kernel-run [options] PROGRAM [ARGS...]\n");
		return 2;
	}
	return kernel_main(&o, argc - i, argv + i);
}
