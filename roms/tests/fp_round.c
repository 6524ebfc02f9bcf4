/*
 * roms/tests/fp_round.c - rounding: every rounding mode, static (in the
 * instruction) and dynamic (frm), on additions, division, square root,
 * conversions to integer, and overflow (which rounds to the largest finite
 * number or to infinity by mode); fcsr/frm/fflags layout; reserved rounding
 * modes are illegal instructions; fflags accumulate.
 */
#include "fops.h"

#define ONE_P075ULP 0x33c00000 /* 1.5 * 2^-24: 0.75 ulp of 1.0f */
#define HALF_ULP    0x33800000 /* 2^-24 */

struct rcase {
	const char *name;
	u64 a, b;
	u64 want[5]; /* rne, rtz, rdn, rup, rmm */
	u64 flags;
};

static const struct rcase adds[] = {
    {"fadd.s 1+0.75ulp",
     BOX(0x3f800000),
     BOX(ONE_P075ULP),
     {BOX(0x3f800001), BOX(0x3f800000), BOX(0x3f800000), BOX(0x3f800001), BOX(0x3f800001)},
     NX},
    {"fadd.s -1-0.75ulp",
     BOX(0xbf800000),
     BOX(0x80000000 | ONE_P075ULP),
     {BOX(0xbf800001), BOX(0xbf800000), BOX(0xbf800001), BOX(0xbf800000), BOX(0xbf800001)},
     NX},
    {"fadd.s 1+0.5ulp tie",
     BOX(0x3f800000),
     BOX(HALF_ULP),
     {BOX(0x3f800000), BOX(0x3f800000), BOX(0x3f800000), BOX(0x3f800001), BOX(0x3f800001)},
     NX},
    {"fadd.s odd+0.5ulp tie",
     BOX(0x3f800001),
     BOX(HALF_ULP),
     {BOX(0x3f800002), BOX(0x3f800001), BOX(0x3f800001), BOX(0x3f800002), BOX(0x3f800002)},
     NX},
    {"fmul.s max*2 overflow",
     BOX(0x7f7fffff),
     BOX(0x40000000),
     {BOX(0x7f800000), BOX(0x7f7fffff), BOX(0x7f7fffff), BOX(0x7f800000), BOX(0x7f800000)},
     OF | NX},
    {"fmul.s -max*2 overflow",
     BOX(0xff7fffff),
     BOX(0x40000000),
     {BOX(0xff800000), BOX(0xff7fffff), BOX(0xff800000), BOX(0xff7fffff), BOX(0xff800000)},
     OF | NX},
    {"fdiv.d 1/3",
     0x3ff0000000000000UL,
     0x4008000000000000UL,
     {0x3fd5555555555555UL, 0x3fd5555555555555UL, 0x3fd5555555555555UL, 0x3fd5555555555556UL,
      0x3fd5555555555555UL},
     NX},
    {"fdiv.d -2/3",
     0xc000000000000000UL,
     0x4008000000000000UL,
     {0xbfe5555555555555UL, 0xbfe5555555555555UL, 0xbfe5555555555556UL, 0xbfe5555555555555UL,
      0xbfe5555555555555UL},
     NX},
    {"fsub.d 1-1 sign of zero",
     0x3ff0000000000000UL,
     0x3ff0000000000000UL,
     {0, 0, 0x8000000000000000UL, 0, 0},
     0},
};

static const char *const rmname[5] = {"rne", "rtz", "rdn", "rup", "rmm"};

/* op on case c in static mode m (0..4). */
static u64 op_static(int i, int m)
{
	const struct rcase *c = &adds[i];
	u64 a = c->a, b = c->b;
	int add = i < 4, mul = i >= 4 && i < 6, div = i >= 6 && i < 8;

#define ONE(opname)                                                                                \
	switch (m) {                                                                               \
	case 0: return F2RM(opname, "rne", a, b);                                                  \
	case 1: return F2RM(opname, "rtz", a, b);                                                  \
	case 2: return F2RM(opname, "rdn", a, b);                                                  \
	case 3: return F2RM(opname, "rup", a, b);                                                  \
	default: return F2RM(opname, "rmm", a, b);                                                 \
	}
	if (add)
		ONE("fadd.s")
	if (mul)
		ONE("fmul.s")
	if (div)
		ONE("fdiv.d")
	ONE("fsub.d")
#undef ONE
}

static u64 op_dynamic(int i, int m)
{
	csr_write(frm, m);
	switch (i < 4 ? 0 : i < 6 ? 1 : i < 8 ? 2 : 3) {
	case 0: return F2RM("fadd.s", "dyn", adds[i].a, adds[i].b);
	case 1: return F2RM("fmul.s", "dyn", adds[i].a, adds[i].b);
	case 2: return F2("fdiv.d", adds[i].a, adds[i].b); /* no rm suffix = dyn */
	default: return F2RM("fsub.d", "dyn", adds[i].a, adds[i].b);
	}
}

static void round_ops(void)
{
	for (int i = 0; i < (int)(sizeof(adds) / sizeof(adds[0])); i++) {
		for (int m = 0; m < 5; m++) {
			puts_(adds[i].name);
			puts_(" static ");
			puts_(rmname[m]);
			putc_('\n');
			fcheck("  result", op_static(i, m), adds[i].want[m], adds[i].flags);
			puts_(adds[i].name);
			puts_(" dynamic ");
			puts_(rmname[m]);
			putc_('\n');
			fcheck("  result", op_dynamic(i, m), adds[i].want[m], adds[i].flags);
		}
	}
	csr_write(frm, 0);
}

static void round_cvt(void)
{
	u64 p = BOX(0x40200000), n = BOX(0xc0200000); /* 2.5, -2.5 */
	fcheck("fcvt.w.s 2.5 rne", FX1RM("fcvt.w.s", "rne", p), 2, NX);
	fcheck("fcvt.w.s 2.5 rtz", FX1RM("fcvt.w.s", "rtz", p), 2, NX);
	fcheck("fcvt.w.s 2.5 rdn", FX1RM("fcvt.w.s", "rdn", p), 2, NX);
	fcheck("fcvt.w.s 2.5 rup", FX1RM("fcvt.w.s", "rup", p), 3, NX);
	fcheck("fcvt.w.s 2.5 rmm", FX1RM("fcvt.w.s", "rmm", p), 3, NX);
	fcheck("fcvt.w.s -2.5 rne", FX1RM("fcvt.w.s", "rne", n), -2, NX);
	fcheck("fcvt.w.s -2.5 rtz", FX1RM("fcvt.w.s", "rtz", n), -2, NX);
	fcheck("fcvt.w.s -2.5 rdn", FX1RM("fcvt.w.s", "rdn", n), -3, NX);
	fcheck("fcvt.w.s -2.5 rup", FX1RM("fcvt.w.s", "rup", n), -2, NX);
	fcheck("fcvt.w.s -2.5 rmm", FX1RM("fcvt.w.s", "rmm", n), -3, NX);
	csr_write(frm, 3);
	fcheck("fcvt.l.d 0.1 dyn rup", FX1RM("fcvt.l.d", "dyn", 0x3fb999999999999aUL), 1, NX);
	csr_write(frm, 2);
	fcheck("fcvt.l.d -0.1 dyn rdn", FX1RM("fcvt.l.d", "dyn", 0xbfb999999999999aUL), -1, NX);
	fcheck("fsqrt.d 2 dyn rdn", F1("fsqrt.d", 0x4000000000000000UL), 0x3ff6a09e667f3bccUL, NX);
	csr_write(frm, 0);
	fcheck("fsqrt.d 2 rne", F1("fsqrt.d", 0x4000000000000000UL), 0x3ff6a09e667f3bcdUL, NX);
	fcheck("fcvt.s.d rtz", FX1RM("fcvt.w.d", "rtz", 0xc00fffffffffffffUL), -3, NX);
	fcheck("fcvt.s.l 2^24+1 rup", FIRM("fcvt.s.l", "rup", 0x1000001), BOX(0x4b800001), NX);
	fcheck("fcvt.s.l 2^24+1 rne", FIRM("fcvt.s.l", "rne", 0x1000001), BOX(0x4b800000), NX);
}

static void fcsr_layout(void)
{
	csr_write(fcsr, 0);
	csr_write(frm, 4);
	csr_write(fflags, 0x1f);
	CHECK("fcsr = frm<<5 | fflags", csr_read(fcsr), 0x9f);
	csr_write(fcsr, ~0UL);
	CHECK("fcsr keeps 8 bits", csr_read(fcsr), 0xff);
	CHECK("frm view", csr_read(frm), 7);
	CHECK("fflags view", csr_read(fflags), 0x1f);
	u64 old;
	asm volatile("csrrw %0, fflags, %1" : "=r"(old) : "r"(0x21UL));
	CHECK("fflags write masks to 5 bits", csr_read(fcsr), 0xe1);
	csr_write(fcsr, 0);
	/* Flags accumulate across operations. */
	u64 r;
	asm volatile("fmv.w.x ft0, %1\n fmv.w.x ft1, zero\n fdiv.s ft2, ft0, ft1\n"
		     " fmv.w.x ft1, %2\n fadd.s ft2, ft0, ft1\n csrr %0, fflags"
		     : "=r"(r)
		     : "r"(0x3f800000UL), "r"(0x33800000UL)
		     : "ft0", "ft1", "ft2");
	CHECK("fflags accumulate DZ|NX", r, DZ | NX);
	csr_write(fcsr, 0);
}

static void bad_rm(void)
{
	u32 insn;

	trap_expect();
	csr_write(frm, 5);
	asm volatile("la t0, 1f\n lwu %0, 0(t0)\n1: fadd.d ft0, ft1, ft2"
		     : "=r"(insn)::"t0", "ft0");
	CHECK("frm=5 dyn op: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval = insn bits", trap.tval, insn);
	trap_expect();
	csr_write(frm, 7);
	asm volatile("fcvt.w.d t0, ft1" ::: "t0");
	CHECK("frm=7 dyn fcvt: illegal", trap.cause, CAUSE_ILLEGAL);
	csr_write(frm, 0);
	trap_expect();
	/* fadd.s ft0, ft1, ft2 with rm = 5 */
	asm volatile(".4byte 0x00208053 | (5 << 12)");
	CHECK("static rm=5: illegal", trap.cause, CAUSE_ILLEGAL);
	CHECK("  mtval", trap.tval, 0x00208053 | (5 << 12));
	trap_expect();
	asm volatile(".4byte 0x00208053 | (6 << 12)");
	CHECK("static rm=6: illegal", trap.cause, CAUSE_ILLEGAL);
	trap_reset();
	csr_write(fcsr, 0);
}

int main(void)
{
	round_ops();
	round_cvt();
	fcsr_layout();
	bad_rm();
	return checks_done();
}
