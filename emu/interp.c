/*
 * interp.c - the interpreter loop: walks the decoded slots of one code page,
 * dispatching by computed goto, and leaves the page only on a jump elsewhere,
 * at the page end, or on a trap. Each operation has two handlers (2- and
 * 4-byte encodings, see interp_ops.h) so the next slot is ip + a constant.
 * Dispatch is direct threading: a decoded slot holds its handler's address
 * (ip->fn), set from the label table below when the slot is decoded. A slot
 * that starts a fused group (fuse.c) gets the handler of the whole group,
 * one per group length (interp_fused.h).
 *
 * State kept in locals while inside a page:
 *   ip       the current slot; pc = page_va + 2 * (ip - base)
 *   page_tag page_va when ip walks a real decoded page, 1 when it walks the
 *            one-instruction scratch page (so every jump leaves it)
 *   n        instructions retired so far (SYNC stores it to h->instret)
 *   w        the operand word of *ip (rs1, rd, rs2, op, imm), loaded once per
 *            instruction by DISPATCH() and unpacked by RD, RS1, IMM, ...
 *
 * Invariants: h->pc and h->instret are exact whenever C code outside this
 * loop runs (SYNC before every slow call); the budget, stop requests and
 * interrupts are checked at taken jumps, page changes and after every
 * instruction that can change interrupt enables (CSR, mret/sret, wfi).
 */
#include <stddef.h>
#include <string.h>

#include "emu/mmu.h"

#define NAN_BOX32 0xffffffff00000000ull

_Static_assert(offsetof(struct insn, rs1) == 8 && offsetof(struct insn, imm) == 12 &&
		   __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "insn_word() unpacks rs1, rd, rs2, op and imm from one little-endian word");

/* The operand word of d (rs1, rd, rs2, op, imm), in one load. */
static inline uint64_t insn_word(const struct insn *d)
{
	uint64_t w;
	memcpy(&w, &d->rs1, sizeof(w));
	return w;
}

/* interp_run()'s label table, indexed by op byte: labels exist only inside
 * that function, so it publishes the table when called with no hart. */
static const void *const *handlers;

static const void *handler(unsigned op)
{
	if (!handlers)
		interp_run(NULL, 0);
	return handlers[op];
}

void interp_undecode(struct insn *s, size_t n)
{
	const void *fn = handler(INSN_OP(OP_DECODE, 1));
	for (size_t i = 0; i < n; i++)
		s[i] = (struct insn){.fn = fn, .op = INSN_OP(OP_DECODE, 1)};
}

void interp_page_end(struct insn *s)
{
	*s = (struct insn){.fn = handler(INSN_OP(OP_PAGE_END, 1)), .op = INSN_OP(OP_PAGE_END, 1)};
}

/*
 * Decode the instruction of slot ip in page dp, or the fused group it
 * starts, and set its handler from fns or fused. False, and ip untouched,
 * when the instruction starts in the last halfword and continues on the
 * next page (the caller makes it a CROSS slot, run by the slow fetch).
 * Out of line: the interpreter loop keeps fewer values live through it.
 */
static __attribute__((noinline)) bool decode_slot(struct dpage *dp, struct insn *ip,
						  const void *const *fns,
						  const void *const (*fused)[FUSE_MAX_SLOTS + 1])
{
	struct fuse_group g;
	size_t i = (size_t)(ip - dp->slot);
	const uint8_t *p = dp->host + 2 * i;
	uint32_t raw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	if ((raw & 3) == 3) {
		if (i == DPAGE_SLOTS - 1)
			return false;
		raw |= ((uint32_t)p[2] | (uint32_t)p[3] << 8) << 16;
	}
	decode(raw, ip);
	ip->fn = fns[ip->op];
	dp->raw[i] = raw;
	if (fuse_group(ip, p, PAGE_SIZE - 2 * i, &g) == 0) {
		ip->fn = fused[g.kind][g.slots];
		ip->rs1 = g.ri;
		ip->rd = g.rt;
		ip->rs2 = g.rb;
		ip->op = g.rd;
		ip->imm = (int32_t)((uint32_t)(uint16_t)g.off | (uint32_t)g.shift << 16 |
				    (uint32_t)g.ldpos << 24);
	}
	return true;
}

#if defined(__GNUC__) && !defined(__clang__)
/* Keep one indirect jump per handler (better prediction): GCC otherwise
 * merges the identical dispatch tails into one. */
__attribute__((optimize("no-gcse", "no-crossjumping")))
#endif
enum hart_exit
interp_run(struct hart *h, uint64_t budget)
{
#define OP_LABEL(name)                                                                             \
	[INSN_OP(OP_##name, 1)] = &&L_##name##_1, [INSN_OP(OP_##name, 2)] = &&L_##name##_2,
	static const void *const labels[2 * OP_COUNT] = {OP_LIST(OP_LABEL)};
#undef OP_LABEL
#define FUSED_ROW(kind, name)                                                                      \
	[kind] = {[2] = &&L_##name##_2,                                                            \
		  [3] = &&L_##name##_3,                                                            \
		  [4] = &&L_##name##_4,                                                            \
		  [5] = &&L_##name##_5,                                                            \
		  [6] = &&L_##name##_6},
	static const void *const fused[FUSE_KINDS][FUSE_MAX_SLOTS + 1] = {
	    FUSED_ROW(FUSE_SHADD, F_SHADD) FUSED_ROW(FUSE_LB, F_LB) FUSED_ROW(FUSE_LH, F_LH)
		FUSED_ROW(FUSE_LW, F_LW) FUSED_ROW(FUSE_LD, F_LD) FUSED_ROW(FUSE_LBU, F_LBU)
		    FUSED_ROW(FUSE_LHU, F_LHU) FUSED_ROW(FUSE_LWU, F_LWU)
			FUSED_ROW(FUSE_SRL_AND, F_SRL_AND) FUSED_ROW(FUSE_SRL_ANDI, F_SRL_ANDI)};
#undef FUSED_ROW
	if (unlikely(!h)) {
		handlers = labels;
		return HART_BUDGET;
	}
	uint64_t *const x = h->x;
	struct insn *ip = NULL, *base = NULL;
	struct dpage *enter_dp;
	uint64_t page_va = 0, page_tag = 1, n = h->instret, new_pc = 0;
	uint64_t w = 0;	    /* the operand word of *ip, loaded by DISPATCH() */
	uint64_t traps = 0; /* traps taken: they retire nothing but use budget */
	const uint64_t end = budget > UINT64_MAX - n ? UINT64_MAX : n + budget;
	int cause;

	h->limit = h->stop_req ? 0 : end;
	h->hle_trap_pending = false;

/* The fields of the current instruction, unpacked from w. */
#define RS1I  (w & 0xff)
#define RD    ((w >> 8) & 0xff)
#define RS2I  ((w >> 16) & 0xff)
#define W_OP  ((w >> 24) & 0xff)
#define IMMS  ((int64_t)w >> 32)
#define IMM   ((uint64_t)IMMS)
#define SHAMT ((w >> 32) & 63)
/* The extra fields of a fused slot (see fuse_group in cpu.h). */
#define F_RD	((w >> 24) & 0xff)
#define F_OFF	((uint64_t)(int64_t)(int16_t)(w >> 32))
#define F_SHIFT ((w >> 48) & 63)
#define F_LDPOS ((w >> 56) & 7)
#define RS1	x[RS1I]
#define RS2	x[RS2I]
#define PC()	(page_va + ((uint64_t)(ip - base) << 1))
#define SYNC()                                                                                     \
	do {                                                                                       \
		h->instret = n;                                                                    \
		h->pc = PC();                                                                      \
	} while (0)
#define DISPATCH()                                                                                 \
	do {                                                                                       \
		w = insn_word(ip);                                                                 \
		goto * ip->fn;                                                                     \
	} while (0)
/* The encoding of the current instruction (slow paths only). */
#define RAW()                                                                                      \
	(((const struct dpage *)((char *)base - offsetof(struct dpage, slot)))->raw[ip - base])
#define NEXT()                                                                                     \
	do {                                                                                       \
		n++;                                                                               \
		ip += STEP;                                                                        \
		DISPATCH();                                                                        \
	} while (0)
#define TRAP(c, tval)                                                                              \
	do {                                                                                       \
		uint64_t tv_ = (tval);                                                             \
		SYNC();                                                                            \
		traps++;                                                                           \
		if (trap_raise(h, (uint64_t)(c), tv_))                                             \
			return HART_S_TRAP;                                                        \
		goto outer;                                                                        \
	} while (0)
#define JUMP(target)                                                                               \
	do {                                                                                       \
		uint64_t t_ = (target);                                                            \
		n++;                                                                               \
		if (likely((t_ & PAGE_MASK) == page_tag) && likely(n < h->limit)) {                \
			ip = base + ((t_ & (PAGE_SIZE - 1)) >> 1);                                 \
			DISPATCH();                                                                \
		}                                                                                  \
		new_pc = t_;                                                                       \
		goto leave;                                                                        \
	} while (0)
/* A pc-relative jump by IMM bytes: stays in the decoded page when the
 * target slot is inside it (in the scratch page every slot is a PAGE_END,
 * which recomputes the pc, so this is right there too). */
#define JUMP_REL()                                                                                 \
	do {                                                                                       \
		uint64_t idx_ = (uint64_t)(ip - base) + (uint64_t)(IMMS >> 1);                     \
		n++;                                                                               \
		if (likely(idx_ < DPAGE_SLOTS) && likely(n < h->limit)) {                          \
			ip = base + idx_;                                                          \
			DISPATCH();                                                                \
		}                                                                                  \
		new_pc = PC() + IMM;                                                               \
		goto leave;                                                                        \
	} while (0)
/* Retire the instruction and go back to the outer loop (interrupt check). */
#define EXIT_NEXT()                                                                                \
	do {                                                                                       \
		h->pc = PC() + 2u * STEP;                                                          \
		n++;                                                                               \
		h->instret = n;                                                                    \
		goto outer;                                                                        \
	} while (0)

outer:
	/* h->pc and h->instret are exact here. A storm of traps that retire
	 * nothing still ends the run: each trap counts against the budget. */
	if (n + traps >= h->limit) {
		if (h->stop_req) {
			h->stop_req = 0;
			return HART_STOPPED;
		}
		if (n + traps >= end)
			return HART_BUDGET;
		h->limit = end; /* lowered only to get here: interrupts below */
	}
	if (trap_check_irq(h) == 2)
		return HART_S_TRAP;
	new_pc = h->pc;
fetch : {
	struct xtlb_entry *xe = &h->xtlb[xtlb_index(new_pc)];
	struct dpage *dp;
	if (likely(xe->tag == (new_pc & PAGE_MASK))) {
		dp = xe->dp;
	} else {
		h->pc = new_pc;
		dp = mmu_fetch_page(h, new_pc, &cause);
		if (!dp) {
			if (cause) {
				traps++;
				if (trap_raise(h, (uint64_t)cause, h->fault_va))
					return HART_S_TRAP;
				goto outer;
			}
			goto slow_fetch;
		}
	}
	page_va = page_tag = new_pc & PAGE_MASK;
	enter_dp = dp;
	goto enter;
}

leave:
	/* Sequential flow or a jump reached new_pc outside the current page. */
	if (unlikely(n >= h->limit)) {
		h->pc = new_pc;
		h->instret = n;
		goto outer;
	}
	goto fetch;

slow_fetch : {
	/* One instruction from a page that cannot be cached (PMP boundary
	 * inside, MMIO overlay) or that crosses a page: fetched and decoded
	 * every time, run from the scratch page. h->pc is the pc. */
	uint32_t raw;
	cause = mmu_fetch_slow(h, h->pc, &raw);
	if (cause) {
		traps++;
		if (trap_raise(h, (uint64_t)cause, h->fault_va))
			return HART_S_TRAP;
		goto outer;
	}
	struct insn *s = h->scratch.slot;
	decode(raw, s);
	s->fn = labels[s->op];
	h->scratch.raw[0] = (raw & 3) == 3 ? raw : raw & 0xffff;
	page_va = new_pc = h->pc;
	page_tag = 1;
	enter_dp = &h->scratch;
}
enter:
	/* Run the decoded page enter_dp from new_pc (page_va, page_tag set).
	 * base is set here only: one register holds it through every handler. */
	base = enter_dp->slot;
	ip = base + ((new_pc - page_va) >> 1);
	DISPATCH();

#define BRANCH(cond)                                                                               \
	do {                                                                                       \
		if (cond)                                                                          \
			JUMP_REL();                                                                \
		NEXT();                                                                            \
	} while (0)
#define LOAD(type)                                                                                 \
	do {                                                                                       \
		uint64_t a = RS1 + IMM;                                                            \
		const struct ftlb_entry *e = &h->ftlb[ACC_R][ftlb_index(a)];                       \
		type v;                                                                            \
		if (likely(ftlb_match(h, e, ACC_R, a, sizeof(type)))) {                            \
			memcpy(&v, (void *)(e->addend + (uintptr_t)a), sizeof(type));              \
		} else {                                                                           \
			uint64_t t;                                                                \
			SYNC();                                                                    \
			cause = mmu_load_slow(h, a, sizeof(type), &t, false);                      \
			if (cause)                                                                 \
				TRAP(cause, h->fault_va);                                          \
			v = (type)t;                                                               \
		}                                                                                  \
		x[RD] = (uint64_t)v;                                                               \
		NEXT();                                                                            \
	} while (0)
#define STORE(type)                                                                                \
	do {                                                                                       \
		uint64_t a = RS1 + IMM;                                                            \
		type v = (type)RS2;                                                                \
		const struct ftlb_entry *e = &h->ftlb[ACC_W][ftlb_index(a)];                       \
		if (likely(ftlb_match(h, e, ACC_W, a, sizeof(type)))) {                            \
			memcpy((void *)(e->addend + (uintptr_t)a), &v, sizeof(type));              \
		} else {                                                                           \
			SYNC();                                                                    \
			cause = mmu_store_slow(h, a, sizeof(type), v);                             \
			if (cause)                                                                 \
				TRAP(cause, h->fault_va);                                          \
		}                                                                                  \
		NEXT();                                                                            \
	} while (0)
#define SEXT32(v) ((uint64_t)(int64_t)(int32_t)(uint32_t)(v))
#define LR(type)                                                                                   \
	do {                                                                                       \
		uint64_t a = RS1, t;                                                               \
		if (a & (sizeof(type) - 1))                                                        \
			TRAP(EXC_LOAD_MISALIGNED, a);                                              \
		SYNC();                                                                            \
		cause = mmu_load_slow(h, a, sizeof(type), &t, true);                               \
		if (cause)                                                                         \
			TRAP(cause, h->fault_va);                                                  \
		x[RD] = (uint64_t)(type)t;                                                         \
		NEXT();                                                                            \
	} while (0)
#define SC(type)                                                                                   \
	do {                                                                                       \
		uint8_t *p;                                                                        \
		SYNC();                                                                            \
		cause = mmu_amo_host(h, RS1, sizeof(type), &p);                                    \
		if (cause)                                                                         \
			TRAP(cause, h->fault_va);                                                  \
		bool ok_ = h->resv_valid && h->resv_pa == (h->amo_pa & ~7ull);                     \
		h->resv_valid = false;                                                             \
		if (ok_) {                                                                         \
			type v_ = (type)RS2;                                                       \
			memcpy(p, &v_, sizeof(type));                                              \
		}                                                                                  \
		x[RD] = !ok_;                                                                      \
		NEXT();                                                                            \
	} while (0)
#define AMO(type, utype)                                                                           \
	do {                                                                                       \
		uint64_t a = RS1;                                                                  \
		uint8_t *p = ftlb_host(h, ACC_W, a, sizeof(type));                                 \
		if (!p) {                                                                          \
			SYNC();                                                                    \
			cause = mmu_amo_host(h, a, sizeof(type), &p);                              \
			if (cause)                                                                 \
				TRAP(cause, h->fault_va);                                          \
			if (h->resv_valid && h->resv_pa == (h->amo_pa & ~7ull))                    \
				h->resv_valid = false;                                             \
		}                                                                                  \
		type old, src = (type)RS2, res;                                                    \
		memcpy(&old, p, sizeof(type));                                                     \
		switch ((int32_t)IMMS) {                                                           \
		case 0x00: res = (type)((utype)old + (utype)src); break;                           \
		case 0x01: res = src; break;                                                       \
		case 0x04: res = old ^ src; break;                                                 \
		case 0x08: res = old | src; break;                                                 \
		case 0x0c: res = old & src; break;                                                 \
		case 0x10: res = old < src ? old : src; break;                                     \
		case 0x14: res = old > src ? old : src; break;                                     \
		case 0x18: res = (utype)old < (utype)src ? old : src; break;                       \
		default: res = (utype)old > (utype)src ? old : src; break;                         \
		}                                                                                  \
		memcpy(p, &res, sizeof(type));                                                     \
		x[RD] = (uint64_t)old;                                                             \
		NEXT();                                                                            \
	} while (0)
/* slli + add + load (interp_fused.h): the load's slow path runs at its own slot. */
#define FUSED_LOAD(type)                                                                           \
	do {                                                                                       \
		uint64_t a = (RS1 << F_SHIFT) + RS2;                                               \
		x[RD] = a;                                                                         \
		a += F_OFF;                                                                        \
		const struct ftlb_entry *e = &h->ftlb[ACC_R][ftlb_index(a)];                       \
		type v;                                                                            \
		if (likely(ftlb_match(h, e, ACC_R, a, sizeof(type)))) {                            \
			memcpy(&v, (void *)(e->addend + (uintptr_t)a), sizeof(type));              \
			x[F_RD] = (uint64_t)v;                                                     \
			n += 3;                                                                    \
			ip += STEP;                                                                \
			DISPATCH();                                                                \
		}                                                                                  \
		uint64_t t, pos_ = F_LDPOS;                                                        \
		n += 2;                                                                            \
		ip += pos_;                                                                        \
		SYNC();                                                                            \
		cause = mmu_load_slow(h, a, sizeof(type), &t, false);                              \
		if (cause)                                                                         \
			TRAP(cause, h->fault_va);                                                  \
		x[F_RD] = (uint64_t)(type)t;                                                       \
		n++;                                                                               \
		ip += STEP - pos_;                                                                 \
		DISPATCH();                                                                        \
	} while (0)
#define FP_ON() ((h->mstatus & MSTATUS_FS) != 0)

	/* The instructions, in their compressed and 4-byte variants. */
#define STEP	1
#define L(name) L_##name##_1
#include "emu/interp_ops.h"
#undef L
#undef STEP
#define STEP	2
#define L(name) L_##name##_2
#include "emu/interp_ops.h"
#include "emu/interp_fused.h"
#undef L
#undef STEP
#define STEP	3
#define L(name) L_##name##_3
#include "emu/interp_fused.h"
#undef L
#undef STEP
#define STEP	4
#define L(name) L_##name##_4
#include "emu/interp_fused.h"
#undef L
#undef STEP
#define STEP	5
#define L(name) L_##name##_5
#include "emu/interp_fused.h"
#undef L
#undef STEP
#define STEP	6
#define L(name) L_##name##_6
#include "emu/interp_fused.h"
#undef L
#undef STEP
}
