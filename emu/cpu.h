/*
 * cpu.h - private internals of the hart: architectural state, the decoded
 * instruction record, the decode cache, the TLBs. Only emu/ includes this.
 *
 * Invariants:
 *   - x[0] reads as zero: the decoder redirects writes to x0 into x[32], a
 *     sink register nobody reads, so no instruction needs a special case;
 *   - a fast-TLB entry exists only for a page that is plain memory, allowed by
 *     PMP for the whole page and, for translated accesses, present in the main
 *     TLB; fast store entries never point at a page with decoded code or at the
 *     page holding the LR reservation (those stores take the slow path);
 *   - the fast TLBs are flushed whenever the translation context changes
 *     (privilege, satp, mstatus.MPRV/MPP/SUM/MXR, PMP, sfence.vma).
 */
#ifndef RVMM_EMU_CPU_H
#define RVMM_EMU_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "emu/bus.h"
#include "emu/hart.h"
#include "emu/pmp.h"

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096ull
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define panic(...)                                                                                 \
	do {                                                                                       \
		fprintf(stderr, "panic: %s: ", __func__);                                          \
		fprintf(stderr, __VA_ARGS__);                                                      \
		fputc('\n', stderr);                                                               \
		abort();                                                                           \
	} while (0)

/* mstatus fields. */
#define MSTATUS_SIE  (1ull << 1)
#define MSTATUS_MIE  (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP  (1ull << 8)
#define MSTATUS_MPP  (3ull << 11)
#define MSTATUS_FS   (3ull << 13)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM  (1ull << 18)
#define MSTATUS_MXR  (1ull << 19)
#define MSTATUS_TVM  (1ull << 20)
#define MSTATUS_TW   (1ull << 21)
#define MSTATUS_TSR  (1ull << 22)
#define MSTATUS_UXL  (3ull << 32)
#define MSTATUS_SXL  (3ull << 34)
#define MSTATUS_SD   (1ull << 63)
#define FS_DIRTY     (3ull << 13)

/*
 * Every operation the interpreter knows, in one list: the decoder produces
 * the index, the interpreter's label table is built from the same list.
 */
/* clang-format off */ /* (grouped by instruction class) */
#define OP_LIST(X)                                                                                 \
	X(DECODE) X(PAGE_END) X(CROSS) X(ILLEGAL)                                                  \
	X(LUI) X(AUIPC) X(JAL) X(JALR)                                                             \
	X(BEQ) X(BNE) X(BLT) X(BGE) X(BLTU) X(BGEU)                                                \
	X(LB) X(LH) X(LW) X(LD) X(LBU) X(LHU) X(LWU)                                               \
	X(SB) X(SH) X(SW) X(SD)                                                                    \
	X(ADDI) X(SLTI) X(SLTIU) X(XORI) X(ORI) X(ANDI) X(SLLI) X(SRLI) X(SRAI)                    \
	X(ADD) X(SUB) X(SLL) X(SLT) X(SLTU) X(XOR) X(SRL) X(SRA) X(OR) X(AND)                      \
	X(ADDIW) X(SLLIW) X(SRLIW) X(SRAIW)                                                        \
	X(ADDW) X(SUBW) X(SLLW) X(SRLW) X(SRAW)                                                    \
	X(MUL) X(MULH) X(MULHSU) X(MULHU) X(DIV) X(DIVU) X(REM) X(REMU)                            \
	X(MULW) X(DIVW) X(DIVUW) X(REMW) X(REMUW)                                                  \
	X(FENCE) X(FENCE_I) X(ECALL) X(EBREAK) X(MRET) X(SRET) X(WFI) X(SFENCE_VMA)                \
	X(CSR)                                                                                     \
	X(LR_W) X(LR_D) X(SC_W) X(SC_D) X(AMO_W) X(AMO_D)                                          \
	X(FLW) X(FLD) X(FSW) X(FSD) X(FP)                                                          \
	X(LI) X(MV) X(BEQZ) X(BNEZ)
/* clang-format on */

enum op {
#define OP_ENUM(name) OP_##name,
	OP_LIST(OP_ENUM)
#undef OP_ENUM
	    OP_COUNT
};

/* The op byte of a decoded slot: the operation and its length variant, so
 * the interpreter's handler knows its step without loading it. */
#define INSN_OP(op, len) ((op)*2 + (len)-1)
#define INSN_LEN(opbyte) (((opbyte)&1) + 1u)

/*
 * One decoded instruction, stored in the slot of its first halfword.
 * fn is the address of the interpreter's handler for op (direct threading:
 * the dispatch jumps through it, no table lookup); decode() leaves it to
 * the interpreter, which alone knows its labels. The other 8 bytes hold
 * what the handlers need (rs1, rd, rs2, op, imm) and are loaded as one
 * little-endian word. The encoding itself (for mtval and the slow
 * decoders) is kept beside the slots, in struct dpage's raw[].
 */
struct insn {
	const void *fn;
	uint8_t rs1, rd, rs2;
	uint8_t op; /* INSN_OP(enum op, len) */
	int32_t imm;
};

#define DPAGE_SLOTS (PAGE_SIZE / 2)

/* The decoded form of one physical page of code, slot i = byte offset 2*i.
 * slot[DPAGE_SLOTS] is a permanent PAGE_END sentinel; raw[i] is the
 * encoding decoded into slot[i] (16 bits for compressed). */
struct dpage {
	uint64_t pa;   /* physical page, or ~0 when the bucket is empty */
	uint8_t *host; /* host address of the page (plain memory only) */
	struct insn slot[DPAGE_SLOTS + 1];
	uint32_t raw[DPAGE_SLOTS + 1];
};

#define DCACHE_BUCKETS 4096 /* direct-mapped by physical page number */

/* A main-TLB entry: one 4 KiB piece of a (possibly super) page. */
struct tlb_entry {
	uint64_t vpn;	 /* va >> 12 (sign-extended va) */
	uint64_t ppn;	 /* pa >> 12 of this 4 KiB piece */
	uint64_t pte_pa; /* where the leaf PTE lives, for the D-bit update */
	uint16_t asid;
	uint8_t flags; /* PTE bits 7:0 (V R W X U G A D) */
	uint8_t level; /* 0: 4 KiB, 1: 2 MiB, 2: 1 GiB */
	bool valid;
};

#define TLB_WAYS 4

/*
 * A fast-TLB entry: tag is the page VA (aligned) with the array's generation
 * in bits 11:3 (bits 2:0 stay zero so a misaligned access never matches);
 * host = addend + va. Bumping the generation flushes the array in O(1).
 */
struct ftlb_entry {
	uint64_t tag;
	uintptr_t addend;
};

#define FTLB_SIZE  65536 /* 256 MiB of reach in 4 KiB pages */
#define FTLB_GEN1  8ull
#define FTLB_GENS  4096ull
#define XTLB_SIZE  256
#define XTLB_EMPTY UINT64_MAX

/* An instruction-fetch fast entry: page VA to decoded page. */
struct xtlb_entry {
	uint64_t tag;
	struct dpage *dp;
};

enum access { ACC_R = 0, ACC_W = 1, ACC_X = 2 };

struct hart {
	uint64_t x[33]; /* x[32]: sink for writes to x0 */
	uint64_t f[32];
	uint64_t pc;
	enum priv priv;
	struct bus *bus;

	/* Run control. */
	uint64_t instret;
	volatile uint64_t limit; /* block-end check: stop when instret reaches it */
	volatile int stop_req;
	uint64_t insns_per_tick, time_offset;

	/* CSRs. */
	uint64_t mstatus, misa, medeleg, mideleg, mie, mip;
	uint64_t mtvec, stvec, mepc, sepc, mcause, scause, mtval, stval;
	uint64_t mscratch, sscratch, mcounteren, scounteren, menvcfg, senvcfg;
	uint64_t mcountinhibit, satp, mhartid, cycle_offset, instret_offset;
	uint64_t cycle_frozen, instret_frozen; /* counter values while inhibited */
	uint32_t fflags, frm;
	bool csr_insn; /* csr_write() called by a CSR instruction */
	struct pmp pmp;

	uint64_t fault_va; /* tval of the last fault a slow path reported */

	/* LR/SC reservation (physical address of the 8-byte granule). */
	bool resv_valid;
	uint64_t resv_pa;
	uint64_t amo_pa; /* physical address of the last mmu_amo_host() */

	/* HLE mode. */
	bool hle;
	struct hart_trap trap;
	bool hle_trap_pending;

	/* Main TLB: sets x TLB_WAYS, round-robin replacement per set. */
	struct tlb_entry *tlb;
	unsigned tlb_sets;
	uint8_t *tlb_next;
	unsigned nsuper; /* valid entries that are pieces of superpages */
	struct tlb_stats stats;
	hart_fill_hook fill_hook;
	void *fill_ctx;

	/* Fast TLBs per access kind (read, write) and for fetch. */
	uint64_t fgen[2];
	struct ftlb_entry ftlb[2][FTLB_SIZE];
	struct xtlb_entry xtlb[XTLB_SIZE];

	/* Host huge pages behind RAM (ramhuge.c): fast-TLB fills per 32 MiB chunk. */
	uint16_t *ram_uses;
	size_t ram_chunks;

	/* Decode cache. */
	struct dpage *dcache[DCACHE_BUCKETS];
	struct dpage scratch; /* single-instruction page for odd fetches */
};

/* decode.c */
void decode(uint32_t raw, struct insn *d);

/*
 * fuse.c: groups of instructions one handler runs (see fuse.c). A fused
 * slot holds rs1 = rI, rd = rT, rs2 = rB, the op byte = rD (a fused slot's
 * handler is chosen by kind and length, never from its op), and imm =
 * off (bits 15:0, signed: a load's offset or an andi's mask), shift
 * (bits 21:16), ldpos (bits 26:24).
 */
enum fuse_kind {
	FUSE_SHADD, /* slli + add */
	FUSE_LB,
	FUSE_LH,
	FUSE_LW,
	FUSE_LD,
	FUSE_LBU,
	FUSE_LHU,
	FUSE_LWU,      /* ... + load */
	FUSE_SRL_AND,  /* srli + and (mask in rB) */
	FUSE_SRL_ANDI, /* srli + andi (mask in off) */
	FUSE_KINDS
};
#define FUSE_MAX_SLOTS 6  /* three 4-byte instructions */
#define FUSE_SPAN      12 /* bytes, from the first member's start */

struct fuse_group {
	int kind;
	uint8_t slots; /* the group's length in slots */
	uint8_t ldpos; /* slot of the load, from the group's start */
	uint8_t ri, rt, rb, rd, shift;
	int16_t off;
};

/* Does the slli decoded in d0 (from p, n bytes left in its page) start a
 * fusable group? 0 and *g filled, or -1. */
int fuse_group(const struct insn *d0, const uint8_t *p, size_t n, struct fuse_group *g);

/* mmu.c */
int mmu_init(struct hart *h, unsigned entries);
void mmu_destroy(struct hart *h);
void mmu_flush_fast(struct hart *h);
void mmu_sfence(struct hart *h, bool va_valid, uint64_t va, bool asid_valid, uint64_t asid);
int mmu_load_slow(struct hart *h, uint64_t va, unsigned size, uint64_t *val, bool lr);
int mmu_store_slow(struct hart *h, uint64_t va, unsigned size, uint64_t val);
int mmu_amo_host(struct hart *h, uint64_t va, unsigned size, uint8_t **host);
int mmu_translate(struct hart *h, uint64_t va, enum access acc, enum priv priv, uint64_t *pa);
struct dpage *mmu_fetch_page(struct hart *h, uint64_t pc, int *cause);
int mmu_fetch_slow(struct hart *h, uint64_t pc, uint32_t *raw);
void dcache_invalidate(struct hart *h, uint64_t pa, uint64_t len);
void dcache_flush(struct hart *h);
enum priv mmu_data_priv(const struct hart *h);

/* csr.c */
int csr_access(struct hart *h, uint32_t raw, uint64_t *rd_val);
int csr_read(struct hart *h, unsigned csr, uint64_t *val);
int csr_write(struct hart *h, unsigned csr, uint64_t val);
void csr_reset(struct hart *h);

/* trap.c */
/* Take exception cause with tval at h->pc; true when HLE intercepted it. */
bool trap_raise(struct hart *h, uint64_t cause, uint64_t tval);
/* Take the highest-priority pending enabled interrupt, if any; returns
 * 1 if taken architecturally, 2 if intercepted by HLE, 0 if none. */
int trap_check_irq(struct hart *h);
bool trap_irq_wakeup(const struct hart *h);
int trap_mret(struct hart *h);
int trap_sret(struct hart *h);
void set_priv(struct hart *h, enum priv p);

/* fp.c: execute one F/D arithmetic instruction; 0 or an exception cause. */
int fp_exec(struct hart *h, uint32_t raw);
int fp_check_rm(const struct hart *h, unsigned rm, int *out);

/* ramhuge.c */
int ramhuge_init(struct hart *h);
void ramhuge_destroy(struct hart *h);
/* The hart filled a fast-TLB entry for the page at host address host. */
void ramhuge_note(struct hart *h, const uint8_t *host);

/* interp.c */
enum hart_exit interp_run(struct hart *h, uint64_t budget);
/* Mark n slots from s as not decoded yet (decoded when first reached). */
void interp_undecode(struct insn *s, size_t n);
/* Make s a PAGE_END slot: leaving the page, the pc is recomputed. */
void interp_page_end(struct insn *s);

static inline uint64_t hart_time_now(const struct hart *h)
{
	return h->instret / h->insns_per_tick + h->time_offset;
}

#endif
