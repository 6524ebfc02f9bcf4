/*
 * test_psi.c - /proc/pressure/memory's accounting: totals in guest
 * microseconds, "full" only when no other task could run, Linux's text
 * format, and the 2 s decaying averages driven by a fake guest clock.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "os/mm/psi.h"

static uint64_t fake_ns;
static int others;

static uint64_t fake_now(void)
{
	return fake_ns;
}

static int fake_others(void)
{
	return others;
}

static void setup(void)
{
	fake_ns = 0;
	others = 0;
	psi_set_hooks(fake_now, fake_others);
	psi_reset();
}

static void teardown(void)
{
	psi_set_hooks(NULL, NULL);
}

START_TEST(idle_is_zero)
{
	char b[256];
	size_t n = psi_show(b, sizeof(b));
	ck_assert_str_eq(b, "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
			    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
	ck_assert_uint_eq(n, strlen(b));
	ck_assert_uint_eq(psi_show(b, 10), n); /* the length needed, truncated */
}
END_TEST

START_TEST(some_and_full)
{
	psi_memstall(PSI_SWAPIN_US);
	others = 1; /* another task could run: only "some" */
	psi_memstall(30);
	ck_assert_uint_eq(psi_total_some(), PSI_SWAPIN_US + 30);
	ck_assert_uint_eq(psi_total_full(), PSI_SWAPIN_US);
}
END_TEST

START_TEST(averages_decay)
{
	char b[256];
	/* 1 s of stall in the first 2 s period: 50% of it */
	psi_memstall(1000000);
	fake_ns = 2000000000ull;
	psi_show(b, sizeof(b));
	/* avg10 = 50 * (1 - e^-0.2) = 9.06; avg60 = 50 * (1 - e^-1/30) = 1.64; avg300 = 0.33 */
	ck_assert_str_eq(b, "some avg10=9.06 avg60=1.64 avg300=0.33 total=1000000\n"
			    "full avg10=9.06 avg60=1.64 avg300=0.33 total=1000000\n");
	/* 10 quiet seconds later avg10 has decayed by e^-1 */
	fake_ns += 10000000000ull;
	psi_show(b, sizeof(b));
	ck_assert_str_eq(b, "some avg10=3.33 avg60=1.39 avg300=0.32 total=1000000\n"
			    "full avg10=3.33 avg60=1.39 avg300=0.32 total=1000000\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("psi");
	TCase *tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, idle_is_zero);
	tcase_add_test(tc, some_and_full);
	tcase_add_test(tc, averages_decay);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
