/*
 * window.c - the SDL2 window and its hand-off with the emulator thread.
 *
 * Ownership and locking:
 *  - snap[front] belongs to the window thread (read while drawing, no lock);
 *    snap[front ^ 1], `fresh`, `front`, `step_pending` and `caption` are
 *    guarded by `lock`. Only the window thread flips `front`, under `lock`.
 *  - `want`, `paused`, `quit`, `restart`, `restarting`, `speed`, `emu_done`,
 *    `holding` and `inspect_pfn` are atomics: the emulator's fast path reads `want` and
 *    `paused` without locking.
 *  - det[b] is the kernel's description of snap[b]'s inspected frame, filled
 *    by the emulator (opts.detail) in the same copy, so the two always agree.
 *  - The emulator copies at most one snapshot per `want`, and the window sets
 *    `want` at most once per drawn frame, so copying is bounded by 60/s.
 * All SDL calls happen on the thread that called viewer_open/viewer_main.
 */
#include "view/viewer.h"

#include <SDL.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "view/png.h"

#define FRAME_MS (1000.0 / 60.0)

/* Speed levels for +/-: guest instructions per second, 0 = unthrottled. */
static const struct {
	uint64_t ips;
	const char *name;
} speeds[] = {
    {0, "max"},	       {100000000, "100M/s"}, {20000000, "20M/s"}, {5000000, "5M/s"},
    {1000000, "1M/s"}, {200000, "200K/s"},    {50000, "50K/s"},	   {10000, "10K/s"},
};
#define NSPEEDS ((int)(sizeof(speeds) / sizeof(speeds[0])))

struct viewer {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *tex;
	int tex_w, tex_h;
	struct canvas cv;
	size_t px_cap;
	struct viewer_opts opts;

	pthread_mutex_t lock;
	pthread_cond_t cond;
	atomic_bool want, paused, quit, restart, emu_done, holding;
	atomic_bool restarting; /* `m` pressed: close when the emulator is done, even lingering */
	atomic_int speed;
	atomic_llong inspect_pfn; /* the frame the window inspects, -1: none */
	unsigned step_pending;
	struct observe snap[2];
	struct frame_detail det[2];
	uint64_t tags_cap[2];
	int front;
	bool fresh, have;
	char caption[256];

	/* emulator thread only: throttling */
	int thr_speed;
	uint64_t thr_insn0;
	double thr_t0;

	/* window thread only */
	struct view_state st;
	struct view_layout layout;
	char caption_shown[256];
	double stat_t;
	uint64_t stat_insns, stat_faults;
	int shots;
	bool dirty;

	int (*emu)(void *);
	void *emu_arg;
	int emu_ret;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct viewer *viewer_open(const struct viewer_opts *o)
{
	struct viewer *v;
	const char *drv;
	int w = o && o->w > 0 ? o->w : VIEW_SNAPSHOT_W, h = o && o->h > 0 ? o->h : VIEW_SNAPSHOT_H;

	/* We draw every pixel ourselves, so the cheapest path to the screen is
	 * SDL's software renderer writing straight to the window framebuffer
	 * (X11: shared memory). The GL renderers add a texture upload and, on
	 * machines without a GPU (Xvfb, CI), a software GL that costs about 2.5x
	 * the CPU. The environment (SDL_RENDER_DRIVER=opengl) still wins. */
	SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
	SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
	/* No display: say so once and let the caller run headless. SDL would
	 * otherwise fall back to its invisible "offscreen" driver (tests ask
	 * for that one explicitly with SDL_VIDEODRIVER). */
	if (!getenv("SDL_VIDEODRIVER") && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
		fprintf(stderr, "rvmm: no window: no display (DISPLAY is not set)\n");
		return NULL;
	}
	/* A busy X server can refuse a connection for a moment (its listen queue
	 * full while other clients connect): try a few times, 0.2 s apart. */
	for (int tries = 1; SDL_InitSubSystem(SDL_INIT_VIDEO) != 0; tries++) {
		if (tries == 5) {
			fprintf(stderr, "rvmm: no window: %s\n", SDL_GetError());
			return NULL;
		}
		nanosleep(&(struct timespec){0, 200000000}, NULL);
	}
	drv = SDL_GetCurrentVideoDriver();
	if (drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy")) &&
	    !getenv("SDL_VIDEODRIVER")) {
		fprintf(stderr, "rvmm: no window: no display (SDL chose \"%s\")\n", drv);
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
		return NULL;
	}
	v = calloc(1, sizeof(*v));
	if (!v)
		goto err_sdl;
	if (o)
		v->opts = *o;
	if (!v->opts.step_insns)
		v->opts.step_insns = 100000;
	v->win = SDL_CreateWindow(v->opts.title ? v->opts.title : "rvmm", SDL_WINDOWPOS_UNDEFINED,
				  SDL_WINDOWPOS_UNDEFINED, w, h,
				  SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
	if (!v->win)
		goto err_msg;
	v->ren = SDL_CreateRenderer(v->win, -1, 0);
	if (!v->ren)
		v->ren = SDL_CreateRenderer(v->win, -1, SDL_RENDERER_SOFTWARE);
	if (!v->ren)
		goto err_msg;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->cond, NULL);
	atomic_init(&v->want, true);
	atomic_init(&v->paused, v->opts.start_paused);
	atomic_init(&v->quit, false);
	atomic_init(&v->restart, false);
	atomic_init(&v->emu_done, false);
	atomic_init(&v->speed, 0);
	atomic_init(&v->holding, false);
	atomic_init(&v->restarting, false);
	atomic_init(&v->inspect_pfn, -1);
	v->det[0].pfn = v->det[1].pfn = -1;
	v->thr_speed = -1;
	view_state_init(&v->st);
	v->st.mode = v->opts.mode;
	v->dirty = true;
	return v;
err_msg:
	fprintf(stderr, "rvmm: no window: %s\n", SDL_GetError());
	if (v->win)
		SDL_DestroyWindow(v->win);
	free(v);
err_sdl:
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	return NULL;
}

void viewer_close(struct viewer *v)
{
	if (!v)
		return;
	if (v->tex)
		SDL_DestroyTexture(v->tex);
	SDL_DestroyRenderer(v->ren);
	SDL_DestroyWindow(v->win);
	SDL_Quit();
	pthread_mutex_destroy(&v->lock);
	pthread_cond_destroy(&v->cond);
	free(v->snap[0].tags);
	free(v->snap[1].tags);
	free(v->cv.px);
	free(v);
}

/* ---- emulator side ---- */

/* Copy src into the back buffer. Caller holds v->lock. */
static void copy_back(struct viewer *v, const struct observe *src)
{
	int b = v->front ^ 1;
	struct frame_tag *tags = v->snap[b].tags;

	if (v->tags_cap[b] < src->nframes) {
		struct frame_tag *n = realloc(tags, src->nframes * sizeof(*tags));
		if (!n)
			return; /* keep the old picture; the window asks again */
		tags = n;
		v->tags_cap[b] = src->nframes;
	}
	v->snap[b] = *src;
	v->snap[b].tags = tags;
	memcpy(tags, src->tags, src->nframes * sizeof(*tags));
	long long pfn = atomic_load_explicit(&v->inspect_pfn, memory_order_relaxed);
	memset(&v->det[b], 0, sizeof(v->det[b]));
	v->det[b].pfn = -1;
	if (v->opts.detail && pfn >= 0)
		v->opts.detail(v->opts.detail_arg, (uint64_t)pfn, &v->det[b]);
	v->fresh = true;
	atomic_store_explicit(&v->want, false, memory_order_relaxed);
}

void viewer_publish(struct viewer *v, const struct observe *obs)
{
	if (!v || !atomic_load_explicit(&v->want, memory_order_relaxed))
		return;
	pthread_mutex_lock(&v->lock);
	copy_back(v, obs);
	pthread_mutex_unlock(&v->lock);
}

void viewer_flush(struct viewer *v, const struct observe *obs)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->lock);
	copy_back(v, obs);
	pthread_mutex_unlock(&v->lock);
}

uint64_t viewer_gate(struct viewer *v, const struct observe *obs)
{
	uint64_t rate, done;
	double elapsed, due;
	int sp;

	if (!v)
		return UINT64_MAX;
	if (atomic_load(&v->quit))
		return 0;
	if (atomic_load(&v->paused)) {
		uint64_t budget = 0;

		pthread_mutex_lock(&v->lock);
		while (atomic_load(&v->paused) && !v->step_pending && !atomic_load(&v->quit)) {
			if (atomic_load(&v->want))
				copy_back(v, obs);
			pthread_cond_wait(&v->cond, &v->lock);
		}
		if (!atomic_load(&v->quit)) {
			budget = UINT64_MAX;
			if (v->step_pending) {
				v->step_pending--;
				budget = v->opts.step_insns;
			}
		}
		pthread_mutex_unlock(&v->lock);
		v->thr_speed = -1; /* restart the speed clock after a pause */
		return budget;
	}
	sp = atomic_load(&v->speed);
	if (sp <= 0 || sp >= NSPEEDS)
		return UINT64_MAX;
	rate = speeds[sp].ips;
	if (sp != v->thr_speed ||
	    obs->c.insns < v->thr_insn0) { /* new speed or a restarted guest */
		v->thr_speed = sp;
		v->thr_insn0 = obs->c.insns;
		v->thr_t0 = now_s();
	}
	done = obs->c.insns - v->thr_insn0;
	elapsed = now_s() - v->thr_t0;
	due = (double)done / (double)rate;
	if (due > elapsed) {
		double s = due - elapsed > 0.1 ? 0.1 : due - elapsed;
		struct timespec ts = {0, (long)(s * 1e9)};
		nanosleep(&ts, NULL);
	}
	return rate / 100 ? rate / 100 : 1; /* about 10 ms of guest time per chunk */
}

void viewer_hold(struct viewer *v, const struct observe *obs)
{
	if (!v || !v->opts.linger)
		return;
	pthread_mutex_lock(&v->lock);
	copy_back(v, obs);
	atomic_store(&v->holding, true);
	while (!atomic_load(&v->quit) && !atomic_load(&v->restart)) {
		if (atomic_load(&v->want))
			copy_back(v, obs);
		pthread_cond_wait(&v->cond, &v->lock);
	}
	atomic_store(&v->holding, false);
	pthread_mutex_unlock(&v->lock);
}

bool viewer_take_restart(struct viewer *v)
{
	return v && atomic_exchange(&v->restart, false);
}

bool viewer_quit_requested(struct viewer *v)
{
	return v && atomic_load(&v->quit);
}

bool viewer_paused(struct viewer *v)
{
	return v && atomic_load(&v->paused);
}

void viewer_set_caption(struct viewer *v, const char *text)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->lock);
	snprintf(v->caption, sizeof(v->caption), "%s", text ? text : "");
	pthread_mutex_unlock(&v->lock);
}

/* ---- window side ---- */

static void wake_emulator(struct viewer *v)
{
	pthread_mutex_lock(&v->lock);
	pthread_cond_broadcast(&v->cond);
	pthread_mutex_unlock(&v->lock);
}

/* Make the canvas and texture match the drawable size (HiDPI: pixels, not points). */
static int ensure_canvas(struct viewer *v)
{
	int dw, dh;

	if (SDL_GetRendererOutputSize(v->ren, &dw, &dh) != 0 || dw <= 0 || dh <= 0)
		return -1;
	if (v->tex && dw == v->tex_w && dh == v->tex_h)
		return 0;
	if (v->tex)
		SDL_DestroyTexture(v->tex);
	v->tex =
	    SDL_CreateTexture(v->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, dw, dh);
	if (!v->tex)
		return -1;
	if ((size_t)dw * dh > v->px_cap) {
		uint32_t *n = realloc(v->cv.px, (size_t)dw * dh * sizeof(uint32_t));
		if (!n)
			return -1;
		v->cv.px = n;
		v->px_cap = (size_t)dw * dh;
	}
	v->cv.w = v->cv.stride = v->tex_w = dw;
	v->cv.h = v->tex_h = dh;
	return 0;
}

static void draw(struct viewer *v)
{
	const struct observe *obs = &v->snap[v->front];

	if (ensure_canvas(v) != 0)
		return;
	v->st.paused = atomic_load(&v->paused);
	v->st.speed = speeds[atomic_load(&v->speed)].name;
	v->st.caption = v->caption_shown;
	v->st.detail = &v->det[v->front];
	if (v->have) {
		view_layout(&v->layout, v->cv.w, v->cv.h, obs);
		view_render(&v->cv, &v->layout, obs, &v->st);
	} else {
		struct observe empty = {0};
		view_layout(&v->layout, v->cv.w, v->cv.h, &empty);
		view_render(&v->cv, &v->layout, &empty, &v->st);
	}
	SDL_UpdateTexture(v->tex, NULL, v->cv.px, v->cv.stride * (int)sizeof(uint32_t));
	SDL_RenderClear(v->ren);
	SDL_RenderCopy(v->ren, v->tex, NULL, NULL);
	SDL_RenderPresent(v->ren);
}

/* Whether two snapshots draw the same (the instruction count is shown only
 * through the MIPS rate, which take_snapshot() refreshes on its own). Saves
 * drawing and presenting a frame, the window's main cost, when a guest
 * computes without touching memory management. */
static bool same_picture(const struct observe *a, const struct observe *b,
			 const struct frame_detail *da, const struct frame_detail *db)
{
	const struct obs_counters *ca = &a->c, *cb = &b->c;

	if (a->nframes != b->nframes || a->base_pfn != b->base_pfn || a->nzones != b->nzones ||
	    a->ring_head != b->ring_head)
		return false;
	if (ca->total != cb->total || ca->free != cb->free || ca->anon != cb->anon ||
	    ca->file != cb->file || ca->slab != cb->slab || ca->pgtables != cb->pgtables ||
	    ca->kernel != cb->kernel || ca->swap_total != cb->swap_total ||
	    ca->swap_used != cb->swap_used || ca->faults != cb->faults ||
	    ca->running_pid != cb->running_pid || ca->mode != cb->mode)
		return false;
	for (int z = 0; z < a->nzones && z < 4; z++)
		if (memcmp(a->zones[z].name, b->zones[z].name, 8) ||
		    a->zones[z].start_pfn != b->zones[z].start_pfn ||
		    a->zones[z].end_pfn != b->zones[z].end_pfn)
			return false;
	if (memcmp(da, db, sizeof(*da)))
		return false;
	return !memcmp(a->tags, b->tags, a->nframes * sizeof(*a->tags));
}

/* Take the emulator's newest copy, if any, and update the rates shown. */
static void take_snapshot(struct viewer *v)
{
	pthread_mutex_lock(&v->lock);
	if (v->fresh) {
		v->front ^= 1;
		v->fresh = false;
		int f = v->front;
		if (!v->have ||
		    !same_picture(&v->snap[f], &v->snap[f ^ 1], &v->det[f], &v->det[f ^ 1]))
			v->dirty = true;
		v->have = true;
	}
	if (strcmp(v->caption_shown, v->caption)) {
		memcpy(v->caption_shown, v->caption, sizeof(v->caption));
		v->dirty = true;
	}
	pthread_mutex_unlock(&v->lock);
	if (!v->have)
		return;

	/* Rates over windows of at least half a second. */
	const struct obs_counters *c = &v->snap[v->front].c;
	double t = now_s();
	if (v->stat_t == 0 || c->insns < v->stat_insns) {
		v->stat_t = t;
		v->stat_insns = c->insns;
		v->stat_faults = c->faults;
	} else if (t - v->stat_t >= 0.5) {
		v->st.mips = (c->insns - v->stat_insns) / (t - v->stat_t) / 1e6;
		v->st.faults_per_sec = (c->faults - v->stat_faults) / (t - v->stat_t);
		v->stat_t = t;
		v->stat_insns = c->insns;
		v->stat_faults = c->faults;
		v->dirty = true;
	}
}

static void screenshot(struct viewer *v)
{
	char path[4096];

	draw(v);
	snprintf(path, sizeof(path), "%s/rvmm-%03d.png", v->opts.shot_dir ? v->opts.shot_dir : ".",
		 v->shots++);
	if (view_write_png(path, v->cv.px, v->cv.w, v->cv.h) == 0)
		fprintf(stderr, "rvmm: wrote %s\n", path);
	else
		fprintf(stderr, "rvmm: %s: %s\n", path, strerror(errno));
}

/* Window points to drawable pixels (they differ on HiDPI screens). */
static void to_pixels(struct viewer *v, int *x, int *y)
{
	int ww, wh;

	SDL_GetWindowSize(v->win, &ww, &wh);
	if (ww > 0 && wh > 0 && v->tex_w > 0) {
		*x = (int)((int64_t)*x * v->tex_w / ww);
		*y = (int)((int64_t)*y * v->tex_h / wh);
	}
}

static void on_key(struct viewer *v, SDL_Keycode k)
{
	int sp = atomic_load(&v->speed);

	switch (k) {
	case SDLK_SPACE: atomic_store(&v->paused, !atomic_load(&v->paused)); break;
	case SDLK_s:
	case SDLK_n:
		if (!atomic_load(&v->paused)) {
			atomic_store(&v->paused, true);
			break;
		}
		pthread_mutex_lock(&v->lock);
		v->step_pending++;
		pthread_mutex_unlock(&v->lock);
		break;
	case SDLK_PLUS:
	case SDLK_EQUALS:
	case SDLK_KP_PLUS: atomic_store(&v->speed, sp > 0 ? sp - 1 : 0); break;
	case SDLK_MINUS:
	case SDLK_KP_MINUS: atomic_store(&v->speed, sp < NSPEEDS - 1 ? sp + 1 : sp); break;
	case SDLK_1:
	case SDLK_2:
	case SDLK_3:
	case SDLK_4: v->st.mode = (enum view_mode)(k - SDLK_1); break;
	case SDLK_c: v->st.mode = (enum view_mode)((v->st.mode + 1) % VIEW__NMODES); break;
	case SDLK_p: screenshot(v); break;
	case SDLK_m:
		atomic_store(&v->restart, true);
		atomic_store(&v->restarting, true);
		fprintf(stderr, "rvmm: restart in the other of MMU/NOMMU requested\n");
		break;
	case SDLK_q:
	case SDLK_ESCAPE: atomic_store(&v->quit, true); break;
	default: return;
	}
	v->dirty = true;
	wake_emulator(v);
}

/* Tell the emulator which frame the next copy should describe. */
static void set_inspected(struct viewer *v)
{
	int64_t pfn = v->st.pinned_pfn >= 0 ? v->st.pinned_pfn : v->st.hover_pfn;

	atomic_store_explicit(&v->inspect_pfn, (long long)pfn, memory_order_relaxed);
}

static void on_event(struct viewer *v, const SDL_Event *e)
{
	int x, y;

	switch (e->type) {
	case SDL_QUIT:
		atomic_store(&v->quit, true);
		wake_emulator(v);
		break;
	case SDL_KEYDOWN: on_key(v, e->key.keysym.sym); break;
	case SDL_MOUSEMOTION:
		x = e->motion.x, y = e->motion.y;
		to_pixels(v, &x, &y);
		v->st.hover_pfn = v->have ? view_pfn_at(&v->layout, x, y) : -1;
		set_inspected(v);
		v->dirty = true;
		break;
	case SDL_MOUSEBUTTONDOWN: {
		x = e->button.x, y = e->button.y;
		to_pixels(v, &x, &y);
		int64_t pfn = v->have ? view_pfn_at(&v->layout, x, y) : -1;
		v->st.pinned_pfn = pfn == v->st.pinned_pfn ? -1 : pfn;
		set_inspected(v);
		v->dirty = true;
		break;
	}
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_LEAVE)
			v->st.hover_pfn = -1;
		set_inspected(v);
		v->dirty = true;
		break;
	}
}

static void *emu_thread(void *arg)
{
	struct viewer *v = arg;

	v->emu_ret = v->emu(v->emu_arg);
	atomic_store(&v->emu_done, true);
	return NULL;
}

int viewer_main(struct viewer *v, int (*emu)(void *arg), void *arg)
{
	pthread_t th;
	double next = 0;
	SDL_Event e;

	v->emu = emu;
	v->emu_arg = arg;
	if (pthread_create(&th, NULL, emu_thread, v) != 0)
		return -1;
	while (!atomic_load(&v->quit)) {
		double t = now_s() * 1000.0;
		int wait = next > t ? (int)(next - t) : 0;

		/* Poll and sleep rather than SDL_WaitEventTimeout: SDL 2.26 wakes a
		 * waiting X11 thread by sending a ClientMessage to the window, which
		 * can race with the window's destruction (BadWindow, exit). */
		while (SDL_PollEvent(&e))
			on_event(v, &e);
		if (atomic_load(&v->emu_done) && (!v->opts.linger || atomic_load(&v->restarting))) {
			take_snapshot(v); /* the final picture, if one was published */
			break;
		}
		t = now_s() * 1000.0;
		if (t < next) {
			SDL_Delay(wait > 4 ? 4 : (wait > 0 ? (Uint32)wait : 1));
			continue;
		}
		next = t + FRAME_MS;
		take_snapshot(v);
		if (v->dirty) {
			draw(v);
			v->dirty = false;
		}
		if (!atomic_load(&v->want)) {
			atomic_store(&v->want, true);
			if (atomic_load(&v->paused) || atomic_load(&v->holding))
				wake_emulator(v);
		}
	}
	atomic_store(&v->quit, true);
	wake_emulator(v);
	pthread_join(th, NULL);
	return v->emu_ret;
}
