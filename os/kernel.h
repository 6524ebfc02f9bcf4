/*
 * kernel.h - the HLE kernel's entry point and what the command line tells it.
 *
 * kernel_main() builds the machine (RAM at 0x80000000, one hart in HLE
 * mode), boots the memory manager in that RAM, runs argv[0] as PID 1 in
 * U-mode and returns the exit status a shell would report: the program's
 * own, 128+N when a signal N killed it, 2 for rvmm's own errors (one line
 * on stderr), 124 when --max-insns stopped it.
 */
#ifndef RVMM_OS_KERNEL_H
#define RVMM_OS_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct hart;
struct observe;

/* Where the run loop calls kernel_opts.hook. */
enum kernel_hook_point {
	KHOOK_CHUNK, /* a chunk boundary: before each hart_run() */
	KHOOK_EXIT,  /* init is about to run exit/exit_group: its memory is still mapped */
};

struct kernel_opts {
	uint64_t ram_size;    /* bytes; 0: 128 MiB */
	const char *root;     /* host directory that is the guest's "/"; NULL: "." */
	const char *sysroot;  /* -L DIR for PT_INTERP; NULL: /usr/riscv64-linux-gnu */
	const char *cmdline;  /* --append */
	bool strace;	      /* --strace: every syscall on stderr */
	FILE *strace_out;     /* where --strace goes (NULL: stderr) */
	uint64_t max_insns;   /* 0: no limit */
	uint64_t quantum;     /* instructions per time slice; 0: default */
	struct observe *obs;  /* published state for the viewer, or NULL */
	char **envp;	      /* the guest's environment (NULL: a minimal one) */
	bool check_leaks;     /* at the end: every frame back, mm_check() clean (tests) */
	const char *swap;     /* --swap FILE[,SIZE], or NULL */
	const char *zram;     /* --zram SIZE, or NULL */
	uint64_t random_seed; /* getrandom and AT_RANDOM derive from it; 0: a fixed default */
	/* The viewer's and snapshots' hook (cli/): returns the most instructions
	 * to run before the next call (UINT64_MAX: no limit), 0 to stop the run
	 * (status KERNEL_EXIT_STOPPED). NULL: nothing is called. */
	uint64_t (*hook)(void *arg, enum kernel_hook_point at, struct hart *h);
	void *hook_arg;
	bool nommu; /* --nommu: satp stays Bare, static-pie programs (os/nommu.c) */
	bool pmp;   /* --pmp (with nommu): PMP regions isolate processes */
};

#define KERNEL_EXIT_ERROR   2
#define KERNEL_EXIT_TIMEOUT 124
#define KERNEL_EXIT_STOPPED 130 /* the hook (a user quitting the window) stopped it */

int kernel_main(const struct kernel_opts *o, int argc, char **argv);

#endif
