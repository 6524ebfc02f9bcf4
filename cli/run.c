/*
 * run.c - kernel_main() with the viewer, snapshots and heat on its hook.
 *
 * The hook runs on the emulator thread at each chunk boundary of the run
 * loop. Its cost with nothing attached is nil: kernel_opts.hook stays NULL.
 * With something attached it returns the distance to the next event it owns
 * (a time-lapse frame, a heat period) so those happen at exact instruction
 * counts (give or take the hart's block overshoot, at most 2048).
 */
#include "cli/run.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/heat.h"
#include "emu/hart.h"
#include "os/observe.h"
#include "view/png.h"
#include "view/viewer.h"

struct run_ctx {
	struct run_opts *ro;
	struct observe obs;
	struct heat *heat;
	uint64_t next_frame;
	unsigned frame;
	bool failed;
	bool in_kernel;	  /* kernel_main() is running: frame_detail_fill() may look */
	bool init_exited; /* KHOOK_EXIT seen: the window has had its last word */
	/* rates for the PNGs' status bar: wall time and counters at the start of
	 * the run and at the previous time-lapse frame */
	double t_start, t_prev;
	uint64_t insns_prev, faults_prev;
	unsigned beats_seen;
	uint64_t deadline_ms;
	bool timed_out;
	int argc;
	char **argv;
};

static pthread_mutex_t caption_lock = PTHREAD_MUTEX_INITIALIZER;

void run_set_caption(struct run_opts *ro, const char *text)
{
	pthread_mutex_lock(&caption_lock);
	snprintf(ro->caption_now, sizeof(ro->caption_now), "%s%s%s%s", text, ro->note ? "   [" : "",
		 ro->note ? ro->note : "", ro->note ? "]" : "");
	viewer_set_caption(ro->viewer, ro->caption_now);
	pthread_mutex_unlock(&caption_lock);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The inspector's kernel side (viewer_opts.detail, and pinned PNG frames):
 * the kernel's description plus heat's last access. Emulator thread only. */
static void fill_detail(void *arg, uint64_t pfn, struct frame_detail *d)
{
	struct run_ctx *r = arg;
	uint64_t insn;

	if (!r->in_kernel || frame_detail_fill(pfn, d) < 0) {
		memset(d, 0, sizeof(*d));
		d->pfn = -1;
		return;
	}
	d->last_access_known = (uint8_t)heat_last_access(r->heat, pfn, &insn);
	if (d->last_access_known)
		d->last_access = insn;
}

/* Write one PNG of the current map; false (one line on stderr) on failure.
 * The status bar's rates are by wall time: over the whole run for the final
 * snapshot, since the previous frame for time-lapse frames. */
static bool write_png(struct run_ctx *r, const char *path, bool timelapse)
{
	char caption[sizeof(r->ro->caption_now)];
	struct frame_detail det;
	struct view_state st = {.mode = r->ro->mode,
				.hover_pfn = -1,
				.pinned_pfn = r->ro->pin_pfn,
				.show_events = true,
				.mips = -1,
				.faults_per_sec = -1,
				.caption = caption,
				.detail = &det};
	double t = now_s(), t0 = timelapse ? r->t_prev : r->t_start;
	uint64_t i0 = timelapse ? r->insns_prev : 0, f0 = timelapse ? r->faults_prev : 0;

	if (!r->obs.tags)
		return true;
	if (t > t0 && r->obs.c.insns >= i0 && r->obs.c.faults >= f0) {
		st.mips = (double)(r->obs.c.insns - i0) / (t - t0) / 1e6;
		st.faults_per_sec = (double)(r->obs.c.faults - f0) / (t - t0);
		st.rates_note = timelapse ? "wall, since last frame" : "wall, whole run";
	}
	if (timelapse) {
		r->t_prev = t;
		r->insns_prev = r->obs.c.insns;
		r->faults_prev = r->obs.c.faults;
	}
	view_status_text(r->ro->status_shown, sizeof(r->ro->status_shown), &r->obs, &st);
	if (r->ro->pin_pfn >= 0)
		fill_detail(r, (uint64_t)r->ro->pin_pfn, &det);
	else
		det.pfn = -1;
	pthread_mutex_lock(&caption_lock);
	memcpy(caption, r->ro->caption_now, sizeof(caption));
	pthread_mutex_unlock(&caption_lock);
	if (view_snapshot_state(path, &r->obs, &st, VIEW_SNAPSHOT_W, VIEW_SNAPSHOT_H) == 0)
		return true;
	fprintf(stderr, "rvmm: cannot write %s: %s\n", path, strerror(errno));
	r->failed = true;
	return false;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A new beat: keep the window live (and obeying pause/quit) for beat_ms.
 * Returns false when the user quit. */
static bool hold_beat(struct run_ctx *r)
{
	struct run_opts *ro = r->ro;
	unsigned b = atomic_load_explicit(ro->beats, memory_order_relaxed);
	if (b == r->beats_seen)
		return true;
	r->beats_seen = b;
	for (uint64_t until = now_ms() + ro->beat_ms; now_ms() < until;) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		viewer_publish(ro->viewer, &r->obs);
		if (!viewer_gate(ro->viewer, &r->obs))
			return false;
		nanosleep(&ts, NULL);
	}
	return true;
}

static uint64_t run_hook(void *arg, enum kernel_hook_point at, struct hart *h)
{
	struct run_ctx *r = arg;
	struct run_opts *ro = r->ro;
	uint64_t now = hart_instret(h), most = UINT64_MAX;

	r->obs.c.insns = now;
	if (r->deadline_ms && now_ms() >= r->deadline_ms) {
		r->timed_out = true;
		return 0;
	}
	if (r->heat)
		most = heat_tick(r->heat, h, now);
	if (at == KHOOK_EXIT) {
		if (ro->snapshot && write_png(r, ro->snapshot, false))
			ro->snapshot_written = true;
		viewer_flush(ro->viewer, &r->obs);
		/* a lingering window keeps the machine inspectable until q (or m) */
		viewer_hold(ro->viewer, &r->obs);
		if (viewer_take_restart(ro->viewer))
			ro->restart = true;
		r->init_exited = true;
		return 1;
	}
	if (ro->snap_every) {
		if (now >= r->next_frame) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/frame-%06u.png", ro->snap_dir, ++r->frame);
			if (!write_png(r, path, true))
				return 0;
			r->next_frame = (now / ro->snap_every + 1) * ro->snap_every;
		}
		if (r->next_frame - now < most)
			most = r->next_frame - now;
	}
	if (ro->viewer && !r->init_exited) {
		if (ro->beats && !hold_beat(r))
			return 0;
		viewer_publish(ro->viewer, &r->obs);
		uint64_t b = viewer_gate(ro->viewer, &r->obs);
		if (!b)
			return 0;
		if (viewer_take_restart(ro->viewer)) {
			ro->restart = true;
			return 0;
		}
		if (b < most)
			most = b;
	}
	return most;
}

static int emulate(void *arg)
{
	struct run_ctx *r = arg;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	r->t_start = r->t_prev = now_s();
	r->in_kernel = true;
	int status = kernel_main(&r->ro->k, r->argc, r->argv);
	r->in_kernel = false;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->ro->seconds = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	r->ro->cpu_seconds = (double)(c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
	/* no flush here: the kernel has freed everything by now, and the window
	 * keeps the picture of init's exit (KHOOK_EXIT) */
	return status;
}

int run_program(struct run_opts *ro, int argc, char **argv)
{
	static struct run_ctx r; /* the observe is large (the event ring) */
	int status;

	memset(&r, 0, sizeof(r));
	r.ro = ro;
	r.argc = argc;
	r.argv = argv;
	r.next_frame = ro->snap_every;
	ro->k.obs = &r.obs;
	ro->viewer = NULL;
	if (ro->window) {
		struct viewer_opts vo = {.title = "rvmm",
					 .mode = ro->mode,
					 .linger = ro->linger,
					 .detail = fill_detail,
					 .detail_arg = &r};
		ro->viewer = viewer_open(&vo);
	}
	if (ro->caption)
		run_set_caption(ro, ro->caption);
	if (!ro->viewer && !ro->snapshot)
		ro->snapshot = ro->headless_snapshot;
	/* heat costs a TLB flush per period: only when someone may look at it
	 * (the window, heat colours, or a pinned frame's last access) */
	if (ro->viewer || ro->mode == VIEW_HEAT || ro->pin_pfn >= 0)
		r.heat = heat_create(&r.obs, HEAT_PERIOD_DEFAULT);
	if (ro->timeout > 0)
		r.deadline_ms = now_ms() + (uint64_t)(ro->timeout * 1000);
	if (ro->viewer || ro->snapshot || ro->snap_every || r.heat || r.deadline_ms) {
		ro->k.hook = run_hook;
		ro->k.hook_arg = &r;
	}
	if (ro->viewer) {
		status = viewer_main(ro->viewer, emulate, &r);
		if (status < 0) {
			fprintf(stderr, "rvmm: cannot start the emulator thread\n");
			status = KERNEL_EXIT_ERROR;
		}
		viewer_close(ro->viewer);
		ro->viewer = NULL;
	} else {
		status = emulate(&r);
	}
	/* init was killed before it could call exit: the map as the run left it */
	if (ro->snapshot && !ro->snapshot_written && write_png(&r, ro->snapshot, false))
		ro->snapshot_written = true;
	ro->insns = r.obs.c.insns;
	ro->faults = r.obs.c.faults;
	heat_destroy(r.heat);
	ro->k.hook = NULL;
	if (r.timed_out) {
		fprintf(stderr, "rvmm: stopped after %.3g seconds (--timeout)\n", ro->timeout);
		status = KERNEL_EXIT_TIMEOUT;
	}
	return r.failed ? KERNEL_EXIT_ERROR : status;
}
