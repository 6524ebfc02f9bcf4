/*
 * test_vma.c - VMAs and the fault path without a hart: the sorted VMA set
 * (insert, split, merge, gaps), mmap/munmap/mprotect/brk, and demand paging
 * checked by walking the Sv39 tables in guest RAM by hand.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/rmap.h"
#include "os/mm/slab.h"
#include "os/uapi.h"
#include "tests/unit/kernel_fixture.h"

static struct mm_struct *mm;

static void setup(void)
{
	kfix_setup();
	mm = mm_alloc();
	ck_assert_ptr_nonnull(mm);
}

static void teardown(void)
{
	drain_all_pages();
	unsigned long f0 = nr_free_pages(), tables = mm->pgtables_bytes / PAGE_SIZE;
	mmput(mm);
	drain_all_pages();
	ck_assert_uint_ge(nr_free_pages(), f0 + tables);
	kfix_teardown();
}

/* Walk the tables as the hart would: the leaf PTE of va or 0. */
static uint64_t walk(uint64_t va)
{
	uint64_t *t = page_address(mm->pgd);
	for (int level = 2; level >= 0; level--) {
		uint64_t e = t[(va >> (12 + 9 * level)) & 511];
		if (!(e & _PAGE_PRESENT))
			return 0;
		if (level == 0)
			return e;
		ck_assert_uint_eq(e & 0xe, 0); /* a pointer, not a leaf */
		t = page_address(pfn_to_page(e >> 10));
	}
	return 0;
}

static uint8_t *page_of(uint64_t va)
{
	uint64_t e = walk(va);
	ck_assert_uint_ne(e, 0);
	return (uint8_t *)page_address(pfn_to_page(e >> 10)) + (va & 0xfff);
}

#define MAP(a, l, p, f) do_mmap(mm, a, l, p, f, NULL, 0, 1)

START_TEST(vma_set_order_and_merge)
{
	ck_assert_int_eq(MAP(0x20000, 0x3000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			 0x20000);
	ck_assert_int_eq(MAP(0x10000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			 0x10000);
	/* adjacent and compatible: merged into one VMA */
	ck_assert_int_eq(MAP(0x23000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			 0x23000);
	ck_assert_int_eq(mm->map_count, 2);
	ck_assert_uint_eq(mm->vmas[1]->vm_end, 0x24000);
	ck_assert_ptr_eq(find_vma(mm, 0x11000), mm->vmas[1]);
	ck_assert_ptr_null(vma_lookup(mm, 0x11000));
	ck_assert_ptr_eq(vma_lookup(mm, 0x23fff), mm->vmas[1]);
	ck_assert_ptr_null(find_vma(mm, 0x24000));
	ck_assert_uint_eq(mm->total_vm, 5);
	/* NOREPLACE refuses an overlap; FIXED replaces it */
	ck_assert_int_eq(MAP(0x21000, 0x1000, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE),
			 -EEXIST);
	ck_assert_int_eq(
	    MAP(0x21000, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
	    0x21000);
	ck_assert_int_eq(mm->map_count, 4);
	ck_assert_uint_eq(mm->vmas[2]->vm_flags & VM_WRITE, VM_WRITE);
	ck_assert_uint_eq(mm->data_vm, 1);
	/* mprotect back to read-only merges the three pieces again */
	ck_assert_int_eq(do_mprotect(mm, 0x21000, 0x1000, PROT_READ), 0);
	ck_assert_int_eq(mm->map_count, 2);
	/* munmap the middle: a split */
	ck_assert_int_eq(do_munmap(mm, 0x21000, 0x1000), 0);
	ck_assert_int_eq(mm->map_count, 3);
	ck_assert_uint_eq(mm->vmas[1]->vm_end, 0x21000);
	ck_assert_uint_eq(mm->vmas[2]->vm_start, 0x22000);
	ck_assert_int_eq(do_munmap(mm, 0x21001, 0x1000), -EINVAL);
	ck_assert_int_eq(do_mprotect(mm, 0x20000, 0x3000, PROT_READ), -ENOMEM); /* hole */
}
END_TEST

START_TEST(topdown_placement)
{
	int64_t a = MAP(0, 0x5000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	int64_t b = MAP(0, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	ck_assert_int_eq(a, (int64_t)(MMAP_BASE - 0x5000));
	ck_assert_int_eq(b, a - 0x1000);
	ck_assert_int_eq(do_munmap(mm, (uint64_t)a, 0x1000), 0);
	/* the freed hole at the bottom of a is reused for a fitting request */
	ck_assert_int_eq(MAP(0, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS), a);
	ck_assert_int_eq(MAP(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	ck_assert_int_eq(MAP(0, 0x1000, PROT_READ, MAP_ANONYMOUS), -EINVAL);
}
END_TEST

START_TEST(demand_zero_and_write)
{
	unsigned long free0;
	uint64_t base =
	    (uint64_t)MAP(0, 0x4000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	kmem_cache_shrink_all();
	drain_all_pages();
	free0 = nr_free_pages();
	ck_assert_uint_eq(walk(base), 0);
	/* read: the zero page, read-only, no RSS */
	ck_assert_int_eq(handle_mm_fault(mm, base + 8, 0, 1), VM_FAULT_OK);
	uint64_t e = walk(base);
	ck_assert_uint_eq(e >> 10, page_to_pfn(zero_page()));
	ck_assert_uint_eq(e & (_PAGE_READ | _PAGE_WRITE | _PAGE_USER), _PAGE_READ | _PAGE_USER);
	ck_assert_int_eq(get_mm_rss(mm), 0);
	/* write after read: a private zeroed frame replaces the zero page */
	ck_assert_int_eq(handle_mm_fault(mm, base + 8, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	e = walk(base);
	ck_assert_uint_ne(e >> 10, page_to_pfn(zero_page()));
	ck_assert_uint_eq(e & _PAGE_WRITE, _PAGE_WRITE);
	ck_assert_int_eq(page_of(base)[8], 0);
	ck_assert_int_eq(mm->rss_stat[MM_ANONPAGES], 1);
	ck_assert_uint_eq(page_tag(pfn_to_page(e >> 10))->kind, FK_ANON);
	ck_assert_int_eq(page_mapcount(pfn_to_page(e >> 10)), 1);
	/* direct write fault on another page */
	ck_assert_int_eq(handle_mm_fault(mm, base + 0x3000, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	ck_assert_int_eq(mm->rss_stat[MM_ANONPAGES], 2);
	ck_assert_uint_eq(mm->hiwater_rss, 2);
	ck_assert_uint_eq(mm->min_flt, 3);
	/* invalid accesses */
	ck_assert_int_eq(handle_mm_fault(mm, base - 0x10000, 0, 1), VM_FAULT_MAPERR);
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_INSTRUCTION, 1), VM_FAULT_ACCERR);
	/* munmap gives the frames back (page-table pages stay until exit) */
	struct page *p0 = pfn_to_page(walk(base) >> 10),
		    *p3 = pfn_to_page(walk(base + 0x3000) >> 10);
	ck_assert_int_eq(do_munmap(mm, base, 0x4000), 0);
	ck_assert_uint_eq(walk(base), 0);
	ck_assert_int_eq(get_mm_rss(mm), 0);
	ck_assert_int_eq(page_ref_count(p0), 0);
	ck_assert_int_eq(page_ref_count(p3), 0);
	kmem_cache_shrink_all();
	drain_all_pages();
	ck_assert_uint_eq(page_tag(p0)->kind, FK_FREE);
	ck_assert_uint_eq(page_tag(p3)->kind, FK_FREE);
	/* page-table pages stay until exit: the root and one table at each lower level */
	ck_assert_uint_eq(mm->pgtables_bytes, 3 * PAGE_SIZE);
	ck_assert_uint_ge(nr_free_pages() + 2, free0);
}
END_TEST

START_TEST(readonly_write_is_accerr)
{
	uint64_t base = (uint64_t)MAP(0, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_WRITE, 1), VM_FAULT_ACCERR);
	ck_assert_int_eq(do_mprotect(mm, base, 0x1000, PROT_READ | PROT_WRITE), 0);
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	page_of(base)[0] = 42;
	ck_assert_int_eq(do_mprotect(mm, base, 0x1000, PROT_READ), 0);
	ck_assert_uint_eq(walk(base) & _PAGE_WRITE, 0);
	ck_assert_int_eq(*page_of(base), 42);
	ck_assert_int_eq(do_mprotect(mm, base, 0x1000, PROT_NONE), 0);
	ck_assert_uint_eq(walk(base) & (_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC), 0);
	ck_assert_int_eq(handle_mm_fault(mm, base, 0, 1), VM_FAULT_ACCERR);
}
END_TEST

START_TEST(brk_grows_and_shrinks)
{
	mm->start_brk = mm->brk = 0x80000;
	ck_assert_uint_eq(do_brk(mm, 0x80000 + 100, 1), 0x80000 + 100);
	ck_assert_int_eq(mm->map_count, 1);
	ck_assert_uint_eq(mm->vmas[0]->vm_end, 0x81000);
	ck_assert_uint_eq(do_brk(mm, 0x83000, 1), 0x83000);
	ck_assert_int_eq(mm->map_count, 1); /* merged */
	ck_assert_int_eq(handle_mm_fault(mm, 0x82000, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	ck_assert_uint_eq(do_brk(mm, 0x81000, 1), 0x81000);
	ck_assert_uint_eq(walk(0x82000), 0);
	ck_assert_uint_eq(do_brk(mm, 0x1000, 1), 0x81000); /* below start_brk: unchanged */
	ck_assert_int_eq(MAP(0x90000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED),
			 0x90000);
	ck_assert_uint_eq(do_brk(mm, 0x90000, 1), 0x81000); /* would hit a mapping */
}
END_TEST

START_TEST(file_mapping_shares_page_cache)
{
	char text[5000];
	memset(text, 'a', sizeof(text));
	text[4096] = 'B';
	text[sizeof(text) - 1] = '\0';
	kfix_write("root/data", text);
	struct file *f;
	ck_assert_int_eq(do_filp_open(&kfix_ctx, LINUX_AT_FDCWD, "/data", LINUX_O_RDONLY, 0, &f),
			 0);
	struct mm_struct *mm2 = mm_alloc();
	int64_t a = do_mmap(mm, 0, 0x2000, PROT_READ, MAP_PRIVATE, f, 0, 1);
	int64_t b = do_mmap(mm2, 0, 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE, f, 0x1000, 2);
	ck_assert_int_gt(a, 0);
	ck_assert_int_gt(b, 0);
	ck_assert_int_eq(handle_mm_fault(mm, (uint64_t)a + 0x1000, 0, 1), VM_FAULT_OK);
	ck_assert_uint_eq(mm->maj_flt, 1);
	ck_assert_int_eq(page_of((uint64_t)a + 0x1000)[0], 'B');
	ck_assert_int_eq(page_of((uint64_t)a + 0x1000)[1000], 0); /* past EOF: zeros */
	struct page *cached = pfn_to_page(walk((uint64_t)a + 0x1000) >> 10);
	ck_assert_uint_eq(page_tag(cached)->kind, FK_FILE);
	/* the other mm reads the same frame: a minor fault */
	struct mm_struct *save = mm;
	mm = mm2;
	ck_assert_int_eq(handle_mm_fault(mm2, (uint64_t)b, 0, 2), VM_FAULT_OK);
	ck_assert_uint_eq(mm2->maj_flt, 0);
	ck_assert_uint_eq(mm2->min_flt, 1);
	ck_assert_ptr_eq(pfn_to_page(walk((uint64_t)b) >> 10), cached);
	ck_assert_int_eq(page_mapcount(cached), 2);
	ck_assert_uint_eq(walk((uint64_t)b) & _PAGE_WRITE, 0); /* private: read-only */
	/* a write copies: the cache page is untouched */
	ck_assert_int_eq(handle_mm_fault(mm2, (uint64_t)b, FAULT_FLAG_WRITE, 2), VM_FAULT_OK);
	ck_assert_ptr_ne(pfn_to_page(walk((uint64_t)b) >> 10), cached);
	page_of((uint64_t)b)[0] = 'Z';
	ck_assert_int_eq(((char *)page_address(cached))[0], 'B');
	ck_assert_int_eq(page_mapcount(cached), 1);
	ck_assert_int_eq(mm2->rss_stat[MM_ANONPAGES], 1);
	ck_assert_int_eq(mm2->rss_stat[MM_FILEPAGES], 0);
	mm = save;
	/* beyond EOF (page 2 of a 1-page-and-a-bit file): SIGBUS */
	int64_t c = do_mmap(mm, 0, 0x3000, PROT_READ, MAP_PRIVATE, f, 0, 1);
	ck_assert_int_eq(handle_mm_fault(mm, (uint64_t)c + 0x2000, 0, 1), VM_FAULT_SIGBUS);
	mmput(mm2);
	fput(f);
}
END_TEST

START_TEST(shared_mapping_and_read_write_agree)
{
	char text[4097], buf[8];
	memset(text, 'a', 4096);
	text[4096] = '\0';
	kfix_write("root/shared", text);
	int fd = do_sys_openat(&kfix_ctx, LINUX_AT_FDCWD, "/shared", LINUX_O_RDWR, 0);
	ck_assert_int_ge(fd, 0);
	struct file *f = fget_raw(kfix_ctx.files, fd);
	int64_t a = do_mmap(mm, 0, 0x1000, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0, 1);
	ck_assert_int_gt(a, 0);
	ck_assert_int_eq(handle_mm_fault(mm, (uint64_t)a, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	ck_assert_uint_eq(walk((uint64_t)a) & _PAGE_WRITE, _PAGE_WRITE); /* shared: writable */
	page_of((uint64_t)a)[1] = 'Z'; /* a store through the mapping */
	/* read() goes through the same page cache */
	ck_assert_int_eq(vfs_pread(&kfix_ctx, fd, buf, 3, 0), 3);
	ck_assert_int_eq(memcmp(buf, "aZa", 3), 0);
	/* write() updates the page the mapping sees */
	ck_assert_int_eq(vfs_pwrite(&kfix_ctx, fd, "Q", 1, 2), 1);
	ck_assert_int_eq(page_of((uint64_t)a)[2], 'Q');
	/* the host file has the write() but not yet the store... */
	FILE *h = fopen(kfix_path("root/shared"), "r");
	ck_assert_int_eq(fread(buf, 1, 3, h), 3);
	fclose(h);
	ck_assert_int_eq(memcmp(buf, "aaQ", 3), 0);
	/* ...until munmap writes the dirty page back (D as the hart's walker sets it) */
	*pte_offset(mm, (uint64_t)a, false) |= _PAGE_DIRTY;
	ck_assert_int_eq(do_munmap(mm, (uint64_t)a, 0x1000), 0);
	h = fopen(kfix_path("root/shared"), "r");
	ck_assert_int_eq(fread(buf, 1, 3, h), 3);
	fclose(h);
	ck_assert_int_eq(memcmp(buf, "aZQ", 3), 0);
	ck_assert_int_eq(close_fd(kfix_ctx.files, fd), 0);
}
END_TEST

START_TEST(fork_shares_copy_on_write)
{
	uint64_t base =
	    (uint64_t)MAP(0, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	page_of(base)[5] = 55;
	struct page *pg = pfn_to_page(walk(base) >> 10);
	ck_assert_int_eq(rmap_count(pg), 1);

	struct mm_struct *child = dup_mm(mm);
	ck_assert_ptr_nonnull(child);
	/* the same frame, read-only on both sides, two mappings, two rmap items */
	struct mm_struct *parent = mm;
	mm = child;
	ck_assert_ptr_eq(pfn_to_page(walk(base) >> 10), pg);
	ck_assert_uint_eq(walk(base) & _PAGE_WRITE, 0);
	mm = parent;
	ck_assert_uint_eq(walk(base) & _PAGE_WRITE, 0);
	ck_assert_int_eq(page_mapcount(pg), 2);
	ck_assert_int_eq(page_count(pg), 2);
	ck_assert_int_eq(rmap_count(pg), 2);
	ck_assert_uint_eq(page_tag(pg)->flags & FTF_COW, FTF_COW);
	ck_assert_int_eq(child->rss_stat[MM_ANONPAGES], 1);
	ck_assert_int_eq(child->map_count, mm->map_count);

	/* the child writes: it gets a copy; the parent's page is untouched */
	ck_assert_int_eq(handle_mm_fault(child, base, FAULT_FLAG_WRITE, 2), VM_FAULT_OK);
	mm = child;
	struct page *cp = pfn_to_page(walk(base) >> 10);
	ck_assert_ptr_ne(cp, pg);
	ck_assert_int_eq(page_of(base)[5], 55);
	page_of(base)[5] = 66;
	mm = parent;
	ck_assert_int_eq(page_of(base)[5], 55);
	ck_assert_int_eq(rmap_count(pg), 1);
	ck_assert_int_eq(rmap_count(cp), 1);
	ck_assert_uint_eq(page_tag(pg)->flags & FTF_COW, 0);
	/* the parent writes: the page is no longer shared, so it is reused, not copied */
	ck_assert_int_eq(handle_mm_fault(mm, base, FAULT_FLAG_WRITE, 1), VM_FAULT_OK);
	ck_assert_ptr_eq(pfn_to_page(walk(base) >> 10), pg);
	ck_assert_uint_eq(walk(base) & _PAGE_WRITE, _PAGE_WRITE);
	mmput(child);
	ck_assert_int_eq(page_count(pg), 1);
}
END_TEST

static Suite *vma_suite(void)
{
	Suite *s = suite_create("vma");
	TCase *tc = tcase_create("mm");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, vma_set_order_and_merge);
	tcase_add_test(tc, topdown_placement);
	tcase_add_test(tc, demand_zero_and_write);
	tcase_add_test(tc, readonly_write_is_accerr);
	tcase_add_test(tc, brk_grows_and_shrinks);
	tcase_add_test(tc, file_mapping_shares_page_cache);
	tcase_add_test(tc, shared_mapping_and_read_write_agree);
	tcase_add_test(tc, fork_shares_copy_on_write);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vma_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
