/*
 * test_render_mm.c - the renderer on the real memory manager's tag map: boot
 * mm on 128 MiB, allocate and free pages through the buddy allocator, and
 * check that the picture follows (the kernel tags at the source; the viewer
 * only reads struct observe). Set RVMM_TEST_PNG=FILE to keep a snapshot.
 */
#include <stdlib.h>

#include "mm_fixture.h"
#include "os/mm/page.h"
#include "view/png.h"
#include "view/render.h"

#define W 1280
#define H 800

static uint32_t px[W * H];
static struct canvas cv = {px, W, H, W};
static struct view_layout lay;

static void draw(enum view_mode mode)
{
	struct view_state st;

	view_state_init(&st);
	st.mode = mode;
	st.show_events = false;
	view_layout(&lay, W, H, &fx_obs);
	view_render(&cv, &lay, &fx_obs, &st);
}

static uint32_t cell(uint64_t pfn)
{
	struct view_rect r;

	ck_assert_int_eq(view_cell_rect(&lay, pfn, &r), 0);
	return px[r.y * W + r.x];
}

static int count(uint32_t c)
{
	int n = 0;

	for (uint64_t i = 0; i < fx_obs.nframes; i++)
		n += cell(fx_obs.base_pfn + i) == c;
	return n;
}

START_TEST(map_follows_the_buddy_allocator)
{
	uint32_t kmem = view_kind_colour(FK_KMEM), free_c = view_kind_colour(FK_FREE);

	fx_boot(128 * MiB, "", 0);
	ck_assert_uint_eq(fx_obs.nframes, 32768);
	draw(VIEW_KIND);
	/* Every cell shows its frame's kind, as the kernel tagged it. */
	for (uint64_t i = 0; i < fx_obs.nframes; i += 7)
		ck_assert_uint_eq(cell(fx_obs.base_pfn + i), view_kind_colour(fx_obs.tags[i].kind));
	ck_assert_int_gt(count(view_kind_colour(FK_MEMMAP)), 0);
	int kmem0 = count(kmem), free0 = count(free_c);

	struct page *p = alloc_pages(GFP_KERNEL, 5); /* 32 frames */
	ck_assert_ptr_nonnull(p);
	uint64_t pfn = page_to_pfn(p);
	draw(VIEW_KIND);
	ck_assert_int_eq(count(kmem), kmem0 + 32);
	for (int i = 0; i < 32; i++)
		ck_assert_uint_eq(cell(pfn + i), kmem);

	const char *keep = getenv("RVMM_TEST_PNG");
	if (keep)
		ck_assert_int_eq(view_snapshot(keep, &fx_obs, VIEW_KIND), 0);

	__free_pages(p, 5);
	drain_all_pages();
	draw(VIEW_KIND);
	ck_assert_int_eq(count(kmem), kmem0);
	ck_assert_uint_eq(cell(pfn), free_c);
	ck_assert_int_ge(count(free_c), free0);
	fx_shutdown();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render_mm");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, map_follows_the_buddy_allocator);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
