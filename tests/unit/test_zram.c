/*
 * test_zram.c - zram and its zsmalloc store: same-filled pages kept as a
 * word, compressible pages LZ4-compressed, incompressible ones raw; byte-for-
 * byte round trips; exact statistics and mm_stat text for a fixed input;
 * compressed objects in real FK_ZRAM frames counted in NR_ZSPAGES and given
 * back when empty.
 */
#include <errno.h>
#include <lz4.h>
#include <string.h>

#include "swap_fixture.h"
#include "os/mm/zram.h"
#include "os/mm/zsmalloc.h"

static unsigned long free0;

static void setup(void)
{
	fx_boot(32 * MiB, "", 0);
	free0 = fx_free_now();
}

static void fill_text(uint8_t *p)
{
	size_t n = 0;
	for (int line = 0; n < PAGE_SIZE; line++) {
		char buf[64];
		int len = snprintf(buf, sizeof(buf), "line %d: the quick brown fox\n", line);
		for (int i = 0; i < len && n < PAGE_SIZE; i++)
			p[n++] = (uint8_t)buf[i];
	}
}

static void fill_random(uint8_t *p, uint64_t seed)
{
	for (size_t i = 0; i < PAGE_SIZE; i += 8) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		memcpy(p + i, &seed, 8);
	}
}

static unsigned long zspages(void)
{
	return global_zone_page_state(NR_ZSPAGES);
}

START_TEST(test_forms_and_round_trip)
{
	setup();
	struct zram *z = zram_create(1 * MiB);
	ck_assert_ptr_nonnull(z);
	static uint8_t in[4][PAGE_SIZE], out[PAGE_SIZE];
	memset(in[0], 0, PAGE_SIZE);
	for (size_t i = 0; i < PAGE_SIZE; i += 4)
		memcpy(in[1] + i, &(uint32_t){0xdeadbeef}, 4);
	fill_text(in[2]);
	fill_random(in[3], 42);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(zram_write_page(z, (unsigned long)i, in[i]), 0);
	/* the same compressor on the same bytes gives the size zram must account */
	static char cbuf[LZ4_COMPRESSBOUND(4096)];
	int clen = LZ4_compress_default((const char *)in[2], cbuf, PAGE_SIZE, sizeof(cbuf));
	ck_assert_int_gt(clen, 0);
	ck_assert_int_lt(clen, 1024);
	const struct zram_stats *s = zram_get_stats(z);
	ck_assert_uint_eq(s->pages_stored, 4);
	ck_assert_uint_eq(s->same_pages, 2);
	ck_assert_uint_eq(s->huge_pages, 1);
	ck_assert_uint_eq(s->compr_data_size, (uint64_t)clen + PAGE_SIZE);
	/* one zspage for the compressed object's class, one frame for the raw page */
	unsigned long used = zs_pages_per_zspage(zs_class_size((size_t)clen)) + 1;
	ck_assert_uint_eq(zram_mem_used_pages(z), used);
	ck_assert_uint_eq(zspages(), used);
	for (int i = 0; i < 4; i++) {
		memset(out, 0x55, PAGE_SIZE);
		ck_assert_int_eq(zram_read_page(z, (unsigned long)i, out), 0);
		ck_assert_int_eq(memcmp(out, in[i], PAGE_SIZE), 0);
	}
	/* an unwritten slot reads as zeros, like a block device */
	memset(out, 0x55, PAGE_SIZE);
	ck_assert_int_eq(zram_read_page(z, 9, out), 0);
	ck_assert_int_eq(memcmp(out, in[0], PAGE_SIZE), 0);
	ck_assert_int_eq(zram_read_page(z, 256, out), -EINVAL);
	char line[256], expect[256];
	snprintf(expect, sizeof(expect), "%8u %8u %8u %8u %8u %8u %8u %8u %8u\n", 16384,
		 clen + 4096, (unsigned)used * 4096, 0, (unsigned)used * 4096, 2, 0, 1, 1);
	ck_assert_uint_eq(zram_mm_stat_show(z, line, sizeof(line)), strlen(expect));
	ck_assert_str_eq(line, expect);
	char st[512];
	zram_stat_show(z, st, sizeof(st));
	unsigned long r = (16384 * 100 + used * 4096 / 2) / (used * 4096); /* orig / mem_used */
	snprintf(expect, sizeof(expect), "ratio:           %lu.%02lu\n", r / 100, r % 100);
	ck_assert_ptr_nonnull(strstr(st, expect));
	ck_mm_ok();
	/* overwriting the compressed page with a same-filled one frees its frame */
	ck_assert_int_eq(zram_write_page(z, 2, in[0]), 0);
	ck_assert_uint_eq(zspages(), 1);
	ck_assert_uint_eq(s->same_pages, 3);
	ck_assert_uint_eq(s->compr_data_size, PAGE_SIZE);
	zram_slot_free(z, 3);
	ck_assert_uint_eq(zspages(), 0);
	ck_assert_uint_eq(s->huge_pages, 0);
	ck_assert_uint_eq(s->huge_pages_since, 1);
	ck_assert_uint_eq(s->max_used_pages, used);
	zram_destroy(z);
	ck_mm_ok();
	ck_assert_uint_eq(fx_free_now(), free0);
	fx_shutdown();
}
END_TEST

START_TEST(test_zsmalloc_classes)
{
	setup();
	struct zs_pool *pool = zs_create_pool("test", GFP_KERNEL);
	ck_assert_ptr_nonnull(pool);
	ck_assert_uint_eq(zs_class_size(1), 32);
	ck_assert_uint_eq(zs_class_size(100), 112);
	ck_assert_uint_eq(zs_class_size(4096), 4096);
	/* Linux's choice of frames per zspage: the least waste wins, ties to fewer */
	ck_assert_uint_eq(zs_pages_per_zspage(32), 1);	 /* 128 objects fill a frame */
	ck_assert_uint_eq(zs_pages_per_zspage(112), 2);	 /* 73 * 112 = 8192 - 16 */
	ck_assert_uint_eq(zs_pages_per_zspage(3072), 4); /* 5 in 4 frames, 94% */
	ck_assert_uint_eq(zs_pages_per_zspage(4096), 1);
	static unsigned long h[147];
	static uint8_t buf[112], want[112];
	for (int i = 0; i < 73; i++) {
		h[i] = zs_malloc(pool, 100);
		ck_assert_uint_ne(h[i], 0);
		memset(buf, i, 100);
		buf[99] = (uint8_t)~i;
		zs_obj_write(pool, h[i], buf, 100);
	}
	ck_assert_uint_eq(zs_get_total_pages(pool), 2);
	struct page *first = pfn_to_page(h[0] >> 10);
	ck_assert_int_eq(page_kind(first), FK_ZRAM);
	h[73] = zs_malloc(pool, 100);
	ck_assert_uint_eq(zs_get_total_pages(pool), 4);
	ck_assert_uint_eq(zspages(), 4);
	/* every object reads back, the one across the frame boundary (36) included */
	for (int i = 0; i < 73; i++) {
		memset(want, i, 100);
		want[99] = (uint8_t)~i;
		zs_obj_read(pool, h[i], buf, 100);
		ck_assert_msg(memcmp(buf, want, 100) == 0, "object %d", i);
	}
	/* a freed object is the next one handed out */
	zs_free(pool, h[5]);
	ck_assert_uint_eq(zs_malloc(pool, 97), h[5]);
	ck_assert_uint_eq(zs_malloc(pool, 0), 0);
	ck_assert_uint_eq(zs_malloc(pool, PAGE_SIZE + 1), 0);
	for (int i = 0; i < 74; i++)
		zs_free(pool, h[i]);
	ck_assert_uint_eq(zs_get_total_pages(pool), 0);
	ck_assert_uint_eq(zspages(), 0);
	zs_destroy_pool(pool);
	ck_mm_ok();
	ck_assert_uint_eq(fx_free_now(), free0);
	fx_shutdown();
}
END_TEST

START_TEST(test_many_pages)
{
	setup();
	struct zram *z = zram_create(4 * MiB);
	static uint8_t page[PAGE_SIZE], out[PAGE_SIZE];
	/* a mixed workload: text, zeros and random pages in turn */
	for (unsigned long i = 0; i < 600; i++) {
		if (i % 3 == 0)
			fill_text(page), page[0] = (uint8_t)i;
		else if (i % 3 == 1)
			memset(page, 0, PAGE_SIZE);
		else
			fill_random(page, i + 1);
		ck_assert_int_eq(zram_write_page(z, i, page), 0);
	}
	for (unsigned long i = 0; i < 600; i++) {
		if (i % 3 == 0)
			fill_text(page), page[0] = (uint8_t)i;
		else if (i % 3 == 1)
			memset(page, 0, PAGE_SIZE);
		else
			fill_random(page, i + 1);
		ck_assert_int_eq(zram_read_page(z, i, out), 0);
		ck_assert_int_eq(memcmp(out, page, PAGE_SIZE), 0);
	}
	const struct zram_stats *s = zram_get_stats(z);
	ck_assert_uint_eq(s->pages_stored, 600);
	ck_assert_uint_eq(s->same_pages, 200);
	ck_assert_uint_eq(s->huge_pages, 200);
	/* 200 raw frames plus the text objects packed several to a frame */
	ck_assert_uint_gt(zram_mem_used_pages(z), 200);
	ck_assert_uint_lt(zram_mem_used_pages(z), 260);
	ck_assert_uint_eq(zspages(), zram_mem_used_pages(z));
	ck_mm_ok();
	zram_destroy(z);
	ck_assert_uint_eq(fx_free_now(), free0);
	fx_shutdown();
}
END_TEST

START_TEST(test_store_fails_cleanly)
{
	setup();
	struct zram *z = zram_create(1 * MiB);
	static uint8_t page[PAGE_SIZE], out[PAGE_SIZE];
	static struct page *hog[8192];
	int n = 0;
	while ((hog[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY)))
		n++;
	/* a page whose class needs a zspage of several frames */
	memset(page, 0, PAGE_SIZE);
	for (size_t i = 0; i < PAGE_SIZE; i += 3)
		page[i] = (uint8_t)(i * 131 >> 4);
	ck_assert_int_eq(zram_write_page(z, 1, page), -ENOMEM);
	ck_assert_uint_eq(zram_get_stats(z)->failed_writes, 1);
	ck_assert_uint_eq(zram_get_stats(z)->pages_stored, 0);
	/* hand frames back one by one: partial zspages are undone until one fits */
	int failures = 1;
	while (zram_write_page(z, 1, page) == -ENOMEM) {
		ck_assert_uint_eq(zspages(), 0);
		ck_assert_int_gt(n, 0);
		__free_page(hog[--n]);
		failures++;
	}
	ck_assert_uint_eq(zram_get_stats(z)->failed_writes, (uint64_t)failures);
	/* the object's class takes 4 frames, so 1, 2 and 3 free frames were partial failures */
	ck_assert_uint_eq(zs_pages_per_zspage(zs_class_size(zram_get_stats(z)->compr_data_size)),
			  4);
	ck_assert_int_ge(failures, 4);
	ck_assert_uint_eq(zspages(), zram_mem_used_pages(z));
	ck_assert_int_eq(zram_read_page(z, 1, out), 0);
	ck_assert_int_eq(memcmp(out, page, PAGE_SIZE), 0);
	ck_mm_ok();
	while (n)
		__free_page(hog[--n]);
	zram_destroy(z);
	ck_assert_uint_eq(fx_free_now(), free0);
	fx_shutdown();
}
END_TEST

static Suite *zram_suite(void)
{
	Suite *s = suite_create("zram");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_forms_and_round_trip);
	tcase_add_test(tc, test_zsmalloc_classes);
	tcase_add_test(tc, test_many_pages);
	tcase_add_test(tc, test_store_fails_cleanly);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(zram_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
