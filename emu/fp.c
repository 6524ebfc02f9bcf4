/*
 * fp.c - the F and D instructions other than loads and stores: decoding of
 * OP-FP and the fused multiply-add family, NaN-boxing, rounding-mode
 * resolution, fflags and mstatus.FS. The arithmetic itself is fpu.c's.
 *
 * Invariants: single-precision values live NaN-boxed in f[] (upper 32 bits
 * all ones); an improperly boxed input reads as the canonical NaN. Every
 * instruction that writes f[] or fflags marks mstatus.FS dirty.
 */
#include "emu/cpu.h"
#include "emu/fpu.h"

#define BOX 0xffffffff00000000ull

static uint32_t unbox(uint64_t v)
{
	return (v >> 32) == 0xffffffffu ? (uint32_t)v : F32_CANON_NAN;
}

/* Resolve the instruction's rounding mode; -1 when it is reserved. */
int fp_check_rm(const struct hart *h, unsigned rm, int *out)
{
	if (rm == RM_DYN)
		rm = h->frm;
	if (rm > RM_RMM)
		return -1;
	*out = (int)rm;
	return 0;
}

static void set_x(struct hart *h, unsigned rd, uint64_t v)
{
	if (rd)
		h->x[rd] = v;
}

static int fma_op(struct hart *h, uint32_t r, unsigned rd, unsigned rs1, unsigned rs2, unsigned rs3,
		  int rm, uint32_t *fl)
{
	unsigned fmt = (r >> 25) & 3;
	int np = 0, na = 0;
	switch (r & 0x7f) {
	case 0x43: break;	  /* fmadd */
	case 0x47: na = 1; break; /* fmsub */
	case 0x4b: np = 1; break; /* fnmsub */
	default:
		np = 1;
		na = 1;
		break; /* fnmadd */
	}
	if (fmt == 0)
		h->f[rd] = BOX | f32_fma(unbox(h->f[rs1]), unbox(h->f[rs2]), unbox(h->f[rs3]), np,
					 na, rm, fl);
	else if (fmt == 1)
		h->f[rd] = f64_fma(h->f[rs1], h->f[rs2], h->f[rs3], np, na, rm, fl);
	else
		return EXC_ILLEGAL_INSN;
	return 0;
}

/* OP-FP with fmt S (single) or D (double). */
static int op_fp(struct hart *h, uint32_t r, unsigned rd, unsigned rs1, unsigned rs2, unsigned rmf,
		 uint32_t *fl)
{
	unsigned f5 = r >> 27, fmt = (r >> 25) & 3;
	bool d = fmt == 1;
	uint64_t a = h->f[rs1], b = h->f[rs2];
	uint32_t as = unbox(a), bs = unbox(b);
	int rm = 0;

	if (fmt > 1)
		return EXC_ILLEGAL_INSN;
	/* Operations that round need a valid rounding mode. */
	if ((f5 <= 0x03 || f5 == 0x0b || f5 == 0x08 || f5 == 0x18 || f5 == 0x1a) &&
	    fp_check_rm(h, rmf, &rm) < 0)
		return EXC_ILLEGAL_INSN;

	switch (f5) {
	case 0x00: h->f[rd] = d ? f64_add(a, b, rm, fl) : BOX | f32_add(as, bs, rm, fl); break;
	case 0x01: h->f[rd] = d ? f64_sub(a, b, rm, fl) : BOX | f32_sub(as, bs, rm, fl); break;
	case 0x02: h->f[rd] = d ? f64_mul(a, b, rm, fl) : BOX | f32_mul(as, bs, rm, fl); break;
	case 0x03: h->f[rd] = d ? f64_div(a, b, rm, fl) : BOX | f32_div(as, bs, rm, fl); break;
	case 0x0b:
		if (rs2)
			return EXC_ILLEGAL_INSN;
		h->f[rd] = d ? f64_sqrt(a, rm, fl) : BOX | f32_sqrt(as, rm, fl);
		break;
	case 0x04: { /* fsgnj, fsgnjn, fsgnjx */
		uint64_t sign = d ? 1ull << 63 : 1ull << 31;
		uint64_t va = d ? a : as, vb = d ? b : bs, s;
		switch (rmf) {
		case 0: s = vb & sign; break;
		case 1: s = ~vb & sign; break;
		case 2: s = (va ^ vb) & sign; break;
		default: return EXC_ILLEGAL_INSN;
		}
		uint64_t v = (va & ~sign) | s;
		h->f[rd] = d ? v : BOX | v;
		break;
	}
	case 0x05:
		if (rmf > 1)
			return EXC_ILLEGAL_INSN;
		if (d)
			h->f[rd] = rmf ? f64_max(a, b, fl) : f64_min(a, b, fl);
		else
			h->f[rd] = BOX | (rmf ? f32_max(as, bs, fl) : f32_min(as, bs, fl));
		break;
	case 0x08: /* fcvt.s.d (fmt S, rs2 1) and fcvt.d.s (fmt D, rs2 0) */
		if (d && rs2 == 0)
			h->f[rd] = f32_to_f64(as, fl);
		else if (!d && rs2 == 1)
			h->f[rd] = BOX | f64_to_f32(a, rm, fl);
		else
			return EXC_ILLEGAL_INSN;
		break;
	case 0x14: {
		int v;
		switch (rmf) {
		case 0: v = d ? f64_le(a, b, fl) : f32_le(as, bs, fl); break;
		case 1: v = d ? f64_lt(a, b, fl) : f32_lt(as, bs, fl); break;
		case 2: v = d ? f64_eq(a, b, fl) : f32_eq(as, bs, fl); break;
		default: return EXC_ILLEGAL_INSN;
		}
		set_x(h, rd, (uint64_t)v);
		return 0;
	}
	case 0x18: { /* float to integer */
		uint64_t v;
		switch (rs2) {
		case 0:
			v = (uint64_t)(int64_t)(d ? f64_to_i32(a, rm, fl) : f32_to_i32(as, rm, fl));
			break;
		case 1:
			v = (uint64_t)(int64_t)(int32_t)(d ? f64_to_u32(a, rm, fl)
							   : f32_to_u32(as, rm, fl));
			break;
		case 2: v = (uint64_t)(d ? f64_to_i64(a, rm, fl) : f32_to_i64(as, rm, fl)); break;
		case 3: v = d ? f64_to_u64(a, rm, fl) : f32_to_u64(as, rm, fl); break;
		default: return EXC_ILLEGAL_INSN;
		}
		set_x(h, rd, v);
		return 0;
	}
	case 0x1a: { /* integer to float */
		uint64_t s = h->x[rs1];
		switch (rs2) {
		case 0:
			h->f[rd] = d ? i32_to_f64((int32_t)s, rm, fl)
				     : BOX | i32_to_f32((int32_t)s, rm, fl);
			break;
		case 1:
			h->f[rd] = d ? u32_to_f64((uint32_t)s, rm, fl)
				     : BOX | u32_to_f32((uint32_t)s, rm, fl);
			break;
		case 2:
			h->f[rd] = d ? i64_to_f64((int64_t)s, rm, fl)
				     : BOX | i64_to_f32((int64_t)s, rm, fl);
			break;
		case 3: h->f[rd] = d ? u64_to_f64(s, rm, fl) : BOX | u64_to_f32(s, rm, fl); break;
		default: return EXC_ILLEGAL_INSN;
		}
		break;
	}
	case 0x1c:
		if (rs2 != 0)
			return EXC_ILLEGAL_INSN;
		if (rmf == 0) /* fmv.x.w / fmv.x.d: the raw bits */
			set_x(h, rd, d ? a : (uint64_t)(int64_t)(int32_t)(uint32_t)a);
		else if (rmf == 1)
			set_x(h, rd, d ? f64_class(a) : f32_class(as));
		else
			return EXC_ILLEGAL_INSN;
		return 0;
	case 0x1e:
		if (rs2 != 0 || rmf != 0)
			return EXC_ILLEGAL_INSN;
		h->f[rd] = d ? h->x[rs1] : BOX | (uint32_t)h->x[rs1];
		break;
	default: return EXC_ILLEGAL_INSN;
	}
	return 0;
}

int fp_exec(struct hart *h, uint32_t r)
{
	unsigned rd = (r >> 7) & 31, rs1 = (r >> 15) & 31, rs2 = (r >> 20) & 31;
	unsigned rs3 = r >> 27, rmf = (r >> 12) & 7;
	uint32_t fl = 0;
	int rm, cause;

	if (!(h->mstatus & MSTATUS_FS))
		return EXC_ILLEGAL_INSN;
	if ((r & 0x7f) != 0x53) {
		if (fp_check_rm(h, rmf, &rm) < 0)
			return EXC_ILLEGAL_INSN;
		cause = fma_op(h, r, rd, rs1, rs2, rs3, rm, &fl);
	} else {
		cause = op_fp(h, r, rd, rs1, rs2, rmf, &fl);
	}
	if (cause)
		return cause;
	h->fflags |= fl;
	h->mstatus |= FS_DIRTY;
	return 0;
}
