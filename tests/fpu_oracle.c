/*
 * fpu_oracle.c - a riscv64 Linux program that runs F and D instructions on
 * pseudo-random operands and prints, one line each,
 *	OP RM A B C RESULT FFLAGS
 * (hex, single-precision values unboxed). Run under qemu-riscv64 (whose
 * softfloat is exact) it produces the reference table that tests/unit/test_fpu.c
 * checks emu/fpu.c against. See tests/fpu_oracle.sh.
 *
 * Usage: fpu_oracle SEED VECTORS_PER_OP	random operands
 *        fpu_oracle - < TABLE		the operands of an existing table
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned rndn(unsigned n)
{
	return rnd() % n;
}

/* A significand of fb bits: random, sparse (ties and exact results), or runs. */
static uint64_t rnd_frac(int fb)
{
	uint64_t mask = (1ull << fb) - 1, m = 0;
	int i, n;

	switch (rndn(4)) {
	case 0: return rnd() & mask;
	case 1:
		n = rndn(4);
		for (i = 0; i < n; i++)
			m |= 1ull << rndn(fb);
		return m;
	case 2: return (mask >> rndn(fb)) ^ (rndn(2) ? mask : 0);
	default: return (rnd() & mask) >> rndn(fb + 1) << rndn(3);
	}
}

/* A float of the format (fb fraction bits, eb exponent bits), biased to edges. */
static uint64_t rnd_float(int fb, int eb)
{
	int emax = (1 << eb) - 1, bias = emax >> 1, e;
	uint64_t sign = (uint64_t)rndn(2) << (fb + eb);

	switch (rndn(16)) {
	case 0: return sign;			    /* zero */
	case 1: return sign | (uint64_t)emax << fb; /* inf */
	case 2:					    /* NaN, quiet or signalling */
		return sign | (uint64_t)emax << fb | (1ull << (fb - 1) >> rndn(2)) |
		       (rnd_frac(fb) >> 1);
	case 3: /* subnormal */ return sign | (rnd_frac(fb) | 1);
	case 4:
	case 5: /* near the bottom of the normal range */ e = 1 + rndn(fb + 3); break;
	case 6: /* near the top */ e = emax - 1 - rndn(4); break;
	case 7: return rnd() & ((2ull << (fb + eb)) - 1);
	default: /* around 1 */ e = bias - 12 + rndn(24); break;
	}
	return sign | (uint64_t)e << fb | rnd_frac(fb);
}

static uint64_t rnd_f32(void)
{
	return rnd_float(23, 8);
}

static uint64_t rnd_f64(void)
{
	return rnd_float(52, 11);
}

/* Something an fcvt to an integer finds interesting. */
static uint64_t rnd_for_int(int dbl)
{
	static const int pows[] = {0, 1, 2, 30, 31, 32, 52, 53, 62, 63, 64, 65};
	int p = pows[rndn(sizeof(pows) / sizeof(pows[0]))];
	long double v = (long double)(rnd() >> rndn(64)) / (long double)(1ull << rndn(20));
	double d;
	float f;
	uint64_t bits = 0;

	if (rndn(3) == 0)
		return dbl ? rnd_f64() : rnd_f32();
	if (rndn(2))
		v = (long double)(1ull << (p % 64)) * (p >= 64 ? 2.0L : 1.0L) +
		    (long double)rndn(5) - 2 + (long double)rndn(4) / 4;
	if (rndn(2))
		v = -v;
	if (dbl) {
		d = (double)v;
		memcpy(&bits, &d, 8);
	} else {
		f = (float)v;
		memcpy(&bits, &f, 4);
	}
	return bits;
}

static uint64_t rnd_int(void)
{
	uint64_t v = rnd() >> rndn(64);

	switch (rndn(4)) {
	case 0: return 0 - v;
	case 1: return v << rndn(64);
	default: return v;
	}
}

#define SETRM(rm)  __asm__ volatile("fsrm %0" : : "r"(rm))
#define CLRFLAGS() __asm__ volatile("fsflags zero")
static inline uint64_t getflags(void)
{
	uint64_t f;
	__asm__ volatile("frflags %0" : "=r"(f));
	return f;
}

/* f-register operand loaders and result readers */
#define BINOP_S(insn)                                                                              \
	__asm__ volatile("fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\t"        \
			 "fmv.x.w %0, ft2"                                                         \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b)                                                          \
			 : "ft0", "ft1", "ft2")
#define BINOP_D(insn)                                                                              \
	__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " ft2, ft0, ft1\n\t"        \
			 "fmv.x.d %0, ft2"                                                         \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b)                                                          \
			 : "ft0", "ft1", "ft2")
#define TERN_S(insn)                                                                               \
	__asm__ volatile("fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfmv.w.x ft3, %3\n\t" insn          \
			 " ft2, ft0, ft1, ft3\n\tfmv.x.w %0, ft2"                                  \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b), "r"(c)                                                  \
			 : "ft0", "ft1", "ft2", "ft3")
#define TERN_D(insn)                                                                               \
	__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmv.d.x ft3, %3\n\t" insn          \
			 " ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2"                                  \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b), "r"(c)                                                  \
			 : "ft0", "ft1", "ft2", "ft3")
#define CMP_S(insn)                                                                                \
	__asm__ volatile("fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\t" insn " %0, ft0, ft1"             \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b)                                                          \
			 : "ft0", "ft1")
#define CMP_D(insn)                                                                                \
	__asm__ volatile("fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" insn " %0, ft0, ft1"             \
			 : "=r"(r)                                                                 \
			 : "r"(a), "r"(b)                                                          \
			 : "ft0", "ft1")
#define UN_S(insn)                                                                                 \
	__asm__ volatile("fmv.w.x ft0, %1\n\t" insn " ft2, ft0\n\tfmv.x.w %0, ft2"                 \
			 : "=r"(r)                                                                 \
			 : "r"(a)                                                                  \
			 : "ft0", "ft2")
#define UN_D(insn)                                                                                 \
	__asm__ volatile("fmv.d.x ft0, %1\n\t" insn " ft2, ft0\n\tfmv.x.d %0, ft2"                 \
			 : "=r"(r)                                                                 \
			 : "r"(a)                                                                  \
			 : "ft0", "ft2")
#define F2X_S(insn)                                                                                \
	__asm__ volatile("fmv.w.x ft0, %1\n\t" insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0")
#define F2X_D(insn)                                                                                \
	__asm__ volatile("fmv.d.x ft0, %1\n\t" insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0")
#define X2F_S(insn) __asm__ volatile(insn " ft2, %1\n\tfmv.x.w %0, ft2" : "=r"(r) : "r"(a) : "ft2")
#define X2F_D(insn) __asm__ volatile(insn " ft2, %1\n\tfmv.x.d %0, ft2" : "=r"(r) : "r"(a) : "ft2")
#define OPS(X)                                                                                     \
	X(fadd_s, 2, 's', 's', BINOP_S("fadd.s"))                                                  \
	X(fsub_s, 2, 's', 's', BINOP_S("fsub.s"))                                                  \
	X(fmul_s, 2, 's', 's', BINOP_S("fmul.s"))                                                  \
	X(fdiv_s, 2, 's', 's', BINOP_S("fdiv.s"))                                                  \
	X(fsqrt_s, 1, 's', 's', UN_S("fsqrt.s"))                                                   \
	X(fmadd_s, 3, 's', 's', TERN_S("fmadd.s"))                                                 \
	X(fmsub_s, 3, 's', 's', TERN_S("fmsub.s"))                                                 \
	X(fnmsub_s, 3, 's', 's', TERN_S("fnmsub.s"))                                               \
	X(fnmadd_s, 3, 's', 's', TERN_S("fnmadd.s"))                                               \
	X(fmin_s, 2, 's', 's', BINOP_S("fmin.s"))                                                  \
	X(fmax_s, 2, 's', 's', BINOP_S("fmax.s"))                                                  \
	X(feq_s, 2, 's', 'x', CMP_S("feq.s"))                                                      \
	X(flt_s, 2, 's', 'x', CMP_S("flt.s"))                                                      \
	X(fle_s, 2, 's', 'x', CMP_S("fle.s"))                                                      \
	X(fclass_s, 1, 's', 'x', F2X_S("fclass.s"))                                                \
	X(fcvt_w_s, 1, 'S', 'x', F2X_S("fcvt.w.s"))                                                \
	X(fcvt_wu_s, 1, 'S', 'x', F2X_S("fcvt.wu.s"))                                              \
	X(fcvt_l_s, 1, 'S', 'x', F2X_S("fcvt.l.s"))                                                \
	X(fcvt_lu_s, 1, 'S', 'x', F2X_S("fcvt.lu.s"))                                              \
	X(fcvt_s_w, 1, 'i', 's', X2F_S("fcvt.s.w"))                                                \
	X(fcvt_s_wu, 1, 'i', 's', X2F_S("fcvt.s.wu"))                                              \
	X(fcvt_s_l, 1, 'i', 's', X2F_S("fcvt.s.l"))                                                \
	X(fcvt_s_lu, 1, 'i', 's', X2F_S("fcvt.s.lu"))                                              \
	X(fadd_d, 2, 'd', 'x', BINOP_D("fadd.d"))                                                  \
	X(fsub_d, 2, 'd', 'x', BINOP_D("fsub.d"))                                                  \
	X(fmul_d, 2, 'd', 'x', BINOP_D("fmul.d"))                                                  \
	X(fdiv_d, 2, 'd', 'x', BINOP_D("fdiv.d"))                                                  \
	X(fsqrt_d, 1, 'd', 'x', UN_D("fsqrt.d"))                                                   \
	X(fmadd_d, 3, 'd', 'x', TERN_D("fmadd.d"))                                                 \
	X(fmsub_d, 3, 'd', 'x', TERN_D("fmsub.d"))                                                 \
	X(fnmsub_d, 3, 'd', 'x', TERN_D("fnmsub.d"))                                               \
	X(fnmadd_d, 3, 'd', 'x', TERN_D("fnmadd.d"))                                               \
	X(fmin_d, 2, 'd', 'x', BINOP_D("fmin.d"))                                                  \
	X(fmax_d, 2, 'd', 'x', BINOP_D("fmax.d"))                                                  \
	X(feq_d, 2, 'd', 'x', CMP_D("feq.d"))                                                      \
	X(flt_d, 2, 'd', 'x', CMP_D("flt.d"))                                                      \
	X(fle_d, 2, 'd', 'x', CMP_D("fle.d"))                                                      \
	X(fclass_d, 1, 'd', 'x', F2X_D("fclass.d"))                                                \
	X(fcvt_w_d, 1, 'D', 'x', F2X_D("fcvt.w.d"))                                                \
	X(fcvt_wu_d, 1, 'D', 'x', F2X_D("fcvt.wu.d"))                                              \
	X(fcvt_l_d, 1, 'D', 'x', F2X_D("fcvt.l.d"))                                                \
	X(fcvt_lu_d, 1, 'D', 'x', F2X_D("fcvt.lu.d"))                                              \
	X(fcvt_d_w, 1, 'i', 'x', X2F_D("fcvt.d.w"))                                                \
	X(fcvt_d_wu, 1, 'i', 'x', X2F_D("fcvt.d.wu"))                                              \
	X(fcvt_d_l, 1, 'i', 'x', X2F_D("fcvt.d.l"))                                                \
	X(fcvt_d_lu, 1, 'i', 'x', X2F_D("fcvt.d.lu"))                                              \
	X(fcvt_s_d, 1, 'd', 's',                                                                   \
	  __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.s.d ft2, ft0\n\t"                              \
			   "fmv.x.w %0, ft2"                                                       \
			   : "=r"(r)                                                               \
			   : "r"(a)                                                                \
			   : "ft0", "ft2"))                                                        \
	X(fcvt_d_s, 1, 's', 'x',                                                                   \
	  __asm__ volatile("fmv.w.x ft0, %1\n\tfcvt.d.s ft2, ft0\n\t"                              \
			   "fmv.x.d %0, ft2"                                                       \
			   : "=r"(r)                                                               \
			   : "r"(a)                                                                \
			   : "ft0", "ft2"))

/* One operation: draw operands of the right kind, run under rounding mode rm, print. */
enum {
#define ENUM(n, na, k, o, body) OP_##n,
	OPS(ENUM) NOPS
};

static const struct {
	const char *name;
	int nargs;
	char kind; /* operands: s/d float, S/D float for fcvt to int, i integer */
	char out;  /* result: s single (printed unboxed), x integer register or double */
} ops[] = {
#define ENTRY(n, na, k, o, body) {#n, na, k, o},
    OPS(ENTRY)};

/* Run op on a, b, c under rounding mode rm and print the table line. */
static void execute(int op, int rm, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r = 0, flags, mask;

	SETRM((uint64_t)rm);
	CLRFLAGS();
	switch (op) {
#define CASE(n, na, k, o, body)                                                                    \
	case OP_##n: body; break;
		OPS(CASE)
	}
	flags = getflags();
	mask = ops[op].out == 's' ? 0xffffffffu : ~0ull;
	printf("%s %d %llx %llx %llx %llx %llx\n", ops[op].name, rm, (unsigned long long)a,
	       (unsigned long long)b, (unsigned long long)c, (unsigned long long)(r & mask),
	       (unsigned long long)flags);
}

/* Draw operands of the right kind for op, then execute it. */
static void run(int op, int rm)
{
	int nargs = ops[op].nargs;
	char kind = ops[op].kind;
	uint64_t a, b = 0, c = 0;
	int is32 = kind == 's' || kind == 'S';

	if (kind == 'i')
		a = rnd_int();
	else if (kind == 'S' || kind == 'D')
		a = rnd_for_int(kind == 'D');
	else
		a = is32 ? rnd_f32() : rnd_f64();
	if (nargs >= 2)
		b = is32 ? rnd_f32() : rnd_f64();
	if (nargs >= 3)
		c = is32 ? rnd_f32() : rnd_f64();
	/* sometimes make the operands close, so that they cancel */
	if (nargs >= 2 && kind != 'i' && rndn(4) == 0)
		b = (a ^ (rndn(2) ? (is32 ? 0x80000000ull : 1ull << 63) : 0)) + rndn(5) - 2;
	if (nargs == 3 && rndn(3) == 0) {
		/* c close to -(a*b), for cancellation in the fused add */
		uint64_t p;
		if (is32)
			__asm__ volatile(
			    "fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfmul.s ft2, ft0, ft1\n\t"
			    "fmv.x.w %0, ft2"
			    : "=r"(p)
			    : "r"(a), "r"(b)
			    : "ft0", "ft1", "ft2");
		else
			__asm__ volatile(
			    "fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmul.d ft2, ft0, ft1\n\t"
			    "fmv.x.d %0, ft2"
			    : "=r"(p)
			    : "r"(a), "r"(b)
			    : "ft0", "ft1", "ft2");
		c = (p ^ (rndn(2) ? (is32 ? 0x80000000ull : 1ull << 63) : 0)) + rndn(3) - 1;
	}
	if (is32) {
		a &= 0xffffffffu;
		b &= 0xffffffffu;
		c &= 0xffffffffu;
	}

	execute(op, rm, a, b, c);
}

int main(int argc, char **argv)
{
	long i, n;

	if (argc == 2 && !strcmp(argv[1], "-")) {
		/* lines "OP RM A B C [...]" on stdin: run exactly those */
		char name[32], line[256];
		int rm, op;
		unsigned long long a, b, c;

		while (fgets(line, sizeof(line), stdin)) {
			if (sscanf(line, "%31s %d %llx %llx %llx", name, &rm, &a, &b, &c) != 5)
				continue;
			for (op = 0; op < NOPS && strcmp(ops[op].name, name); op++)
				;
			if (op == NOPS) {
				fprintf(stderr, "fpu_oracle: unknown op %s\n", name);
				return 2;
			}
			execute(op, rm, a, b, c);
		}
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: fpu_oracle SEED VECTORS_PER_OP | fpu_oracle - < VECTORS\n");
		return 2;
	}
	rng_state = strtoull(argv[1], NULL, 0);
	n = strtol(argv[2], NULL, 0);
	for (int op = 0; op < NOPS; op++)
		for (i = 0; i < n; i++)
			run(op, (int)(i % 5));
	return 0;
}
