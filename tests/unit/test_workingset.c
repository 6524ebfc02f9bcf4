/*
 * test_workingset.c - the refault distance rule and the shadow's clock
 * (os/mm/workingset.c), with exact values.
 */
#include <check.h>
#include <string.h>

#include "os/mm/page.h"
#include "os/mm/workingset.h"

START_TEST(distance_rule)
{
	unsigned long lru[NR_LRU_LISTS] = {0};
	lru[LRU_INACTIVE_ANON] = 100;
	lru[LRU_ACTIVE_ANON] = 50;
	lru[LRU_INACTIVE_FILE] = 30;
	lru[LRU_ACTIVE_FILE] = 20;
	/* file, no swap: only the active file list (20) */
	ck_assert(workingset_test_refault(1000, 1020, true, lru, false));
	ck_assert(!workingset_test_refault(1000, 1021, true, lru, false));
	/* file, swap: 20 + active anon 50 + inactive anon 100 = 170 */
	ck_assert(workingset_test_refault(1000, 1170, true, lru, true));
	ck_assert(!workingset_test_refault(1000, 1171, true, lru, true));
	/* anon, no swap: active file 20 + inactive file 30 = 50 */
	ck_assert(workingset_test_refault(1000, 1050, false, lru, false));
	ck_assert(!workingset_test_refault(1000, 1051, false, lru, false));
	/* anon, swap: 50 + active anon 50 = 100 (its own inactive list does not count) */
	ck_assert(workingset_test_refault(1000, 1100, false, lru, true));
	ck_assert(!workingset_test_refault(1000, 1101, false, lru, true));
	/* the clock wraps: distance 5 across the end of the 62-bit range */
	ck_assert(workingset_test_refault(~0UL >> 2, 4, true, lru, false));
}
END_TEST

START_TEST(shadow_clock)
{
	struct page pg;
	memset(&pg, 0, sizeof(pg));
	workingset_init();
	workingset_age_nonresident(41);
	unsigned long s1 = workingset_eviction(&pg);
	ck_assert_uint_eq(s1, 41UL << 2 | 1);		     /* age 41, not workingset */
	ck_assert_uint_eq(workingset_nonresident_age(), 42); /* an eviction ages by one */
	SetPageWorkingset(&pg);
	unsigned long s2 = workingset_eviction(&pg);
	ck_assert_uint_eq(s2, 42UL << 2 | 2 | 1);
	ck_assert(is_shadow((void *)s1) && is_shadow((void *)s2));
	ck_assert(!is_shadow(&pg));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("workingset");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, distance_rule);
	tcase_add_test(tc, shadow_clock);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
