/*
 * test_vmscan.c - reclaim against a fake reverse map (reclaim_ops): the scan
 * balance of get_scan_count, the reclaim order (clean page cache before
 * anonymous pages at the default swappiness), anonymous pages swapped out and
 * read back byte for byte, second chance for referenced pages, writeback of
 * dirty file pages, aging of the active lists, and kswapd balancing the node
 * to the high watermark after a wake-up below the low one.
 */
#include <string.h>

#include "swap_fixture.h"
#include "os/mm/reclaim_ops.h"
#include "os/mm/swap_state.h"
#include "os/mm/swapfile.h"
#include "os/mm/vmscan.h"

/* The fake reverse map: per frame, young PTEs and VMA flags; unmapped anon entries. */
static int young[8192];
static unsigned long vmflags[8192];
static int writes, removed;
#define MAXPTE 256
static swp_entry_t pte[MAXPTE];
static int pte_id[MAXPTE]; /* which anonymous page the PTE mapped */
static int anon_id[8192];
static int npte;

static unsigned long idx(const struct page *p)
{
	return (unsigned long)(p - mem_map);
}

static int fake_referenced(struct page *p, unsigned long *vm_flags)
{
	int n = young[idx(p)];
	young[idx(p)] = 0;
	*vm_flags |= vmflags[idx(p)];
	return n;
}

static bool fake_unmap(struct page *p)
{
	if (PageSwapCache(p)) {
		for (int m = 0; m < page_mapcount(p); m++) {
			ck_assert_int_eq(swap_duplicate(page_swap_entry(p)), 0);
			ck_assert_int_lt(npte, MAXPTE);
			pte_id[npte] = anon_id[idx(p)];
			pte[npte++] = page_swap_entry(p);
		}
		for (int m = page_mapcount(p); m > 0; m--)
			put_page(p); /* each PTE's reference */
	} else if (PageSwapBacked(p)) {
		return false;
	} else {
		for (int m = page_mapcount(p); m > 0; m--)
			put_page(p);
	}
	p->_mapcount = -1;
	return true;
}

static int fake_writepage(struct page *p)
{
	ClearPageDirty(p);
	writes++;
	return 0;
}

static bool fake_remove_mapping(struct page *p, unsigned long shadow)
{
	p->mapping = NULL;
	put_page(p);
	removed++;
	return true;
}

static const struct reclaim_ops fake_ops = {fake_referenced, fake_unmap, fake_writepage,
					    fake_remove_mapping, NULL};

static char dir[64], path[128];
static unsigned long free0;

static void setup(bool with_swap)
{
	fx_boot(32 * MiB, "", 0);
	lru_init();
	swap_init();
	reclaim_set_ops(&fake_ops);
	memset(young, 0, sizeof(young));
	memset(vmflags, 0, sizeof(vmflags));
	writes = removed = npte = 0;
	vm_swappiness = 60;
	dir[0] = '\0';
	if (with_swap) {
		snprintf(dir, sizeof(dir), "/tmp/rvmm-vmscan-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(dir));
		snprintf(path, sizeof(path), "%s/swap", dir);
		ck_assert_int_eq(swapon_file(path, 1 * MiB, 0, true), 0);
	}
	free0 = fx_free_now();
}

static void teardown(void)
{
	ck_assert_uint_eq(global_node_page_state(NR_ISOLATED_ANON), 0);
	ck_assert_uint_eq(global_node_page_state(NR_ISOLATED_FILE), 0);
	ck_mm_ok();
	ck_assert_uint_eq(fx_free_now(), free0); /* every page given back */
	reclaim_set_ops(NULL);
	swap_exit();
	lru_exit();
	if (dir[0]) {
		unlink(path);
		rmdir(dir);
	}
	fx_shutdown();
}

/* n page-cache pages on the inactive file list (clean, unmapped). */
static void add_file(struct page **out, int n)
{
	for (int i = 0; i < n; i++) {
		out[i] = fx_file_page((unsigned long)i);
		lru_cache_add(out[i]); /* the allocation's reference is the page cache's */
	}
}

/* n anonymous pages mapped once, filled with a pattern, on the inactive anon list. */
static void add_anon(struct page **out, int n)
{
	for (int i = 0; i < n; i++) {
		out[i] = fx_anon_page();
		memset(page_address(out[i]), 0x40 + i, PAGE_SIZE);
		((uint8_t *)page_address(out[i]))[i] = 0xee;
		out[i]->_mapcount = 0;
		anon_id[idx(out[i])] = i;
		lru_cache_add_inactive_or_unevictable(out[i], 0); /* the reference is the PTE's */
	}
}

START_TEST(test_scan_balance)
{
	setup(false);
	static struct page *f[400], *a[400];
	add_file(f, 200);
	add_anon(a, 400);
	for (int i = 0; i < 150; i++)
		activate_page(f[i]); /* 50 inactive, 150 active: inactive file is low */
	struct scan_control sc = {.priority = 1, .may_swap = true, .reclaim_idx = ZONE_NORMAL};
	unsigned long nr[NR_LRU_LISTS];
	/* no swap: file only */
	get_scan_count(&sc, nr);
	ck_assert_int_eq(sc.scan_balance, SCAN_FILE);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 0);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 25);
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], 75);
	/* with swap and a low inactive file list: split by swappiness 60 : 140 */
	for (int i = 0; i < 200; i++)
		fx_release(f[i]);
	for (int i = 0; i < 400; i++) {
		a[i]->_mapcount = -1;
		fx_release(a[i]);
	}
	teardown();
	setup(true);
	add_file(f, 200);
	add_anon(a, 400);
	for (int i = 0; i < 150; i++)
		activate_page(f[i]);
	ck_assert(inactive_is_low(LRU_INACTIVE_FILE));
	sc.priority = 1;
	sc.cache_trim_mode = false;
	sc.file_is_tiny = false;
	get_scan_count(&sc, nr);
	ck_assert_int_eq(sc.scan_balance, SCAN_FRACT);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 60); /* ceil(200 * 60 / 200) */
	ck_assert_uint_eq(nr[LRU_ACTIVE_ANON], 0);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 18); /* ceil(25 * 140 / 200) */
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], 53);   /* ceil(75 * 140 / 200) */
	vm_swappiness = 0;
	get_scan_count(&sc, nr);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 0);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 25);
	/* cache trim mode and file-is-tiny override the ratio; priority 0 scans all equally */
	vm_swappiness = 60;
	sc.cache_trim_mode = true;
	get_scan_count(&sc, nr);
	ck_assert_int_eq(sc.scan_balance, SCAN_FILE);
	sc.file_is_tiny = true;
	get_scan_count(&sc, nr);
	ck_assert_int_eq(sc.scan_balance, SCAN_ANON);
	ck_assert_uint_eq(nr[LRU_INACTIVE_FILE], 0);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 200);
	sc.priority = 0;
	get_scan_count(&sc, nr);
	ck_assert_int_eq(sc.scan_balance, SCAN_EQUAL);
	ck_assert_uint_eq(nr[LRU_INACTIVE_ANON], 400);
	ck_assert_uint_eq(nr[LRU_ACTIVE_FILE], 150);
	for (int i = 0; i < 200; i++)
		fx_release(f[i]);
	for (int i = 0; i < 400; i++) {
		a[i]->_mapcount = -1;
		fx_release(a[i]);
	}
	teardown();
}
END_TEST

START_TEST(test_clean_file_before_anon)
{
	setup(true);
	static struct page *f[64], *a[64];
	add_file(f, 64);
	add_anon(a, 64);
	unsigned long out0 = vm_event_count(PSWPOUT);
	unsigned long got = try_to_free_pages(GFP_KERNEL, 0);
	/*
	 * Only the file list is scanned (cache trim mode) from priority 6, where
	 * 64 >> 6 becomes nonzero: 64>>6=1, 63>>5=1, 62>>4=3, 59>>3=7, 52>>2=13,
	 * 39>>1=19: 44 pages, every one clean and unmapped, freed; 44 >= 32 stops.
	 */
	ck_assert_uint_eq(got, 44);
	ck_assert_int_eq(removed, 44);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 20);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 64);
	ck_assert_uint_eq(vm_event_count(PSWPOUT), out0);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_FILE), 44);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_ANON), 0);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_DIRECT), 44);
	ck_assert_uint_eq(vm_event_count(PGSCAN_FILE), 44);
	/* with less cache left, anonymous pages go to swap too */
	got = try_to_free_pages(GFP_KERNEL, 0);
	ck_assert_uint_ge(got, 32);
	unsigned long swapped = vm_event_count(PSWPOUT) - out0;
	ck_assert_uint_gt(swapped, 0);
	ck_assert_uint_eq(swapped, (unsigned long)npte);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_ANON), swapped);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_FILE) - 44 + swapped, got);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON) + nr_lru(LRU_ACTIVE_ANON), 64 - swapped);
	ck_assert_uint_eq(total_swap_pages() - nr_swap_pages(), swapped);
	/* every swapped page comes back byte for byte */
	for (int k = 0; k < npte; k++) {
		bool read_in;
		struct page *p = swap_cache_get_or_read(pte[k], GFP_HIGHUSER_MOVABLE, &read_in);
		ck_assert_ptr_nonnull(p);
		ck_assert(read_in);
		int i = pte_id[k];
		static uint8_t want[PAGE_SIZE];
		memset(want, 0x40 + i, PAGE_SIZE);
		want[i] = 0xee;
		ck_assert_int_eq(memcmp(page_address(p), want, PAGE_SIZE), 0);
		a[i] = p; /* "mapped" again by the fault */
		swap_free(pte[k]);
		ck_assert(try_to_free_swap(p));
	}
	ck_assert_uint_eq(nr_swap_pages(), total_swap_pages());
	for (int i = 0; i < 64; i++) {
		a[i]->_mapcount = -1;
		fx_release(a[i]);
	}
	for (int i = 0; i < 64; i++)
		if (f[i]->mapping) /* the one file page left */
			fx_release(f[i]);
	teardown();
}
END_TEST

START_TEST(test_referenced_and_dirty)
{
	setup(true);
	struct scan_control sc = {.gfp_mask = GFP_KERNEL,
				  .priority = 0,
				  .may_swap = true,
				  .may_writepage = true,
				  .nr_to_reclaim = 32};
	static struct page *a[2], *f[3];
	add_anon(a, 2);
	add_file(f, 3);
	/* a[0]: one young PTE -> kept with PG_referenced; a second one -> activated */
	young[idx(a[0])] = 1;
	young[idx(a[1])] = 1;
	ck_assert_uint_eq(shrink_inactive_list(2, &sc, LRU_INACTIVE_ANON), 0);
	ck_assert(PageReferenced(a[0]) && !PageActive(a[0]));
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_ANON), 2);
	young[idx(a[0])] = 1;
	young[idx(a[1])] = 2; /* two PTEs young: activate at once... even if referenced before */
	ck_assert_uint_eq(shrink_inactive_list(2, &sc, LRU_INACTIVE_ANON), 0);
	ck_assert(PageActive(a[0]) && PageActive(a[1]));
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_ANON), 2);
	/* f[0] touched once by read(): reclaimable only while clean; f[1] dirty: written back;
	 * f[2] mapped executable and young: activated */
	mark_page_accessed(f[0]);
	SetPageDirty(f[0]);
	SetPageDirty(f[1]);
	f[2]->_mapcount = 0;
	young[idx(f[2])] = 1;
	vmflags[idx(f[2])] = VM_EXEC;
	ck_assert_uint_eq(shrink_inactive_list(3, &sc, LRU_INACTIVE_FILE), 1);
	ck_assert_int_eq(writes, 1);
	ck_assert_int_eq(removed, 1);
	ck_assert(f[0]->mapping && PageDirty(f[0]) && !PageActive(f[0]));
	ck_assert(PageActive(f[2]));
	ck_assert_uint_eq(global_node_page_state(NR_VMSCAN_WRITE), 1);
	/* without may_writepage a dirty page stays */
	sc.may_writepage = false;
	ck_assert_uint_eq(shrink_inactive_list(3, &sc, LRU_INACTIVE_FILE), 0);
	ck_assert(f[0]->mapping != NULL);
	/* aging the active file list: the young executable page stays, others go inactive */
	activate_page(f[0]);
	young[idx(f[2])] = 1;
	unsigned long de0 = vm_event_count(PGDEACTIVATE);
	shrink_active_list(8, &sc, LRU_ACTIVE_FILE);
	ck_assert(PageActive(f[2]) && !PageActive(f[0]));
	ck_assert_uint_eq(vm_event_count(PGDEACTIVATE), de0 + 1);
	ck_assert_uint_eq(nr_lru(LRU_ACTIVE_FILE), 1);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE), 1);
	for (int i = 0; i < 2; i++) {
		a[i]->_mapcount = -1;
		fx_release(a[i]);
	}
	f[2]->_mapcount = -1;
	ClearPageDirty(f[0]);
	fx_release(f[0]);
	fx_release(f[2]);
	teardown();
}
END_TEST

START_TEST(test_kswapd_balances)
{
	setup(false);
	static struct page *f[2048], *stash[9000];
	add_file(f, 2048);
	struct zone *dma32 = &contig_page_data.node_zones[ZONE_DMA32];
	wakeup_kswapd(dma32, GFP_KERNEL, 0);
	ck_assert(!kswapd_pending()); /* balanced: nothing to do */
	int n = 0;
	while ((stash[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY)))
		n++;
	drain_all_pages();
	ck_assert(!pgdat_balanced(0, ZONE_DMA32));
	wakeup_kswapd(dma32, GFP_KERNEL, 0);
	ck_assert(kswapd_pending());
	unsigned long run0 = vm_event_count(PAGEOUTRUN);
	unsigned long got = kswapd_run();
	ck_assert(!kswapd_pending());
	ck_assert_uint_eq(vm_event_count(PAGEOUTRUN), run0 + 1);
	ck_assert_uint_gt(got, 0);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_KSWAPD), got);
	ck_assert_uint_eq(vm_event_count(PGSTEAL_DIRECT), 0);
	ck_assert(pgdat_balanced(0, ZONE_DMA32));
	/* it stopped near the high watermark: most of the cache is still there */
	ck_assert_uint_lt(got, 1024);
	ck_assert_uint_eq(nr_lru(LRU_INACTIVE_FILE) + nr_lru(LRU_ACTIVE_FILE), 2048 - got);
	while (n--)
		__free_page(stash[n]);
	for (int i = 0; i < 2048; i++)
		if (f[i]->mapping)
			fx_release(f[i]);
	teardown();
}
END_TEST

static Suite *vmscan_suite(void)
{
	Suite *s = suite_create("vmscan");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_scan_balance);
	tcase_add_test(tc, test_clean_file_before_anon);
	tcase_add_test(tc, test_referenced_and_dirty);
	tcase_add_test(tc, test_kswapd_balances);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(vmscan_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
