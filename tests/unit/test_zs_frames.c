/*
 * test_zs_frames.c - the frame inspector's question to zsmalloc
 * (zs_frame_objects): how many live compressed objects have bytes in a given
 * frame, with objects straddling two frames counted in both, and -1 for a
 * frame the pool does not hold.
 */
#include <string.h>

#include "swap_fixture.h"
#include "os/mm/zsmalloc.h"

/* The pool's frames' object counts, in the order of their pfns. */
static int frame_counts(struct zs_pool *pool, int *counts, int max, unsigned int *cls)
{
	int n = 0;

	for (unsigned long pfn = mm_base_pfn; pfn < mm_base_pfn + mm_nr_pages; pfn++) {
		int k = zs_frame_objects(pool, pfn_to_page(pfn), cls);
		if (k >= 0 && n < max)
			counts[n++] = k;
	}
	return n;
}

/* Class 1024: one frame, four objects, none straddling. */
START_TEST(test_one_frame_class)
{
	fx_boot(32 * MiB, "", 0);
	struct zs_pool *pool = zs_create_pool("test", GFP_KERNEL);
	unsigned long h[3];
	unsigned int cls = 0;
	int c[8];

	ck_assert_ptr_nonnull(pool);
	for (int i = 0; i < 3; i++)
		ck_assert_uint_ne(h[i] = zs_malloc(pool, 1000), 0);
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 1);
	ck_assert_int_eq(c[0], 3);
	ck_assert_uint_eq(cls, 1008); /* 1000 rounded up to the 16-byte class step */
	zs_free(pool, h[1]);
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 1);
	ck_assert_int_eq(c[0], 2);
	/* a frame that is not the pool's */
	ck_assert_int_eq(zs_frame_objects(pool, pfn_to_page(mm_base_pfn), &cls), -1);
	zs_free(pool, h[0]);
	zs_free(pool, h[2]);
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 0);
	zs_destroy_pool(pool);
	fx_shutdown();
}
END_TEST

/*
 * Class 3072: four frames, five objects after a 16-byte header of pfns:
 * [16,3088) [3088,6160) [6160,9232) [9232,12304) [12304,15376), so objects 1,
 * 2 and 3 straddle frames 0/1, 1/2 and 2/3.
 */
START_TEST(test_straddling_objects)
{
	fx_boot(32 * MiB, "", 0);
	struct zs_pool *pool = zs_create_pool("test", GFP_KERNEL);
	unsigned long h[5];
	unsigned int cls = 0;
	int c[8];

	ck_assert_ptr_nonnull(pool);
	ck_assert_uint_eq(zs_pages_per_zspage(3072), 4);
	for (int i = 0; i < 2; i++)
		ck_assert_uint_ne(h[i] = zs_malloc(pool, 3072), 0);
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 4);
	ck_assert_uint_eq(cls, 3072);
	int two = 0, one = 0, zero = 0;
	for (int i = 0; i < 4; i++)
		two += c[i] == 2, one += c[i] == 1, zero += c[i] == 0;
	ck_assert_int_eq(two, 1); /* frame 0: objects 0 and 1 */
	ck_assert_int_eq(one, 1); /* frame 1: object 1's tail */
	ck_assert_int_eq(zero, 2);
	for (int i = 2; i < 5; i++)
		ck_assert_uint_ne(h[i] = zs_malloc(pool, 3072), 0);
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 4);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(c[i], 2); /* every frame: one whole or tail, one head */
	zs_free(pool, h[2]);		   /* the object on frames 1 and 2 */
	ck_assert_int_eq(frame_counts(pool, c, 8, &cls), 4);
	ck_assert_int_eq(c[0] + c[1] + c[2] + c[3], 6);
	for (int i = 0; i < 5; i++)
		if (i != 2)
			zs_free(pool, h[i]);
	zs_destroy_pool(pool);
	fx_shutdown();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("zs_frames");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_one_frame_class);
	tcase_add_test(tc, test_straddling_objects);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
