/*
 * demo.h - the built-in demo: `rvmm` with no program runs the tour
 * (guest/demos/tour/tour.c, embedded in the binary) as init from a private
 * temporary root, narrating on the terminal and in the window's caption.
 */
#ifndef RVMM_CLI_DEMO_H
#define RVMM_CLI_DEMO_H

#include "cli/run.h"

#define DEMO_SNAPSHOT_DEFAULT "rvmm-demo.png"

/* ro as parsed from the command line; the demo sets root, argv and, without
 * a window, a default snapshot path. Returns the exit status. */
int demo_main(struct run_opts *ro);

#endif
