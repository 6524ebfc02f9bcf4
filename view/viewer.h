/*
 * viewer.h - the live window, as the run loop sees it.
 *
 * Threads: the window (SDL events, drawing) runs on the main thread inside
 * viewer_main(); the emulator runs on a second thread that viewer_main()
 * starts. They meet only here:
 *
 *   emulator thread, at each chunk boundary:     window thread, each frame:
 *     viewer_publish(v, obs)  -- copies obs into    takes the fresh copy if any,
 *        a back buffer only if the window asked     then asks for the next one
 *     budget = viewer_gate(v, obs)                  (at most one copy per frame,
 *        -- blocks while paused; 0 = stop            <= 60 per second)
 *     run at most `budget` instructions
 *
 * A NULL viewer is valid everywhere and costs a pointer test, so a run loop
 * without a window pays nothing. With the window open the emulator pays one
 * atomic load per chunk plus one copy of the tag map (8 bytes a frame) per
 * drawn frame.
 */
#ifndef RVMM_VIEW_VIEWER_H
#define RVMM_VIEW_VIEWER_H

#include <stdbool.h>
#include <stdint.h>

#include "os/observe.h"
#include "view/render.h"

struct viewer;

struct viewer_opts {
	int w, h;	      /* initial window size in points; 0: 1280 x 800 */
	const char *title;    /* NULL: "rvmm" */
	const char *shot_dir; /* where `p` writes rvmm-NNN.png; NULL: "." */
	enum view_mode mode;  /* initial colour mode */
	uint64_t step_insns;  /* instructions run by one single step; 0: 100000 */
	bool start_paused;
	bool linger; /* keep the window open after the emulator finishes */
	/* The inspector's kernel side: describe frame pfn into d. Called on the
	 * emulator thread, inside viewer_publish/viewer_flush/viewer_gate/
	 * viewer_hold, with the frame the window inspects (pinned, else hovered),
	 * at most once per copy of the observe. NULL: the inspector shows tags only. */
	void (*detail)(void *arg, uint64_t pfn, struct frame_detail *d);
	void *detail_arg;
};

/* Open the window. NULL (with one line on stderr) when there is no display. */
struct viewer *viewer_open(const struct viewer_opts *o);
/* Run emu(arg) on a new thread and the window on this one until the user
 * quits (then the emulator is told to stop) or the emulator returns (the
 * window then closes unless opts.linger). Returns emu's return value, or -1
 * if the thread could not be started. */
int viewer_main(struct viewer *v, int (*emu)(void *arg), void *arg);
void viewer_close(struct viewer *v);

/* Emulator side. */
/* Copy obs for the window if it asked for a new picture; else return at once. */
void viewer_publish(struct viewer *v, const struct observe *obs);
/* Copy obs for the window unconditionally (the final state, or after a restart). */
void viewer_flush(struct viewer *v, const struct observe *obs);
/* Between chunks: blocks while paused (still answering the window with obs),
 * sleeps to hold the chosen speed. Returns how many instructions to run
 * before the next call (UINT64_MAX: as many as the caller likes), or 0 when
 * the user quit. */
uint64_t viewer_gate(struct viewer *v, const struct observe *obs);
/* The run is over but its state is still alive (init's exit): keep answering
 * the window (hover and pin keep working) until the user quits or presses
 * `m`. Returns at once without a window or when the window does not linger. */
void viewer_hold(struct viewer *v, const struct observe *obs);
/* True once per press of `m` (restart in the other of MMU/NOMMU). */
bool viewer_take_restart(struct viewer *v);
/* The caption line (the demo's narration); copied. */
void viewer_set_caption(struct viewer *v, const char *text);
/* True after the user asked to quit. */
bool viewer_quit_requested(struct viewer *v);
/* True while the user holds the emulator paused (for messages; viewer_gate blocks). */
bool viewer_paused(struct viewer *v);

#endif
