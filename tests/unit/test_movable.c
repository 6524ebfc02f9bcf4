/*
 * test_movable.c - ZONE_MOVABLE: its size from movablecore= / kernelcore= /
 * the NOMMU default, its place (the top of RAM, mem_map just below it), and
 * the allocation rules NOMMU's protection rests on: GFP_HIGHUSER_MOVABLE is
 * served from it and, with movable_no_fallback, from nothing else; kernel
 * allocations never touch it.
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/slab.h"

static struct zone *Z(int i)
{
	return &contig_page_data.node_zones[i];
}

/* 64 MiB = 16384 frames, mem_map 256 of them; blocks of 1024 frames. */
START_TEST(test_sizing)
{
	ck_assert_uint_eq(movable_zone_pages("", 16384, 256, 0), 0);
	ck_assert_uint_eq(movable_zone_pages("", 16384, 256, 75), 12288);
	ck_assert_uint_eq(movable_zone_pages("movablecore=16M", 16384, 256, 75), 4096);
	ck_assert_uint_eq(movable_zone_pages("quiet movablecore=50% x", 16384, 256, 0), 8192);
	ck_assert_uint_eq(movable_zone_pages("kernelcore=48M", 16384, 256, 75), 4096);
	ck_assert_uint_eq(movable_zone_pages("movablecore=16384K", 16384, 256, 0), 4096);
	ck_assert_uint_eq(movable_zone_pages("movablecore=16m", 16384, 256, 0), 4096);
	ck_assert_uint_eq(movable_zone_pages("kernelcore=25%", 16384, 256, 0), 12288);
	ck_assert_uint_eq(movable_zone_pages("movablecore=1G", 16384, 256, 0), 14336);
	/* The kernel's share is rounded up to a block: 10 MiB movable becomes 8. */
	ck_assert_uint_eq(movable_zone_pages("movablecore=10M", 16384, 256, 0), 2048);
	/* The kernel keeps mem_map + 4 MiB (1280 frames, so 2 blocks). */
	ck_assert_uint_eq(movable_zone_pages("movablecore=63M", 16384, 256, 0), 14336);
	ck_assert_uint_eq(movable_zone_pages("movablecore=100%", 16384, 256, 0), 14336);
	/* Explicitly none, too small, or malformed: no zone. */
	ck_assert_uint_eq(movable_zone_pages("movablecore=0", 16384, 256, 75), 0);
	ck_assert_uint_eq(movable_zone_pages("movablecore=1000", 16384, 256, 75), 0);
	ck_assert_uint_eq(movable_zone_pages("movablecore=lots", 16384, 256, 75), 0);
	ck_assert_uint_eq(movable_zone_pages("movablecore=101%", 16384, 256, 75), 0);
	/* 8 MiB of RAM: the kernel's 1056 frames round up to all of it. */
	ck_assert_uint_eq(movable_zone_pages("", 2048, 32, 75), 0);
}
END_TEST

START_TEST(test_layout)
{
	char buf[16384];

	fx_boot(64 * MiB, "movablecore=32M", 0);
	ck_assert_uint_eq(Z(ZONE_MOVABLE)->zone_start_pfn, 0x82000);
	ck_assert_uint_eq(Z(ZONE_MOVABLE)->present_pages, 8192);
	ck_assert_uint_eq(Z(ZONE_MOVABLE)->managed_pages, 8192);
	ck_assert_uint_eq(Z(ZONE_DMA32)->zone_start_pfn, 0x81000);
	ck_assert_uint_eq(Z(ZONE_DMA32)->spanned_pages, 4096);
	ck_assert_uint_eq(Z(ZONE_DMA32)->managed_pages, 4096 - 256);
	ck_assert_uint_eq(Z(ZONE_NORMAL)->present_pages, 0);
	/* mem_map is the last 256 frames below the zone. */
	ck_assert_ptr_eq((void *)mem_map, (void *)(fx_ram + (8192 - 256) * 4096UL));
	ck_assert_uint_eq(totalram_pages(), 16384 - 256);
	ck_assert_int_eq(fx_obs.nzones, 4);
	ck_assert_str_eq(fx_obs.zones[ZONE_MOVABLE].name, "Movable");
	ck_assert_uint_eq(fx_obs.zones[ZONE_MOVABLE].start_pfn, 0x82000);
	ck_assert_uint_eq(fx_obs.zones[ZONE_MOVABLE].end_pfn, 0x84000);
	proc_buddyinfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "Node 0, zone  Movable      0      0      0      0      "
					  "0      0      0      0      0      0      8"));
	proc_zoneinfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "Node 0, zone  Movable"));
	ck_assert_ptr_nonnull(strstr(buf, "start_pfn:           532480"));
	ck_assert_int_eq(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	ck_assert_int_eq(gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);
	fx_shutdown();
}
END_TEST

/* MMU mode without movablecore=: no Movable zone, movable requests as before. */
START_TEST(test_absent_by_default)
{
	fx_boot(64 * MiB, "", 0);
	ck_assert_uint_eq(Z(ZONE_MOVABLE)->present_pages, 0);
	ck_assert_int_eq(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_NORMAL);
	ck_assert_ptr_eq((void *)mem_map, (void *)(fx_ram + (16384 - 256) * 4096UL));
	struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 0);
	fx_shutdown();
}
END_TEST

static struct page *held[20000];

/* Allocate order-0 pages with gfp until failure; returns how many, all in held[]. */
static int exhaust(gfp_t gfp)
{
	int n = 0;
	while (n < 20000 && (held[n] = alloc_pages(gfp | __GFP_NOWARN, 0)))
		n++;
	return n;
}

START_TEST(test_no_fallback)
{
	fx_boot(64 * MiB, "movablecore=32M", 0);
	movable_no_fallback = true;
	int n = exhaust(GFP_HIGHUSER_MOVABLE);
	ck_assert_int_gt(n, 8000);
	ck_assert_int_le(n, 8192);
	for (int i = 0; i < n; i++)
		ck_assert_uint_eq(page_zonenum(held[i]), ZONE_MOVABLE);
	/* The kernel's zones still have thousands of free pages, out of reach. */
	ck_assert_int_gt(zone_page_state(Z(ZONE_DMA32), NR_FREE_PAGES), 3000);
	ck_assert_ptr_null(alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0));
	/* Linux's rule (MMU mode with movablecore=): fall back to DMA32. */
	movable_no_fallback = false;
	struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 0);
	for (int i = 0; i < n; i++)
		__free_pages(held[i], 0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_kernel_never_movable)
{
	fx_boot(64 * MiB, "movablecore=32M", 0);
	movable_no_fallback = true;
	int n = exhaust(GFP_KERNEL);
	ck_assert_int_gt(n, 7000);
	for (int i = 0; i < n; i++)
		ck_assert_uint_ne(page_zonenum(held[i]), ZONE_MOVABLE);
	ck_assert_int_eq(zone_page_state(Z(ZONE_MOVABLE), NR_FREE_PAGES), 8192);
	/* slab pages too */
	void *obj = kmalloc(8192, GFP_KERNEL | __GFP_NOWARN);
	ck_assert_ptr_null(obj);
	for (int i = 0; i < n; i++)
		__free_pages(held[i], 0);
	obj = kmalloc(64, GFP_KERNEL);
	ck_assert_ptr_nonnull(obj);
	ck_assert_uint_ne(page_zonenum(virt_to_page(obj)), ZONE_MOVABLE);
	kfree(obj);
	movable_no_fallback = false;
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

static Suite *movable_suite(void)
{
	Suite *s = suite_create("movable");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sizing);
	tcase_add_test(tc, test_layout);
	tcase_add_test(tc, test_absent_by_default);
	tcase_add_test(tc, test_no_fallback);
	tcase_add_test(tc, test_kernel_never_movable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(movable_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
