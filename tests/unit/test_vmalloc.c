/*
 * test_vmalloc.c - vmalloc areas: contiguous to the kernel, scattered in
 * guest RAM (frames tagged FK_VMALLOC), accounted in VmallocUsed and
 * /proc/vmallocinfo; and the contiguous fallback without a RAM memory file.
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/vmalloc.h"

START_TEST(test_vmalloc_scattered)
{
	fx_boot(64 * MiB, "", 1);
	/* Fragment memory: take 64 pages and free every other one. */
	struct page *hold[64];
	for (int i = 0; i < 64; i++)
		hold[i] = alloc_pages(GFP_KERNEL, 0);
	for (int i = 0; i < 64; i += 2)
		__free_pages(hold[i], 0);
	unsigned long free0 = nr_free_pages();
	uint8_t *v = vmalloc(10 * PAGE_SIZE + 1); /* rounds up to 11 pages */
	ck_assert_ptr_nonnull(v);
	ck_assert(is_vmalloc_addr(v));
	ck_assert(!virt_addr_valid(v)); /* not a direct-map (RAM array) address */
	ck_assert_uint_eq(vmalloc_nr_pages(), 11);
	/* Write through the area; the bytes are in the frames, in guest RAM. */
	for (int i = 0; i < 11 * 4096; i++)
		v[i] = (uint8_t)(i * 7);
	int scattered = 0;
	for (int pg = 0; pg < 11; pg++) {
		struct page *p = vmalloc_to_page(v + pg * PAGE_SIZE + 100);
		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(page_kind(p), FK_VMALLOC);
		uint8_t *direct = page_address(p);
		ck_assert_int_eq(direct[100], (uint8_t)((pg * PAGE_SIZE + 100) * 7));
		if (pg &&
		    page_to_pfn(p) != page_to_pfn(vmalloc_to_page(v + (pg - 1) * PAGE_SIZE)) + 1)
			scattered++;
	}
	ck_assert_int_gt(scattered, 0); /* the frames are not one physical run */
	/* And the other way: a write in RAM shows in the area. */
	((uint8_t *)page_address(vmalloc_to_page(v + 5 * PAGE_SIZE)))[9] = 0xab;
	ck_assert_int_eq(v[5 * PAGE_SIZE + 9], 0xab);
	static char buf[4096];
	proc_meminfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "VmallocTotal:    1048576 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "VmallocUsed:          44 kB\n"));
	proc_vmallocinfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "   49152 "));
	ck_assert_ptr_nonnull(strstr(buf, " pages=11 vmalloc\n"));
	ck_mm_ok();
	vfree(v);
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	drain_all_pages();
	ck_assert_uint_ge(nr_free_pages(), free0);
	ck_assert(!is_vmalloc_addr(v) || vmalloc_to_page(v) == NULL);
	vfree(v); /* a second free is reported, not fatal */
	ck_assert_int_eq(klog_count_matching("vfree: trying to free nonexistent vm area"), 1);
	/* vzalloc and vmap. */
	uint64_t *z = vzalloc(3 * PAGE_SIZE);
	for (int i = 0; i < 3 * 512; i++)
		ck_assert_uint_eq(z[i], 0);
	vfree(z);
	struct page *pages[2] = {hold[1], hold[5]};
	uint8_t *m = vmap(pages, 2, 0);
	ck_assert_ptr_nonnull(m);
	m[PAGE_SIZE] = 0x3c;
	ck_assert_int_eq(((uint8_t *)page_address(hold[5]))[0], 0x3c);
	vunmap(m);
	for (int i = 1; i < 64; i += 2)
		__free_pages(hold[i], 0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_vmalloc_contiguous_fallback)
{
	fx_boot(64 * MiB, "", 0);
	uint8_t *v = vmalloc(5 * PAGE_SIZE);
	ck_assert_ptr_nonnull(v);
	ck_assert(virt_addr_valid(v)); /* one physical run inside RAM */
	memset(v, 0x11, 5 * PAGE_SIZE);
	for (int pg = 0; pg < 5; pg++) {
		struct page *p = vmalloc_to_page(v + pg * PAGE_SIZE);
		ck_assert_ptr_eq(p, virt_to_page(v) + pg);
		ck_assert_int_eq(page_kind(p), FK_VMALLOC);
	}
	static char buf[4096];
	proc_vmallocinfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, " pages=5 vmalloc contiguous\n"));
	proc_meminfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "VmallocTotal:          0 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "VmallocUsed:          20 kB\n"));
	ck_mm_ok();
	vfree(v);
	ck_assert_uint_eq(vmalloc_nr_pages(), 0);
	ck_assert_ptr_null(vmap(NULL, 1, 0));
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

static Suite *vmalloc_suite(void)
{
	Suite *s = suite_create("vmalloc");
	TCase *tc = tcase_create("vmalloc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vmalloc_scattered);
	tcase_add_test(tc, test_vmalloc_contiguous_fallback);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vmalloc_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
