/*
 * runbare.c - run a bare-metal image on the board and report how many
 * instructions it retired and how fast: the bench harness's rvmm runner.
 * Usage: runbare IMAGE.elf [RAM_MiB]. Prints "insns N secs S mips M" on
 * stderr (S is CPU time) and exits with the image's status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "emu/hart.h"
#include "emu/machine.h"

/* CPU time of this process: steadier than wall time on a shared machine. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct machine m;
	const char *why = "";
	if (argc < 2) {
		fprintf(stderr, "usage: runbare IMAGE.elf [RAM_MiB]\n");
		return 2;
	}
	struct machine_config cfg = {
	    .ram_size = (argc > 2 ? strtoull(argv[2], NULL, 0) : 128) << 20,
	    .out = stdout,
	    .in_fd = -1,
	};
	if (machine_init(&m, &cfg, &why) < 0 || machine_load_bare(&m, argv[1], &why) < 0) {
		fprintf(stderr, "runbare: %s: %s\n", argv[1], why);
		return 2;
	}
	double t0 = now();
	int status = machine_run(&m);
	double dt = now() - t0;
	uint64_t n = hart_instret(m.hart);
	struct tlb_stats st;
	hart_tlb_stats(m.hart, &st);
	fflush(stdout);
	fprintf(stderr, "insns %llu secs %.3f mips %.1f tlb hits %llu misses %llu flushes %llu\n",
		(unsigned long long)n, dt, n / dt / 1e6, (unsigned long long)st.hits,
		(unsigned long long)st.misses, (unsigned long long)st.flushes);
	if (m.stop_reason)
		fprintf(stderr, "runbare: stopped: %s\n", m.stop_reason);
	machine_destroy(&m);
	return status;
}
