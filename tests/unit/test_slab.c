/*
 * test_slab.c - the kmem_cache API over all three allocators (each test runs
 * once per allocator: _i = 0 SLUB, 1 SLAB, 2 SLOB), the debug checks of SLUB
 * and SLAB (poison, red zones, double free), /proc/slabinfo lines, and the
 * checker catching corrupted slab state.
 */
#include <signal.h>
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/slab.h"
#include "os/mm/vmstat.h"

static void boot(int i)
{
	fx_boot(64 * MiB, fx_allocators[i], 0);
}

struct thing {
	unsigned long magic;
	char name[84];
};

static int ctor_calls;
static void thing_ctor(void *p)
{
	((struct thing *)p)->magic = 0xfeedUL;
	ctor_calls++;
}

START_TEST(test_alloc_free_destroy)
{
	boot(_i);
	ck_assert_str_eq(slab_allocator_name(), _i == 0 ? "slub" : _i == 1 ? "slab" : "slob");
	struct kmem_cache *c = kmem_cache_create("thing", sizeof(struct thing), 0, 0, NULL);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_eq(kmem_cache_find("thing"), c);
	ck_assert_str_eq(kmem_cache_name(c), "thing");
	ck_assert_uint_eq(kmem_cache_size(c), sizeof(struct thing));
	static struct thing *objs[2000];
	for (int i = 0; i < 2000; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ck_assert_ptr_nonnull(objs[i]);
		ck_assert(virt_addr_valid(objs[i]));
		ck_assert_uint_eq((uintptr_t)objs[i] % 8, 0);
		ck_assert_int_eq(page_kind(virt_to_head_page(objs[i])), FK_SLAB);
		memset(objs[i], i & 0xff, sizeof(struct thing));
	}
	/* No two objects overlap: each still holds its own pattern. */
	for (int i = 0; i < 2000; i++)
		for (size_t b = 0; b < sizeof(struct thing); b++)
			ck_assert_int_eq(((uint8_t *)objs[i])[b], i & 0xff);
	ck_mm_ok();
	ck_assert_uint_ge(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B),
			  2000 * sizeof(struct thing));
	/* Destroying a cache with live objects is refused. */
	ck_assert_int_eq(kmem_cache_destroy(c), -16 /* -EBUSY */);
	for (int i = 0; i < 2000; i++)
		kmem_cache_free(c, objs[i]);
	ck_mm_ok();
	ck_assert_int_eq(kmem_cache_destroy(c), 0);
	ck_assert_ptr_null(kmem_cache_find("thing"));
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_ctor_align_zalloc)
{
	boot(_i);
	ctor_calls = 0;
	struct kmem_cache *c = kmem_cache_create("ctor_thing", sizeof(struct thing), 0,
						 SLAB_HWCACHE_ALIGN, thing_ctor);
	struct thing *t = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_uint_eq(t->magic, 0xfeed);
	ck_assert_int_ge(ctor_calls, 1);
	if (_i != 2)
		ck_assert_uint_eq((uintptr_t)t % 64, 0); /* 96 bytes: cache-line aligned */
	kmem_cache_free(c, t);
	struct kmem_cache *a = kmem_cache_create("aligned256", 40, 256, 0, NULL);
	for (int i = 0; i < 40; i++) {
		void *p = kmem_cache_zalloc(a, GFP_KERNEL);
		ck_assert_uint_eq((uintptr_t)p % 256, 0);
		for (int b = 0; b < 40; b++)
			ck_assert_int_eq(((uint8_t *)p)[b], 0);
		memset(p, 0xee, 40);
		kmem_cache_free(a, p);
	}
	ck_mm_ok();
	ck_assert_int_eq(kmem_cache_destroy(a), 0);
	ck_assert_int_eq(kmem_cache_destroy(c), 0);
	fx_shutdown();
}
END_TEST

START_TEST(test_reclaim_account_and_dma)
{
	boot(_i);
	unsigned long r0 = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	struct kmem_cache *c = kmem_cache_create("dentry_like", 192, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);
	if (_i == 2) /* SLOB's shared pages are all unreclaimable, as on Linux */
		ck_assert_uint_eq(global_node_page_state(NR_SLAB_RECLAIMABLE_B), r0);
	else
		ck_assert_uint_gt(global_node_page_state(NR_SLAB_RECLAIMABLE_B), r0);
	kmem_cache_free(c, p);
	kmem_cache_shrink(c);
	kmem_cache_destroy(c);
	ck_assert_uint_eq(global_node_page_state(NR_SLAB_RECLAIMABLE_B), r0);
	if (_i != 2) { /* SLOB shares pages between caches and ignores DMA for them */
		struct kmem_cache *d = kmem_cache_create("dma_thing", 64, 0, SLAB_CACHE_DMA, NULL);
		void *q = kmem_cache_alloc(d, GFP_KERNEL);
		ck_assert_uint_eq(page_zonenum(virt_to_page(q)), ZONE_DMA);
		kmem_cache_free(d, q);
		kmem_cache_destroy(d);
	}
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_create_failures)
{
	boot(_i);
	ck_assert_ptr_null(kmem_cache_create("bad_align", 64, 3, 0, NULL));
	ck_assert_ptr_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	ck_assert_int_eq(klog_count_matching("kmem_cache_create(zero) failed"), 1);
	fx_shutdown();
}
END_TEST

/* SLAB_PANIC turns a failed kmem_cache_create into a kernel panic (abort). */
START_TEST(test_slab_panic)
{
	boot(_i);
	kmem_cache_create("must_exist", 64, 3, SLAB_PANIC, NULL);
	fx_shutdown(); /* not reached */
}
END_TEST

START_TEST(test_poison_detects_use_after_free)
{
	boot(_i);
	struct kmem_cache *c = kmem_cache_create("poisoned", 64, 0, SLAB_POISON, NULL);
	uint8_t *p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	if (_i == 2) { /* SLOB ignores debug flags, as Linux's did */
		ck_assert_uint_eq(slab_error_count(), 0);
		fx_shutdown();
		return;
	}
	ck_assert_int_eq(p[0], POISON_FREE);
	ck_assert_int_eq(p[62], POISON_FREE);
	ck_assert_int_eq(p[63], POISON_END);
	p[10] = 0x42; /* write after free */
	unsigned long before = slab_error_count();
	uint8_t *q = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_ptr_eq(q, p); /* LIFO: the same object comes back */
	ck_assert_uint_eq(slab_error_count(), before + 1);
	ck_assert_int_eq(klog_count_matching("BUG poisoned (Not tainted): Poison overwritten"), 1);
	ck_assert_int_eq(klog_count_matching("First byte 0x42 instead of 0x6b"), 1);
	kmem_cache_free(c, q);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_redzone_detects_overrun_and_double_free)
{
	boot(_i);
	struct kmem_cache *c = kmem_cache_create("guarded", 24, 0, SLAB_RED_ZONE, NULL);
	uint8_t *p = kmem_cache_alloc(c, GFP_KERNEL);
	if (_i == 2) {
		kmem_cache_free(c, p);
		ck_assert_uint_eq(slab_error_count(), 0);
		fx_shutdown();
		return;
	}
	ck_assert_int_eq(p[24], SLUB_RED_ACTIVE);
	ck_assert_int_eq(p[-1], SLUB_RED_ACTIVE);
	p[24] = 0; /* one byte past the end */
	kmem_cache_free(c, p);
	ck_assert_uint_eq(slab_error_count(), 1);
	ck_assert_int_eq(klog_count_matching("BUG guarded (Not tainted): Redzone overwritten"), 1);
	ck_assert_int_eq(klog_count_matching("FIX guarded: Restoring Redzone"), 1);
	ck_mm_ok();
	/* Underrun. */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[-2] = 7;
	kmem_cache_free(c, p);
	ck_assert_int_eq(klog_count_matching("Left Redzone overwritten"), 1);
	/* A second free of the same object is caught and ignored. */
	kmem_cache_free(c, p);
	ck_assert_int_eq(klog_count_matching("Object already free"), 1);
	ck_assert_uint_eq(slab_error_count(), 3);
	ck_mm_ok();
	ck_assert_int_eq(kmem_cache_destroy(c), 0);
	fx_shutdown();
}
END_TEST

/* slub_debug on the command line guards every cache, kmalloc's included. */
START_TEST(test_slub_debug_cmdline)
{
	const char *cmd[] = {"slab_allocator=slub slub_debug", "slab_allocator=slab slub_debug=Z"};
	fx_boot(64 * MiB, cmd[_i], 0);
	uint8_t *p = kmalloc(50, GFP_KERNEL);
	ck_assert_uint_eq(ksize(p), 64); /* the object size, without the guard bytes */
	p[64] = 1;
	kfree(p);
	ck_assert_int_eq(klog_count_matching("BUG kmalloc-64 (Not tainted): Redzone overwritten"),
			 1);
	if (_i == 0) {
		p = kmalloc(50, GFP_KERNEL); /* poisoned while free, checked now */
		ck_assert_int_eq(p[0], POISON_INUSE);
		kfree(p);
	}
	ck_assert_uint_eq(slab_error_count(), 1);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_wrong_cache_free)
{
	boot(_i);
	if (_i == 2) { /* SLOB cannot tell: it has no per-cache slabs */
		fx_shutdown();
		return;
	}
	struct kmem_cache *a = kmem_cache_create("cache_a", 32, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("cache_b", 32, 0, 0, NULL);
	void *p = kmem_cache_alloc(a, GFP_KERNEL);
	kmem_cache_free(b, p);
	ck_assert_int_eq(klog_count_matching("object belongs to cache_a, not cache_b"), 1);
	kmem_cache_free(a, p);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_slabinfo_lines)
{
	boot(_i);
	struct kmem_cache *c = kmem_cache_create("task_struct", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);
	static char buf[16384];
	size_t n = proc_slabinfo_show(buf, sizeof(buf));
	ck_assert_uint_eq(n, strlen(buf));
	ck_assert_str_eq(strstr(buf,
				"slabinfo - version: 2.1\n# name            <active_objs> "
				"<num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
				"<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> "
				"<num_slabs> <sharedavail>\ntask_struct ") == buf
			     ? "ok"
			     : buf,
			 "ok");
	const char *want[] = {
	    /* SLUB: 128-byte slots, 32 per page; the cpu slab counts as active. */
	    "task_struct           32     32    128   32    1 : tunables    0    0    0 : "
	    "slabdata      1      1      0\n",
	    /* SLAB: 31 per page (32 slots do not fit with the index array); tunables 120/60. */
	    "task_struct           31     31    128   31    1 : tunables  120   60    0 : "
	    "slabdata      1      1      0\n",
	    /* SLOB: only the objects in use are known. */
	    "task_struct            1      1    100    0    1 : tunables    0    0    0 : "
	    "slabdata      0      0      0\n",
	};
	ck_assert_msg(strstr(buf, want[_i]) != NULL, "slabinfo:\n%s", buf);
	if (_i != 2) {
		ck_assert_ptr_nonnull(strstr(buf, "\nkmalloc-64 "));
		ck_assert_ptr_nonnull(strstr(buf, "\nkmalloc-8k "));
		ck_assert_ptr_nonnull(strstr(buf, "\nkmem_cache "));
	}
	/* Every row has the same column layout. */
	for (char *line = strchr(buf, '\n') + 1; (line = strchr(line, '\n') + 1) && *line;) {
		char name[64];
		unsigned long v[11];
		int got = sscanf(
		    line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
		    name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9],
		    &v[10]);
		ck_assert_int_eq(got, 12);
		ck_assert_uint_le(v[0], v[1]);
	}
	kmem_cache_free(c, p);
	fx_shutdown();
}
END_TEST

START_TEST(test_checker_catches_slab_corruption)
{
	boot(_i);
	struct kmem_cache *c = kmem_cache_create("victim", 48, 0, 0, NULL);
	void *objs[10];
	for (int i = 0; i < 10; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, objs[3]);
	ck_mm_ok();
	struct page *page = virt_to_head_page(objs[0]);
	const char *why;
	if (_i == 0) {
		page->inuse++; /* SLUB: a slab that lies about its objects in use */
		why = mm_check();
		ck_assert_ptr_nonnull(why);
		ck_assert_ptr_nonnull(strstr(why, "slub victim"));
		page->inuse--;
		/* A freelist pointer out of the slab (a use-after-free write). */
		void *saved = *(void **)objs[3];
		*(void **)objs[3] = (char *)objs[3] + 8;
		why = mm_check();
		ck_assert_ptr_nonnull(why);
		ck_assert_ptr_nonnull(strstr(why, "freelist"));
		*(void **)objs[3] = saved;
	} else if (_i == 1) {
		page->inuse--; /* SLAB: counts disagree with the lists */
		why = mm_check();
		ck_assert_ptr_nonnull(why);
		ck_assert_ptr_nonnull(strstr(why, "slab victim"));
		page->inuse++;
	} else {
		page->slab_off++; /* SLOB: free units disagree with the chain */
		why = mm_check();
		ck_assert_ptr_nonnull(why);
		ck_assert_ptr_nonnull(strstr(why, "slob"));
		page->slab_off--;
	}
	ck_mm_ok();
	/* A slab frame whose tag was lost. */
	enum frame_kind k = page_tag(page)->kind;
	page_tag(page)->kind = FK_KMEM;
	ck_assert_ptr_nonnull(mm_check());
	page_tag(page)->kind = (uint8_t)k;
	ck_mm_ok();
	for (int i = 0; i < 10; i++)
		if (i != 3)
			kmem_cache_free(c, objs[i]);
	fx_shutdown();
}
END_TEST

START_TEST(test_shrink_returns_pages)
{
	boot(_i);
	drain_all_pages();
	kmem_cache_shrink_all();
	drain_all_pages();
	unsigned long free0 = nr_free_pages();
	struct kmem_cache *c = kmem_cache_create("shrinkme", 256, 0, 0, NULL);
	static void *objs[3000];
	for (int i = 0; i < 3000; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ck_assert_uint_lt(nr_free_pages(), free0 - 3000 * 256 / PAGE_SIZE);
	for (int i = 0; i < 3000; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_shrink(c);
	ck_assert_int_eq(kmem_cache_destroy(c), 0);
	kmem_cache_shrink_all();
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

static Suite *slab_suite(void)
{
	Suite *s = suite_create("slab");
	TCase *tc = tcase_create("api");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_alloc_free_destroy, 0, 3);
	tcase_add_loop_test(tc, test_ctor_align_zalloc, 0, 3);
	tcase_add_loop_test(tc, test_reclaim_account_and_dma, 0, 3);
	tcase_add_loop_test(tc, test_create_failures, 0, 3);
	tcase_add_loop_test_raise_signal(tc, test_slab_panic, SIGABRT, 0, 3);
	tcase_add_loop_test(tc, test_poison_detects_use_after_free, 0, 3);
	tcase_add_loop_test(tc, test_redzone_detects_overrun_and_double_free, 0, 3);
	tcase_add_loop_test(tc, test_wrong_cache_free, 0, 3);
	tcase_add_loop_test(tc, test_slub_debug_cmdline, 0, 2);
	tcase_add_loop_test(tc, test_slabinfo_lines, 0, 3);
	tcase_add_loop_test(tc, test_checker_catches_slab_corruption, 0, 3);
	tcase_add_loop_test(tc, test_shrink_returns_pages, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(slab_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
