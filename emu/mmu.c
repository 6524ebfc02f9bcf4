/*
 * mmu.c - address translation and the slow paths of memory access: the
 * ASID-tagged main TLB, the Sv39 walker (A/D updates), PMP, MMIO, accesses
 * that cross a page, LR/SC, and the decode cache of code pages.
 *
 * Sv39 virtual address:
 *
 *   63      39 38    30 29    21 20    12 11         0
 *   | sign-ext | VPN[2] | VPN[1] | VPN[0] | page offset |
 *
 * Invariants:
 *   - the main TLB holds one entry per 4 KiB piece of virtual memory (a
 *     superpage is entered piece by piece, each knowing its level, so that
 *     sfence.vma of any address in the superpage removes every piece);
 *   - entries stay until sfence.vma, a satp mode change or eviction: the TLB
 *     is deliberately stale when the page tables change behind its back;
 *   - every fast-TLB entry for a translated page corresponds to a main-TLB
 *     entry; evicting that entry drops the fast entries for its page;
 *   - a physical page with a decoded page in the decode cache never has a
 *     fast store entry, so every store to it comes here and invalidates the
 *     decoded slots it overwrites.
 */
#include "emu/mmu.h"

#include <string.h>

#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_U (1u << 4)
#define PTE_G (1u << 5)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)

#define PPN_MASK     ((1ull << 44) - 1)
#define SATP_MODE(s) ((s) >> 60)
#define SATP_ASID(s) (((s) >> 44) & 0xffff)

static const int page_fault[3] = {EXC_LOAD_PAGE_FAULT, EXC_STORE_PAGE_FAULT, EXC_INSN_PAGE_FAULT};
static const int access_fault[3] = {EXC_LOAD_ACCESS, EXC_STORE_ACCESS, EXC_INSN_ACCESS};
static const unsigned pmp_bit[3] = {PMP_R, PMP_W, PMP_X};
static const char acc_char[3] = {'r', 'w', 'x'};

enum priv mmu_data_priv(const struct hart *h)
{
	if ((h->mstatus & MSTATUS_MPRV) && h->priv == PRIV_M)
		return (enum priv)((h->mstatus & MSTATUS_MPP) >> 11);
	return h->priv;
}

/* Host pointer for [pa, pa+len) if it is plain memory (no MMIO overlay). */
static uint8_t *mem_host(struct hart *h, uint64_t pa, uint64_t len, bool *writable)
{
	const struct bus_mem *m = bus_find_mem(h->bus, pa, len);
	if (!m || bus_find_mmio(h->bus, pa, len))
		return NULL;
	if (writable)
		*writable = m->writable;
	return m->host + (pa - m->base);
}

static void flush_fetch(struct hart *h)
{
	for (int i = 0; i < XTLB_SIZE; i++)
		h->xtlb[i].tag = XTLB_EMPTY;
}

/* Flush one fast data array by moving to the next generation; entries of
 * older generations never match. On wrap-around, clear the array for real. */
static void flush_fast_data(struct hart *h, int acc)
{
	h->fgen[acc] += FTLB_GEN1;
	if (h->fgen[acc] >= FTLB_GENS) {
		for (int i = 0; i < FTLB_SIZE; i++)
			h->ftlb[acc][i].tag = 0;
		h->fgen[acc] = FTLB_GEN1;
	}
}

void mmu_flush_fast(struct hart *h)
{
	flush_fast_data(h, ACC_R);
	flush_fast_data(h, ACC_W);
	flush_fetch(h);
}

static void flush_fast_stores(struct hart *h)
{
	flush_fast_data(h, ACC_W);
}

static void drop_fast_page(struct hart *h, uint64_t va_page)
{
	unsigned i = ftlb_index(va_page);
	for (int a = 0; a < 2; a++)
		if ((h->ftlb[a][i].tag & PAGE_MASK) == va_page)
			h->ftlb[a][i].tag = 0;
	unsigned j = xtlb_index(va_page);
	if (h->xtlb[j].tag == va_page)
		h->xtlb[j].tag = XTLB_EMPTY;
}

int mmu_init(struct hart *h, unsigned entries)
{
	if (entries == 0)
		entries = 65536; /* 256 MiB of reach in 4 KiB pages */
	if (entries < TLB_WAYS || (entries & (entries - 1)))
		return -1;
	h->tlb_sets = entries / TLB_WAYS;
	h->tlb = calloc(entries, sizeof(*h->tlb));
	h->tlb_next = calloc(h->tlb_sets, 1);
	if (!h->tlb || !h->tlb_next)
		return -1;
	h->stats.entries = entries;
	h->scratch.pa = ~0ull;
	for (unsigned i = 0; i <= DPAGE_SLOTS; i++)
		interp_page_end(&h->scratch.slot[i]);
	mmu_flush_fast(h);
	return 0;
}

void mmu_destroy(struct hart *h)
{
	free(h->tlb);
	free(h->tlb_next);
	for (int i = 0; i < DCACHE_BUCKETS; i++)
		free(h->dcache[i]);
}

/* ---- decode cache ---- */

static struct dpage *dcache_find(struct hart *h, uint64_t pa_page)
{
	struct dpage *dp = h->dcache[(pa_page >> PAGE_SHIFT) & (DCACHE_BUCKETS - 1)];
	return dp && dp->pa == pa_page ? dp : NULL;
}

/* The decoded page for pa_page, (re)initialised to "not decoded" if the
 * bucket held another page. NULL only when out of host memory. */
static struct dpage *dcache_get(struct hart *h, uint64_t pa_page, uint8_t *host)
{
	struct dpage **b = &h->dcache[(pa_page >> PAGE_SHIFT) & (DCACHE_BUCKETS - 1)];
	struct dpage *dp = *b;
	if (dp && dp->pa == pa_page)
		return dp;
	if (!dp) {
		dp = malloc(sizeof(*dp));
		if (!dp)
			return NULL;
		interp_page_end(&dp->slot[DPAGE_SLOTS]);
		*b = dp;
	}
	interp_undecode(dp->slot, DPAGE_SLOTS);
	dp->pa = pa_page;
	dp->host = host;
	/* Fetch entries may point at the evicted page; stores to the new
	 * code page must take the slow path from now on. */
	flush_fetch(h);
	flush_fast_stores(h);
	return dp;
}

void dcache_invalidate(struct hart *h, uint64_t pa, uint64_t len)
{
	if (len == 0)
		return;
	uint64_t end = pa + len;
	for (uint64_t page = pa & PAGE_MASK; page < end; page += PAGE_SIZE) {
		struct dpage *dp = dcache_find(h, page);
		if (!dp)
			continue;
		uint64_t lo = pa > page ? pa - page : 0;
		uint64_t hi = end - page < PAGE_SIZE ? end - page : PAGE_SIZE;
		/* a 4-byte insn starting 2 bytes before, a fused group up to
		 * FUSE_SPAN - 2 bytes before */
		lo = lo >= FUSE_SPAN - 2 ? lo - (FUSE_SPAN - 2) : 0;
		interp_undecode(&dp->slot[lo / 2], (hi + 1) / 2 - lo / 2);
	}
}

void dcache_flush(struct hart *h)
{
	for (int i = 0; i < DCACHE_BUCKETS; i++)
		if (h->dcache[i])
			h->dcache[i]->pa = ~0ull;
	flush_fetch(h);
}

/* ---- main TLB ---- */

static bool translating(const struct hart *h, enum priv priv)
{
	return priv != PRIV_M && SATP_MODE(h->satp) == 8;
}

static struct tlb_entry *tlb_lookup(struct hart *h, uint64_t vpn)
{
	uint16_t asid = (uint16_t)SATP_ASID(h->satp);
	struct tlb_entry *set = &h->tlb[(vpn & (h->tlb_sets - 1)) * TLB_WAYS];
	for (int w = 0; w < TLB_WAYS; w++) {
		struct tlb_entry *e = &set[w];
		if (e->valid && e->vpn == vpn && ((e->flags & PTE_G) || e->asid == asid))
			return e;
	}
	return NULL;
}

static struct tlb_entry *tlb_victim(struct hart *h, uint64_t vpn)
{
	unsigned s = (unsigned)(vpn & (h->tlb_sets - 1));
	struct tlb_entry *set = &h->tlb[s * TLB_WAYS];
	for (int w = 0; w < TLB_WAYS; w++)
		if (!set[w].valid)
			return &set[w];
	struct tlb_entry *e = &set[h->tlb_next[s]++ % TLB_WAYS];
	drop_fast_page(h, e->vpn << PAGE_SHIFT);
	if (e->level)
		h->nsuper--;
	e->valid = false;
	return e;
}

static bool entry_covers(const struct tlb_entry *e, uint64_t vpn)
{
	unsigned sh = 9 * e->level;
	return (e->vpn >> sh) == (vpn >> sh);
}

/* Apply sfence.vma's predicate to one entry. */
static void sfence_entry(struct hart *h, struct tlb_entry *e, bool va_valid, uint64_t vpn,
			 bool asid_valid, uint64_t asid)
{
	if (!e->valid)
		return;
	if (asid_valid && ((e->flags & PTE_G) || e->asid != (asid & 0xffff)))
		return;
	if (va_valid && !entry_covers(e, vpn))
		return;
	e->valid = false;
	if (e->level)
		h->nsuper--;
}

void mmu_sfence(struct hart *h, bool va_valid, uint64_t va, bool asid_valid, uint64_t asid)
{
	uint64_t vpn = va >> PAGE_SHIFT;
	if (va_valid && h->nsuper == 0) {
		/* Only 4 KiB entries: the address's own set holds them all. */
		struct tlb_entry *set = &h->tlb[(vpn & (h->tlb_sets - 1)) * TLB_WAYS];
		for (int w = 0; w < TLB_WAYS; w++)
			sfence_entry(h, &set[w], true, vpn, asid_valid, asid);
	} else {
		unsigned n = h->tlb_sets * TLB_WAYS;
		for (unsigned i = 0; i < n; i++)
			sfence_entry(h, &h->tlb[i], va_valid, vpn, asid_valid, asid);
	}
	h->stats.flushes++;
	mmu_flush_fast(h);
}

/* May priv make an access of kind acc to a page with PTE flags f? */
static bool pte_allows(const struct hart *h, unsigned f, enum access acc, enum priv priv)
{
	bool ok;
	if (acc == ACC_X)
		ok = f & PTE_X;
	else if (acc == ACC_R)
		ok = (f & PTE_R) || ((h->mstatus & MSTATUS_MXR) && (f & PTE_X));
	else
		ok = f & PTE_W;
	if (!ok)
		return false;
	if (priv == PRIV_U)
		return f & PTE_U;
	if (f & PTE_U)
		return acc != ACC_X && (h->mstatus & MSTATUS_SUM);
	return true;
}

/*
 * Walk the Sv39 tables for va, set A (and D for a store) in the leaf PTE,
 * and enter the 4 KiB piece into the TLB. Return 0 or the exception cause.
 */
static int walk(struct hart *h, uint64_t va, enum access acc, enum priv priv,
		struct tlb_entry **out)
{
	h->stats.misses++;
restart:;
	uint64_t a = (h->satp & PPN_MASK) << PAGE_SHIFT, pte, pte_pa;
	int level;
	for (level = 2;; level--) {
		pte_pa = a + ((va >> (PAGE_SHIFT + 9 * level)) & 511) * 8;
		uint8_t *p = mem_host(h, pte_pa, 8, NULL);
		if (!p || pmp_check(&h->pmp, pte_pa, 8, PMP_R, PRIV_S) < 0)
			return access_fault[acc];
		pte = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
		if (!(pte & PTE_V) || ((pte & (PTE_R | PTE_W)) == PTE_W) || (pte >> 54))
			return page_fault[acc];
		if (pte & (PTE_R | PTE_X))
			break;
		if (level == 0)
			return page_fault[acc];
		a = ((pte >> 10) & PPN_MASK) << PAGE_SHIFT;
	}
	uint64_t ppn = (pte >> 10) & PPN_MASK;
	uint64_t lowmask = (1ull << (9 * level)) - 1;
	if (ppn & lowmask)
		return page_fault[acc]; /* misaligned superpage */
	if (!pte_allows(h, (unsigned)pte, acc, priv))
		return page_fault[acc];
	uint64_t want = PTE_A | (acc == ACC_W ? PTE_D : 0);
	if ((pte & want) != want) {
		uint8_t *p = mem_host(h, pte_pa, 8, NULL);
		if (pmp_check(&h->pmp, pte_pa, 8, PMP_W, PRIV_S) < 0)
			return access_fault[acc];
		uint64_t expect = pte;
		if (!__atomic_compare_exchange_n((uint64_t *)p, &expect, pte | want, false,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			goto restart;
		dcache_invalidate(h, pte_pa, 8);
		pte |= want;
	}
	uint64_t vpn = va >> PAGE_SHIFT;
	struct tlb_entry *e = tlb_lookup(h, vpn);
	if (e && e->level)
		h->nsuper--;
	if (!e)
		e = tlb_victim(h, vpn);
	if (level)
		h->nsuper++;
	*e = (struct tlb_entry){
	    .vpn = vpn,
	    .ppn = ppn | (vpn & lowmask),
	    .pte_pa = pte_pa,
	    .asid = (uint16_t)SATP_ASID(h->satp),
	    .flags = (uint8_t)pte,
	    .level = (uint8_t)level,
	    .valid = true,
	};
	if (h->fill_hook)
		h->fill_hook(h->fill_ctx, e->ppn << PAGE_SHIFT, acc_char[acc]);
	*out = e;
	return 0;
}

int mmu_translate(struct hart *h, uint64_t va, enum access acc, enum priv priv, uint64_t *pa)
{
	if (!translating(h, priv)) {
		*pa = va;
		return 0;
	}
	if ((uint64_t)((int64_t)(va << 25) >> 25) != va)
		return page_fault[acc];
	uint64_t vpn = va >> PAGE_SHIFT;
	struct tlb_entry *e = tlb_lookup(h, vpn);
	if (e && pte_allows(h, e->flags, acc, priv) && (acc != ACC_W || (e->flags & PTE_D))) {
		h->stats.hits++;
	} else {
		/* A miss, or a hit the cached flags refuse: walk again (the PTE
		 * may have changed, and D must be set in memory for a store). */
		int cause = walk(h, va, acc, priv, &e);
		if (cause)
			return cause;
	}
	*pa = (e->ppn << PAGE_SHIFT) | (va & (PAGE_SIZE - 1));
	return 0;
}

/* After a successful slow access, cache the page in the fast TLB if allowed. */
static void ftlb_fill(struct hart *h, enum access acc, enum priv priv, uint64_t va, uint64_t pa)
{
	uint64_t pa_page = pa & PAGE_MASK, va_page = va & PAGE_MASK;
	unsigned perms;
	bool writable;
	if (!bus_page_is_plain_ram(h->bus, pa_page))
		return;
	uint8_t *host = mem_host(h, pa_page, PAGE_SIZE, &writable);
	if (!host || !pmp_page_uniform(&h->pmp, pa_page, priv, &perms) || !(perms & pmp_bit[acc]))
		return;
	if (acc == ACC_W) {
		if (!writable || dcache_find(h, pa_page) ||
		    (h->resv_valid && (h->resv_pa & PAGE_MASK) == pa_page))
			return;
	}
	if (!translating(h, priv) && h->fill_hook)
		h->fill_hook(h->fill_ctx, pa_page, acc_char[acc]);
	struct ftlb_entry *e = &h->ftlb[acc][ftlb_index(va)];
	e->tag = va_page | h->fgen[acc];
	e->addend = (uintptr_t)host - (uintptr_t)va_page;
	ramhuge_note(h, host);
}

/* Translate and PMP-check one piece [va, va+len) that lies in one page. */
static int piece(struct hart *h, uint64_t va, unsigned len, enum access acc, enum priv priv,
		 uint64_t *pa)
{
	int cause = mmu_translate(h, va, acc, priv, pa);
	if (!cause && pmp_check(&h->pmp, *pa, len, pmp_bit[acc], priv) < 0)
		cause = access_fault[acc];
	if (cause)
		h->fault_va = va;
	return cause;
}

static int phys_read(struct hart *h, uint64_t pa, unsigned size, uint64_t *val)
{
	uint8_t *p = mem_host(h, pa, size, NULL);
	if (p) {
		uint64_t v = 0;
		memcpy(&v, p, size);
		*val = v;
		return 0;
	}
	h->limit = 0; /* a device may have raised an interrupt: check soon */
	return bus_read(h->bus, pa, size, val);
}

static int phys_write(struct hart *h, uint64_t pa, unsigned size, uint64_t val)
{
	bool writable;
	uint8_t *p = mem_host(h, pa, size, &writable);
	if (h->resv_valid && (pa & ~7ull) <= h->resv_pa && h->resv_pa < pa + size)
		h->resv_valid = false;
	if (p) {
		if (!writable)
			return -1;
		dcache_invalidate(h, pa, size);
		memcpy(p, &val, size);
		return 0;
	}
	h->limit = 0;
	return bus_write(h->bus, pa, size, val);
}

int mmu_load_slow(struct hart *h, uint64_t va, unsigned size, uint64_t *val, bool lr)
{
	enum priv priv = mmu_data_priv(h);
	uint64_t pa, pa2;
	unsigned first = (unsigned)(PAGE_SIZE - (va & (PAGE_SIZE - 1)));
	if (first >= size) {
		int cause = piece(h, va, size, ACC_R, priv, &pa);
		if (cause)
			return cause;
		if (phys_read(h, pa, size, val) < 0) {
			h->fault_va = va;
			return EXC_LOAD_ACCESS;
		}
		if (lr) {
			h->resv_valid = true;
			h->resv_pa = pa & ~7ull;
			flush_fast_stores(h);
		} else {
			ftlb_fill(h, ACC_R, priv, va, pa);
		}
		return 0;
	}
	/* Crossing into the next page: both pages translated and checked first. */
	uint64_t va2 = (va & PAGE_MASK) + PAGE_SIZE;
	int cause = piece(h, va, first, ACC_R, priv, &pa);
	if (!cause)
		cause = piece(h, va2, size - first, ACC_R, priv, &pa2);
	if (cause)
		return cause;
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++) {
		uint64_t b;
		uint64_t a = i < first ? pa + i : pa2 + (i - first);
		if (phys_read(h, a, 1, &b) < 0) {
			h->fault_va = va;
			return EXC_LOAD_ACCESS;
		}
		v |= (b & 0xff) << (8 * i);
	}
	*val = v;
	return 0;
}

int mmu_store_slow(struct hart *h, uint64_t va, unsigned size, uint64_t val)
{
	enum priv priv = mmu_data_priv(h);
	uint64_t pa, pa2;
	unsigned first = (unsigned)(PAGE_SIZE - (va & (PAGE_SIZE - 1)));
	if (first >= size) {
		int cause = piece(h, va, size, ACC_W, priv, &pa);
		if (cause)
			return cause;
		if (phys_write(h, pa, size, val) < 0) {
			h->fault_va = va;
			return EXC_STORE_ACCESS;
		}
		ftlb_fill(h, ACC_W, priv, va, pa);
		return 0;
	}
	uint64_t va2 = (va & PAGE_MASK) + PAGE_SIZE;
	int cause = piece(h, va, first, ACC_W, priv, &pa);
	if (!cause)
		cause = piece(h, va2, size - first, ACC_W, priv, &pa2);
	if (cause)
		return cause;
	if (!mem_host(h, pa, first, NULL) || !mem_host(h, pa2, size - first, NULL)) {
		h->fault_va = va;
		return EXC_STORE_ACCESS;
	}
	for (unsigned i = 0; i < size; i++) {
		uint64_t a = i < first ? pa + i : pa2 + (i - first);
		if (phys_write(h, a, 1, (val >> (8 * i)) & 0xff) < 0) {
			h->fault_va = va;
			return EXC_STORE_ACCESS;
		}
	}
	return 0;
}

/*
 * Translate an aligned AMO/SC target for reading and writing. Return 0 with
 * *host set (plain writable memory only), or the store-side exception cause.
 */
int mmu_amo_host(struct hart *h, uint64_t va, unsigned size, uint8_t **host)
{
	enum priv priv = mmu_data_priv(h);
	uint64_t pa;
	bool writable;
	h->fault_va = va;
	if (va & (size - 1))
		return EXC_STORE_MISALIGNED;
	int cause = piece(h, va, size, ACC_W, priv, &pa);
	if (cause)
		return cause;
	if (pmp_check(&h->pmp, pa, size, PMP_R, priv) < 0)
		return EXC_STORE_ACCESS;
	uint8_t *p = mem_host(h, pa, size, &writable);
	if (!p || !writable)
		return EXC_STORE_ACCESS;
	dcache_invalidate(h, pa, size);
	*host = p;
	h->amo_pa = pa;
	return 0;
}

/* ---- instruction fetch ---- */

struct dpage *mmu_fetch_page(struct hart *h, uint64_t pc, int *cause)
{
	uint64_t va_page = pc & PAGE_MASK, pa;
	unsigned perms;
	*cause = mmu_translate(h, pc, ACC_X, h->priv, &pa);
	if (*cause) {
		h->fault_va = pc;
		return NULL;
	}
	uint64_t pa_page = pa & PAGE_MASK;
	if (!bus_page_is_plain_ram(h->bus, pa_page) ||
	    !pmp_page_uniform(&h->pmp, pa_page, h->priv, &perms) || !(perms & PMP_X))
		return NULL; /* fetch instruction by instruction, checking each */
	uint8_t *host = mem_host(h, pa_page, PAGE_SIZE, NULL);
	struct dpage *dp = dcache_get(h, pa_page, host);
	if (!dp)
		return NULL;
	if (!translating(h, h->priv) && h->fill_hook)
		h->fill_hook(h->fill_ctx, pa_page, 'x');
	struct xtlb_entry *x = &h->xtlb[xtlb_index(pc)];
	x->tag = va_page;
	x->dp = dp;
	return dp;
}

static int fetch16(struct hart *h, uint64_t va, uint32_t *half)
{
	uint64_t pa;
	int cause = piece(h, va, 2, ACC_X, h->priv, &pa);
	if (cause)
		return cause;
	uint8_t *p = mem_host(h, pa, 2, NULL);
	if (!p) {
		/* Executing from a device is not supported: access fault. */
		h->fault_va = va;
		return EXC_INSN_ACCESS;
	}
	*half = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	return 0;
}

int mmu_fetch_slow(struct hart *h, uint64_t pc, uint32_t *raw)
{
	uint32_t lo, hi;
	int cause = fetch16(h, pc, &lo);
	if (cause)
		return cause;
	if ((lo & 3) != 3) {
		*raw = lo;
		return 0;
	}
	cause = fetch16(h, pc + 2, &hi);
	if (cause)
		return cause;
	*raw = lo | hi << 16;
	return 0;
}

/* ---- the kernel's view: copy through the MMU as privilege priv ---- */

static int vm_copy(struct hart *h, enum priv priv, uint64_t va, uint8_t *buf, size_t len,
		   bool write, uint64_t *fault_va)
{
	enum access acc = write ? ACC_W : ACC_R;
	while (len) {
		size_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));
		if (n > len)
			n = len;
		uint64_t pa;
		bool writable;
		int cause = piece(h, va, (unsigned)n, acc, priv, &pa);
		uint8_t *p = cause ? NULL : mem_host(h, pa, n, &writable);
		if (!cause && (!p || (write && !writable)))
			cause = access_fault[acc];
		if (cause) {
			if (fault_va)
				*fault_va = va;
			return cause;
		}
		if (write) {
			if (h->resv_valid && (pa & ~7ull) <= h->resv_pa && h->resv_pa < pa + n)
				h->resv_valid = false;
			dcache_invalidate(h, pa, n);
			memcpy(p, buf, n);
		} else {
			memcpy(buf, p, n);
		}
		va += n;
		buf += n;
		len -= n;
	}
	return 0;
}

int hart_vm_read(struct hart *h, enum priv priv, uint64_t va, void *buf, size_t len,
		 uint64_t *fault_va)
{
	return vm_copy(h, priv, va, buf, len, false, fault_va);
}

int hart_vm_write(struct hart *h, enum priv priv, uint64_t va, const void *buf, size_t len,
		  uint64_t *fault_va)
{
	return vm_copy(h, priv, va, (uint8_t *)(uintptr_t)buf, len, true, fault_va);
}
