/*
 * test_swap_fault.c - swap in a real address space, without a hart: reclaim
 * ages a mapped anonymous page through its PTE's A bit (cleared by
 * page_referenced), then swaps it out (the PTE becomes the swap PTE of
 * os/mm/swap_fault.h, MM_SWAPENTS counts it), the fault brings the same
 * bytes back (a major fault, the slot freed); fork duplicates swap PTEs and
 * the swap cache makes both processes fault in one page with one read;
 * munmap of a swap PTE frees its slot.
 */
#include <check.h>
#include <string.h>

#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/swap_fault.h"
#include "os/mm/swap_state.h"
#include "os/mm/swapfile.h"
#include "os/mm/vmscan.h"
#include "os/mm/vmstat.h"
#include "tests/unit/kernel_fixture.h"

static struct mm_struct *mm;
static int swap_type;
static uint64_t base;

static void setup(void)
{
	kfix_setup();
	swap_type = swapon_file(kfix_path("swapfile"), 1 << 20, 0, true);
	ck_assert_int_ge(swap_type, 0);
	mm = mm_alloc();
	ck_assert_ptr_nonnull(mm);
	base = (uint64_t)do_mmap(mm, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0, 1);
	ck_assert_uint_lt(base, TASK_SIZE);
}

static void teardown(void)
{
	mmput(mm);
	ck_assert_uint_eq(nr_swap_pages(), total_swap_pages()); /* every slot free again */
	ck_assert_int_eq(swapoff_type((unsigned int)swap_type), 0);
	kfix_teardown();
}

static pte_t pte_of(struct mm_struct *m, uint64_t va)
{
	pte_t *p = pte_offset(m, va, false);
	ck_assert_ptr_nonnull(p);
	return *p;
}

static struct page *page_at(struct mm_struct *m, uint64_t va)
{
	pte_t e = pte_of(m, va);
	ck_assert(pte_present(e));
	return pfn_to_page(pte_pfn(e));
}

/* One reclaim pass over just this page; returns pages freed (0 or 1). */
static unsigned long reclaim_page(struct page *pg)
{
	LIST_HEAD(list);
	struct scan_control sc = {.gfp_mask = GFP_KERNEL,
				  .priority = DEF_PRIORITY,
				  .may_swap = true,
				  .may_writepage = true};
	ck_assert_int_eq(isolate_lru_page(pg), 0);
	list_add(&pg->lru, &list);
	unsigned long n = shrink_page_list(&list, &sc);
	while (!list_empty(&list)) {
		struct page *p = list_first_entry(&list, struct page, lru);
		list_del(&p->lru);
		putback_lru_page(p);
	}
	return n;
}

/* Fault the page at base in, fill it with a pattern, swap it out; returns its swap PTE. */
static pte_t fill_and_swap_out(void)
{
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	struct page *pg = page_at(mm, base);
	for (int i = 0; i < 512; i++)
		((uint64_t *)page_address(pg))[i] = 0x1234567800000000ull + (uint64_t)i;
	ck_assert(PageLRU(pg));
	ck_assert(pte_of(mm, base) & _PAGE_ACCESSED); /* faulted pages are young */
	/* first pass: the young PTE keeps it, and its A bit is cleared */
	ck_assert_uint_eq(reclaim_page(pg), 0);
	ck_assert_uint_eq(pte_of(mm, base) & _PAGE_ACCESSED, 0);
	ck_assert(PageReferenced(pg));
	/* second pass: unreferenced PTE, so it goes to swap */
	unsigned long out0 = vm_event_count(PSWPOUT);
	ck_assert_uint_eq(reclaim_page(pg), 1);
	ck_assert_uint_eq(vm_event_count(PSWPOUT), out0 + 1);
	return pte_of(mm, base);
}

START_TEST(swap_out_and_in)
{
	pte_t e = fill_and_swap_out();
	swp_entry_t entry = pte_to_swp_entry(e);
	ck_assert(is_swap_pte(e));
	ck_assert_uint_eq(e & 0x7f, 0); /* V and the permission bits clear */
	ck_assert_uint_eq(e,
			  swp_entry_to_pte(swp_entry((unsigned int)swap_type, swp_offset(entry))));
	ck_assert_uint_ge(swp_offset(entry), 1);
	ck_assert_int_eq(mm->rss_stat[MM_SWAPENTS], 1);
	ck_assert_int_eq(mm->rss_stat[MM_ANONPAGES], 0);
	ck_assert_int_eq(swp_swapcount(entry), 1);
	ck_assert_uint_eq(total_swapcache_pages(), 0);
	/* the fault reads it back: a major fault, the same bytes, the slot freed */
	unsigned long in0 = vm_event_count(PSWPIN), maj0 = mm->maj_flt;
	ck_assert_int_eq(handle_mm_fault(mm, base + 8, 0, 1), VM_FAULT_OK);
	ck_assert_uint_eq(vm_event_count(PSWPIN), in0 + 1);
	ck_assert_uint_eq(mm->maj_flt, maj0 + 1);
	struct page *pg = page_at(mm, base);
	for (int i = 0; i < 512; i++)
		ck_assert_uint_eq(((uint64_t *)page_address(pg))[i],
				  0x1234567800000000ull + (uint64_t)i);
	ck_assert(pte_write(pte_of(mm, base))); /* exclusive again: writable */
	ck_assert(PageAnon(pg) && !PageSwapCache(pg) && PageDirty(pg));
	ck_assert_int_eq(mm->rss_stat[MM_SWAPENTS], 0);
	ck_assert_int_eq(mm->rss_stat[MM_ANONPAGES], 1);
	ck_assert_uint_eq(swap_map_byte(entry), 0);
}
END_TEST

START_TEST(fork_shares_one_swap_in)
{
	pte_t e = fill_and_swap_out();
	swp_entry_t entry = pte_to_swp_entry(e);
	struct mm_struct *child = dup_mm(mm);
	ck_assert_ptr_nonnull(child);
	ck_assert_uint_eq(pte_of(child, base), e);
	ck_assert_int_eq(swp_swapcount(entry), 2);
	ck_assert_int_eq(child->rss_stat[MM_SWAPENTS], 1);
	unsigned long in0 = vm_event_count(PSWPIN);
	/* the child reads it in: still shared with the parent's swap PTE, so read-only */
	ck_assert_int_eq(handle_mm_fault(child, base, 0, 2), VM_FAULT_OK);
	struct page *pg = page_at(child, base);
	ck_assert(PageSwapCache(pg));
	ck_assert(!pte_write(pte_of(child, base)));
	/* the parent finds the same page in the swap cache: no second read */
	ck_assert_int_eq(handle_mm_fault(mm, base, 0, 1), VM_FAULT_OK);
	ck_assert_ptr_eq(page_at(mm, base), pg);
	ck_assert_uint_eq(vm_event_count(PSWPIN), in0 + 1);
	ck_assert_int_eq(page_mapcount(pg), 2);
	ck_assert_uint_eq(swap_map_byte(entry), 0); /* no PTE refers to the slot: freed */
	/* a write in the child copies (the page is shared) and leaves the parent's bytes */
	ck_assert_int_eq(handle_mm_fault(child, base, FAULT_FLAG_WRITE, 2), VM_FAULT_OK);
	ck_assert_ptr_ne(page_at(child, base), pg);
	((uint64_t *)page_address(page_at(child, base)))[0] = 7;
	ck_assert_uint_eq(((uint64_t *)page_address(pg))[0], 0x1234567800000000ull);
	mmput(child);
}
END_TEST

START_TEST(munmap_frees_the_slot)
{
	pte_t e = fill_and_swap_out();
	swp_entry_t entry = pte_to_swp_entry(e);
	unsigned long free_slots = nr_swap_pages();
	ck_assert_int_eq(do_munmap(mm, base, 2 * PAGE_SIZE), 0);
	ck_assert_uint_eq(swap_map_byte(entry), 0);
	ck_assert_uint_eq(nr_swap_pages(), free_slots + 1);
	ck_assert_int_eq(mm->rss_stat[MM_SWAPENTS], 0);
}
END_TEST

static Suite *swap_fault_suite(void)
{
	Suite *s = suite_create("swap_fault");
	TCase *tc = tcase_create("mm");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, swap_out_and_in);
	tcase_add_test(tc, fork_shares_one_swap_in);
	tcase_add_test(tc, munmap_frees_the_slot);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(swap_fault_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
