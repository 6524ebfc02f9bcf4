/*
 * viewtool.c - renders synthetic machines, for tests and for looking at the
 * viewer before the kernel exists (not installed).
 *
 *   viewtool --png FILE [opts]        render offscreen to a PNG
 *   viewtool --window [opts]          open the live window; a fake emulator
 *                                     thread publishes the scene
 *   viewtool --diff-xwd SHOT [opts]   compare a window screenshot (xwd -id)
 *                                     with the offscreen rendering of the
 *                                     same scene at the same size: prints
 *                                     differing pixels per area, exit 0 iff
 *                                     map and side panel are identical (the
 *                                     status bar shows live rates)
 *   viewtool --cell PFN [opts]        print the centre "x y" of PFN's cell
 *   viewtool --bench [opts]           time rendering and the snapshot copy
 *   viewtool --spin S [--window]      a CPU-bound fake guest for S seconds,
 *                                     with or without the window: prints
 *                                     "work units/s" to compare the two
 *                                     (--animate: it changes a frame's heat
 *                                     every chunk, so every frame redraws)
 * opts: --mode kind|owner|heat|sharing  --size WxH  --frames N (default 32768)
 *       --hover PFN  --pinned PFN  --animate  --seconds S  --paused
 *       --no-events (an empty event ring)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "view/png.h"
#include "view/render.h"
#include "view/synth.h"
#include "view/viewer.h"

#define CAPTION "viewtool: a synthetic machine (space pause, 1-4 modes, q quit)"

struct args {
	const char *png, *xwd;
	bool window, animate, paused, no_events, bench;
	double spin;
	enum view_mode mode;
	int w, h;
	uint64_t frames;
	int64_t hover, pinned, cell;
	double seconds;
};

static int parse_mode(const char *s, enum view_mode *m)
{
	for (int i = 0; i < VIEW__NMODES; i++)
		if (!strcmp(s, view_mode_name(i))) {
			*m = (enum view_mode)i;
			return 0;
		}
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: viewtool (--png FILE | --window | --diff-xwd SHOT) [--mode M] "
		"[--size WxH] [--frames N] [--hover PFN] [--pinned PFN] [--cell PFN] [--animate] "
		"[--seconds S] [--spin S] [--bench] "
		"[--paused] [--no-events]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof(*a));
	a->w = VIEW_SNAPSHOT_W;
	a->h = VIEW_SNAPSHOT_H;
	a->frames = 32768;
	a->hover = a->pinned = a->cell = -1;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = true;

		if (!strcmp(o, "--png") && val)
			a->png = val;
		else if (!strcmp(o, "--diff-xwd") && val)
			a->xwd = val;
		else if (!strcmp(o, "--mode") && val) {
			if (parse_mode(val, &a->mode))
				usage();
		} else if (!strcmp(o, "--size") && val) {
			if (sscanf(val, "%dx%d", &a->w, &a->h) != 2 || a->w <= 0 || a->h <= 0)
				usage();
		} else if (!strcmp(o, "--frames") && val)
			a->frames = strtoull(val, NULL, 0);
		else if (!strcmp(o, "--hover") && val)
			a->hover = strtoll(val, NULL, 0);
		else if (!strcmp(o, "--pinned") && val)
			a->pinned = strtoll(val, NULL, 0);
		else if (!strcmp(o, "--cell") && val)
			a->cell = strtoll(val, NULL, 0);
		else if (!strcmp(o, "--seconds") && val)
			a->seconds = atof(val);
		else if (!strcmp(o, "--spin") && val)
			a->spin = atof(val);
		else {
			takes = false;
			if (!strcmp(o, "--window"))
				a->window = true;
			else if (!strcmp(o, "--animate"))
				a->animate = true;
			else if (!strcmp(o, "--paused"))
				a->paused = true;
			else if (!strcmp(o, "--no-events"))
				a->no_events = true;
			else if (!strcmp(o, "--bench"))
				a->bench = true;
			else
				usage();
		}
		i += takes;
	}
	if (!a->png && !a->window && !a->xwd && !a->bench && a->spin <= 0 && a->cell < 0)
		usage();
}

/* ---- xwd screenshots ---- */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int mask_shift(uint32_t m)
{
	int s = 0;

	while (m && !(m & 1))
		m >>= 1, s++;
	return s;
}

/* Read a 24/32-bit TrueColor ZPixmap xwd file into XRGB pixels. NULL on error. */
static uint32_t *read_xwd(const char *path, int *w, int *h)
{
	FILE *f = fopen(path, "rb");
	uint8_t hdr[100], *data = NULL;
	uint32_t *px = NULL;
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 100 || fseek(f, 0, SEEK_SET) ||
	    fread(hdr, 1, 100, f) != 100)
		goto out;
	uint32_t hsize = be32(hdr), fmt = be32(hdr + 8), width = be32(hdr + 16),
		 height = be32(hdr + 20), order = be32(hdr + 28), bpp = be32(hdr + 44),
		 bpl = be32(hdr + 48), rm = be32(hdr + 56), gm = be32(hdr + 60),
		 bm = be32(hdr + 64), ncolors = be32(hdr + 76);
	long off = (long)hsize + 12L * ncolors;
	if (fmt != 2 || bpp != 32 || width == 0 || height == 0 || off + (long)bpl * height > size) {
		fprintf(stderr, "viewtool: %s: unsupported xwd (format %u, %u bpp)\n", path, fmt,
			bpp);
		goto out;
	}
	data = malloc((size_t)bpl * height);
	px = malloc((size_t)width * height * 4);
	if (!data || !px || fseek(f, off, SEEK_SET) ||
	    fread(data, 1, (size_t)bpl * height, f) != (size_t)bpl * height) {
		free(px);
		px = NULL;
		goto out;
	}
	for (uint32_t y = 0; y < height; y++)
		for (uint32_t x = 0; x < width; x++) {
			const uint8_t *p = data + (size_t)y * bpl + 4 * x;
			uint32_t v = order ? be32(p)
					   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
						 (uint32_t)p[1] << 8 | p[0];
			uint32_t r = (v & rm) >> mask_shift(rm), g = (v & gm) >> mask_shift(gm),
				 b = (v & bm) >> mask_shift(bm);
			px[(size_t)y * width + x] = r << 16 | g << 8 | b;
		}
	*w = (int)width;
	*h = (int)height;
out:
	free(data);
	if (f)
		fclose(f);
	return px;
}

static bool inside(const struct view_rect *r, int x, int y)
{
	return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

/* The view state both the window and the offscreen references use; the
 * inspected frame's description is synth_detail()'s, as the window gets it. */
static void ref_state(const struct args *a, struct view_state *st, const struct observe *obs,
		      struct frame_detail *d)
{
	view_state_init(st);
	st->mode = a->mode;
	st->hover_pfn = a->hover;
	st->pinned_pfn = a->pinned;
	st->show_events = !a->no_events;
	st->caption = CAPTION;
	synth_detail((void *)obs, (uint64_t)(a->pinned >= 0 ? a->pinned : a->hover), d);
	st->detail = d;
}

static int diff_xwd(const struct args *a, const struct observe *obs)
{
	int w, h, dmap = 0, dside = 0, dall = 0;
	uint32_t *shot = read_xwd(a->xwd, &w, &h);
	struct view_layout l;
	struct view_state st;
	struct frame_detail d;

	if (!shot)
		return 2;
	struct canvas cv = {malloc((size_t)w * h * 4), w, h, w};
	if (!cv.px) {
		free(shot);
		return 2;
	}
	ref_state(a, &st, obs, &d);
	view_layout(&l, w, h, obs);
	view_render(&cv, &l, obs, &st);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (shot[i] == cv.px[i])
				continue;
			dall++;
			dmap += inside(&l.map, x, y);
			dside += inside(&l.side, x, y);
		}
	printf("size %dx%d  differing pixels: map %d, side panel %d, all %d\n", w, h, dmap, dside,
	       dall);
	free(cv.px);
	free(shot);
	return dmap || dside ? 1 : 0;
}

/* ---- the fake emulator for --window ---- */

struct fake {
	struct viewer *v;
	struct observe *o;
	bool animate;
	double seconds, spin;
	uint64_t work;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A CPU-bound guest stand-in: chunks of 1M xorshift steps ("instructions"),
 * calling viewer_publish/viewer_gate between chunks as the run loop will. */
static int spin_emu(void *arg)
{
	struct fake *f = arg;
	double t0 = now_s();
	uint64_t x = 88172645463325252ull;

	while (now_s() - t0 < f->spin) {
		viewer_publish(f->v, f->o);
		if (viewer_gate(f->v, f->o) == 0)
			break;
		for (int i = 0; i < 1000000; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
		}
		f->o->c.insns += 1000000;
		if (f->animate) /* a guest that touches memory: the map changes every chunk */
			f->o->tags[f->work % f->o->nframes].heat ^= 0x80;
		f->work++;
	}
	f->o->c.faults = x & 1; /* keep the loop's result alive */
	printf("spin: %.1f M work units/s (%s)\n", f->work / (now_s() - t0),
	       f->v ? "window" : "no window");
	return 0;
}

/* Time rendering at the chosen size and the emulator's snapshot copy. */
static void bench(const struct args *a, const struct observe *o)
{
	struct canvas cv = {malloc((size_t)a->w * a->h * 4), a->w, a->h, a->w};
	struct frame_tag *copy = malloc(o->nframes * sizeof(*copy));
	struct view_layout l;
	struct view_state st;
	/* Called through a volatile pointer so the copies are not optimised away. */
	void *(*volatile cpy)(void *, const void *, size_t) = memcpy;
	int n = 50;
	double t;

	if (!cv.px || !copy)
		exit(1);
	view_state_init(&st);
	st.mode = a->mode;
	t = now_s();
	for (int i = 0; i < n; i++) {
		view_layout(&l, a->w, a->h, o);
		view_render(&cv, &l, o, &st);
	}
	printf("render %dx%d %s: %.2f ms/frame\n", a->w, a->h, view_mode_name(a->mode),
	       (now_s() - t) * 1e3 / n);
	n = 2000;
	t = now_s();
	for (int i = 0; i < n; i++)
		cpy(copy, o->tags, o->nframes * sizeof(*copy));
	double us = (now_s() - t) * 1e6 / n;
	printf("snapshot copy of %llu frames: %.1f us; at 60/s: %.2f%% of one core\n",
	       (unsigned long long)o->nframes, us, us * 60 / 1e4);
	free(cv.px);
	free(copy);
}

/* Pretends to run a guest: each chunk "executes" instructions and, when
 * animating, a process faults in anon pages while heat decays. */
static int fake_emu(void *arg)
{
	struct fake *f = arg;
	struct observe *o = f->o;
	double t0 = now_s();
	uint64_t next = o->base_pfn + o->nframes / 2 + 7;

	for (;;) {
		viewer_publish(f->v, o);
		uint64_t budget = viewer_gate(f->v, o);
		if (budget == 0)
			break;
		if (budget > 1000000)
			budget = 1000000;
		o->c.insns += budget;
		if (f->animate) {
			if (next < o->base_pfn + o->nframes &&
			    o->tags[next - o->base_pfn].kind == FK_FREE) {
				synth_set(o, next, 1, FK_ANON, 7, 1, FTF_LRU);
				o->tags[next - o->base_pfn].heat = 255;
				synth_event(o, MMEV_FAULT_MINOR, 7, next, next << 12);
				o->c.faults++;
			}
			next++;
			for (uint64_t i = 0; i < o->nframes; i += 97)
				if (o->tags[i].heat)
					o->tags[i].heat--;
			synth_count(o);
		}
		struct timespec ts = {0, 2000000};
		nanosleep(&ts, NULL); /* a fake guest; keep the shared machine idle */
		if (f->seconds > 0 && now_s() - t0 >= f->seconds)
			break;
	}
	viewer_flush(f->v, o);
	return 0;
}

int main(int argc, char **argv)
{
	struct args a;
	struct observe *o;
	int ret = 0;

	parse(argc, argv, &a);
	o = synth_new(a.frames);
	if (!o) {
		fprintf(stderr, "viewtool: out of memory\n");
		return 1;
	}
	synth_scene(o);
	if (a.no_events)
		o->ring_head = 0; /* no outlines on the map, an empty ticker */
	if (a.png) {
		struct view_state st;
		struct frame_detail d;
		ref_state(&a, &st, o, &d);
		if (view_snapshot_state(a.png, o, &st, a.w, a.h) != 0) {
			fprintf(stderr, "viewtool: %s: %s\n", a.png, strerror(errno));
			ret = 1;
		}
	}
	if (a.xwd)
		ret = diff_xwd(&a, o);
	if (a.bench)
		bench(&a, o);
	if (a.cell >= 0) {
		struct view_layout l;
		struct view_rect r;
		view_layout(&l, a.w, a.h, o);
		if (view_cell_rect(&l, (uint64_t)a.cell, &r) == 0)
			printf("%d %d\n", r.x + r.w / 2, r.y + r.h / 2);
		else
			ret = 1;
	}
	if (a.spin > 0 && !a.window) {
		struct fake f = {NULL, o, a.animate, 0, a.spin, 0};
		spin_emu(&f);
	}
	if (a.window) {
		struct viewer_opts vo = {.w = a.w,
					 .h = a.h,
					 .title = "rvmm viewtool",
					 .mode = a.mode,
					 .start_paused = a.paused,
					 .linger = a.seconds <= 0 && a.spin <= 0,
					 .detail = synth_detail,
					 .detail_arg = o};
		struct viewer *v = viewer_open(&vo);
		if (!v) {
			synth_free(o);
			return 77;
		}
		struct fake f = {v, o, a.animate, a.seconds, a.spin, 0};
		viewer_set_caption(v, CAPTION);
		ret = viewer_main(v, a.spin > 0 ? spin_emu : fake_emu, &f);
		viewer_close(v);
	}
	synth_free(o);
	return ret;
}
