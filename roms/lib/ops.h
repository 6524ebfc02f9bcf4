/*
 * roms/lib/ops.h - one-instruction helpers for the self-checking tests:
 * each runs exactly the named instruction on C values and yields rd.
 */
#ifndef ROMS_OPS_H
#define ROMS_OPS_H
#include "rt.h"

/* rd = op rs1, rs2 */
#define RR(op, a, b)                                                                               \
	({                                                                                         \
		u64 _d;                                                                            \
		asm volatile(op " %0, %1, %2" : "=r"(_d) : "r"((u64)(a)), "r"((u64)(b)));          \
		_d;                                                                                \
	})
/* rd = op rs1, imm */
#define RI(op, a, imm)                                                                             \
	({                                                                                         \
		u64 _d;                                                                            \
		asm volatile(op " %0, %1, %2" : "=r"(_d) : "r"((u64)(a)), "i"(imm));               \
		_d;                                                                                \
	})
/* rd = op imm (lui/auipc) */
#define UI(op, imm)                                                                                \
	({                                                                                         \
		u64 _d;                                                                            \
		asm volatile(op " %0, %1" : "=r"(_d) : "i"(imm));                                  \
		_d;                                                                                \
	})
/* rd = load op off(base) */
#define LD(op, p, off)                                                                             \
	({                                                                                         \
		u64 _d;                                                                            \
		asm volatile(op " %0, %2(%1)" : "=r"(_d) : "r"(p), "i"(off) : "memory");           \
		_d;                                                                                \
	})
/* store op v, off(base) */
#define ST(op, v, p, off)                                                                          \
	asm volatile(op " %0, %2(%1)" ::"r"((u64)(v)), "r"(p), "i"(off) : "memory")
/* rd = amo rs2, (rs1) */
#define AMO(op, v, p)                                                                              \
	({                                                                                         \
		u64 _d;                                                                            \
		asm volatile(op " %0, %1, (%2)" : "=r"(_d) : "r"((u64)(v)), "r"(p) : "memory");    \
		_d;                                                                                \
	})

#endif
