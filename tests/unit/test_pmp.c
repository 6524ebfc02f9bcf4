/*
 * test_pmp.c - unit tests of emu/pmp.c against the privileged spec's PMP rules.
 */
#include <check.h>
#include <stdlib.h>

#include "emu/pmp.h"

#define RWX  (PMP_R | PMP_W | PMP_X)
#define A(m) ((m) << 3)

static struct pmp p;

static void setup(void)
{
	pmp_reset(&p);
}

/* Set entry i's cfg byte, leaving the others of its CSR as they are. */
static void set_cfg(unsigned i, uint8_t c)
{
	uint64_t v;
	ck_assert_int_eq(pmp_read_cfg(&p, i / 8 * 2, &v), 0);
	v &= ~(0xffull << (8 * (i % 8)));
	v |= (uint64_t)c << (8 * (i % 8));
	ck_assert_int_eq(pmp_write_cfg(&p, i / 8 * 2, v), 0);
}

static uint64_t napot(uint64_t base, uint64_t size)
{
	return (base >> 2) | ((size >> 3) - 1);
}

START_TEST(test_reset_no_match)
{
	/* Nothing configured: M succeeds, S and U fail (16 entries implemented). */
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_W, PRIV_M), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 4, PMP_X, PRIV_M), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_R, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_R, PRIV_U), -1);
	ck_assert_uint_eq(p.nactive, 0);
}
END_TEST

START_TEST(test_tor)
{
	ck_assert_int_eq(pmp_write_addr(&p, 0, 0x80000000 >> 2), 0);
	ck_assert_int_eq(pmp_write_addr(&p, 1, 0x80001000 >> 2), 0);
	set_cfg(1, A(PMP_A_TOR) | PMP_R | PMP_X);
	/* Entry 0 is OFF but its address is entry 1's bottom. */
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000ff8, 8, PMP_R, PRIV_S), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000ff8, 4, PMP_X, PRIV_S), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000ff8, 8, PMP_W, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80001000, 1, PMP_R, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x7ffffffc, 4, PMP_R, PRIV_S), -1);
	/* Straddling the top: partial match fails, even in M-mode. */
	ck_assert_int_eq(pmp_check(&p, 0x80000ffc, 8, PMP_R, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80000ffc, 8, PMP_R, PRIV_M), -1);
	ck_assert_int_eq(pmp_check(&p, 0x7ffffffc, 8, PMP_R, PRIV_M), -1);
	/* Unlocked: M-mode may write inside despite W = 0. */
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_W, PRIV_M), 0);
}
END_TEST

START_TEST(test_tor_entry0_from_zero)
{
	ck_assert_int_eq(pmp_write_addr(&p, 0, 0x1000 >> 2), 0);
	set_cfg(0, A(PMP_A_TOR) | PMP_R);
	ck_assert_int_eq(pmp_check(&p, 0, 8, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0xff8, 8, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x1000, 8, PMP_R, PRIV_U), -1);
}
END_TEST

START_TEST(test_tor_empty)
{
	/* pmpaddr[i-1] >= pmpaddr[i]: the entry matches nothing. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, 0x2000 >> 2), 0);
	ck_assert_int_eq(pmp_write_addr(&p, 1, 0x1000 >> 2), 0);
	set_cfg(1, A(PMP_A_TOR) | RWX);
	ck_assert_int_eq(pmp_check(&p, 0x1800, 4, PMP_R, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x1800, 4, PMP_R, PRIV_M), 0);
}
END_TEST

START_TEST(test_na4)
{
	ck_assert_int_eq(pmp_write_addr(&p, 3, 0x80000010 >> 2), 0);
	set_cfg(3, A(PMP_A_NA4) | PMP_R | PMP_W);
	ck_assert_int_eq(pmp_check(&p, 0x80000010, 4, PMP_W, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000012, 2, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000010, 8, PMP_R, PRIV_U), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80000014, 4, PMP_R, PRIV_U), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80000010, 4, PMP_X, PRIV_U), -1);
	ck_assert_uint_eq(p.nactive, 4);
}
END_TEST

START_TEST(test_napot_sizes)
{
	/* 8 bytes: no trailing one. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, napot(0x80000008, 8)), 0);
	set_cfg(0, A(PMP_A_NAPOT) | PMP_R);
	ck_assert_uint_eq(p.lo[0], 0x80000008);
	ck_assert_uint_eq(p.hi[0], 0x80000010);
	ck_assert_int_eq(pmp_check(&p, 0x80000008, 8, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000004, 8, PMP_R, PRIV_U), -1);

	/* 2 MiB at 0x80200000. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, napot(0x80200000, 0x200000)), 0);
	ck_assert_uint_eq(p.lo[0], 0x80200000);
	ck_assert_uint_eq(p.hi[0], 0x80400000);
	ck_assert_int_eq(pmp_check(&p, 0x803ffff8, 8, PMP_R, PRIV_S), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80400000, 8, PMP_R, PRIV_S), -1);
	ck_assert_int_eq(pmp_check(&p, 0x801ffff8, 8, PMP_R, PRIV_S), -1);
}
END_TEST

START_TEST(test_napot_all)
{
	/* All 54 writable bits set: covers every physical address. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, ~0ull), 0);
	uint64_t v;
	ck_assert_int_eq(pmp_read_addr(&p, 0, &v), 0);
	ck_assert_uint_eq(v, (1ull << 54) - 1);
	set_cfg(0, A(PMP_A_NAPOT) | RWX);
	ck_assert_uint_eq(p.lo[0], 0);
	ck_assert_uint_eq(p.hi[0], 1ull << 57);
	ck_assert_int_eq(pmp_check(&p, 0, 8, PMP_X, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x00fffffffffffff8ull, 8, PMP_W, PRIV_U), 0);
}
END_TEST

START_TEST(test_priority)
{
	/* Entry 0: read-only page; entry 1: everything RWX. Lowest wins. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, napot(0x80001000, 0x1000)), 0);
	ck_assert_int_eq(pmp_write_addr(&p, 1, ~0ull), 0);
	set_cfg(0, A(PMP_A_NAPOT) | PMP_R);
	set_cfg(1, A(PMP_A_NAPOT) | RWX);
	ck_assert_int_eq(pmp_check(&p, 0x80001000, 8, PMP_W, PRIV_U), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80001000, 8, PMP_R, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80002000, 8, PMP_W, PRIV_U), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000ff8, 8, PMP_W, PRIV_U), 0);
	/* Crosses entry 0's boundary: entry 0 matches partially -> fail, even
	 * though entry 1 would cover it all. */
	ck_assert_int_eq(pmp_check(&p, 0x80000ffc, 8, PMP_R, PRIV_U), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80001ffc, 8, PMP_R, PRIV_U), -1);
}
END_TEST

START_TEST(test_lock_applies_to_m)
{
	ck_assert_int_eq(pmp_write_addr(&p, 2, napot(0x80000000, 0x10000)), 0);
	set_cfg(2, A(PMP_A_NAPOT) | PMP_R | PMP_X | PMP_L);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_W, PRIV_M), -1);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_R, PRIV_M), 0);
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 4, PMP_X, PRIV_M), 0);
	/* Outside the locked entry M is still free. */
	ck_assert_int_eq(pmp_check(&p, 0x80010000, 8, PMP_W, PRIV_M), 0);
}
END_TEST

START_TEST(test_lock_ignores_writes)
{
	uint64_t v;
	ck_assert_int_eq(pmp_write_addr(&p, 2, napot(0x80000000, 0x10000)), 0);
	set_cfg(2, A(PMP_A_NAPOT) | PMP_R | PMP_L);
	/* cfg byte 2 is frozen; its neighbours in the same CSR are not. */
	ck_assert_int_eq(pmp_write_cfg(&p, 0, 0x0f0f0f0f0f0f0f0full & ~0x000000ff00000000ull), 0);
	ck_assert_int_eq(pmp_read_cfg(&p, 0, &v), 0);
	ck_assert_uint_eq(v, 0x0f0f0f000f990f0full);
	ck_assert_int_eq(pmp_write_addr(&p, 2, 0x1234), 0);
	ck_assert_int_eq(pmp_read_addr(&p, 2, &v), 0);
	ck_assert_uint_eq(v, napot(0x80000000, 0x10000));
	/* Still effective. */
	ck_assert_int_eq(pmp_check(&p, 0x80000000, 8, PMP_W, PRIV_M), -1);
}
END_TEST

START_TEST(test_lock_tor_locks_previous_addr)
{
	uint64_t v;
	ck_assert_int_eq(pmp_write_addr(&p, 4, 0x1000 >> 2), 0);
	ck_assert_int_eq(pmp_write_addr(&p, 5, 0x2000 >> 2), 0);
	set_cfg(5, A(PMP_A_TOR) | PMP_R | PMP_L);
	ck_assert_int_eq(pmp_write_addr(&p, 4, 0), 0);
	ck_assert_int_eq(pmp_read_addr(&p, 4, &v), 0);
	ck_assert_uint_eq(v, 0x1000 >> 2);
	/* Entry 4's own cfg is still writable. */
	set_cfg(4, A(PMP_A_NA4) | PMP_R);
	ck_assert_int_eq(pmp_read_cfg(&p, 0, &v), 0);
	ck_assert_uint_eq((v >> 32) & 0xff, A(PMP_A_NA4) | PMP_R);

	/* A locked NAPOT entry does not lock the previous address. */
	pmp_reset(&p);
	ck_assert_int_eq(pmp_write_addr(&p, 5, napot(0x2000, 0x1000)), 0);
	set_cfg(5, A(PMP_A_NAPOT) | PMP_R | PMP_L);
	ck_assert_int_eq(pmp_write_addr(&p, 4, 0x777), 0);
	ck_assert_int_eq(pmp_read_addr(&p, 4, &v), 0);
	ck_assert_uint_eq(v, 0x777);
}
END_TEST

START_TEST(test_warl)
{
	uint64_t v;
	/* Bits 6:5 are zero; W without R is reserved and drops W. */
	ck_assert_int_eq(
	    pmp_write_cfg(&p, 2,
			  0x60ull | ((uint64_t)PMP_W << 8) | ((uint64_t)(PMP_W | PMP_R) << 16)),
	    0);
	ck_assert_int_eq(pmp_read_cfg(&p, 2, &v), 0);
	ck_assert_uint_eq(v, (uint64_t)(PMP_W | PMP_R) << 16);
	/* Odd pmpcfg CSRs do not exist on RV64; 4..14 exist but are zero. */
	ck_assert_int_eq(pmp_read_cfg(&p, 1, &v), -1);
	ck_assert_int_eq(pmp_write_cfg(&p, 3, 0), -1);
	ck_assert_int_eq(pmp_write_cfg(&p, 4, ~0ull), 0);
	ck_assert_int_eq(pmp_read_cfg(&p, 4, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(pmp_read_cfg(&p, 16, &v), -1);
	ck_assert_int_eq(pmp_write_addr(&p, 40, ~0ull), 0);
	ck_assert_int_eq(pmp_read_addr(&p, 40, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(pmp_read_addr(&p, 64, &v), -1);
	/* pmpcfg2 holds entries 8..15. */
	ck_assert_int_eq(pmp_write_cfg(&p, 2, (uint64_t)(A(PMP_A_NA4) | PMP_R) << 56), 0);
	ck_assert_uint_eq(p.cfg[15], A(PMP_A_NA4) | PMP_R);
	ck_assert_uint_eq(p.nactive, 16);
}
END_TEST

START_TEST(test_page_uniform)
{
	unsigned perms = 99;
	/* No entries: uniform; M gets all, U nothing. */
	ck_assert(pmp_page_uniform(&p, 0x80000000, PRIV_M, &perms));
	ck_assert_uint_eq(perms, RWX);
	ck_assert(pmp_page_uniform(&p, 0x80000000, PRIV_U, &perms));
	ck_assert_uint_eq(perms, 0);

	/* An 8-byte read-only hole in page 0x80001000, RWX everywhere else. */
	ck_assert_int_eq(pmp_write_addr(&p, 0, napot(0x80001008, 8)), 0);
	ck_assert_int_eq(pmp_write_addr(&p, 1, ~0ull), 0);
	set_cfg(0, A(PMP_A_NAPOT) | PMP_R);
	set_cfg(1, A(PMP_A_NAPOT) | PMP_R | PMP_W);
	ck_assert(!pmp_page_uniform(&p, 0x80001000, PRIV_U, &perms));
	ck_assert(!pmp_page_uniform(&p, 0x80001000, PRIV_M, &perms));
	ck_assert(pmp_page_uniform(&p, 0x80002000, PRIV_U, &perms));
	ck_assert_uint_eq(perms, PMP_R | PMP_W);
	ck_assert(pmp_page_uniform(&p, 0x80000000, PRIV_M, &perms));
	ck_assert_uint_eq(perms, RWX);

	/* A TOR boundary inside a page. */
	pmp_reset(&p);
	ck_assert_int_eq(pmp_write_addr(&p, 0, 0x80000800 >> 2), 0);
	set_cfg(0, A(PMP_A_TOR) | PMP_X | PMP_R | PMP_L);
	ck_assert(!pmp_page_uniform(&p, 0x80000000, PRIV_M, &perms));
	ck_assert(pmp_page_uniform(&p, 0x7ffff000, PRIV_M, &perms));
	ck_assert_uint_eq(perms, PMP_R | PMP_X);
	ck_assert(pmp_page_uniform(&p, 0x80001000, PRIV_S, &perms));
	ck_assert_uint_eq(perms, 0);
}
END_TEST

START_TEST(test_overflow_access)
{
	ck_assert_int_eq(pmp_check(&p, ~0ull - 3, 8, PMP_R, PRIV_M), -1);
}
END_TEST

static Suite *pmp_suite(void)
{
	Suite *s = suite_create("pmp");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_reset_no_match);
	tcase_add_test(tc, test_tor);
	tcase_add_test(tc, test_tor_entry0_from_zero);
	tcase_add_test(tc, test_tor_empty);
	tcase_add_test(tc, test_na4);
	tcase_add_test(tc, test_napot_sizes);
	tcase_add_test(tc, test_napot_all);
	tcase_add_test(tc, test_priority);
	tcase_add_test(tc, test_lock_applies_to_m);
	tcase_add_test(tc, test_lock_ignores_writes);
	tcase_add_test(tc, test_lock_tor_locks_previous_addr);
	tcase_add_test(tc, test_warl);
	tcase_add_test(tc, test_page_uniform);
	tcase_add_test(tc, test_overflow_access);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pmp_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
