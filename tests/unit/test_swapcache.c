/*
 * test_swapcache.c - the swap cache and swap I/O: pages (random, text and
 * same-filled) go out to a host file or to zram and come back byte for byte;
 * a slot shared by two PTEs (after fork) is written once and read once, both
 * faults getting the same page; counters (pswpin/pswpout, NR_SWAPCACHE,
 * SwapCached), tags, and slots/pages freed by try_to_free_swap() and
 * free_swap_and_cache() with nothing leaked.
 */
#include <string.h>

#include "swap_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/swap_state.h"
#include "os/mm/swapfile.h"

static char dir[64], path[128];
static unsigned long free0;

static void setup(int zram)
{
	fx_boot(32 * MiB, "", 0);
	lru_init();
	swap_init();
	if (zram) {
		ck_assert_int_eq(swapon_zram(1 * MiB, SWAP_ZRAM_PRIO, false), 0);
	} else {
		snprintf(dir, sizeof(dir), "/tmp/rvmm-swapcache-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(dir));
		snprintf(path, sizeof(path), "%s/swap", dir);
		ck_assert_int_eq(swapon_file(path, 1 * MiB, 0, true), 0);
	}
	free0 = fx_free_now();
}

static void teardown(int zram)
{
	ck_assert_uint_eq(nr_swap_pages(), total_swap_pages());
	ck_assert_uint_eq(global_node_page_state(NR_SWAPCACHE), 0);
	ck_assert_uint_eq(fx_free_now(), free0);
	ck_mm_ok();
	swap_exit();
	lru_exit();
	if (!zram) {
		unlink(path);
		rmdir(dir);
	}
	fx_shutdown();
}

/* Page contents by kind: 0 random, 1 text, 2 same-filled, 3 zero. */
static void fill(uint8_t *p, int i)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
	switch (i % 4) {
	case 0:
		for (size_t k = 0; k < PAGE_SIZE; k += 8) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			memcpy(p + k, &x, 8);
		}
		break;
	case 1:
		for (size_t k = 0; k < PAGE_SIZE; k++)
			p[k] =
			    (uint8_t)("page %d of the swap test\n"[k % 25] + (k / 25 == (size_t)i));
		break;
	case 2:
		for (size_t k = 0; k < PAGE_SIZE; k += 8)
			memcpy(p + k, &x, 8);
		break;
	default: memset(p, 0, PAGE_SIZE);
	}
}

#define NPAGES 24

static void round_trip(int zram)
{
	setup(zram);
	static uint8_t want[PAGE_SIZE];
	swp_entry_t ent[NPAGES];
	unsigned long out0 = vm_event_count(PSWPOUT), in0 = vm_event_count(PSWPIN);
	for (int i = 0; i < NPAGES; i++) {
		struct page *p = fx_anon_page();
		fill(page_address(p), i);
		lru_cache_add_inactive_or_unevictable(p, 0);
		ck_assert(add_to_swap(p));
		ck_assert(PageSwapCache(p) && PageDirty(p));
		ck_assert_int_eq(page_kind(p), FK_SWAPCACHE);
		ent[i] = page_swap_entry(p);
		ck_assert_uint_eq(swp_offset(ent[i]), (unsigned long)i + 1);
		ck_assert_ptr_eq(lookup_swap_cache(ent[i]), p);
		put_page(p); /* lookup's reference */
		/* two PTEs (parent and child after fork) now hold the entry */
		ck_assert_int_eq(swap_duplicate(ent[i]), 0);
		ck_assert_int_eq(swap_duplicate(ent[i]), 0);
		ck_assert_int_eq(swap_writepage(p), 0);
		ck_assert(!PageDirty(p));
		ck_assert_uint_eq(global_node_page_state(NR_SWAPCACHE), 1);
		delete_from_swap_cache(p);
		ck_assert(!PageSwapCache(p));
		fx_release(p); /* the frame goes back to the allocator */
		ck_assert_uint_eq(swap_map_byte(ent[i]), 2);
	}
	ck_assert_uint_eq(vm_event_count(PSWPOUT), out0 + NPAGES);
	ck_assert_uint_eq(nr_swap_pages(), total_swap_pages() - NPAGES);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 0);
	/* scribble over free memory, so a read that did nothing would show */
	struct page *junk[64];
	for (int i = 0; i < 64; i++) {
		junk[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		memset(page_address(junk[i]), 0xa5, PAGE_SIZE);
	}
	for (int i = 0; i < 64; i++)
		__free_page(junk[i]);
	for (int i = NPAGES - 1; i >= 0; i--) {
		bool read_in;
		struct page *a = swap_cache_get_or_read(ent[i], GFP_HIGHUSER_MOVABLE, &read_in);
		ck_assert_ptr_nonnull(a);
		ck_assert(read_in);
		ck_assert(PageSwapCache(a) && PageLRU(a) && PageUptodate(a));
		fill(want, i);
		ck_assert_msg(memcmp(page_address(a), want, PAGE_SIZE) == 0, "page %d differs", i);
		swap_free(ent[i]); /* the first PTE maps the page */
		struct page *b = swap_cache_get_or_read(ent[i], GFP_HIGHUSER_MOVABLE, &read_in);
		ck_assert_ptr_eq(b, a);
		ck_assert(!read_in);
		ck_assert(!try_to_free_swap(a)); /* the second PTE still refers to the slot */
		swap_free(ent[i]);
		ck_assert(try_to_free_swap(a));
		ck_assert(!PageSwapCache(a) && PageDirty(a));
		ck_assert_uint_eq(swap_map_byte(ent[i]), 0);
		put_page(b);
		put_page(a);
	}
	ck_assert_uint_eq(vm_event_count(PSWPIN), in0 + NPAGES);
	ck_assert_uint_eq(vm_event_count(PGPGIN), (unsigned long)NPAGES * 4);
	teardown(zram);
}

START_TEST(test_round_trip_file)
{
	round_trip(0);
}
END_TEST

START_TEST(test_round_trip_zram)
{
	round_trip(1);
}
END_TEST

START_TEST(test_cache_counters_and_exit_paths)
{
	setup(0);
	struct page *p = fx_anon_page();
	lru_cache_add_inactive_or_unevictable(p, 0);
	ck_assert(add_to_swap(p));
	swp_entry_t e = page_swap_entry(p);
	ck_assert_int_eq(swap_duplicate(e), 0); /* one PTE */
	ck_assert_uint_eq(global_node_page_state(NR_SWAPCACHE), 1);
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES), 1);
	static char buf[4096];
	proc_meminfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "Cached:                0 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "SwapCached:            4 kB\n"));
	/* the process exits while its page is still in the swap cache, unmapped:
	 * the PTE's reference goes, then the cache copy, then the frame */
	put_page(p);
	ck_assert_uint_eq(page_count(p), 1);
	free_swap_and_cache(e);
	ck_assert_uint_eq(swap_map_byte(e), 0);
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES), 0);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 0);
	/* a freed slot cannot be read */
	bool read_in;
	ck_assert_ptr_null(swap_cache_get_or_read(e, GFP_HIGHUSER_MOVABLE, &read_in));
	/* a full device: add_to_swap says no */
	struct page *q = fx_anon_page();
	for (unsigned long i = 0; i < total_swap_pages(); i++)
		ck_assert_uint_ne(get_swap_page().val, 0);
	ck_assert(!add_to_swap(q));
	for (unsigned long i = 1; i <= total_swap_pages(); i++)
		put_swap_page(swp_entry(0, i));
	fx_release(q);
	teardown(0);
}
END_TEST

static Suite *swapcache_suite(void)
{
	Suite *s = suite_create("swapcache");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip_file);
	tcase_add_test(tc, test_round_trip_zram);
	tcase_add_test(tc, test_cache_counters_and_exit_paths);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(swapcache_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
