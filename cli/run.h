/*
 * run.h - running a Linux program under the built-in kernel with the
 * viewer's window, PNG snapshots and heat measurement attached through the
 * run loop's hook (os/kernel.h). cli/main.c parses, this runs.
 */
#ifndef RVMM_CLI_RUN_H
#define RVMM_CLI_RUN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "os/kernel.h"
#include "view/render.h"

struct viewer;

struct run_opts {
	struct kernel_opts k; /* hook, hook_arg and obs are set by run_program() */
	const char *snapshot; /* PNG of the map when init exits, or NULL */
	uint64_t snap_every;  /* time-lapse: a PNG every N instructions (0: none) */
	const char *snap_dir; /* ... written as snap_dir/frame-000001.png, ... */
	double timeout;	      /* seconds of wall time (0: none), then status 124 */
	enum view_mode mode;  /* colour mode of the PNGs and the window's first one */
	int64_t pin_pfn;      /* frame pinned in the PNGs' inspector (--inspect), -1: none */
	bool window;	      /* open a window (when there is a display) */
	bool linger;	      /* keep the window open once the program is done */
	const char *caption;  /* the window's first caption, or NULL */
	const char *note;     /* appended to every caption, or NULL */
	const char *headless_snapshot; /* snapshot path when no window opened (demo) */
	/* pacing for a window: each time *beats changes (the demo counts its
	 * output lines), hold the guest beat_ms milliseconds of wall time */
	const atomic_uint *beats;
	unsigned beat_ms;
	/* set by run_program() while it runs (the demo's captions go there) */
	struct viewer *viewer;
	char caption_now[256]; /* under run.c's caption lock */
	/* results */
	bool restart; /* the user pressed `m` */
	bool snapshot_written;
	char status_shown[512]; /* the status bar of the last PNG written */
	uint64_t insns, faults; /* at the end of the run */
	double seconds;		/* wall time inside kernel_main() (no window setup) */
	double cpu_seconds;	/* CPU time of the emulator thread in kernel_main() */
};

/* The caption now (the window's, and the bottom line of the PNGs); any thread. */
void run_set_caption(struct run_opts *ro, const char *text);

/* Run argv[0] (a host path) as init. Returns kernel_main()'s status, or 2
 * when a snapshot could not be written (one line on stderr). */
int run_program(struct run_opts *ro, int argc, char **argv);

#endif
