/*
 * test_buddy.c - the page allocator: zones, watermarks, exact split and
 * coalesce, the per-CPU list, no double allocation, fragmentation, GFP zone
 * selection and fallback, compound pages, bad frees, frame tags, and the
 * checker catching injected corruption.
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/mm_proc.h"

static struct zone *Z(int i)
{
	return &contig_page_data.node_zones[i];
}

/* Pages boot left allocated or on per-CPU lists (slab structs of the caches). */
static unsigned long boot_pages(void)
{
	return global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) + Z(0)->pcp.count +
	       Z(1)->pcp.count + Z(2)->pcp.count;
}

static unsigned long free_at_boot;

/* Boot 64 MiB: 16384 frames, DMA 4096, DMA32 12288 of which 256 hold mem_map. */
static void setup64(void)
{
	fx_boot(64 * MiB, "", 0);
	drain_all_pages();
	free_at_boot = nr_free_pages();
}

START_TEST(test_zones_and_memmap)
{
	setup64();
	ck_assert_uint_eq(mm_nr_pages, 16384);
	ck_assert_uint_eq(Z(ZONE_DMA)->zone_start_pfn, 0x80000);
	ck_assert_uint_eq(Z(ZONE_DMA)->present_pages, 4096);
	ck_assert_uint_eq(Z(ZONE_DMA)->managed_pages, 4096);
	ck_assert_uint_eq(Z(ZONE_DMA32)->zone_start_pfn, 0x81000);
	ck_assert_uint_eq(Z(ZONE_DMA32)->present_pages, 12288);
	ck_assert_uint_eq(Z(ZONE_DMA32)->managed_pages, 12288 - 256);
	ck_assert_uint_eq(Z(ZONE_NORMAL)->present_pages, 0);
	ck_assert_uint_eq(totalram_pages(), 16128);
	/* Boot took a few pages for the kmem_cache and kmalloc caches' structs. */
	ck_assert_uint_eq(nr_free_pages() + boot_pages(), 16128);
	/* mem_map is the top 1 MiB of RAM, reserved and tagged. */
	ck_assert_ptr_eq(mem_map, fx_ram + 64 * MiB - 1 * MiB);
	struct page *last = pfn_to_page(0x80000 + 16383);
	ck_assert(PageReserved(last));
	ck_assert_int_eq(fx_obs.tags[16383].kind, FK_MEMMAP);
	ck_assert_int_eq(fx_obs.tags[0].kind, FK_FREE);
	ck_assert_uint_eq(fx_obs.c.free, nr_free_pages());
	ck_assert_uint_eq(fx_obs.c.total, 16384);
	/* The whole DMA zone is four order-10 blocks. */
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[10].nr_free, 4);
	for (int o = 0; o < 10; o++)
		ck_assert_uint_eq(Z(ZONE_DMA)->free_area[o].nr_free, 0);
	fx_shutdown();
}
END_TEST

START_TEST(test_watermarks)
{
	setup64();
	/* sqrt(16128 pages * 4 kB * 16) = 1015 kB = 253 pages, shared by managed pages. */
	ck_assert_int_eq(min_free_kbytes, 1015);
	ck_assert_uint_eq(min_wmark_pages(Z(ZONE_DMA)), 64);
	ck_assert_uint_eq(low_wmark_pages(Z(ZONE_DMA)), 80);
	ck_assert_uint_eq(high_wmark_pages(Z(ZONE_DMA)), 96);
	ck_assert_uint_eq(min_wmark_pages(Z(ZONE_DMA32)), 188);
	ck_assert_uint_eq(low_wmark_pages(Z(ZONE_DMA32)), 235);
	ck_assert_uint_eq(high_wmark_pages(Z(ZONE_DMA32)), 282);
	/* lowmem_reserve: 12032 / 256 = 47 pages of DMA kept from DMA32/Normal requests. */
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_DMA], 0);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_DMA32], 47);
	ck_assert_int_eq(Z(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL], 47);
	ck_assert_int_eq(Z(ZONE_DMA32)->lowmem_reserve[ZONE_NORMAL], 0);
	/* The command line overrides min_free_kbytes. */
	fx_shutdown();
	fx_boot(64 * MiB, "min_free_kbytes=4096", 0);
	ck_assert_int_eq(min_free_kbytes, 4096);
	ck_assert_uint_eq(min_wmark_pages(Z(ZONE_DMA32)), 1024UL * 12032 / 16128);
	fx_shutdown();
}
END_TEST

/* GFP_KERNEL stops at the min watermark (plus reserve); GFP_ATOMIC may go deeper. */
START_TEST(test_watermark_enforced)
{
	setup64();
	static struct page *pages[20000];
	int n = 0;
	while ((pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	long dma32 = zone_page_state(Z(ZONE_DMA32), NR_FREE_PAGES);
	long dma = zone_page_state(Z(ZONE_DMA), NR_FREE_PAGES);
	/* The last per-CPU refill may take a batch below the mark. */
	ck_assert_int_le(dma32, 188);
	ck_assert_int_gt(dma32, 188 - Z(ZONE_DMA32)->pcp.batch);
	ck_assert_int_le(dma, 64 + 47);
	ck_assert_int_gt(dma, 64 + 47 - Z(ZONE_DMA)->pcp.batch);
	ck_assert_int_eq(klog_count_matching("page allocation failure"), 0);
	/* Atomic allocations dig into the reserve: min - min/2 - min/4. */
	int atomic = 0;
	while ((pages[n] = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0))) {
		n++;
		atomic++;
	}
	ck_assert_int_gt(atomic, 100);
	ck_assert_int_le(zone_page_state(Z(ZONE_DMA32), NR_FREE_PAGES), 188 - 94 - 23);
	ck_mm_ok();
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free_at_boot);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/*
 * PF_MEMALLOC: below the min watermark an ordinary allocation fails, but one
 * made while reclaiming (memalloc_noreclaim_save) takes the reserve, down to
 * the last free frame, without calling reclaim again.
 */
static unsigned long reclaim_calls;
static unsigned long count_reclaim(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	(void)order;
	reclaim_calls++;
	return 0;
}

START_TEST(test_memalloc_reserve)
{
	setup64();
	static struct page *pages[20000];
	int n = 0;
	while ((pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	unsigned long (*saved)(gfp_t, unsigned int) = mm_slowpath_reclaim;
	mm_slowpath_reclaim = count_reclaim;
	reclaim_calls = 0;
	ck_assert_ptr_null(alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0));
	unsigned int flags = memalloc_noreclaim_save();
	int reserve = 0;
	while ((pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		n++;
		reserve++;
	}
	memalloc_noreclaim_restore(flags);
	ck_assert_uint_eq(memalloc_noreclaim_depth, 0);
	ck_assert_uint_eq(reclaim_calls, 0); /* no recursion into reclaim */
	ck_assert_int_gt(reserve, 100);
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), 0); /* every frame, down to the last */
	mm_slowpath_reclaim = saved;
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free_at_boot);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* One order-0 page splits an order-10 block into one block of each order 0..9. */
START_TEST(test_split_coalesce_exact)
{
	setup64();
	struct zone *dma = Z(ZONE_DMA);
	ck_assert_int_eq(dma->pcp.batch, 1);
	ck_assert_int_eq(dma->pcp.high, 0);
	struct page *p = alloc_pages(GFP_DMA, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA);
	ck_assert_uint_eq(dma->free_area[10].nr_free, 3);
	for (int o = 0; o < 10; o++)
		ck_assert_uint_eq(dma->free_area[o].nr_free, 1);
	ck_assert_int_eq(zone_page_state(dma, NR_FREE_PAGES), 4095);
	ck_assert_int_eq(page_ref_count(p), 1);
	ck_assert_int_eq(page_kind(p), FK_KMEM);
	ck_mm_ok();
	__free_pages(p, 0);
	ck_assert_uint_eq(dma->free_area[10].nr_free, 4);
	for (int o = 0; o < 10; o++)
		ck_assert_uint_eq(dma->free_area[o].nr_free, 0);
	ck_assert_int_eq(zone_page_state(dma, NR_FREE_PAGES), 4096);
	ck_assert_int_eq(fx_obs.tags[page_to_pfn(p) - 0x80000].kind, FK_FREE);
	ck_assert_int_eq(fx_obs.tags[page_to_pfn(p) - 0x80000].order, 10);

	/* Orders 0..10 from a DMA block, then free in reverse: back to four order-10 blocks. */
	struct page *q[11];
	for (int o = 0; o <= 10; o++) {
		q[o] = alloc_pages(GFP_DMA, (unsigned)o);
		ck_assert_ptr_nonnull(q[o]);
		ck_assert_uint_eq(page_to_pfn(q[o]) & ((1UL << o) - 1), 0);
		ck_assert_int_eq(fx_obs.tags[page_to_pfn(q[o]) - 0x80000].order, o);
	}
	ck_mm_ok();
	for (int o = 10; o >= 0; o--)
		__free_pages(q[o], (unsigned)o);
	ck_assert_uint_eq(dma->free_area[10].nr_free, 4);
	ck_assert_int_eq(zone_page_state(dma, NR_FREE_PAGES), 4096);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_buddy_pairs)
{
	setup64();
	/* Two order-0 pages from one order-1 split are buddies; freeing both merges them. */
	struct page *a = alloc_pages(GFP_DMA, 1);
	unsigned long pfn = page_to_pfn(a);
	split_page(a, 1);
	ck_assert_int_eq(page_ref_count(a + 1), 1);
	ck_mm_ok();
	__free_pages(a, 0);
	/* a is a free order-0 block: its buddy (a+1) is still allocated. */
	ck_assert(PageBuddy(a));
	ck_assert_uint_eq(a->private, 0);
	__free_pages(a + 1, 0);
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[10].nr_free, 4);
	ck_assert(PageBuddy(pfn_to_page(pfn & ~1023UL)));
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_no_double_allocation)
{
	setup64();
	uint8_t *seen = calloc(mm_nr_pages, 1);
	static struct page *pages[20000];
	static unsigned orders[20000];
	int n = 0;
	unsigned seed = 12345;
	for (;;) {
		seed = seed * 1103515245 + 12345;
		unsigned order = (seed >> 16) % 4;
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (!p)
			break;
		unsigned long idx = page_to_pfn(p) - mm_base_pfn;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			ck_assert_msg(!seen[idx + i], "pfn %#lx handed out twice", idx + i);
			seen[idx + i] = 1;
		}
		pages[n] = p;
		orders[n++] = order;
	}
	ck_assert_int_gt(n, 3000);
	ck_mm_ok();
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], orders[i]);
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free_at_boot);
	free(seen);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* Half of memory free in single pages, yet no two adjacent: order-1 fails. */
START_TEST(test_fragmentation)
{
	/* No watermark reserve, so every frame can be taken. */
	fx_boot(64 * MiB, "min_free_kbytes=0", 0);
	drain_all_pages();
	free_at_boot = nr_free_pages();
	static struct page *pages[20000];
	int n = 0;
	while ((pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	while ((pages[n] = alloc_pages(GFP_DMA | __GFP_NOWARN, 0)))
		n++;
	ck_assert_uint_eq(nr_free_pages(), 0);
	/* Free every page with an even pfn. */
	for (int i = 0; i < n; i++)
		if (!(page_to_pfn(pages[i]) & 1)) {
			__free_pages(pages[i], 0);
			pages[i] = NULL;
		}
	drain_all_pages();
	ck_assert_uint_gt(nr_free_pages(), 7000);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL, 1));
	ck_assert_int_eq(klog_count_matching("page allocation failure: order:1, "
					     "mode:0xcc0(GFP_KERNEL), nodemask=(null)"),
			 1);
	ck_assert_int_eq(klog_count_matching("Node 0 DMA32: "), 1);
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	ck_assert_int_eq(klog_count_matching("page allocation failure"), 1);
	struct page *one = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(one);
	__free_pages(one, 0);
	ck_mm_ok();
	/* Free the odd pages too: everything coalesces. */
	for (int i = 0; i < n; i++)
		if (pages[i])
			__free_pages(pages[i], 0);
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free_at_boot);
	/* Everything merged back. */
	ck_assert_uint_eq(Z(ZONE_DMA)->free_area[10].nr_free, 4);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_gfp_zones_and_fallback)
{
	setup64();
	ck_assert_int_eq(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	ck_assert_int_eq(gfp_zone(GFP_DMA32), ZONE_DMA32);
	ck_assert_int_eq(gfp_zone(GFP_KERNEL | GFP_DMA), ZONE_DMA);
	struct page *p = alloc_pages(GFP_KERNEL, 0); /* Normal is empty: DMA32 */
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 0);
	p = alloc_pages(GFP_DMA32, 2);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 2);
	/* Exhaust DMA32 with DMA32 requests: they fall back to DMA. */
	drain_all_pages();
	long dma32_before = zone_page_state(Z(ZONE_DMA32), NR_FREE_PAGES);
	static struct page *pages[20000];
	int n = 0;
	while ((pages[n] = alloc_pages(GFP_DMA32 | __GFP_NOWARN, 0)))
		n++;
	int in_dma = 0;
	for (int i = 0; i < n; i++)
		in_dma += page_zonenum(pages[i]) == ZONE_DMA;
	ck_assert_int_gt(in_dma, 3900);
	ck_assert_int_eq(n - in_dma, dma32_before - zone_page_state(Z(ZONE_DMA32), NR_FREE_PAGES) -
					 Z(ZONE_DMA32)->pcp.count);
	/* lowmem_reserve kept 47 DMA pages from those DMA32 requests; GFP_DMA may have them. */
	int dma_only = 0;
	while ((pages[n] = alloc_pages(GFP_DMA | __GFP_NOWARN, 0))) {
		ck_assert_uint_eq(page_zonenum(pages[n]), ZONE_DMA);
		n++;
		dma_only++;
	}
	ck_assert_int_ge(dma_only, 47);
	ck_assert_int_le(dma_only, 47 + Z(ZONE_DMA)->pcp.batch);
	ck_assert_uint_gt(vm_event_count(PGALLOC_DMA), 3900);
	ck_assert_uint_gt(vm_event_count(PGALLOC_DMA32), 11000);
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* RAM above 4 GiB physical is ZONE_NORMAL; GFP_KERNEL prefers it. */
START_TEST(test_zone_normal)
{
	fx_boot(2304 * MiB, "", 0); /* 0x80000000 .. 0x110000000 */
	ck_assert_uint_eq(Z(ZONE_DMA32)->present_pages, (2048 - 16) * 256);
	ck_assert_uint_eq(Z(ZONE_NORMAL)->zone_start_pfn, 0x100000);
	ck_assert_uint_eq(Z(ZONE_NORMAL)->present_pages, 65536);
	/* mem_map (36 MiB) lives at the top, in Normal. */
	ck_assert_uint_eq(Z(ZONE_NORMAL)->managed_pages, 65536 - 9216);
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_NORMAL);
	ck_assert_uint_ge(page_to_phys(p), 0x100000000ULL);
	__free_pages(p, 0);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_NORMAL);
	__free_pages(p, 0);
	p = alloc_pages(GFP_DMA32, 0);
	ck_assert_uint_eq(page_zonenum(p), ZONE_DMA32);
	__free_pages(p, 0);
	/* lowmem_reserve protects DMA32 from Normal-capable requests. */
	ck_assert_int_eq(Z(ZONE_DMA32)->lowmem_reserve[ZONE_NORMAL], (65536 - 9216) / 256);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_compound_and_refcount)
{
	setup64();
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	ck_assert(PageHead(p));
	ck_assert(PageTail(p + 3));
	ck_assert_ptr_eq(compound_head(p + 3), p);
	ck_assert_uint_eq(compound_order(p), 2);
	ck_assert_ptr_eq(virt_to_head_page((char *)page_address(p) + 3 * PAGE_SIZE + 5), p);
	get_page(p + 2); /* a reference through a tail goes to the head */
	ck_assert_int_eq(page_count(p), 2);
	long before = (long)nr_free_pages();
	put_page(p);
	ck_assert_int_eq((long)nr_free_pages(), before);
	put_page(p + 1);
	ck_assert_int_eq((long)nr_free_pages(), before + 4);
	ck_assert(!PageHead(p));
	ck_mm_ok();

	/* alloc_pages_exact: 5 pages from an order-3 block, 3 given back. */
	before = (long)nr_free_pages();
	drain_all_pages();
	before = (long)nr_free_pages();
	void *v = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL);
	ck_assert_ptr_nonnull(v);
	drain_all_pages();
	ck_assert_int_eq((long)nr_free_pages(), before - 5);
	ck_mm_ok();
	free_pages_exact(v, 5 * PAGE_SIZE);
	drain_all_pages();
	ck_assert_int_eq((long)nr_free_pages(), before);

	/* __GFP_ZERO really zeroes, and pages are guest RAM. */
	unsigned long addr = __get_free_pages(GFP_KERNEL, 1);
	memset((void *)addr, 0x5a, 2 * PAGE_SIZE);
	free_pages(addr, 1);
	addr = get_zeroed_page(GFP_KERNEL);
	ck_assert(virt_addr_valid((void *)addr));
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		ck_assert_int_eq(((uint8_t *)addr)[i], 0);
	free_page(addr);

	/* Page tables are tagged and counted. */
	struct page *pt = pagetable_alloc(GFP_KERNEL, 0);
	ck_assert(PageTable(pt));
	ck_assert_int_eq(page_kind(pt), FK_PGTABLE);
	ck_assert_uint_eq(global_node_page_state(NR_PAGETABLE), 1);
	ck_assert_uint_eq(fx_obs.c.pgtables, 1);
	pagetable_free(pt, 0);
	ck_assert_uint_eq(global_node_page_state(NR_PAGETABLE), 0);

	/* Mapcount and tag mapcount. */
	p = alloc_page(GFP_HIGHUSER_MOVABLE);
	ck_assert(!page_mapped(p));
	page_mapcount_inc(p);
	page_mapcount_inc(p);
	ck_assert_int_eq(page_mapcount(p), 2);
	ck_assert_int_eq(page_tag(p)->mapcount, 2);
	ck_assert(!page_mapcount_dec(p));
	ck_assert(page_mapcount_dec(p));
	set_page_kind(p, FK_ANON);
	set_page_owner(p, 42);
	ck_assert_int_eq(page_tag(p)->kind, FK_ANON);
	ck_assert_int_eq(page_tag(p)->owner, 42);
	__free_page(p);
	ck_assert_int_eq(page_tag(p)->kind, FK_FREE);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

START_TEST(test_bad_free_reported)
{
	setup64();
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	__free_pages(p, 0);
	__free_pages(p, 0); /* double free */
	ck_assert_int_eq(klog_count_matching("BUG: Bad page state"), 1);
	ck_assert_int_eq(klog_count_matching("double free"), 1);
	ck_mm_ok();
	/* Freeing a page that is still mapped: reported, quarantined, never reused. */
	p = alloc_pages(GFP_KERNEL, 0);
	page_mapcount_inc(p);
	__free_pages(p, 0);
	ck_assert_int_eq(klog_count_matching("nonzero mapcount"), 1);
	ck_assert(PageReserved(p));
	ck_assert_int_eq(page_kind(p), FK_RESERVED);
	ck_mm_ok();
	/* Order too large. */
	ck_assert_ptr_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	fx_shutdown();
}
END_TEST

START_TEST(test_pcp_lists)
{
	fx_boot(128 * MiB, "", 0);
	struct zone *z = Z(ZONE_DMA32);
	ck_assert_uint_eq(z->managed_pages, 28672 - 512);
	ck_assert_int_eq(z->pcp.batch, 7);
	ck_assert_int_eq(z->pcp.high, 42);
	long before = zone_page_state(z, NR_FREE_PAGES);
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	ck_assert(!PagePcp(p));
	ck_assert_int_eq(z->pcp.count, 6); /* a batch of 7 came over, one handed out */
	ck_assert_int_eq(zone_page_state(z, NR_FREE_PAGES), before - 7);
	__free_pages(p, 0);
	ck_assert_int_eq(z->pcp.count, 7);
	ck_assert(PagePcp(p));
	ck_assert_int_eq(page_kind(p), FK_FREE);
	/* Freeing 36 more reaches high (42): a batch of 7 goes back to the buddy lists. */
	struct page *q[36];
	for (int i = 0; i < 36; i++)
		q[i] = alloc_pages(GFP_KERNEL, 0);
	for (int i = 0; i < 36; i++)
		__free_pages(q[i], 0);
	ck_assert_int_lt(z->pcp.count, 42);
	ck_mm_ok();
	drain_all_pages();
	ck_assert_int_eq(z->pcp.count, 0);
	ck_assert_int_eq(zone_page_state(z, NR_FREE_PAGES), before);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

/* The checker catches each kind of injected corruption, and says what it is. */
START_TEST(test_checker_catches_corruption)
{
	setup64();
	struct zone *dma = Z(ZONE_DMA);
	const char *why;

	dma->free_area[10].nr_free++;
	why = mm_check();
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "nr_free"));
	dma->free_area[10].nr_free--;
	ck_mm_ok();

	struct page *head = list_first_entry(&dma->free_area[10].free_list, struct page, lru);
	head->_refcount = 1;
	why = mm_check();
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "refcount"));
	head->_refcount = 0;

	ClearPageBuddy(head);
	ck_assert_ptr_nonnull(mm_check());
	SetPageBuddy(head);
	ck_mm_ok();

	/* A leaked frame: allocated state lost (refcount dropped behind the allocator's back). */
	struct page *p = alloc_pages(GFP_DMA, 0);
	p->_refcount = 0;
	why = mm_check();
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "no state"));
	p->_refcount = 1;
	ck_mm_ok();

	/* Free-page counter drift. */
	mod_zone_page_state(dma, NR_FREE_PAGES, 1);
	why = mm_check();
	ck_assert_ptr_nonnull(strstr(why, "NR_FREE_PAGES"));
	mod_zone_page_state(dma, NR_FREE_PAGES, -1);

	/* Wrong tag on a free frame. */
	fx_obs.tags[5].kind = FK_ANON;
	why = mm_check();
	ck_assert_ptr_nonnull(strstr(why, "tagged"));
	fx_obs.tags[5].kind = FK_FREE;

	/* Two free buddies left unmerged. */
	__free_pages(p, 0);
	struct page *a = alloc_pages(GFP_DMA, 1);
	split_page(a, 1);
	__free_pages(a, 0);
	/* Put a+1 on the order-0 list by hand, skipping the merge. */
	a[1]._refcount = 0;
	list_add(&a[1].lru, &dma->free_area[0].free_list);
	dma->free_area[0].nr_free++;
	SetPageBuddy(&a[1]);
	a[1].private = 0;
	mod_zone_page_state(dma, NR_FREE_PAGES, 1);
	fx_obs.tags[page_to_pfn(a + 1) - mm_base_pfn].kind = FK_FREE;
	fx_obs.tags[page_to_pfn(a + 1) - mm_base_pfn].order = 0;
	drain_all_pages();
	why = mm_check();
	ck_assert_ptr_nonnull(why);
	ck_assert_ptr_nonnull(strstr(why, "not coalesced"));
	fx_shutdown();
}
END_TEST

static int hook_calls;
static int *hook_n;
static struct page **hook_pages;

/* A stand-in for reclaim: frees 64 of the test's pages and reports the progress. */
static unsigned long fake_reclaim(gfp_t gfp, unsigned int order)
{
	hook_calls++;
	for (int i = 0; i < 64 && *hook_n > 0; i++)
		__free_pages(hook_pages[--*hook_n], 0);
	return 64;
}

START_TEST(test_slowpath_hook)
{
	setup64();
	static struct page *pages[20000];
	int n = 0;
	while ((pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	/* A reclaim hook that frees 64 pages lets the next allocation succeed. */
	hook_n = &n;
	hook_pages = pages;
	hook_calls = 0;
	mm_slowpath_reclaim = fake_reclaim;
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(hook_calls, 1);
	/* One stall when the filling loop failed, one now. */
	ck_assert_uint_eq(vm_event_count(ALLOCSTALL_NORMAL), 2);
	/* GFP_ATOMIC never reclaims directly. */
	hook_calls = 0;
	while (alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0))
		;
	ck_assert_int_eq(hook_calls, 0);
	mm_slowpath_reclaim = NULL;
	fx_shutdown();
}
END_TEST

static Suite *buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_zones_and_memmap);
	tcase_add_test(tc, test_watermarks);
	tcase_add_test(tc, test_watermark_enforced);
	tcase_add_test(tc, test_memalloc_reserve);
	tcase_add_test(tc, test_split_coalesce_exact);
	tcase_add_test(tc, test_buddy_pairs);
	tcase_add_test(tc, test_no_double_allocation);
	tcase_add_test(tc, test_fragmentation);
	tcase_add_test(tc, test_gfp_zones_and_fallback);
	tcase_add_test(tc, test_zone_normal);
	tcase_add_test(tc, test_compound_and_refcount);
	tcase_add_test(tc, test_bad_free_reported);
	tcase_add_test(tc, test_pcp_lists);
	tcase_add_test(tc, test_checker_catches_corruption);
	tcase_add_test(tc, test_slowpath_hook);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(buddy_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
