/*
 * test_render.c - the offscreen renderer: layout geometry, cell colours per
 * mode, legend, and PNG output, checked pixel by pixel on synthetic machines.
 */
#include <check.h>
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "view/font.h"
#include "view/png.h"
#include "view/render.h"
#include "view/synth.h"

#define NFRAMES 32768 /* 128 MiB */

struct pic {
	struct observe *o;
	struct view_layout l;
	struct view_state st;
	struct canvas cv;
};

static void pic_init(struct pic *p, int w, int h)
{
	p->o = synth_new(NFRAMES);
	ck_assert_ptr_nonnull(p->o);
	view_state_init(&p->st);
	p->cv.px = calloc((size_t)w * h, 4);
	ck_assert_ptr_nonnull(p->cv.px);
	p->cv.w = p->cv.stride = w;
	p->cv.h = h;
}

static void pic_render(struct pic *p)
{
	view_layout(&p->l, p->cv.w, p->cv.h, p->o);
	view_render(&p->cv, &p->l, p->o, &p->st);
}

static void pic_fini(struct pic *p)
{
	synth_free(p->o);
	free(p->cv.px);
}

static uint32_t px_at(const struct pic *p, int x, int y)
{
	return p->cv.px[(size_t)y * p->cv.stride + x];
}

/* The colour of a frame's cell (its top-left pixel; the centre may carry a mark). */
static uint32_t cell_colour(const struct pic *p, uint64_t pfn)
{
	struct view_rect r;

	ck_assert_int_eq(view_cell_rect(&p->l, pfn, &r), 0);
	return px_at(p, r.x, r.y);
}

static uint32_t cell_centre(const struct pic *p, uint64_t pfn)
{
	struct view_rect r;

	ck_assert_int_eq(view_cell_rect(&p->l, pfn, &r), 0);
	return px_at(p, r.x + r.w / 2, r.y + r.h / 2);
}

static int count_cells(const struct pic *p, uint32_t c)
{
	int n = 0;

	for (uint64_t i = 0; i < p->o->nframes; i++)
		n += cell_colour(p, p->o->base_pfn + i) == c;
	return n;
}

START_TEST(font_table_well_formed)
{
	ck_assert_int_eq(font_selftest(), 0);
	ck_assert_int_eq(font_width(2, "abc"), 3 * FONT_W * 2);
}
END_TEST

/* Every frame has its own cell inside the map, and the mouse maps back to it. */
START_TEST(layout_round_trip)
{
	struct pic p;
	struct view_rect r, prev = {0, 0, 0, 0};

	pic_init(&p, 1280, 800);
	view_layout(&p.l, 1280, 800, p.o);
	ck_assert_int_eq(p.l.ngroups, 3);
	ck_assert_uint_eq(p.l.fpc, 1);
	ck_assert_int_ge(p.l.pitch, 2);
	for (uint64_t i = 0; i < NFRAMES; i++) {
		uint64_t pfn = p.o->base_pfn + i;
		ck_assert_int_eq(view_cell_rect(&p.l, pfn, &r), 0);
		ck_assert_int_ge(r.x, p.l.map.x);
		ck_assert_int_le(r.x + r.w, p.l.map.x + p.l.map.w);
		ck_assert_int_ge(r.y, p.l.map.y);
		ck_assert_int_le(r.y + r.h, p.l.map.y + p.l.map.h);
		ck_assert_int_eq(view_pfn_at(&p.l, r.x + r.w / 2, r.y + r.h / 2), (int64_t)pfn);
		/* Cells advance left to right, then top to bottom, never overlapping. */
		if (i)
			ck_assert(r.y > prev.y || (r.y == prev.y && r.x >= prev.x + prev.w));
		prev = r;
	}
	ck_assert_int_eq(view_cell_rect(&p.l, p.o->base_pfn + NFRAMES, &r), -1);
	ck_assert_int_eq(view_cell_rect(&p.l, p.o->base_pfn - 1, &r), -1);
	ck_assert_int_eq(view_pfn_at(&p.l, 0, 0), -1);
	/* Zones start on a new row, below their label. */
	for (int g = 1; g < p.l.ngroups; g++) {
		view_cell_rect(&p.l, p.l.group[g].start - 1, &prev);
		view_cell_rect(&p.l, p.l.group[g].start, &r);
		ck_assert_int_eq(r.x, p.l.map.x);
		ck_assert_int_gt(r.y, prev.y);
		ck_assert_int_ge(r.y, p.l.group[g].label_y + p.l.line_h);
	}
	pic_fini(&p);
}
END_TEST

/* A HiDPI drawable gets bigger text and bigger cells; a tiny one several frames per cell. */
START_TEST(layout_scales)
{
	struct observe *o = synth_new(NFRAMES);
	struct view_layout small, big, tiny, none;

	view_layout(&small, 1280, 800, o);
	view_layout(&big, 2560, 1600, o);
	view_layout(&tiny, 200, 120, o);
	view_layout(&none, 40, 30, o);
	ck_assert_int_eq(small.scale, 1);
	ck_assert_int_eq(big.scale, 2);
	ck_assert_int_gt(big.pitch, small.pitch);
	ck_assert_uint_gt(tiny.fpc, 1);
	ck_assert_int_eq(tiny.pitch, 1);
	ck_assert_int_eq(none.pitch, 0);
	synth_free(o);
}
END_TEST

/* Mark N frames anon: exactly N more cells have the anon colour, and they are those frames. */
START_TEST(anon_cells_appear)
{
	struct pic p;
	uint32_t anon = view_kind_colour(FK_ANON);
	uint64_t start = 0x80000 + 20000;

	pic_init(&p, 1280, 800);
	pic_render(&p);
	int before = count_cells(&p, anon);
	ck_assert_int_eq(before, 0);
	ck_assert_int_eq(count_cells(&p, view_kind_colour(FK_FREE)), NFRAMES);
	synth_set(p.o, start, 137, FK_ANON, 9, 1, FTF_LRU);
	pic_render(&p);
	ck_assert_int_eq(count_cells(&p, anon), before + 137);
	for (uint64_t i = 0; i < 137; i++)
		ck_assert_uint_eq(cell_colour(&p, start + i), anon);
	ck_assert_uint_eq(cell_colour(&p, start - 1), view_kind_colour(FK_FREE));
	ck_assert_uint_eq(cell_colour(&p, start + 137), view_kind_colour(FK_FREE));
	pic_fini(&p);
}
END_TEST

/* After fork+write: COW-shared frames stand out in sharing mode. */
START_TEST(cow_marked_in_sharing_mode)
{
	struct pic p;

	pic_init(&p, 1280, 800);
	synth_set(p.o, 0x87000, 40, FK_ANON, 3, 1, FTF_LRU);
	synth_set(p.o, 0x87010, 8, FK_ANON, 3, 2, FTF_LRU | FTF_COW);
	synth_set(p.o, 0x87100, 1, FK_ZERO, 0, 17, 0);
	synth_set(p.o, 0x87200, 4, FK_SLAB, 0, 0, 0);
	p.st.mode = VIEW_SHARING;
	pic_render(&p);
	ck_assert_int_eq(count_cells(&p, view_share_colour(VIEW_SHARE_COW)), 8);
	for (uint64_t i = 0; i < 8; i++)
		ck_assert_uint_eq(cell_colour(&p, 0x87010 + i), view_share_colour(VIEW_SHARE_COW));
	ck_assert_uint_eq(cell_colour(&p, 0x8700f), view_share_colour(VIEW_SHARE_ONE));
	ck_assert_uint_eq(cell_colour(&p, 0x87100), view_share_colour(VIEW_SHARE_MANY));
	ck_assert_uint_eq(cell_colour(&p, 0x87200), view_share_colour(VIEW_SHARE_UNMAPPED));
	ck_assert_uint_eq(cell_colour(&p, 0x87300), view_share_colour(VIEW_SHARE_FREE));
	ck_assert_uint_ne(view_share_colour(VIEW_SHARE_COW), view_share_colour(VIEW_SHARE_MANY));
	pic_fini(&p);
}
END_TEST

/* After an OOM kill the victim's frames are free again, in kind and owner mode. */
START_TEST(killed_frames_turn_free)
{
	struct pic p;
	uint32_t victim = view_pid_colour(42);

	pic_init(&p, 1280, 800);
	synth_set(p.o, 0x84000, 500, FK_ANON, 42, 1, FTF_LRU);
	p.st.mode = VIEW_OWNER;
	pic_render(&p);
	ck_assert_int_eq(count_cells(&p, victim), 500);
	synth_set(p.o, 0x84000, 500, FK_FREE, 0, 0, 0);
	pic_render(&p);
	ck_assert_int_eq(count_cells(&p, victim), 0);
	ck_assert_uint_eq(cell_colour(&p, 0x84000), view_kind_colour(FK_FREE));
	p.st.mode = VIEW_KIND;
	pic_render(&p);
	ck_assert_int_eq(count_cells(&p, view_kind_colour(FK_FREE)), NFRAMES);
	pic_fini(&p);
}
END_TEST

/* Owner mode: PID colours are stable and distinct, kernel grey, shared frames dotted. */
START_TEST(owner_colours_and_marks)
{
	struct pic p;

	ck_assert_uint_eq(view_pid_colour(5), view_pid_colour(5));
	for (unsigned a = 1; a < 40; a++)
		ck_assert_uint_ne(view_pid_colour(a), view_pid_colour(a + 1));
	pic_init(&p, 1280, 800);
	synth_set(p.o, 0x86000, 2, FK_ANON, 5, 1, 0);
	synth_set(p.o, 0x86002, 2, FK_ANON, 5, 2, FTF_COW);
	synth_set(p.o, 0x86004, 1, FK_SLAB, 0, 0, 0);
	p.st.mode = VIEW_OWNER;
	pic_render(&p);
	ck_assert_int_ge(p.l.cell, 3); /* big enough for a dot */
	ck_assert_uint_eq(cell_colour(&p, 0x86000), view_pid_colour(5));
	ck_assert_uint_eq(cell_centre(&p, 0x86000), view_pid_colour(5));
	ck_assert_uint_eq(cell_colour(&p, 0x86002), view_pid_colour(5));
	ck_assert_uint_eq(cell_centre(&p, 0x86002), VIEW_MARK);
	ck_assert_uint_eq(cell_colour(&p, 0x86004), VIEW_KERNEL_GREY);
	pic_fini(&p);
}
END_TEST

static int luma(uint32_t c)
{
	return 299 * (c >> 16 & 0xff) + 587 * (c >> 8 & 0xff) + 114 * (c & 0xff);
}

/* Heat mode: the hottest frame has the hottest colour, and the ramp never darkens. */
START_TEST(hottest_frame_hottest_colour)
{
	struct pic p;
	uint64_t hot = 0x80000 + 31000;

	for (unsigned h = 1; h < 256; h++)
		ck_assert_int_ge(luma(view_heat_colour(h)), luma(view_heat_colour(h - 1)));
	ck_assert_uint_ne(view_heat_colour(255), view_heat_colour(200));
	pic_init(&p, 1280, 800);
	synth_scene(p.o);
	p.o->ring_head = 0;
	for (uint64_t i = 0; i < NFRAMES; i++)
		if (p.o->tags[i].heat == 255)
			p.o->tags[i].heat = 254;
	p.o->tags[hot - p.o->base_pfn].heat = 255;
	p.st.mode = VIEW_HEAT;
	pic_render(&p);
	ck_assert_uint_eq(cell_colour(&p, hot), view_heat_colour(255));
	ck_assert_int_eq(count_cells(&p, view_heat_colour(255)), 1);
	int hottest = luma(view_heat_colour(255));
	for (uint64_t i = 0; i < NFRAMES; i++)
		if (p.o->base_pfn + i != hot)
			ck_assert_int_lt(luma(cell_colour(&p, p.o->base_pfn + i)), hottest);
	pic_fini(&p);
}
END_TEST

static int count_in(const struct pic *p, struct view_rect r, uint32_t c)
{
	int n = 0;

	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			n += px_at(p, x, y) == c;
	return n;
}

/* The legend shows a swatch of each colour of the current mode in the side panel. */
START_TEST(legend_has_swatches)
{
	struct pic p;
	int sw;

	pic_init(&p, 1280, 800);
	pic_render(&p);
	sw = p.l.line_h - 2 * p.l.scale;
	for (unsigned k = 0; k < FK__COUNT; k++)
		ck_assert_int_ge(count_in(&p, p.l.side, view_kind_colour(k)), sw * sw);
	p.st.mode = VIEW_SHARING;
	pic_render(&p);
	for (unsigned k = 0; k < VIEW_SHARE__N; k++)
		ck_assert_int_ge(count_in(&p, p.l.side, view_share_colour(k)), sw * sw);
	p.st.mode = VIEW_HEAT;
	pic_render(&p);
	ck_assert_int_ge(count_in(&p, p.l.side, view_heat_colour(255)), 1);
	ck_assert_int_ge(count_in(&p, p.l.side, view_heat_colour(0)), 1);
	/* The map in heat mode holds no anon-coloured legend leftovers. */
	ck_assert_int_eq(count_in(&p, p.l.side, view_kind_colour(FK_ANON)), 0);
	pic_fini(&p);
}
END_TEST

/* Events are outlined where they happen; the hovered frame gets a white box. */
START_TEST(events_and_hover_drawn)
{
	struct pic p;
	struct view_rect r;

	pic_init(&p, 1280, 800);
	synth_set(p.o, 0x85000, 1, FK_ANON, 3, 2, FTF_COW);
	synth_event(p.o, MMEV_COW, 3, 0x85000, 0x1000);
	p.st.hover_pfn = 0x86000;
	pic_render(&p);
	view_cell_rect(&p.l, 0x85000, &r);
	ck_assert_uint_eq(px_at(&p, r.x - 1, r.y - 1), 0xff3050u); /* COW event outline */
	ck_assert_uint_eq(px_at(&p, r.x, r.y), view_kind_colour(FK_ANON));
	view_cell_rect(&p.l, 0x86000, &r);
	ck_assert_uint_eq(px_at(&p, r.x - 2, r.y - 2), 0xffffffu);
	p.st.show_events = false;
	pic_render(&p);
	view_cell_rect(&p.l, 0x85000, &r);
	ck_assert_uint_ne(px_at(&p, r.x - 1, r.y - 1), 0xff3050u);
	pic_fini(&p);
}
END_TEST

/* Whether `s`, drawn in VIEW_TEXT on the side panel, appears at column x on some row. */
static bool side_has_text(const struct pic *p, int x, const char *s)
{
	int w = font_width(p->l.scale, s), h = p->l.line_h;
	uint32_t *ref = calloc((size_t)w * h, 4);
	struct canvas cv = {.px = ref, .w = w, .h = h, .stride = w};
	bool found = false;

	ck_assert_ptr_nonnull(ref);
	for (int i = 0; i < w * h; i++)
		ref[i] = VIEW_PANEL;
	font_draw(&cv, 0, 0, p->l.scale, VIEW_TEXT, s);
	for (int y = p->l.side.y; y + h <= p->l.side.y + p->l.side.h && !found; y++) {
		bool same = true;
		for (int yy = 0; yy < h && same; yy++)
			for (int xx = 0; xx < w && same; xx++)
				same = px_at(p, x + xx, y + yy) == ref[yy * w + xx];
		found = same;
	}
	free(ref);
	return found;
}

/* The status bar: exact text from view_status_text(), drawn as such. */
START_TEST(status_text_and_pixels)
{
	struct pic p;
	char buf[512];

	pic_init(&p, 1280, 800);
	p.o->c = (struct obs_counters){.total = 32768,
				       .free = 25600,
				       .anon = 2560,
				       .file = 1024,
				       .slab = 37,
				       .pgtables = 12,
				       .swap_total = 4096,
				       .swap_used = 256,
				       .running_pid = 7,
				       .mode = 1};
	p.st.mips = 123.456;
	p.st.faults_per_sec = 2500.4;
	p.st.rates_note = "wall, since last frame";
	ck_assert_str_eq(
	    view_status_text(buf, sizeof(buf), p.o, &p.st),
	    "NOMMU  123.5 MIPS (wall, since last frame)  pid 7  faults/s 2500  "
	    "free 100.0M  anon 10.0M  file 4.0M  slab 148K  pgtbl 48K  swap 1.0M/16.0M  "
	    "[kind]");
	p.st.mips = p.st.faults_per_sec = -1;
	p.st.rates_note = NULL;
	p.st.paused = true;
	ck_assert_str_eq(
	    view_status_text(buf, sizeof(buf), p.o, &p.st),
	    "NOMMU  PAUSED  - MIPS  pid 7  faults/s -  free 100.0M  anon 10.0M  file 4.0M  "
	    "slab 148K  pgtbl 48K  swap 1.0M/16.0M  [kind]");
	/* the bar shows exactly that text */
	pic_render(&p);
	uint32_t *ref = calloc((size_t)1280 * p.l.line_h, 4);
	struct canvas cv = {.px = ref, .w = 1280, .h = p.l.line_h, .stride = 1280};
	ck_assert_ptr_nonnull(ref);
	for (int i = 0; i < 1280 * p.l.line_h; i++)
		ref[i] = VIEW_PANEL;
	font_draw(&cv, 4, 0, 1, VIEW_TEXT, buf);
	for (int y = 0; y < p.l.line_h; y++)
		for (int x = 0; x < 1276; x++)
			ck_assert_uint_eq(px_at(&p, x, 4 + y), ref[y * 1280 + x]);
	free(ref);
	pic_fini(&p);
}
END_TEST

/* The inspector draws the kernel's frame_detail for the inspected frame only. */
START_TEST(inspector_shows_detail)
{
	struct pic p;
	struct frame_detail d = {.pfn = 0x85000,
				 .refcount = 2,
				 .mapcount = 2,
				 .lru = FLRU_INACTIVE_ANON,
				 .flags = FDF_ANON | FDF_SWAPBACKED,
				 .swap_type = 0,
				 .swap_offset = 23,
				 .swap_count = 1,
				 .what = "zram0",
				 .last_access = 1500000,
				 .last_access_known = 1,
				 .nowners = 10};

	pic_init(&p, 1280, 800);
	synth_set(p.o, 0x85000, 1, FK_ANON, 3, 2, FTF_COW | FTF_LRU);
	p.o->c.insns = 4000000;
	for (int i = 0; i < FRAME_DETAIL_OWNERS; i++)
		d.owners[i] = (struct frame_owner){
		    .pid = 3 + i, .comm = "probe", .va = 0x40000000u + 0x1000u * i};
	p.st.pinned_pfn = 0x85000;
	p.st.detail = &d;
	pic_render(&p);
	int x = p.l.side.x + 4 * p.l.scale;
	ck_assert(side_has_text(&p, x, "kind anon"));
	ck_assert(side_has_text(&p, x, "refcount 2  mapcount 2"));
	ck_assert(side_has_text(&p, x, "lru inactive anon"));
	ck_assert(side_has_text(&p, x, "flags anon swapbacked"));
	ck_assert(side_has_text(&p, x, "swap slot 0:23 zram0 (1 pte)"));
	ck_assert(side_has_text(&p, x, "last access @1.5M insns (2.5M ago)"));
	ck_assert(side_has_text(&p, x, "mapped by 10:"));
	ck_assert(side_has_text(&p, x, " pid 3 probe 0x40000000"));
	ck_assert(side_has_text(&p, x, " pid 10 probe 0x40007000"));
	ck_assert(side_has_text(&p, x, " ... 2 more"));
	ck_assert(!side_has_text(&p, x, "owner pid 3  mapcount 2")); /* the tag-only line */
	ck_assert(!side_has_text(&p, x, "owner pid 3"));
	d.nowners = 0; /* no reverse map (NOMMU, page tables): the tag's owner instead */
	pic_render(&p);
	ck_assert(side_has_text(&p, x, "owner pid 3"));
	ck_assert(!side_has_text(&p, x, "mapped by 0:"));
	d.nowners = 10;

	d.last_access_known = 2; /* touched in the heat period under way */
	pic_render(&p);
	ck_assert(side_has_text(&p, x, "last access this period (@1.5M+)"));
	d.last_access_known = 0;
	pic_render(&p);
	ck_assert(side_has_text(&p, x, "last access -  (heat off)"));

	/* a description of another frame (stale) is not shown: the tag alone */
	d.pfn = 0x85001;
	pic_render(&p);
	ck_assert(!side_has_text(&p, x, "refcount 2  mapcount 2"));
	ck_assert(side_has_text(&p, x, "owner pid 3  mapcount 2"));
	ck_assert(side_has_text(&p, x, "flags lru cow"));
	pic_fini(&p);
}
END_TEST

/* PNG: the file holds exactly the rendered pixels; unwritable paths fail with errno. */
START_TEST(png_round_trip)
{
	struct pic p;
	char path[] = "/tmp/rvmm-test-render-XXXXXX";
	int fd = mkstemp(path);
	png_image img;

	ck_assert_int_ge(fd, 0);
	close(fd);
	pic_init(&p, 320, 200);
	synth_scene(p.o);
	p.st.mode = VIEW_OWNER;
	pic_render(&p);
	ck_assert_int_eq(view_write_png(path, p.cv.px, 320, 200), 0);

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	ck_assert(png_image_begin_read_from_file(&img, path));
	ck_assert_uint_eq(img.width, 320);
	ck_assert_uint_eq(img.height, 200);
	img.format = PNG_FORMAT_RGB;
	uint8_t *buf = malloc(PNG_IMAGE_SIZE(img));
	ck_assert(png_image_finish_read(&img, NULL, buf, 0, NULL));
	for (int i = 0; i < 320 * 200; i++) {
		uint32_t c =
		    (uint32_t)buf[3 * i] << 16 | (uint32_t)buf[3 * i + 1] << 8 | buf[3 * i + 2];
		ck_assert_uint_eq(c, p.cv.px[i]);
	}
	free(buf);
	unlink(path);

	errno = 0;
	ck_assert_int_eq(view_write_png("/nonexistent-dir/x.png", p.cv.px, 320, 200), -1);
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_int_eq(view_snapshot("/nonexistent-dir/x.png", p.o, VIEW_HEAT), -1);
	ck_assert_int_eq(errno, ENOENT);
	pic_fini(&p);
}
END_TEST

START_TEST(snapshot_size)
{
	struct observe *o = synth_new(NFRAMES);
	char path[] = "/tmp/rvmm-test-snap-XXXXXX";
	int fd = mkstemp(path);
	png_image img;

	close(fd);
	synth_scene(o);
	ck_assert_int_eq(view_snapshot(path, o, VIEW_KIND), 0);
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	ck_assert(png_image_begin_read_from_file(&img, path));
	ck_assert_uint_eq(img.width, VIEW_SNAPSHOT_W);
	ck_assert_uint_eq(img.height, VIEW_SNAPSHOT_H);
	png_image_free(&img);
	unlink(path);
	synth_free(o);
}
END_TEST

static Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, font_table_well_formed);
	tcase_add_test(tc, layout_round_trip);
	tcase_add_test(tc, layout_scales);
	tcase_add_test(tc, anon_cells_appear);
	tcase_add_test(tc, cow_marked_in_sharing_mode);
	tcase_add_test(tc, killed_frames_turn_free);
	tcase_add_test(tc, owner_colours_and_marks);
	tcase_add_test(tc, status_text_and_pixels);
	tcase_add_test(tc, inspector_shows_detail);
	tcase_add_test(tc, hottest_frame_hottest_colour);
	tcase_add_test(tc, legend_has_swatches);
	tcase_add_test(tc, events_and_hover_drawn);
	tcase_add_test(tc, png_round_trip);
	tcase_add_test(tc, snapshot_size);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(render_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
