/*
 * test_lru.c - the LRU lists: where new pages go, the two-touch promotion of
 * mark_page_accessed(), activation and deactivation, isolation and putback,
 * unevictable pages, counters (node and zone), frame tags, and a freed page
 * leaving its list through the release hook.
 */
#include <errno.h>

#include "swap_fixture.h"

static unsigned long free0;

static void setup(void)
{
	fx_boot(32 * MiB, "", 0);
	lru_init();
	free0 = fx_free_now();
}

static void teardown(void)
{
	lru_exit();
	fx_shutdown();
}

START_TEST(test_add_anon_and_file)
{
	setup();
	struct page *a = fx_anon_page(), *f = fx_file_page(0);
	lru_cache_add_inactive_or_unevictable(a, 0);
	lru_cache_add(f);
	ck_assert(PageLRU(a) && PageLRU(f));
	ck_assert_int_eq(page_lru(a), LRU_INACTIVE_ANON);
	ck_assert_int_eq(page_lru(f), LRU_INACTIVE_FILE);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 1);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 1);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_ANON) + nr_lru(LRU_ACTIVE_FILE), 0);
	ck_assert_int_eq(zone_lru(a, LRU_INACTIVE_ANON), 1);
	ck_assert_int_eq(page_tag(a)->flags & (FTF_LRU | FTF_ACTIVE), FTF_LRU);
	ck_assert_ptr_eq(
	    list_first_entry(&node_lruvec()->lists[LRU_INACTIVE_FILE], struct page, lru), f);
	/* refcounts are untouched: the lists hold no reference */
	ck_assert_int_eq(page_count(a), 1);
	fx_release(a);
	fx_release(f);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON) + nr_lru(LRU_INACTIVE_FILE), 0);
	ck_mm_ok();
	ck_assert_uint_eq(fx_free_now(), free0);
	teardown();
}
END_TEST

START_TEST(test_two_touch_promotion)
{
	setup();
	struct page *f = fx_file_page(7);
	lru_cache_add(f);
	unsigned long act0 = vm_event_count(PGACTIVATE);
	mark_page_accessed(f);
	ck_assert(PageReferenced(f));
	ck_assert(!PageActive(f));
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 1);
	mark_page_accessed(f);
	ck_assert(PageActive(f));
	ck_assert(!PageReferenced(f));
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 0);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_FILE), 1);
	ck_assert_int_eq(zone_lru(f, LRU_ACTIVE_FILE), 1);
	ck_assert_uint_eq(vm_event_count(PGACTIVATE), act0 + 1);
	ck_assert_int_eq(page_tag(f)->flags & (FTF_LRU | FTF_ACTIVE), FTF_LRU | FTF_ACTIVE);
	/* a third touch on an active page only sets referenced */
	mark_page_accessed(f);
	ck_assert(PageReferenced(f));
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_FILE), 1);
	unsigned long de0 = vm_event_count(PGDEACTIVATE);
	deactivate_page(f);
	ck_assert(!PageActive(f) && !PageReferenced(f));
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 1);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_FILE), 0);
	ck_assert_uint_eq(vm_event_count(PGDEACTIVATE), de0 + 1);
	ck_assert_int_eq(page_tag(f)->flags & (FTF_LRU | FTF_ACTIVE), FTF_LRU);
	/* a page touched twice before it reaches a list starts active */
	struct page *g = fx_file_page(8);
	mark_page_accessed(g);
	mark_page_accessed(g);
	lru_cache_add(g);
	ck_assert_int_eq(page_lru(g), LRU_ACTIVE_FILE);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_FILE), 1);
	fx_release(f);
	fx_release(g);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE) + nr_lru(LRU_ACTIVE_FILE), 0);
	teardown();
}
END_TEST

START_TEST(test_activate_anon)
{
	setup();
	struct page *a = fx_anon_page();
	lru_cache_add_inactive_or_unevictable(a, 0);
	activate_page(a);
	ck_assert_int_eq(page_lru(a), LRU_ACTIVE_ANON);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_ANON), 1);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 0);
	activate_page(a); /* no-op on an active page */
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_ANON), 1);
	fx_release(a);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_ANON), 0);
	teardown();
}
END_TEST

START_TEST(test_isolate_putback)
{
	setup();
	struct page *p[3];
	for (int i = 0; i < 3; i++) {
		p[i] = fx_anon_page();
		lru_cache_add_inactive_or_unevictable(p[i], 0);
	}
	/* the oldest page is at the tail */
	struct list_head *l = &node_lruvec()->lists[LRU_INACTIVE_ANON];
	ck_assert_ptr_eq(list_last_entry(l, struct page, lru), p[0]);
	ck_assert_int_eq(isolate_lru_page(p[1]), 0);
	ck_assert(!PageLRU(p[1]));
	ck_assert_int_eq(page_count(p[1]), 2);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 2);
	ck_assert_int_eq(page_tag(p[1])->flags & FTF_LRU, 0);
	ck_assert_int_eq(isolate_lru_page(p[1]), -EBUSY);
	putback_lru_page(p[1]);
	ck_assert(PageLRU(p[1]));
	ck_assert_int_eq(page_count(p[1]), 1);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 3);
	ck_assert_ptr_eq(list_first_entry(l, struct page, lru), p[1]);
	/* an isolated page whose other users went away is freed by putback */
	ck_assert_int_eq(isolate_lru_page(p[2]), 0);
	p[2]->mapping = NULL;
	put_page(p[2]); /* the owner's reference */
	putback_lru_page(p[2]);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 2);
	fx_release(p[0]);
	fx_release(p[1]);
	ck_mm_ok();
	ck_assert_uint_eq(fx_free_now(), free0);
	teardown();
}
END_TEST

START_TEST(test_unevictable)
{
	setup();
	struct page *a = fx_anon_page();
	lru_cache_add_inactive_or_unevictable(a, VM_LOCKED);
	ck_assert(PageUnevictable(a));
	ck_assert_int_eq(page_lru(a), LRU_UNEVICTABLE);
	ck_assert_uint_eq(nr_lru(LRU_UNEVICTABLE), 1);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 0);
	ck_assert_int_eq(page_tag(a)->flags & (FTF_LRU | FTF_LOCKED), FTF_LRU | FTF_LOCKED);
	activate_page(a);
	ck_assert_uint_eq(nr_lru(LRU_UNEVICTABLE), 1);
	ClearPageMlocked(a);
	fx_release(a);
	ck_assert_uint_eq(nr_lru(LRU_UNEVICTABLE), 0);
	teardown();
}
END_TEST

static Suite *lru_suite(void)
{
	Suite *s = suite_create("lru");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_add_anon_and_file);
	tcase_add_test(tc, test_two_touch_promotion);
	tcase_add_test(tc, test_activate_anon);
	tcase_add_test(tc, test_isolate_putback);
	tcase_add_test(tc, test_unevictable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(lru_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
