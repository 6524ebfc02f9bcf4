/*
 * fuse.c - decode-time fusion of two idioms compilers emit everywhere. The
 * scaled index of every array access (what Zba's shNadd does in one
 * instruction):
 *
 *	slli rT, rI, k		rT = rI << k
 *	add  rT, rT, rB		rT = rT + rB	(or add rT, rB, rT)
 *	lX   rD, off(rT)	optional: any integer load based on rT
 *
 * and the extraction of a bit field (hash buckets, ring indices, decoders):
 *
 *	srli rT, rI, k		rT = rI >> k
 *	andi rT, rT, imm	or: and rT, rT, rB (or and rT, rB, rT)
 *
 * The interpreter gives the slot of the slli (srli) a handler that runs the
 * whole group (interp_fused.h); the other members' slots are untouched, so a
 * jump into the middle of a group runs them one by one as usual.
 *
 * Invariants of a group (what the fused handlers rely on):
 *   - all members lie in the same page, at most FUSE_SPAN bytes from the
 *     start of the first (dcache_invalidate() drops a group when any of its
 *     bytes is written);
 *   - rT is not x0 and rB is not rT, so rT = (rI << k) + rB (or
 *     (rI >> k) & rB) computed from the registers before the group is
 *     exactly what the two instructions leave in rT, and the load reads its
 *     address from that final rT;
 *   - rI may be rT, and rD may be any register (rD is written last).
 */
#include "emu/cpu.h"

/* The instruction at p (n bytes left in the page) decoded into *d, and its
 * length in slots, or 0 when it does not fit in the page. */
static unsigned peek(const uint8_t *p, size_t n, struct insn *d)
{
	if (n < 2)
		return 0;
	uint32_t raw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	if ((raw & 3) == 3) {
		if (n < 4)
			return 0;
		raw |= ((uint32_t)p[2] | (uint32_t)p[3] << 8) << 16;
	}
	decode(raw, d);
	return INSN_LEN(d->op);
}

static const uint8_t load_kind[OP_COUNT] = {
    [OP_LB] = FUSE_LB,	 [OP_LH] = FUSE_LH,   [OP_LW] = FUSE_LW,   [OP_LD] = FUSE_LD,
    [OP_LBU] = FUSE_LBU, [OP_LHU] = FUSE_LHU, [OP_LWU] = FUSE_LWU,
};

/* srli rT, rI, k followed by and/andi on rT (d1, the second instruction). */
static int fuse_field(const struct insn *d0, const struct insn *d1, unsigned len1,
		      struct fuse_group *g)
{
	unsigned rt = d0->rd, op1;

	if (!len1 || d1->rd != rt)
		return -1;
	op1 = d1->op >> 1;
	if (op1 == OP_ANDI && d1->rs1 == rt) {
		g->kind = FUSE_SRL_ANDI;
		g->off = (int16_t)d1->imm; /* a 12-bit immediate */
		g->rb = 0;
	} else if (op1 == OP_AND && d1->rs1 == rt && d1->rs2 != rt) {
		g->kind = FUSE_SRL_AND;
		g->rb = d1->rs2;
	} else if (op1 == OP_AND && d1->rs2 == rt && d1->rs1 != rt) {
		g->kind = FUSE_SRL_AND;
		g->rb = d1->rs1;
	} else {
		return -1;
	}
	if (g->kind == FUSE_SRL_AND)
		g->off = 0;
	g->ri = d0->rs1;
	g->rt = (uint8_t)rt;
	g->rd = 0;
	g->shift = (uint8_t)d0->imm;
	g->slots = g->ldpos = (uint8_t)(INSN_LEN(d0->op) + len1);
	return 0;
}

int fuse_group(const struct insn *d0, const uint8_t *p, size_t n, struct fuse_group *g)
{
	struct insn d1, d2;
	unsigned len0 = INSN_LEN(d0->op), len1, len2;
	unsigned rt = d0->rd, op0 = d0->op >> 1;

	if ((op0 != OP_SLLI && op0 != OP_SRLI) || rt == 32)
		return -1;
	len1 = peek(p + 2 * len0, n - 2 * len0, &d1);
	if (op0 == OP_SRLI)
		return fuse_field(d0, &d1, len1, g);
	if (!len1 || d1.op >> 1 != OP_ADD || d1.rd != rt)
		return -1;
	if (d1.rs1 == rt && d1.rs2 != rt)
		g->rb = d1.rs2;
	else if (d1.rs2 == rt && d1.rs1 != rt)
		g->rb = d1.rs1;
	else
		return -1;
	g->ri = d0->rs1;
	g->rt = (uint8_t)rt;
	g->shift = (uint8_t)d0->imm;
	g->ldpos = (uint8_t)(len0 + len1);
	g->slots = g->ldpos;
	g->kind = FUSE_SHADD;
	g->rd = 0;
	g->off = 0;

	len2 = peek(p + 2 * g->ldpos, n - 2 * g->ldpos, &d2);
	if (len2 && d2.op >> 1 >= OP_LB && d2.op >> 1 <= OP_LWU && d2.rs1 == rt) {
		g->kind = load_kind[d2.op >> 1];
		g->rd = d2.rd;
		g->off = (int16_t)d2.imm; /* a 12-bit offset */
		g->slots = (uint8_t)(g->ldpos + len2);
	}
	return 0;
}
