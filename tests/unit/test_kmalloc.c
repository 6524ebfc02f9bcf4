/*
 * test_kmalloc.c - kmalloc size classes, ksize, kzalloc, krealloc,
 * kmalloc_large, GFP_DMA, and that everything freed comes back, under each
 * slab allocator (_i = 0 SLUB, 1 SLAB, 2 SLOB).
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/slab.h"
#include "os/mm/vmstat.h"

static void boot(int i)
{
	fx_boot(64 * MiB, fx_allocators[i], 0);
	kmem_cache_shrink_all();
	drain_all_pages();
}

START_TEST(test_size_classes)
{
	boot(_i);
	static const struct {
		size_t ask, slub;
	} cls[] = {{1, 8},	 {8, 8},       {9, 16},	     {33, 64},	  {65, 96},
		   {97, 128},	 {129, 192},   {193, 256},   {300, 512},  {1000, 1024},
		   {1025, 2048}, {4000, 4096}, {5000, 8192}, {8192, 8192}};
	for (size_t i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		void *p = kmalloc(cls[i].ask, GFP_KERNEL);
		ck_assert_ptr_nonnull(p);
		ck_assert(virt_addr_valid(p));
		size_t ks = ksize(p);
		ck_assert_uint_ge(ks, cls[i].ask);
		if (_i != 2) {
			ck_assert_uint_eq(ks, cls[i].slub);
			struct kmem_cache *s = kmalloc_slab(cls[i].ask, GFP_KERNEL);
			ck_assert_ptr_eq(virt_to_head_page(p)->slab_cache, s);
		} else if (cls[i].ask < PAGE_SIZE - 8) {
			/* SLOB: 8-byte units, minus its 8-byte size header. */
			ck_assert_uint_eq(ks, (cls[i].ask + 8 + 7) / 8 * 8 - 8);
		}
		memset(p, 0x77, ks);
		kfree(p);
	}
	if (_i != 2)
		ck_assert_str_eq(kmem_cache_name(kmalloc_slab(100, GFP_KERNEL)), "kmalloc-128");
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_zero_and_null)
{
	boot(_i);
	void *z = kmalloc(0, GFP_KERNEL);
	ck_assert_ptr_eq(z, ZERO_SIZE_PTR);
	kfree(z);
	kfree(NULL);
	ck_assert_uint_eq(ksize(NULL), 0);
	/* kzalloc zeroes memory that was dirty. */
	uint8_t *p = kmalloc(200, GFP_KERNEL);
	memset(p, 0xff, 200);
	kfree(p);
	uint8_t *q = kzalloc(200, GFP_KERNEL);
	for (int i = 0; i < 200; i++)
		ck_assert_int_eq(q[i], 0);
	kfree(q);
	uint32_t *arr = kcalloc(100, sizeof(uint32_t), GFP_KERNEL);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(arr[i], 0);
	kfree(arr);
	ck_assert_ptr_null(kmalloc_array((size_t)-1 / 2, 4, GFP_KERNEL));
	char *s = kstrdup("vm_area_struct", GFP_KERNEL);
	ck_assert_str_eq(s, "vm_area_struct");
	kfree(s);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_kmalloc_large)
{
	boot(_i);
	unsigned long slab0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	uint8_t *p = kmalloc(20000, GFP_KERNEL); /* beyond kmalloc-8k: an order-3 page block */
	ck_assert_ptr_nonnull(p);
	struct page *page = virt_to_head_page(p);
	ck_assert(!PageSlab(page));
	ck_assert(PageHead(page));
	ck_assert_uint_eq(ksize(p), 32768);
	ck_assert_ptr_eq(page_address(page), p);
	ck_assert_uint_eq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), slab0 + 32768);
	memset(p, 1, 20000);
	ck_mm_ok();
	kfree(p);
	ck_assert_uint_eq(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), slab0);
	ck_assert_ptr_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_krealloc)
{
	boot(_i);
	char *p = kmalloc(10, GFP_KERNEL);
	memcpy(p, "abcdefghi", 10);
	char *q = krealloc(p, 12, GFP_KERNEL); /* fits the same block */
	if (_i != 2)
		ck_assert_ptr_eq(q, p);
	ck_assert_str_eq(q, "abcdefghi");
	char *r = krealloc(q, 5000, GFP_KERNEL);
	ck_assert_str_eq(r, "abcdefghi");
	ck_assert_uint_ge(ksize(r), 5000);
	char *t = krealloc(r, 40000, GFP_KERNEL);
	ck_assert_str_eq(t, "abcdefghi");
	ck_assert_ptr_eq(krealloc(t, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	char *u = krealloc(NULL, 30, GFP_KERNEL);
	ck_assert_ptr_nonnull(u);
	kfree(u);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_dma_kmalloc)
{
	boot(_i);
	void *p = kmalloc(64, GFP_KERNEL | GFP_DMA);
	if (_i != 2) {
		ck_assert_uint_eq(page_zonenum(virt_to_page(p)), ZONE_DMA);
		ck_assert_str_eq(kmem_cache_name(virt_to_head_page(p)->slab_cache),
				 "dma-kmalloc-64");
	}
	kfree(p);
	void *big = kmalloc(50000, GFP_KERNEL | GFP_DMA);
	ck_assert_uint_eq(page_zonenum(virt_to_page(big)), ZONE_DMA);
	kfree(big);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* Allocate a mix, free it all, shrink: MemFree is back where it started. */
START_TEST(test_no_leak)
{
	boot(_i);
	unsigned long free0 = nr_free_pages();
	static void *ptrs[5000];
	unsigned seed = 7;
	for (int i = 0; i < 5000; i++) {
		seed = seed * 1103515245 + 12345;
		size_t size = 1 + (seed >> 8) % ((seed & 0x100) ? 16384 : 512);
		ptrs[i] = kmalloc(size, GFP_KERNEL);
		ck_assert_ptr_nonnull(ptrs[i]);
		memset(ptrs[i], (int)i, size);
	}
	ck_mm_ok();
	for (int i = 0; i < 5000; i += 2)
		kfree(ptrs[i]);
	ck_mm_ok();
	for (int i = 1; i < 5000; i += 2)
		kfree(ptrs[i]);
	kmem_cache_shrink_all();
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* Out of memory: kmalloc fails (NULL) and says so. */
START_TEST(test_kmalloc_failure)
{
	boot(_i);
	int n = 0;
	while (kmalloc(4000, GFP_KERNEL | __GFP_NOWARN))
		n++;
	ck_assert_int_gt(n, 10000);
	ck_assert_ptr_null(kmalloc(4000, GFP_KERNEL));
	ck_assert_int_ge(klog_count_matching("page allocation failure"), 1);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

static Suite *kmalloc_suite(void)
{
	Suite *s = suite_create("kmalloc");
	TCase *tc = tcase_create("kmalloc");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_size_classes, 0, 3);
	tcase_add_loop_test(tc, test_zero_and_null, 0, 3);
	tcase_add_loop_test(tc, test_kmalloc_large, 0, 3);
	tcase_add_loop_test(tc, test_krealloc, 0, 3);
	tcase_add_loop_test(tc, test_dma_kmalloc, 0, 3);
	tcase_add_loop_test(tc, test_no_leak, 0, 3);
	tcase_add_loop_test(tc, test_kmalloc_failure, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(kmalloc_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
