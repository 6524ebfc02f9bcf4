/*
 * test_mmu.c - Sv39 translation and the TLB through the hart's interface:
 * 4 KiB / 2 MiB / 1 GiB pages, A/D updates, permission rules (U, SUM, MXR),
 * misaligned superpages, stale entries until sfence.vma in its four forms,
 * ASID separation, page-crossing accesses, PMP on the walk, the fill hook,
 * a bounded TLB, hart_vm_read/hart_vm_write fault reporting, and RAM contents
 * across the host huge pages ramhuge.c asks for.
 */
#include <stdlib.h>

#include "test_hart_asm.h"

#define V	1u
#define R	2u
#define W	4u
#define XP	8u
#define U	16u
#define G	32u
#define AC	64u
#define DI	128u
#define RWX_AD	(V | R | W | XP | AC | DI)
#define TRAP_PC (RAM_BASE + 0x3000)

static struct tb t;
static uint64_t next_pt;

static void setup(void)
{
	tb_init(&t);
	next_pt = RAM_BASE + 0x100000;
}

static void teardown(void)
{
	tb_fini(&t);
}

static uint64_t alloc_pt(void)
{
	uint64_t pa = next_pt;
	next_pt += 4096;
	memset(t.bus.ram + (pa - RAM_BASE), 0, 4096);
	return pa;
}

/* Map va to pa with a leaf at level (0: 4 KiB, 1: 2 MiB, 2: 1 GiB). */
static void map(uint64_t root, uint64_t va, uint64_t pa, int level, uint64_t flags)
{
	uint64_t a = root;
	for (int l = 2; l > level; l--) {
		uint64_t slot = a + ((va >> (12 + 9 * l)) & 511) * 8, pte = rd64(&t, slot);
		if (!(pte & V)) {
			pte = (alloc_pt() >> 12) << 10 | V;
			wr64(&t, slot, pte);
		}
		a = (pte >> 10) << 12;
	}
	wr64(&t, a + ((va >> (12 + 9 * level)) & 511) * 8, (pa >> 12) << 10 | flags);
}

/* Address of the leaf PTE for va (which must be mapped with 4 KiB pages). */
static uint64_t leaf(uint64_t root, uint64_t va)
{
	uint64_t a = root;
	for (int l = 2; l > 0; l--)
		a = (rd64(&t, a + ((va >> (12 + 9 * l)) & 511) * 8) >> 10) << 12;
	return a + ((va >> 12) & 511) * 8;
}

static void use(uint64_t root, uint64_t asid)
{
	hart_csr_write(t.h, 0x180, 8ull << 60 | asid << 44 | root >> 12);
}

/* Read 8 bytes at va as S-mode; the cause (0 on success). */
static int peek(uint64_t va, uint64_t *v)
{
	uint64_t fva = 0;
	return hart_vm_read(t.h, PRIV_S, va, v, 8, &fva);
}

static uint64_t peekv(uint64_t va)
{
	uint64_t v = 0;
	ck_assert_int_eq(peek(va, &v), 0);
	return v;
}

START_TEST(page_sizes)
{
	uint64_t root = alloc_pt();
	map(root, 0x1000, RAM_BASE + 0x200000, 0, RWX_AD);
	map(root, 0x40000000, RAM_BASE + 0x200000, 1, RWX_AD);
	map(root, 0xc0000000, RAM_BASE, 2, RWX_AD);
	use(root, 0);
	wr64(&t, RAM_BASE + 0x200000, 0x1111);
	wr64(&t, RAM_BASE + 0x201238, 0x2222);
	ck_assert_uint_eq(peekv(0x1000), 0x1111);
	ck_assert_uint_eq(peekv(0x40000000), 0x1111);
	ck_assert_uint_eq(peekv(0x40001238), 0x2222);
	ck_assert_uint_eq(peekv(0xc0201238), 0x2222);
	/* Unmapped and non-canonical addresses: load page fault, tval = va. */
	uint64_t v, fva = 0;
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_S, 0x2000, &v, 8, &fva), EXC_LOAD_PAGE_FAULT);
	ck_assert_uint_eq(fva, 0x2000);
	ck_assert_int_eq(peek(0x0000008000000000ull, &v), EXC_LOAD_PAGE_FAULT);
	/* A store to a 1 GiB page lands in RAM. */
	uint64_t val = 0xabcdef;
	ck_assert_int_eq(hart_vm_write(t.h, PRIV_S, 0xc0000010, &val, 8, &fva), 0);
	ck_assert_uint_eq(rd64(&t, RAM_BASE + 0x10), 0xabcdef);
}
END_TEST

START_TEST(accessed_dirty)
{
	uint64_t root = alloc_pt();
	map(root, 0x5000, RAM_BASE + 0x200000, 0, V | R | W);
	use(root, 0);
	uint64_t pte = leaf(root, 0x5000);
	peekv(0x5000);
	ck_assert_uint_eq(rd64(&t, pte) & (AC | DI), AC);
	uint64_t val = 1, fva;
	ck_assert_int_eq(hart_vm_write(t.h, PRIV_S, 0x5008, &val, 8, &fva), 0);
	ck_assert_uint_eq(rd64(&t, pte) & (AC | DI), AC | DI);
}
END_TEST

START_TEST(misaligned_superpage)
{
	uint64_t root = alloc_pt();
	map(root, 0x40000000, RAM_BASE + 0x201000, 1, RWX_AD);
	use(root, 0);
	uint64_t v, fva = 0;
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_S, 0x40000008, &v, 8, &fva), EXC_LOAD_PAGE_FAULT);
	ck_assert_uint_eq(fva, 0x40000008);
}
END_TEST

START_TEST(permissions)
{
	uint64_t root = alloc_pt(), v, fva;
	map(root, 0x1000, RAM_BASE + 0x200000, 0, V | R | W | U | AC | DI);
	map(root, 0x2000, RAM_BASE + 0x200000, 0, V | XP | AC);
	map(root, 0x3000, RAM_BASE + 0x200000, 0, V | R | AC);
	map(root, 0x4000, RAM_BASE + 0x200000, 0, V | W | AC | DI); /* reserved W without R */
	use(root, 0);
	/* S touching a U page needs SUM. */
	ck_assert_int_eq(peek(0x1000, &v), EXC_LOAD_PAGE_FAULT);
	hart_csr_write(t.h, 0x100, 1ull << 18);
	ck_assert_int_eq(peek(0x1000, &v), 0);
	/* U may not touch an S page, and may touch its own. */
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_U, 0x3000, &v, 8, &fva), EXC_LOAD_PAGE_FAULT);
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_U, 0x1000, &v, 8, &fva), 0);
	/* Execute-only is readable only with MXR. */
	ck_assert_int_eq(peek(0x2000, &v), EXC_LOAD_PAGE_FAULT);
	hart_csr_write(t.h, 0x100, 1ull << 19);
	ck_assert_int_eq(peek(0x2000, &v), 0);
	/* Read-only: store page fault. W without R: page fault. */
	ck_assert_int_eq(hart_vm_write(t.h, PRIV_S, 0x3000, &v, 8, &fva), EXC_STORE_PAGE_FAULT);
	ck_assert_int_eq(peek(0x4000, &v), EXC_LOAD_PAGE_FAULT);
}
END_TEST

START_TEST(stale_until_sfence)
{
	uint64_t root = alloc_pt();
	map(root, 0x7000, RAM_BASE + 0x200000, 0, RWX_AD);
	wr64(&t, RAM_BASE + 0x200000, 1);
	wr64(&t, RAM_BASE + 0x201000, 2);
	use(root, 0);
	ck_assert_uint_eq(peekv(0x7000), 1);
	struct tlb_stats st0, st1;
	hart_tlb_stats(t.h, &st0);
	/* The kernel retargets the PTE and forgets sfence.vma: the old page is used. */
	map(root, 0x7000, RAM_BASE + 0x201000, 0, RWX_AD);
	ck_assert_uint_eq(peekv(0x7000), 1);
	hart_tlb_stats(t.h, &st1);
	ck_assert_uint_eq(st1.hits, st0.hits + 1);
	ck_assert_uint_eq(st1.misses, st0.misses);
	hart_sfence_vma(t.h, true, 0x7000, false, 0);
	ck_assert_uint_eq(peekv(0x7000), 2);
	hart_tlb_stats(t.h, &st1);
	ck_assert_uint_eq(st1.misses, st0.misses + 1);
	ck_assert_uint_eq(st1.flushes, st0.flushes + 1);
	/* Removing the mapping is not seen either until the fence. */
	wr64(&t, leaf(root, 0x7000), 0);
	ck_assert_uint_eq(peekv(0x7000), 2);
	hart_sfence_vma(t.h, false, 0, false, 0);
	uint64_t v;
	ck_assert_int_eq(peek(0x7000, &v), EXC_LOAD_PAGE_FAULT);
}
END_TEST

START_TEST(stale_seen_by_executed_code)
{
	/* S-mode code, identity-mapped by a 1 GiB page, loads through a 4 KiB
	 * mapping that changes behind the TLB's back; sfence.vma in the program. */
	uint64_t root = alloc_pt();
	map(root, RAM_BASE, RAM_BASE, 2, RWX_AD);
	map(root, 0x9000, RAM_BASE + 0x200000, 0, RWX_AD);
	wr64(&t, RAM_BASE + 0x200000, 10);
	wr64(&t, RAM_BASE + 0x201000, 20);
	use(root, 0);
	hart_set_priv(t.h, PRIV_S);
	hart_set_x(t.h, A0, 0x9000);
	hart_set_x(t.h, A1, leaf(root, 0x9000));
	hart_set_x(t.h, A2, ((RAM_BASE + 0x201000) >> 12) << 10 | RWX_AD);
	const uint32_t p[] = {LD(A3, A0, 0),	 SD(A2, A1, 0), LD(A4, A0, 0),
			      SFENCE_VMA(A0, 0), LD(A5, A0, 0), ECALL};
	tb_code(&t, RAM_BASE, p, 6);
	ck_assert_int_eq(hart_run(t.h, 100), HART_WFI);
	ck_assert_uint_eq(csr(&t, 0x342), EXC_ECALL_S);
	ck_assert_uint_eq(hart_get_x(t.h, A3), 10);
	ck_assert_uint_eq(hart_get_x(t.h, A4), 10);
	ck_assert_uint_eq(hart_get_x(t.h, A5), 20);
}
END_TEST

START_TEST(asid_separation)
{
	uint64_t r1 = alloc_pt(), r2 = alloc_pt();
	map(r1, 0x1000, RAM_BASE + 0x200000, 0, RWX_AD);
	map(r2, 0x1000, RAM_BASE + 0x201000, 0, RWX_AD);
	wr64(&t, RAM_BASE + 0x200000, 1);
	wr64(&t, RAM_BASE + 0x201000, 2);
	use(r1, 1);
	ck_assert_uint_eq(peekv(0x1000), 1);
	use(r2, 2);
	ck_assert_uint_eq(peekv(0x1000), 2);
	struct tlb_stats a, b;
	hart_tlb_stats(t.h, &a);
	/* Back to ASID 1: its entry survived the switch (no flush, no walk). */
	use(r1, 1);
	ck_assert_uint_eq(peekv(0x1000), 1);
	hart_tlb_stats(t.h, &b);
	ck_assert_uint_eq(b.misses, a.misses);
	ck_assert_uint_eq(b.flushes, a.flushes);
}
END_TEST

START_TEST(sfence_forms)
{
	/* Entries: (asid 1, A), (asid 1, B), (asid 2, A), global C. Then every
	 * PTE is retargeted; which translations change tells what was flushed. */
	const uint64_t A = 0x1000, B = 0x2000, C = 0x3000;
	const uint64_t old = RAM_BASE + 0x200000, new = RAM_BASE + 0x201000;
	uint64_t r1 = alloc_pt(), r2 = alloc_pt();
	wr64(&t, old, 1);
	wr64(&t, new, 2);
	map(r1, A, old, 0, RWX_AD);
	map(r1, B, old, 0, RWX_AD);
	map(r1, C, old, 0, RWX_AD | G);
	map(r2, A, old, 0, RWX_AD);
	use(r1, 1);
	peekv(A), peekv(B), peekv(C);
	use(r2, 2);
	peekv(A);
	map(r1, A, new, 0, RWX_AD);
	map(r1, B, new, 0, RWX_AD);
	map(r1, C, new, 0, RWX_AD | G);
	map(r2, A, new, 0, RWX_AD);

	/* One address in one ASID. */
	hart_sfence_vma(t.h, true, A, true, 1);
	ck_assert_uint_eq(peekv(A), 1); /* asid 2 entry still stale */
	use(r1, 1);
	ck_assert_uint_eq(peekv(A), 2);
	ck_assert_uint_eq(peekv(B), 1);
	/* All of one ASID but not globals. */
	hart_sfence_vma(t.h, false, 0, true, 1);
	ck_assert_uint_eq(peekv(B), 2);
	ck_assert_uint_eq(peekv(C), 1);
	/* One address in every ASID, globals included. */
	hart_sfence_vma(t.h, true, C, false, 0);
	ck_assert_uint_eq(peekv(C), 2);
	use(r2, 2);
	ck_assert_uint_eq(peekv(A), 1);
	/* Everything. */
	hart_sfence_vma(t.h, false, 0, false, 0);
	ck_assert_uint_eq(peekv(A), 2);
}
END_TEST

START_TEST(superpage_sfence_by_inner_address)
{
	uint64_t root = alloc_pt();
	map(root, 0x40000000, RAM_BASE + 0x200000, 1, RWX_AD);
	use(root, 0);
	wr64(&t, RAM_BASE + 0x200100, 5);
	wr64(&t, RAM_BASE + 0x100, 6);
	ck_assert_uint_eq(peekv(0x40000100), 5);
	map(root, 0x40000000, RAM_BASE, 1, RWX_AD);
	ck_assert_uint_eq(peekv(0x40000100), 5); /* stale */
	/* sfence of another address inside the 2 MiB page drops the piece at 0. */
	hart_sfence_vma(t.h, true, 0x40123000, false, 0);
	ck_assert_uint_eq(peekv(0x40000100), 6);
}
END_TEST

START_TEST(cross_page_access)
{
	uint64_t root = alloc_pt();
	map(root, RAM_BASE, RAM_BASE, 2, RWX_AD);
	map(root, 0x10000, RAM_BASE + 0x205000, 0, RWX_AD);
	map(root, 0x11000, RAM_BASE + 0x202000, 0, RWX_AD);
	use(root, 0);
	hart_set_priv(t.h, PRIV_S);
	hart_set_x(t.h, A0, 0x10ffc);
	hart_set_x(t.h, A1, 0x8877665544332211ull);
	hart_set_x(t.h, A2, 0x11ffe); /* second page unmapped */
	const uint32_t p[] = {SD(A1, A0, 0), LD(A3, A0, 0), LW(A4, A0, 2), SD(A1, A2, 0)};
	tb_code(&t, RAM_BASE, p, 4);
	hart_run(t.h, 100);
	ck_assert_uint_eq(hart_get_x(t.h, A3), 0x8877665544332211ull);
	ck_assert_uint_eq(hart_get_x(t.h, A4), 0x66554433);
	ck_assert_uint_eq(rd64(&t, RAM_BASE + 0x205ff8) >> 32, 0x44332211);
	ck_assert_uint_eq(rd64(&t, RAM_BASE + 0x202000) & 0xffffffff, 0x88776655);
	/* The page-crossing store into an unmapped page faults and writes nothing. */
	ck_assert_uint_eq(csr(&t, 0x342), EXC_STORE_PAGE_FAULT);
	ck_assert_uint_eq(csr(&t, 0x341), RAM_BASE + 12);
	ck_assert_uint_eq(csr(&t, 0x343), 0x12000);
	ck_assert_uint_eq(rd64(&t, RAM_BASE + 0x202ff8) >> 48, 0);
}
END_TEST

START_TEST(vm_copy_faults)
{
	uint64_t root = alloc_pt();
	map(root, 0x1000, RAM_BASE + 0x200000, 0, RWX_AD);
	use(root, 0);
	uint8_t buf[64] = {0};
	uint64_t fva = 0;
	/* A read spanning into an unmapped page reports the first bad address. */
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_S, 0x1ff0, buf, 32, &fva), EXC_LOAD_PAGE_FAULT);
	ck_assert_uint_eq(fva, 0x2000);
	ck_assert_int_eq(hart_vm_write(t.h, PRIV_S, 0x1ff0, buf, 32, &fva), EXC_STORE_PAGE_FAULT);
	ck_assert_uint_eq(fva, 0x2000);
	memset(buf, 0x5a, sizeof(buf));
	ck_assert_int_eq(hart_vm_write(t.h, PRIV_S, 0x1010, buf, 16, &fva), 0);
	ck_assert_uint_eq(rd64(&t, RAM_BASE + 0x200010), 0x5a5a5a5a5a5a5a5aull);
	/* M-mode copies are physical. */
	ck_assert_int_eq(hart_vm_read(t.h, PRIV_M, RAM_BASE + 0x200010, buf, 8, &fva), 0);
	ck_assert_uint_eq(buf[7], 0x5a);
}
END_TEST

START_TEST(pmp_on_walk)
{
	uint64_t root = alloc_pt();
	map(root, 0x1000, RAM_BASE + 0x200000, 0, RWX_AD);
	use(root, 0);
	/* Entry 0: NAPOT 4 KiB over the root table, no permissions for S. */
	hart_csr_write(t.h, 0x3b0, (root >> 2) | 0x1ff);
	hart_csr_write(t.h, 0x3b0, (root >> 2) | ((4096 >> 3) - 1));
	hart_csr_write(t.h, 0x3a0, 0x18);
	uint64_t v;
	ck_assert_int_eq(peek(0x1000, &v), EXC_LOAD_ACCESS);
	/* The data page itself denied: access fault for the access. */
	hart_csr_write(t.h, 0x3b0, ((RAM_BASE + 0x200000) >> 2) | ((4096 >> 3) - 1));
	ck_assert_int_eq(peek(0x1000, &v), EXC_LOAD_ACCESS);
	hart_csr_write(t.h, 0x3a0, 0x18 | 1); /* R allowed */
	ck_assert_int_eq(peek(0x1000, &v), 0);
}
END_TEST

static int fills;
static uint64_t fill_pa;
static char fill_kind;

static void on_fill(void *ctx, uint64_t pa_page, char access)
{
	(void)ctx;
	fills++;
	fill_pa = pa_page;
	fill_kind = access;
}

START_TEST(fill_hook_and_capacity)
{
	/* A 4-entry TLB (one set): the 5th page evicts the 1st. */
	hart_destroy(t.h);
	struct hart_config cfg = {.tlb_entries = 4};
	t.h = hart_create(&t.bus, &cfg);
	hart_reset(t.h, RAM_BASE);
	hart_csr_write(t.h, 0x3b0 + 15, ~0ull >> 10);
	hart_csr_write(t.h, 0x3a2, 0x1full << 56);
	hart_set_fill_hook(t.h, on_fill, NULL);
	uint64_t root = alloc_pt();
	for (int i = 0; i < 5; i++)
		map(root, 0x1000 * (i + 1), RAM_BASE + 0x200000 + 0x1000 * i, 0, RWX_AD);
	use(root, 0);
	struct tlb_stats st;
	hart_tlb_stats(t.h, &st);
	ck_assert_uint_eq(st.entries, 4);
	for (int i = 0; i < 5; i++)
		peekv(0x1000 * (i + 1));
	ck_assert_int_eq(fills, 5);
	ck_assert_uint_eq(fill_pa, RAM_BASE + 0x204000);
	ck_assert_int_eq(fill_kind, 'r');
	peekv(0x1000);
	hart_tlb_stats(t.h, &st);
	ck_assert_uint_eq(st.misses, 6);
	ck_assert_uint_eq(st.hits, 0);
	peekv(0x1000);
	hart_tlb_stats(t.h, &st);
	ck_assert_uint_eq(st.hits, 1);
}
END_TEST

START_TEST(satp_mode_change_flushes)
{
	uint64_t root = alloc_pt();
	map(root, 0x1000, RAM_BASE + 0x200000, 0, RWX_AD);
	use(root, 0);
	peekv(0x1000);
	struct tlb_stats a, b;
	hart_tlb_stats(t.h, &a);
	hart_csr_write(t.h, 0x180, 0);
	hart_tlb_stats(t.h, &b);
	ck_assert_uint_eq(b.flushes, a.flushes + 1);
	/* Bare: S accesses are physical. */
	uint64_t v;
	ck_assert_int_eq(peek(RAM_BASE + 0x200000, &v), 0);
	use(root, 0);
	peekv(0x1000);
	hart_tlb_stats(t.h, &a);
	ck_assert_uint_eq(a.misses, b.misses + 1);
}
END_TEST

/*
 * RAM sits 2 MiB-aligned in the host, and after the hart has filled its fast
 * TLB from a chunk of RAM 2048 times (ramhuge.c asks the host for huge pages
 * behind it then), the guest and the host still see the same bytes.
 */
START_TEST(ram_huge_pages_keep_contents)
{
	const uint64_t lo = 0x10000, n = (RAM_SIZE - lo) / 4096;
	uint64_t sum = 0;
	ck_assert_uint_eq((uintptr_t)t.bus.ram & ((2u << 20) - 1), 0);
	for (uint64_t i = 0; i < n; i++) {
		wr64(&t, RAM_BASE + lo + i * 4096, i * 0x9e3779b97f4a7c15ull);
		wr64(&t, RAM_BASE + lo + i * 4096 + 8, ~i);
		sum += i * 0x9e3779b97f4a7c15ull;
	}
	uint8_t *copy = malloc(RAM_SIZE - lo);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, t.bus.ram + lo, RAM_SIZE - lo);
	/* Three passes reading the first word of every page, with sfence.vma
	 * (which empties the fast TLB) between them: 3 * 1008 fills. */
	const uint32_t prog[] = {
	    ADDI(A3, 0, 3),   ADDI(A0, A1, 0),	LD(T0, A0, 0),	  ADD(A4, A4, T0), ADD(A0, A0, A2),
	    BLT(A0, A5, -12), SFENCE_VMA(0, 0), ADDI(A3, A3, -1), BNE(A3, 0, -28), WFI,
	};
	tb_code(&t, RAM_BASE, prog, sizeof(prog) / sizeof(prog[0]));
	hart_set_x(t.h, A1, RAM_BASE + lo);
	hart_set_x(t.h, A2, 4096);
	hart_set_x(t.h, A5, RAM_BASE + RAM_SIZE);
	ck_assert_int_eq(hart_run(t.h, 100000), HART_WFI);
	ck_assert_uint_eq(hart_get_x(t.h, A3), 0);
	ck_assert_uint_eq(hart_get_x(t.h, A4), 3 * sum);
	ck_assert_int_eq(memcmp(copy, t.bus.ram + lo, RAM_SIZE - lo), 0);
	free(copy);
}
END_TEST

static Suite *mmu_suite(void)
{
	Suite *s = suite_create("mmu");
	TCase *tc = tcase_create("sv39");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, page_sizes);
	tcase_add_test(tc, accessed_dirty);
	tcase_add_test(tc, misaligned_superpage);
	tcase_add_test(tc, permissions);
	tcase_add_test(tc, stale_until_sfence);
	tcase_add_test(tc, stale_seen_by_executed_code);
	tcase_add_test(tc, asid_separation);
	tcase_add_test(tc, sfence_forms);
	tcase_add_test(tc, superpage_sfence_by_inner_address);
	tcase_add_test(tc, cross_page_access);
	tcase_add_test(tc, vm_copy_faults);
	tcase_add_test(tc, pmp_on_walk);
	tcase_add_test(tc, fill_hook_and_capacity);
	tcase_add_test(tc, satp_mode_change_flushes);
	tcase_add_test(tc, ram_huge_pages_keep_contents);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mmu_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
