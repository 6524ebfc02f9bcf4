/*
 * test_fpu.c - emu/fpu.c against exact expected bits and flags: hand-picked
 * corner cases for every operation and rounding mode, then the reference
 * table tests/data/fpu_vectors.txt that qemu-riscv64 produced (see
 * tests/fpu_oracle.sh). FPU_VECTORS=path in the environment checks another
 * table (for long offline runs).
 */
#include "emu/fpu.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FPU_VECTORS
#define FPU_VECTORS "tests/data/fpu_vectors.txt"
#endif

enum { NX = FFLAG_NX, UF = FFLAG_UF, OF = FFLAG_OF, DZ = FFLAG_DZ, NV = FFLAG_NV };

/* ---- the table's operations, by the oracle's names ---- */

static uint64_t sx32(uint32_t v)
{
	return (uint64_t)(int64_t)(int32_t)v;
}

/* Evaluate one table line's operation; returns 0 for an unknown name. */
static int eval(const char *op, int rm, uint64_t a, uint64_t b, uint64_t c, uint64_t *r,
		uint32_t *fl)
{
	uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c;

#define S2(n, f)                                                                                   \
	if (!strcmp(op, n)) {                                                                      \
		*r = f(a32, b32, rm, fl);                                                          \
		return 1;                                                                          \
	}
#define D2(n, f)                                                                                   \
	if (!strcmp(op, n)) {                                                                      \
		*r = f(a, b, rm, fl);                                                              \
		return 1;                                                                          \
	}
	S2("fadd_s", f32_add);
	S2("fsub_s", f32_sub);
	S2("fmul_s", f32_mul);
	S2("fdiv_s", f32_div);
	D2("fadd_d", f64_add);
	D2("fsub_d", f64_sub);
	D2("fmul_d", f64_mul);
	D2("fdiv_d", f64_div);
	static const char *const fma_s[] = {"fmadd_s", "fmsub_s", "fnmsub_s", "fnmadd_s"};
	static const char *const fma_d[] = {"fmadd_d", "fmsub_d", "fnmsub_d", "fnmadd_d"};
	for (int i = 0; i < 4; i++) {
		/* fmadd: 0,0  fmsub: 0,1  fnmsub: 1,0  fnmadd: 1,1 */
		if (!strcmp(op, fma_s[i])) {
			*r = f32_fma(a32, b32, c32, i >> 1, (i == 1 || i == 3), rm, fl);
			return 1;
		}
		if (!strcmp(op, fma_d[i])) {
			*r = f64_fma(a, b, c, i >> 1, (i == 1 || i == 3), rm, fl);
			return 1;
		}
	}
	if (!strcmp(op, "fsqrt_s"))
		*r = f32_sqrt(a32, rm, fl);
	else if (!strcmp(op, "fsqrt_d"))
		*r = f64_sqrt(a, rm, fl);
	else if (!strcmp(op, "fmin_s"))
		*r = f32_min(a32, b32, fl);
	else if (!strcmp(op, "fmax_s"))
		*r = f32_max(a32, b32, fl);
	else if (!strcmp(op, "fmin_d"))
		*r = f64_min(a, b, fl);
	else if (!strcmp(op, "fmax_d"))
		*r = f64_max(a, b, fl);
	else if (!strcmp(op, "feq_s"))
		*r = f32_eq(a32, b32, fl);
	else if (!strcmp(op, "flt_s"))
		*r = f32_lt(a32, b32, fl);
	else if (!strcmp(op, "fle_s"))
		*r = f32_le(a32, b32, fl);
	else if (!strcmp(op, "feq_d"))
		*r = f64_eq(a, b, fl);
	else if (!strcmp(op, "flt_d"))
		*r = f64_lt(a, b, fl);
	else if (!strcmp(op, "fle_d"))
		*r = f64_le(a, b, fl);
	else if (!strcmp(op, "fclass_s"))
		*r = f32_class(a32);
	else if (!strcmp(op, "fclass_d"))
		*r = f64_class(a);
	else if (!strcmp(op, "fcvt_w_s"))
		*r = sx32((uint32_t)f32_to_i32(a32, rm, fl));
	else if (!strcmp(op, "fcvt_wu_s"))
		*r = sx32(f32_to_u32(a32, rm, fl));
	else if (!strcmp(op, "fcvt_l_s"))
		*r = (uint64_t)f32_to_i64(a32, rm, fl);
	else if (!strcmp(op, "fcvt_lu_s"))
		*r = f32_to_u64(a32, rm, fl);
	else if (!strcmp(op, "fcvt_w_d"))
		*r = sx32((uint32_t)f64_to_i32(a, rm, fl));
	else if (!strcmp(op, "fcvt_wu_d"))
		*r = sx32(f64_to_u32(a, rm, fl));
	else if (!strcmp(op, "fcvt_l_d"))
		*r = (uint64_t)f64_to_i64(a, rm, fl);
	else if (!strcmp(op, "fcvt_lu_d"))
		*r = f64_to_u64(a, rm, fl);
	else if (!strcmp(op, "fcvt_s_w"))
		*r = i32_to_f32((int32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_wu"))
		*r = u32_to_f32((uint32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_l"))
		*r = i64_to_f32((int64_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_s_lu"))
		*r = u64_to_f32(a, rm, fl);
	else if (!strcmp(op, "fcvt_d_w"))
		*r = i32_to_f64((int32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_wu"))
		*r = u32_to_f64((uint32_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_l"))
		*r = i64_to_f64((int64_t)a, rm, fl);
	else if (!strcmp(op, "fcvt_d_lu"))
		*r = u64_to_f64(a, rm, fl);
	else if (!strcmp(op, "fcvt_s_d"))
		*r = f64_to_f32(a, rm, fl);
	else if (!strcmp(op, "fcvt_d_s"))
		*r = f32_to_f64(a32, fl);
	else
		return 0;
	return 1;
}

START_TEST(reference_table)
{
	const char *path = getenv("FPU_VECTORS") ? getenv("FPU_VECTORS") : FPU_VECTORS;
	FILE *f = fopen(path, "r");
	char op[32];
	int rm;
	unsigned long long a, b, c, want, wantfl;
	long lines = 0, bad = 0;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fscanf(f, "%31s %d %llx %llx %llx %llx %llx", op, &rm, &a, &b, &c, &want, &wantfl) ==
	       7) {
		uint64_t r = 0;
		uint32_t fl = 0;

		lines++;
		ck_assert_msg(eval(op, rm, a, b, c, &r, &fl), "unknown op %s", op);
		if (r != want || fl != wantfl) {
			if (bad++ < 20)
				fprintf(stderr,
					"%s rm=%d %llx %llx %llx: got %llx flags %x, want %llx "
					"flags %llx\n",
					op, rm, a, b, c, (unsigned long long)r, fl, want, wantfl);
		}
	}
	fclose(f);
	ck_assert_int_gt(lines, 1000);
	ck_assert_msg(bad == 0, "%ld of %ld vectors differ", bad, lines);
}
END_TEST

static Suite *fpu_suite(void)
{
	Suite *s = suite_create("fpu");
	TCase *tc = tcase_create("table");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, reference_table);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fpu_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
