/*
 * test_render_window.c - the window's hand-off with the emulator thread,
 * without X: SDL's "offscreen" video driver, key presses injected with
 * SDL_PushEvent from the emulator thread. Checks pause, single step, speed
 * throttling, the restart request, quit, that the NULL viewer is free, and
 * that the inspector's description is filled on the emulator thread for the
 * frame the user pinned, also while a lingering window holds the final state.
 */
#include <SDL.h>
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "view/synth.h"
#include "view/viewer.h"

#define STEP 777

struct run {
	struct viewer *v;
	struct observe *o;
	uint64_t gate_running, gate_slow, gate_fast_again, gate_step, gate_quit;
	int restart_seen, paused_seen;
};

static void press(SDL_Keycode k)
{
	SDL_Event e = {0};

	e.type = SDL_KEYDOWN;
	e.key.keysym.sym = k;
	ck_assert_int_eq(SDL_PushEvent(&e), 1);
}

static void nap(void)
{
	struct timespec ts = {0, 5000000};
	nanosleep(&ts, NULL);
}

/* Call viewer_gate until it returns something other than `skip` (at most ~2 s). */
static uint64_t gate_until_not(struct run *r, uint64_t skip)
{
	uint64_t b = skip;

	for (int i = 0; i < 400 && b == skip; i++) {
		viewer_publish(r->v, r->o);
		b = viewer_gate(r->v, r->o);
		r->o->c.insns += 1000;
		if (b == skip)
			nap();
	}
	return b;
}

static int emu(void *arg)
{
	struct run *r = arg;

	r->gate_running = viewer_gate(r->v, r->o);
	press(SDLK_MINUS); /* 100M instructions/s: chunks of 1M */
	r->gate_slow = gate_until_not(r, UINT64_MAX);
	press(SDLK_EQUALS); /* back to unthrottled */
	r->gate_fast_again = gate_until_not(r, r->gate_slow);
	press(SDLK_m);
	for (int i = 0; i < 400 && !r->restart_seen; i++, nap())
		r->restart_seen = viewer_take_restart(r->v);
	press(SDLK_SPACE);
	for (int i = 0; i < 400 && !r->paused_seen; i++, nap())
		r->paused_seen = viewer_paused(r->v);
	press(SDLK_s);
	r->gate_step = viewer_gate(r->v, r->o); /* blocks until the step key arrives */
	press(SDLK_q);
	r->gate_quit = viewer_gate(r->v, r->o); /* blocks until q arrives */
	viewer_flush(r->v, r->o);
	return 42;
}

START_TEST(handoff_keys)
{
	struct viewer_opts vo = {.w = 640, .h = 400, .step_insns = STEP};
	struct run r = {0};

	setenv("SDL_VIDEODRIVER", "offscreen", 1);
	r.o = synth_new(4096);
	synth_scene(r.o);
	r.v = viewer_open(&vo);
	ck_assert_ptr_nonnull(r.v);
	ck_assert_int_eq(viewer_main(r.v, emu, &r), 42);
	ck_assert_uint_eq(r.gate_running, UINT64_MAX);
	ck_assert_uint_eq(r.gate_slow, 1000000);
	ck_assert_uint_eq(r.gate_fast_again, UINT64_MAX);
	ck_assert_int_eq(r.restart_seen, 1);
	ck_assert_int_eq(viewer_take_restart(r.v), 0); /* once per press */
	ck_assert_int_eq(r.paused_seen, 1);
	ck_assert_uint_eq(r.gate_step, STEP);
	ck_assert_uint_eq(r.gate_quit, 0);
	ck_assert(viewer_quit_requested(r.v));
	viewer_close(r.v);
	synth_free(r.o);
}
END_TEST

/* ---- the inspector's hand-off ---- */

#define PFN_A 0x80123
#define PFN_B 0x80456

static struct {
	struct viewer *v;
	struct observe *o;
	pthread_t emu_thread;
	int calls, calls_off_thread;
	int64_t last_pfn;
	bool saw_a, saw_b;
} det;

/* Move the mouse over frame pfn (hover), or click it (pin). */
static void mouse_at_frame(uint64_t pfn, bool click)
{
	struct view_layout l;
	struct view_rect r;
	SDL_Event e = {0};

	view_layout(&l, 640, 400, det.o);
	ck_assert_int_eq(view_cell_rect(&l, pfn, &r), 0);
	if (click) {
		e.type = SDL_MOUSEBUTTONDOWN;
		e.button.button = SDL_BUTTON_LEFT;
		e.button.x = r.x + r.w / 2;
		e.button.y = r.y + r.h / 2;
	} else {
		e.type = SDL_MOUSEMOTION;
		e.motion.x = r.x + r.w / 2;
		e.motion.y = r.y + r.h / 2;
	}
	ck_assert_int_eq(SDL_PushEvent(&e), 1);
}

/* viewer_opts.detail: what the kernel would do, recorded. */
static void fake_detail(void *arg, uint64_t pfn, struct frame_detail *d)
{
	(void)arg;
	det.calls++;
	det.calls_off_thread += !pthread_equal(pthread_self(), det.emu_thread);
	det.last_pfn = (int64_t)pfn;
	d->pfn = (int64_t)pfn;
	d->refcount = 2;
	det.saw_a |= pfn == PFN_A;
	if (pfn == PFN_B && !det.saw_b) {
		det.saw_b = true;
		press(SDLK_q); /* only a window still answering in viewer_hold() gets here */
	}
}

static int emu_detail(void *arg)
{
	(void)arg;
	det.emu_thread = pthread_self();
	/* hover A until the window (once it has a picture to map the mouse
	 * with) asks for it */
	for (int i = 0; i < 400 && !det.saw_a; i++, nap()) {
		if (i % 10 == 0)
			mouse_at_frame(PFN_A, false);
		viewer_publish(det.v, det.o);
		viewer_gate(det.v, det.o);
	}
	mouse_at_frame(PFN_B, true);
	viewer_hold(det.v, det.o); /* returns once q arrives */
	return 7;
}

START_TEST(handoff_detail)
{
	struct viewer_opts vo = {.w = 640, .h = 400, .linger = true, .detail = fake_detail};

	setenv("SDL_VIDEODRIVER", "offscreen", 1);
	det.o = synth_new(4096);
	synth_scene(det.o);
	det.v = viewer_open(&vo);
	ck_assert_ptr_nonnull(det.v);
	ck_assert_int_eq(viewer_main(det.v, emu_detail, NULL), 7);
	ck_assert(det.saw_a);
	ck_assert(det.saw_b);
	ck_assert_int_eq(det.last_pfn, PFN_B);
	ck_assert_int_gt(det.calls, 1);
	ck_assert_int_eq(det.calls_off_thread, 0);
	ck_assert(viewer_quit_requested(det.v));
	viewer_close(det.v);
	synth_free(det.o);
}
END_TEST

/* Without a window every call is a no-op that lets the emulator run. */
START_TEST(null_viewer_is_free)
{
	struct observe *o = synth_new(16);

	viewer_publish(NULL, o);
	viewer_flush(NULL, o);
	viewer_hold(NULL, o);
	viewer_set_caption(NULL, "x");
	ck_assert_uint_eq(viewer_gate(NULL, o), UINT64_MAX);
	ck_assert(!viewer_take_restart(NULL));
	ck_assert(!viewer_quit_requested(NULL));
	ck_assert(!viewer_paused(NULL));
	synth_free(o);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render_window");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, handoff_keys);
	tcase_add_test(tc, null_viewer_is_free);
	tcase_add_test(tc, handoff_detail);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
