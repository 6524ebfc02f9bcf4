/*
 * interp.c - the interpreter loop: walks the decoded slots of one code page,
 * dispatching by computed goto, and leaves the page only on a jump elsewhere,
 * at the page end, or on a trap.
 *
 * State kept in locals while inside a page:
 *   ip       the current slot; pc = page_va + 2 * (ip - base)
 *   page_tag page_va when ip walks a real decoded page, 1 when it walks the
 *            one-instruction scratch page (so every jump leaves it)
 *   n        instructions retired in this run (h->instret = start + n)
 *
 * Invariants: h->pc and h->instret are exact whenever C code outside this
 * loop runs (SYNC before every slow call); the budget, stop requests and
 * interrupts are checked at taken jumps, page changes and after every
 * instruction that can change interrupt enables (CSR, mret/sret, wfi).
 */
#include <string.h>

#include "emu/mmu.h"

#define NAN_BOX32 0xffffffff00000000ull

enum hart_exit interp_run(struct hart *h, uint64_t budget)
{
#define OP_LABEL(name) [OP_##name] = &&L_##name,
	static const void *const labels[OP_COUNT] = {OP_LIST(OP_LABEL)};
#undef OP_LABEL
	uint64_t *const x = h->x;
	struct insn *ip = NULL, *base = NULL;
	struct dpage *dp = NULL;
	uint64_t page_va = 0, page_tag = 1, n = 0, new_pc = 0;
	uint64_t traps = 0; /* traps taken: they retire nothing but use budget */
	const uint64_t start = h->instret;
	int cause;

	h->limit = h->stop_req ? 0 : budget;
	h->hle_trap_pending = false;

#define PC()	   (page_va + ((uint64_t)(ip - base) << 1))
#define SYNC()	   do { h->instret = start + n; h->pc = PC(); } while (0)
#define DISPATCH() goto *labels[ip->op]
#define NEXT()	   do { n++; ip += ip->len; DISPATCH(); } while (0)
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
/* Retire the instruction and go back to the outer loop (interrupt check). */
#define EXIT_NEXT()                                                                                \
	do {                                                                                       \
		h->pc = PC() + 2u * ip->len;                                                       \
		n++;                                                                               \
		h->instret = start + n;                                                            \
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
		if (n + traps >= budget)
			return HART_BUDGET;
		h->limit = budget; /* lowered only to get here: interrupts below */
	}
	if (trap_check_irq(h) == 2)
		return HART_S_TRAP;
	new_pc = h->pc;
fetch: {
	struct xtlb_entry *xe = &h->xtlb[xtlb_index(new_pc)];
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
	base = dp->slot;
	page_va = page_tag = new_pc & PAGE_MASK;
	ip = base + ((new_pc & (PAGE_SIZE - 1)) >> 1);
	DISPATCH();
}

leave:
	/* Sequential flow or a jump reached new_pc outside the current page. */
	if (unlikely(n >= h->limit)) {
		h->pc = new_pc;
		h->instret = start + n;
		goto outer;
	}
	goto fetch;

slow_fetch: {
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
	base = h->scratch.slot;
	decode(raw, base);
	page_va = h->pc;
	page_tag = 1;
	ip = base;
	DISPATCH();
}

L_DECODE: {
	uint64_t off = (uint64_t)(ip - base) << 1;
	const uint8_t *p = dp->host + off;
	uint32_t raw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	if ((raw & 3) == 3) {
		if (off == PAGE_SIZE - 2) {
			ip->op = OP_CROSS;
			goto L_CROSS;
		}
		raw |= ((uint32_t)p[2] | (uint32_t)p[3] << 8) << 16;
	}
	decode(raw, ip);
	DISPATCH();
}
L_CROSS:
	SYNC();
	goto slow_fetch;
L_PAGE_END:
	new_pc = PC();
	goto leave;
L_ILLEGAL:
	TRAP(EXC_ILLEGAL_INSN, ip->raw);

L_LUI:
	x[ip->rd] = (uint64_t)(int64_t)ip->imm;
	NEXT();
L_AUIPC:
	x[ip->rd] = PC() + (uint64_t)(int64_t)ip->imm;
	NEXT();
L_JAL: {
	uint64_t pc = PC();
	x[ip->rd] = pc + 2u * ip->len;
	JUMP(pc + (uint64_t)(int64_t)ip->imm);
}
L_JALR: {
	uint64_t pc = PC();
	uint64_t t = (x[ip->rs1] + (uint64_t)(int64_t)ip->imm) & ~1ull;
	x[ip->rd] = pc + 2u * ip->len;
	JUMP(t);
}

#define BRANCH(cond)                                                                               \
	do {                                                                                       \
		if (cond)                                                                          \
			JUMP(PC() + (uint64_t)(int64_t)ip->imm);                                   \
		NEXT();                                                                            \
	} while (0)
L_BEQ:
	BRANCH(x[ip->rs1] == x[ip->rs2]);
L_BNE:
	BRANCH(x[ip->rs1] != x[ip->rs2]);
L_BLT:
	BRANCH((int64_t)x[ip->rs1] < (int64_t)x[ip->rs2]);
L_BGE:
	BRANCH((int64_t)x[ip->rs1] >= (int64_t)x[ip->rs2]);
L_BLTU:
	BRANCH(x[ip->rs1] < x[ip->rs2]);
L_BGEU:
	BRANCH(x[ip->rs1] >= x[ip->rs2]);

#define LOAD(type)                                                                                 \
	do {                                                                                       \
		uint64_t a = x[ip->rs1] + (uint64_t)(int64_t)ip->imm;                              \
		uint8_t *p = ftlb_host(h, ACC_R, a, sizeof(type));                                 \
		type v;                                                                            \
		if (likely(p)) {                                                                   \
			memcpy(&v, p, sizeof(type));                                               \
		} else {                                                                           \
			uint64_t t;                                                                \
			SYNC();                                                                    \
			cause = mmu_load_slow(h, a, sizeof(type), &t, false);                      \
			if (cause)                                                                 \
				TRAP(cause, h->fault_va);                                          \
			v = (type)t;                                                               \
		}                                                                                  \
		x[ip->rd] = (uint64_t)v;                                                           \
		NEXT();                                                                            \
	} while (0)
L_LB:
	LOAD(int8_t);
L_LH:
	LOAD(int16_t);
L_LW:
	LOAD(int32_t);
L_LD:
	LOAD(uint64_t);
L_LBU:
	LOAD(uint8_t);
L_LHU:
	LOAD(uint16_t);
L_LWU:
	LOAD(uint32_t);

#define STORE(type)                                                                                \
	do {                                                                                       \
		uint64_t a = x[ip->rs1] + (uint64_t)(int64_t)ip->imm;                              \
		type v = (type)x[ip->rs2];                                                         \
		uint8_t *p = ftlb_host(h, ACC_W, a, sizeof(type));                                 \
		if (likely(p)) {                                                                   \
			memcpy(p, &v, sizeof(type));                                               \
		} else {                                                                           \
			SYNC();                                                                    \
			cause = mmu_store_slow(h, a, sizeof(type), v);                             \
			if (cause)                                                                 \
				TRAP(cause, h->fault_va);                                          \
		}                                                                                  \
		NEXT();                                                                            \
	} while (0)
L_SB:
	STORE(uint8_t);
L_SH:
	STORE(uint16_t);
L_SW:
	STORE(uint32_t);
L_SD:
	STORE(uint64_t);

#define IMM ((uint64_t)(int64_t)ip->imm)
#define RS1 x[ip->rs1]
#define RS2 x[ip->rs2]
#define SEXT32(v) ((uint64_t)(int64_t)(int32_t)(uint32_t)(v))
L_ADDI:
	x[ip->rd] = RS1 + IMM;
	NEXT();
L_SLTI:
	x[ip->rd] = (int64_t)RS1 < (int64_t)IMM;
	NEXT();
L_SLTIU:
	x[ip->rd] = RS1 < IMM;
	NEXT();
L_XORI:
	x[ip->rd] = RS1 ^ IMM;
	NEXT();
L_ORI:
	x[ip->rd] = RS1 | IMM;
	NEXT();
L_ANDI:
	x[ip->rd] = RS1 & IMM;
	NEXT();
L_SLLI:
	x[ip->rd] = RS1 << ip->imm;
	NEXT();
L_SRLI:
	x[ip->rd] = RS1 >> ip->imm;
	NEXT();
L_SRAI:
	x[ip->rd] = (uint64_t)((int64_t)RS1 >> ip->imm);
	NEXT();
L_ADD:
	x[ip->rd] = RS1 + RS2;
	NEXT();
L_SUB:
	x[ip->rd] = RS1 - RS2;
	NEXT();
L_SLL:
	x[ip->rd] = RS1 << (RS2 & 63);
	NEXT();
L_SLT:
	x[ip->rd] = (int64_t)RS1 < (int64_t)RS2;
	NEXT();
L_SLTU:
	x[ip->rd] = RS1 < RS2;
	NEXT();
L_XOR:
	x[ip->rd] = RS1 ^ RS2;
	NEXT();
L_SRL:
	x[ip->rd] = RS1 >> (RS2 & 63);
	NEXT();
L_SRA:
	x[ip->rd] = (uint64_t)((int64_t)RS1 >> (RS2 & 63));
	NEXT();
L_OR:
	x[ip->rd] = RS1 | RS2;
	NEXT();
L_AND:
	x[ip->rd] = RS1 & RS2;
	NEXT();
L_ADDIW:
	x[ip->rd] = SEXT32(RS1 + IMM);
	NEXT();
L_SLLIW:
	x[ip->rd] = SEXT32((uint32_t)RS1 << ip->imm);
	NEXT();
L_SRLIW:
	x[ip->rd] = SEXT32((uint32_t)RS1 >> ip->imm);
	NEXT();
L_SRAIW:
	x[ip->rd] = (uint64_t)(int64_t)((int32_t)RS1 >> ip->imm);
	NEXT();
L_ADDW:
	x[ip->rd] = SEXT32(RS1 + RS2);
	NEXT();
L_SUBW:
	x[ip->rd] = SEXT32(RS1 - RS2);
	NEXT();
L_SLLW:
	x[ip->rd] = SEXT32((uint32_t)RS1 << (RS2 & 31));
	NEXT();
L_SRLW:
	x[ip->rd] = SEXT32((uint32_t)RS1 >> (RS2 & 31));
	NEXT();
L_SRAW:
	x[ip->rd] = (uint64_t)(int64_t)((int32_t)RS1 >> (RS2 & 31));
	NEXT();

L_MUL:
	x[ip->rd] = RS1 * RS2;
	NEXT();
L_MULH:
	x[ip->rd] = (uint64_t)(((__int128)(int64_t)RS1 * (__int128)(int64_t)RS2) >> 64);
	NEXT();
L_MULHSU:
	x[ip->rd] = (uint64_t)(((__int128)(int64_t)RS1 * (__int128)RS2) >> 64);
	NEXT();
L_MULHU:
	x[ip->rd] = (uint64_t)(((unsigned __int128)RS1 * RS2) >> 64);
	NEXT();
L_DIV: {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;
	x[ip->rd] = b == 0 ? ~0ull : (a == INT64_MIN && b == -1) ? (uint64_t)a : (uint64_t)(a / b);
	NEXT();
}
L_DIVU:
	x[ip->rd] = RS2 == 0 ? ~0ull : RS1 / RS2;
	NEXT();
L_REM: {
	int64_t a = (int64_t)RS1, b = (int64_t)RS2;
	x[ip->rd] = b == 0 ? (uint64_t)a : (a == INT64_MIN && b == -1) ? 0 : (uint64_t)(a % b);
	NEXT();
}
L_REMU:
	x[ip->rd] = RS2 == 0 ? RS1 : RS1 % RS2;
	NEXT();
L_MULW:
	x[ip->rd] = SEXT32((uint32_t)RS1 * (uint32_t)RS2);
	NEXT();
L_DIVW: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	x[ip->rd] = b == 0 ? ~0ull : (a == INT32_MIN && b == -1) ? SEXT32(a) : SEXT32(a / b);
	NEXT();
}
L_DIVUW: {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
	x[ip->rd] = b == 0 ? ~0ull : SEXT32(a / b);
	NEXT();
}
L_REMW: {
	int32_t a = (int32_t)RS1, b = (int32_t)RS2;
	x[ip->rd] = b == 0 ? SEXT32(a) : (a == INT32_MIN && b == -1) ? 0 : SEXT32(a % b);
	NEXT();
}
L_REMUW: {
	uint32_t a = (uint32_t)RS1, b = (uint32_t)RS2;
	x[ip->rd] = b == 0 ? SEXT32(a) : SEXT32(a % b);
	NEXT();
}

L_FENCE:
	NEXT();
L_FENCE_I:
	dcache_flush(h);
	EXIT_NEXT();
L_ECALL:
	TRAP(EXC_ECALL_U + h->priv, 0);
L_EBREAK:
	TRAP(EXC_BREAKPOINT, PC());
L_MRET:
	SYNC();
	if (trap_mret(h) < 0)
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	n++;
	h->instret = start + n;
	goto outer;
L_SRET:
	SYNC();
	if (trap_sret(h) < 0)
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	n++;
	h->instret = start + n;
	goto outer;
L_WFI:
	if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TW)))
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	if (!trap_irq_wakeup(h)) {
		h->pc = PC() + 2u * ip->len;
		n++;
		h->instret = start + n;
		return HART_WFI;
	}
	EXIT_NEXT();
L_SFENCE_VMA:
	if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM)))
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	mmu_sfence(h, ip->rs1 != 0, RS1, ip->rs2 != 0, RS2);
	EXIT_NEXT();
L_CSR: {
	uint64_t v;
	SYNC();
	if (csr_access(h, ip->raw, &v) < 0)
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	x[ip->rd] = v;
	EXIT_NEXT();
}

#define LR(type)                                                                                   \
	do {                                                                                       \
		uint64_t a = RS1, t;                                                               \
		if (a & (sizeof(type) - 1))                                                        \
			TRAP(EXC_LOAD_MISALIGNED, a);                                              \
		SYNC();                                                                            \
		cause = mmu_load_slow(h, a, sizeof(type), &t, true);                               \
		if (cause)                                                                         \
			TRAP(cause, h->fault_va);                                                  \
		x[ip->rd] = (uint64_t)(type)t;                                                     \
		NEXT();                                                                            \
	} while (0)
L_LR_W:
	LR(int32_t);
L_LR_D:
	LR(int64_t);

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
		x[ip->rd] = !ok_;                                                                  \
		NEXT();                                                                            \
	} while (0)
L_SC_W:
	SC(uint32_t);
L_SC_D:
	SC(uint64_t);

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
		switch (ip->imm) {                                                                 \
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
		x[ip->rd] = (uint64_t)old;                                                         \
		NEXT();                                                                            \
	} while (0)
L_AMO_W:
	AMO(int32_t, uint32_t);
L_AMO_D:
	AMO(int64_t, uint64_t);

#define FP_ON() ((h->mstatus & MSTATUS_FS) != 0)
L_FLW:
L_FLD: {
	if (!FP_ON())
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	unsigned size = ip->op == OP_FLW ? 4 : 8;
	uint64_t a = RS1 + IMM, v = 0;
	uint8_t *p = ftlb_host(h, ACC_R, a, size);
	if (likely(p)) {
		memcpy(&v, p, size);
	} else {
		SYNC();
		cause = mmu_load_slow(h, a, size, &v, false);
		if (cause)
			TRAP(cause, h->fault_va);
	}
	h->f[ip->rd] = size == 4 ? (v & 0xffffffffull) | NAN_BOX32 : v;
	h->mstatus |= FS_DIRTY;
	NEXT();
}
L_FSW:
L_FSD: {
	if (!FP_ON())
		TRAP(EXC_ILLEGAL_INSN, ip->raw);
	unsigned size = ip->op == OP_FSW ? 4 : 8;
	uint64_t a = RS1 + IMM, v = h->f[ip->rs2];
	uint8_t *p = ftlb_host(h, ACC_W, a, size);
	if (likely(p)) {
		memcpy(p, &v, size);
	} else {
		SYNC();
		cause = mmu_store_slow(h, a, size, v);
		if (cause)
			TRAP(cause, h->fault_va);
	}
	NEXT();
}
L_FP:
	SYNC();
	cause = fp_exec(h, ip);
	if (cause)
		TRAP(cause, ip->raw);
	NEXT();
}
