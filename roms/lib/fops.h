/*
 * roms/lib/fops.h - one-instruction helpers for the F/D tests.  Operands are
 * raw 64-bit register images (use BOX() for a single), results are the raw
 * 64-bit destination register (so NaN boxing of single results is checked
 * too) and `fl` holds the fflags that instruction alone raised.
 */
#ifndef ROMS_FOPS_H
#define ROMS_FOPS_H
#include "rt.h"

/* A single in an FP register, properly NaN-boxed. */
#define BOX(x) (0xffffffff00000000UL | (u32)(x))

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

extern u64 fl;

#define F_PRE(n)      "fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fmv.d.x ft3, %4\n csrw fflags, x0\n"
#define F_IN(a, b, c) "r"((u64)(a)), "r"((u64)(b)), "r"((u64)(c))
/* f = op(fa[, fb[, fc]]) with an optional ", rm" suffix in op's operands. */
#define F1(op, a)                                                                                  \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " ft2, ft0\n fmv.x.d %0, ft2\n csrr %1, fflags"            \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, 0, 0)                                                       \
			     : "ft0", "ft1", "ft2", "ft3");                                        \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define F2(op, a, b)                                                                               \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " ft2, ft0, ft1\n fmv.x.d %0, ft2\n csrr %1, fflags"       \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, b, 0)                                                       \
			     : "ft0", "ft1", "ft2", "ft3");                                        \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define F2RM(op, rm, a, b)                                                                         \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " ft2, ft0, ft1, " rm                                      \
					"\n fmv.x.d %0, ft2\n csrr %1, fflags"                     \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, b, 0)                                                       \
			     : "ft0", "ft1", "ft2", "ft3");                                        \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define F3(op, a, b, c)                                                                            \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " ft2, ft0, ft1, ft3\n fmv.x.d %0, ft2\n csrr %1, fflags"  \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, b, c)                                                       \
			     : "ft0", "ft1", "ft2", "ft3");                                        \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
/* x = op(fa[, fb]) : compares, fclass, conversions to integer */
#define FX1(op, a)                                                                                 \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " %0, ft0\n csrr %1, fflags"                               \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, 0, 0)                                                       \
			     : "ft0", "ft1", "ft3");                                               \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define FX1RM(op, rm, a)                                                                           \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " %0, ft0, " rm "\n csrr %1, fflags"                       \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, 0, 0)                                                       \
			     : "ft0", "ft1", "ft3");                                               \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define FX2(op, a, b)                                                                              \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile(F_PRE() op " %0, ft0, ft1\n csrr %1, fflags"                          \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : F_IN(a, b, 0)                                                       \
			     : "ft0", "ft1", "ft3");                                               \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
/* f = op(x) : conversions from integer */
#define FI(op, x)                                                                                  \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile("csrw fflags, x0\n " op                                               \
			     " ft2, %2\n fmv.x.d %0, ft2\n csrr %1, fflags"                        \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : "r"((u64)(x))                                                       \
			     : "ft2");                                                             \
		fl = _f;                                                                           \
		_r;                                                                                \
	})
#define FIRM(op, rm, x)                                                                            \
	({                                                                                         \
		u64 _r, _f;                                                                        \
		asm volatile("csrw fflags, x0\n " op " ft2, %2, " rm                               \
			     "\n fmv.x.d %0, ft2\n csrr %1, fflags"                                \
			     : "=r"(_r), "=r"(_f)                                                  \
			     : "r"((u64)(x))                                                       \
			     : "ft2");                                                             \
		fl = _f;                                                                           \
		_r;                                                                                \
	})

/* Check a result and the flags raised with it. */
void fcheck(const char *name, u64 got, u64 want, u64 flags);

#endif
