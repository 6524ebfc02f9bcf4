/*
 * page_alloc.c - the buddy allocator: per-zone free lists of blocks of 2^order
 * frames (order 0..MAX_ORDER-1), exact split on allocation and coalescing
 * with the buddy on free, a per-CPU list for order-0 pages, watermarks and
 * the zonelist fallback, the slow path's hooks for reclaim (issue 5), and
 * the Linux-style allocation failure report.
 *
 * Invariants (checked by mm_check()):
 *  - a free block of order o starts at a pfn aligned to 2^o, lies in one zone,
 *    its head has PG_buddy and page->private == o, and its buddy is not a
 *    free block of the same order (it would have been merged);
 *  - pages on the per-CPU list have PG_pcp and are not in NR_FREE_PAGES;
 *  - every frame's tag says what the frame holds (FK_FREE when free).
 * One host thread runs the kernel, so there is no locking.
 */
#include "os/mm/internal.h"
#include "os/mm/page_alloc.h"

#include <errno.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/internal.h"
#include "os/mm/mm_init.h"
#include "os/mm/vmstat.h"

unsigned long (*mm_slowpath_reclaim)(gfp_t gfp, unsigned int order);
void (*mm_wakeup_kswapd)(struct zone *zone, gfp_t gfp, unsigned int order);
bool (*mm_out_of_memory)(gfp_t gfp, unsigned int order);
const char *(*mm_current_comm)(void);
void (*mm_lru_release_hook)(struct page *page);
unsigned long mm_bad_pages;

unsigned long mm_bad_pages_count(void)
{
	return mm_bad_pages;
}

#define PAGE_POISON	0xaa /* freed frames in debug builds */
#define PAGE_FLAGS_ZONE (ZONES_MASK << ZONES_PGSHIFT)

struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

void tag_block(struct page *page, unsigned int order, enum frame_kind kind, unsigned int flags)
{
	struct frame_tag *t = page_tag(page);
	unsigned long n = 1UL << order;
	uint8_t zone = (uint8_t)page_zonenum(page);
	for (unsigned long i = 0; i < n; i++) {
		t[i].kind = (uint8_t)kind;
		t[i].flags = 0;
		t[i].zone = zone;
		t[i].order = (uint8_t)order;
		t[i].owner = 0;
		t[i].mapcount = 0;
	}
	t[0].flags = (uint8_t)flags;
}

/* ---- the buddy lists ---- */

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
	SetPageBuddy(page);
	page->private = order;
}

static inline void del_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/* Is page the head of a free block of this order in this zone (a mergeable buddy)? */
static inline bool page_is_buddy(unsigned long buddy_pfn, struct zone *zone, unsigned int order)
{
	if (!pfn_valid(buddy_pfn))
		return false;
	struct page *buddy = pfn_to_page(buddy_pfn);
	return PageBuddy(buddy) && buddy->private == order && page_zone(buddy) == zone;
}

/* Put a block on the free lists, merging with its buddy while the buddy is free. */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order)
{
	mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		if (!page_is_buddy(buddy_pfn, zone, order))
			break;
		del_from_free_list(pfn_to_page(buddy_pfn), zone, order);
		unsigned long combined = buddy_pfn & pfn;
		page += (long)combined - (long)pfn;
		pfn = combined;
		order++;
	}
	add_to_free_list(page, zone, order);
	tag_block(page, order, FK_FREE, FTF_BUDDY_HEAD);
}

/* Split a block of order high down to order low, freeing the upper halves. */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;
	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
		tag_block(&page[size], high, FK_FREE, FTF_BUDDY_HEAD);
	}
}

/* Take the smallest free block of at least this order and split it to size. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		if (list_empty(&area->free_list))
			continue;
		struct page *page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
		return page;
	}
	return NULL;
}

/* ---- the per-CPU order-0 list ---- */

/* Move up to count order-0 pages from the buddy lists to the per-CPU list. */
static int rmqueue_bulk(struct zone *zone, int count)
{
	int i;
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue_smallest(zone, 0);
		if (!page)
			break;
		list_add_tail(&page->lru, &zone->pcp.list);
		SetPagePcp(page);
		tag_block(page, 0, FK_FREE, 0);
	}
	zone->pcp.count += i;
	return i;
}

/* Return count pages from the cold end of the per-CPU list to the buddy lists. */
static void free_pcppages_bulk(struct zone *zone, int count)
{
	while (count-- > 0 && !list_empty(&zone->pcp.list)) {
		struct page *page = list_last_entry(&zone->pcp.list, struct page, lru);
		list_del(&page->lru);
		ClearPagePcp(page);
		zone->pcp.count--;
		__free_one_page(page, page_to_pfn(page), zone, 0);
	}
}

void drain_all_pages(void)
{
	struct zone *zone;
	for_each_populated_zone(zone)
		free_pcppages_bulk(zone, zone->pcp.count);
}

void setup_pcp_sizes(void)
{
	struct zone *zone;
	for_each_zone(zone) {
		/* Linux's zone_batchsize(): about a quarter of a thousandth of the zone. */
		unsigned long batch = zone->managed_pages >> 10;
		if (batch > 256)
			batch = 256;
		batch /= 4;
		if (batch < 1)
			batch = 1;
		unsigned long b = batch + batch / 2, p = 1;
		while (p * 2 <= b)
			p *= 2;
		batch = p - 1;
		zone->pcp.high = (int)(6 * batch);
		zone->pcp.batch = batch ? (int)batch : 1;
	}
}

/* ---- watermarks ---- */

int zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		      unsigned int alloc_flags)
{
	long min = (long)mark;
	long free_pages = zone_page_state(z, NR_FREE_PAGES) - ((1L << order) - 1);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return 0;
	if (!order)
		return 1;
	for (unsigned int o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return 1;
	return 0;
}

/* ---- allocation ---- */

static void prep_compound_page(struct page *page, unsigned int order)
{
	SetPageHead(page);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		page[i].compound_head = (unsigned long)page | 1;
		page[i]._tail_pad = 0;
		page[i].compound_order = 0;
	}
	page[1].compound_order = order;
}

static void check_new_page_poison(struct page *page, unsigned int order)
{
#ifdef RVMM_DEBUG_MM
	const uint8_t *p = page_address(page);
	for (unsigned long i = 0; i < (PAGE_SIZE << order); i++)
		if (p[i] != PAGE_POISON) {
			pr_err("pagealloc: memory corruption at phys %#llx: %#x instead of %#x\n",
			       (unsigned long long)(page_to_phys(page) + i), p[i], PAGE_POISON);
			break;
		}
#endif
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = &page[i];
		p->flags &= PAGE_FLAGS_ZONE;
		p->lru.next = p->lru.prev = NULL;
		p->mapping = NULL;
		p->index = 0;
		p->private = 0;
		p->_mapcount = -1;
		p->_refcount = 0;
		p->rmap = NULL;
	}
	check_new_page_poison(page, order);
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	if ((gfp & __GFP_COMP) && order)
		prep_compound_page(page, order);
	tag_block(page, order, FK_KMEM, 0);
}

static struct page *rmqueue(struct zone *zone, unsigned int order)
{
	if (order == 0) {
		struct per_cpu_pages *pcp = &zone->pcp;
		if (list_empty(&pcp->list) && !rmqueue_bulk(zone, pcp->batch))
			return NULL;
		struct page *page = list_first_entry(&pcp->list, struct page, lru);
		list_del(&page->lru);
		ClearPagePcp(page);
		pcp->count--;
		return page;
	}
	return __rmqueue_smallest(zone, order);
}

/* Walk the zonelist from the preferred zone down, honouring the watermark in alloc_flags. */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   int highest_zoneidx)
{
	int lowest = highest_zoneidx == ZONE_MOVABLE && movable_no_fallback ? ZONE_MOVABLE : 0;
	for (int zid = highest_zoneidx; zid >= lowest; zid--) {
		struct zone *zone = &contig_page_data.node_zones[zid];
		if (!populated_zone(zone))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			unsigned long mark = zone->watermark[alloc_flags & ALLOC_WMARK_MASK];
			if (!zone_watermark_ok(zone, order, mark, highest_zoneidx, alloc_flags))
				continue;
		}
		struct page *page = rmqueue(zone, order);
		if (page) {
			prep_new_page(page, order, gfp);
			count_vm_events(PGALLOC_DMA + zid, 1UL << order);
			return page;
		}
	}
	return NULL;
}

unsigned int memalloc_noreclaim_depth;

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int f = ALLOC_WMARK_MIN;
	if (gfp & __GFP_HIGH)
		f |= ALLOC_HIGH;
	if ((gfp & __GFP_ATOMIC) && !(gfp & __GFP_NOMEMALLOC))
		f |= ALLOC_HARDER;
	return f;
}

/* Print the free blocks of each zone, as Linux's show_free_areas() does. */
static void show_free_areas(void)
{
	struct zone *zone;
	for_each_populated_zone(zone) {
		char line[512];
		int n = snprintf(line, sizeof(line), "Node 0 %s: ", zone->name);
		unsigned long total = 0;
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			unsigned long nr = zone->free_area[o].nr_free;
			total += nr << o;
			n += snprintf(line + n, sizeof(line) - (size_t)n, "%lu*%lukB ", nr,
				      (PAGE_SIZE >> 10) << o);
		}
		snprintf(line + n, sizeof(line) - (size_t)n, "= %lukB", total * (PAGE_SIZE >> 10));
		pr_warn("%s\n", line);
	}
}

static void warn_alloc(gfp_t gfp, unsigned int order)
{
	char flags[256];
	gfp_flags_string(gfp, flags, sizeof(flags));
	pr_warn("%s: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		mm_current_comm ? mm_current_comm() : "swapper/0", order, gfp, flags);
	show_free_areas();
}

/*
 * The slow path: wake kswapd, retry at the min watermark (deeper for atomic
 * allocations), then reclaim directly and finally ask the OOM killer, each
 * through the hooks issue 5 installs; without them reclaim makes no progress
 * and the allocation fails as Linux's would on a machine with nothing to reclaim.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, int highest_zoneidx)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	struct page *page;
	int retries = 0;

	if ((gfp & __GFP_KSWAPD_RECLAIM) && mm_wakeup_kswapd) {
		for (int zid = highest_zoneidx; zid >= 0; zid--)
			if (populated_zone(&contig_page_data.node_zones[zid]))
				mm_wakeup_kswapd(&contig_page_data.node_zones[zid], gfp, order);
	}
	/* Reclaim's own allocations: the reserves, and no recursion (PF_MEMALLOC). */
	if (((gfp & __GFP_MEMALLOC) || memalloc_noreclaim_depth) && !(gfp & __GFP_NOMEMALLOC)) {
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS, highest_zoneidx);
		if (page || memalloc_noreclaim_depth)
			return page;
	}
	for (;;) {
		page = get_page_from_freelist(gfp, order, alloc_flags, highest_zoneidx);
		if (page)
			return page;
		if (!gfpflags_allow_blocking(gfp))
			break;
		count_vm_event(ALLOCSTALL_DMA + highest_zoneidx);
		unsigned long progress = mm_slowpath_reclaim ? mm_slowpath_reclaim(gfp, order) : 0;
		if (progress) {
			if ((gfp & __GFP_NORETRY) || ++retries > 16)
				break;
			continue;
		}
		if ((gfp & __GFP_FS) && !(gfp & __GFP_NORETRY) &&
		    order <= PAGE_ALLOC_COSTLY_ORDER && mm_out_of_memory && retries++ <= 16 &&
		    mm_out_of_memory(gfp, order))
			continue;
		break;
	}
	if (gfp & __GFP_NOFAIL) {
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS, highest_zoneidx);
		if (page)
			return page;
		panic("__alloc_pages: out of memory for a __GFP_NOFAIL order-%u allocation", order);
	}
	return NULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("alloc_pages: order %u >= MAX_ORDER (%d)\n", order, MAX_ORDER);
		return NULL;
	}
	int highest = gfp_zone(gfp);
	struct page *page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, highest);
	if (!page)
		page = __alloc_pages_slowpath(gfp, order, highest);
	if (!page) {
		contig_page_data.node_zones[highest].nr_alloc_fail++;
		if (!(gfp & __GFP_NOWARN))
			warn_alloc(gfp, order);
	}
	mm_debug_check("alloc_pages");
	return page;
}

/* ---- freeing ---- */

static void bad_page(struct page *page, const char *reason)
{
	pr_err("BUG: Bad page state in process %s  pfn:%05lx\n",
	       mm_current_comm ? mm_current_comm() : "swapper/0", page_to_pfn(page));
	dump_page(page, reason);
	mm_bad_pages++;
	/* A frame that is free already (a double free) stays where it is. */
	if (PageBuddy(page) || PagePcp(page) || page_kind(page) == FK_FREE)
		return;
	/* Quarantine the frame, as Linux leaks it: never hand it out again. */
	page->flags &= PAGE_FLAGS_ZONE;
	SetPageReserved(page);
	page->_refcount = 1;
	page->_mapcount = -1;
	page->mapping = NULL;
	tag_block(page, 0, FK_RESERVED, 0);
}

void dump_page(const struct page *page, const char *reason)
{
	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx pfn:%#lx\n",
		(const void *)page, page->_refcount, page_mapcount(page), (void *)page->mapping,
		page->index, page_to_pfn(page));
	pr_warn("flags: %#lx\n", page->flags & ~PAGE_FLAGS_ZONE);
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}

static const char *page_bad_reason(const struct page *page)
{
	if (page->_mapcount != -1)
		return "nonzero mapcount";
	if (page->mapping && !PageTail(page))
		return "non-NULL mapping";
	if (page->_refcount)
		return "nonzero _refcount";
	if (PageLRU(page))
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set (lru)";
	if (PageSlab(page))
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set (slab)";
	if (PageBuddy(page) || PagePcp(page))
		return "already free";
	if (PageReserved(page))
		return "PageReserved";
	return NULL;
}

/* Check and clean a block being freed; false if it must not be freed. */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	const char *why;
	if (PageHead(page)) {
		if (compound_order(page) != order) {
			bad_page(page, "compound order mismatch");
			return false;
		}
		for (unsigned long i = 1; i < (1UL << order); i++) {
			if (page[i].compound_head != ((unsigned long)page | 1)) {
				bad_page(page + i, "corrupted compound tail");
				return false;
			}
			page[i].compound_head = 0;
			page[i]._tail_pad = 0;
			page[i].compound_order = 0;
		}
		ClearPageHead(page);
	}
	/* an anonymous page's anon marker goes with its last reference (Linux's
	 * free_pages_prepare clears PAGE_MAPPING_FLAGS mappings the same way) */
	if ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS)
		page->mapping = NULL;
	if ((why = page_bad_reason(page))) {
		bad_page(page, why);
		return false;
	}
	for (unsigned long i = 1; i < (1UL << order); i++) {
		if ((why = page_bad_reason(&page[i]))) {
			bad_page(&page[i], why);
			return false;
		}
	}
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].flags &= PAGE_FLAGS_ZONE;
		page[i].mapping = NULL;
		page[i].private = 0;
		page[i].rmap = NULL;
	}
#ifdef RVMM_DEBUG_MM
	memset(page_address(page), PAGE_POISON, PAGE_SIZE << order);
#endif
	count_vm_events(PGFREE, 1UL << order);
	return true;
}

static void free_the_page(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, order))
		return;
	struct zone *zone = page_zone(page);
	if (order == 0) {
		struct per_cpu_pages *pcp = &zone->pcp;
		list_add(&page->lru, &pcp->list);
		SetPagePcp(page);
		tag_block(page, 0, FK_FREE, 0);
		pcp->count++;
		if (pcp->count >= pcp->high)
			free_pcppages_bulk(zone, pcp->batch);
		return;
	}
	__free_one_page(page, page_to_pfn(page), zone, order);
}

bool put_page_testzero(struct page *page)
{
	if (page->_refcount <= 0) {
		bad_page(page, "put with refcount 0 (double free?)");
		return false;
	}
	return --page->_refcount == 0;
}

void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		free_the_page(page, order);
	mm_debug_check("__free_pages");
}

void get_page(struct page *page)
{
	page = compound_head(page);
	if (page->_refcount <= 0)
		panic("get_page: pfn %#lx has refcount %d (use after free)", page_to_pfn(page),
		      page->_refcount);
	page->_refcount++;
}

void put_page(struct page *page)
{
	page = compound_head(page);
	if (!put_page_testzero(page))
		return;
	if (PageLRU(page)) {
		if (!mm_lru_release_hook)
			panic("put_page: pfn %#lx freed while on an LRU list", page_to_pfn(page));
		mm_lru_release_hook(page);
	}
	free_the_page(page, compound_order(page));
	mm_debug_check("put_page");
}

/* ---- the address-based API and helpers ---- */

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

void split_page(struct page *page, unsigned int order)
{
	if (PageHead(page))
		panic("split_page: pfn %#lx is a compound page", page_to_pfn(page));
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_count(&page[i], 1);
	enum frame_kind kind = page_kind(page);
	for (unsigned long i = 0; i < (1UL << order); i++)
		tag_block(&page[i], 0, kind, 0);
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	if (!size)
		return NULL;
	unsigned int order = get_order(size);
	struct page *page = alloc_pages(gfp & ~__GFP_COMP, order);
	if (!page)
		return NULL;
	split_page(page, order);
	unsigned long used = PFN_UP(size);
	for (unsigned long i = used; i < (1UL << order); i++)
		__free_pages(&page[i], 0);
	return page_address(page);
}

void free_pages_exact(void *virt, size_t size)
{
	struct page *page = virt_to_page(virt);
	for (unsigned long i = 0; i < PFN_UP(size); i++)
		__free_pages(&page[i], 0);
}

struct page *pagetable_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp | __GFP_ZERO, order);
	if (!page)
		return NULL;
	SetPageTable(page);
	tag_block(page, order, FK_PGTABLE, 0);
	mod_node_page_state(&contig_page_data, NR_PAGETABLE, 1L << order);
	return page;
}

void pagetable_free(struct page *page, unsigned int order)
{
	if (!PageTable(page))
		panic("pagetable_free: pfn %#lx is not a page table", page_to_pfn(page));
	ClearPageTable(page);
	mod_node_page_state(&contig_page_data, NR_PAGETABLE, -(1L << order));
	__free_pages(page, order);
}

void memmap_free_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;
	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;
		while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > end_pfn))
			order--;
		struct page *page = pfn_to_page(pfn);
		__free_one_page(page, pfn, page_zone(page), order);
		pfn += 1UL << order;
	}
}

unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

unsigned long totalram_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;
	for_each_zone(zone)
		n += zone->managed_pages;
	return n;
}

long si_mem_available(void)
{
	unsigned long wmark_low = 0;
	struct zone *zone;
	for_each_zone(zone)
		wmark_low += low_wmark_pages(zone);
	long available = (long)nr_free_pages() - (long)contig_page_data.totalreserve_pages;
	unsigned long pagecache =
	    global_node_page_state(NR_ACTIVE_FILE) + global_node_page_state(NR_INACTIVE_FILE);
	pagecache -= pagecache / 2 < wmark_low ? pagecache / 2 : wmark_low;
	available += (long)pagecache;
	unsigned long reclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
				    global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE);
	reclaimable -= reclaimable / 2 < wmark_low ? reclaimable / 2 : wmark_low;
	available += (long)reclaimable;
	return available < 0 ? 0 : available;
}

/* ---- frame tags and mapcounts ---- */

void set_page_kind(struct page *page, enum frame_kind kind)
{
	struct frame_tag *t = page_tag(page);
	unsigned long n = 1UL << t->order;
	for (unsigned long i = 0; i < n; i++)
		t[i].kind = (uint8_t)kind;
}

enum frame_kind page_kind(const struct page *page)
{
	return (enum frame_kind)page_tag(page)->kind;
}

void set_page_owner(struct page *page, unsigned int pid)
{
	struct frame_tag *t = page_tag(page);
	unsigned long n = 1UL << t->order;
	for (unsigned long i = 0; i < n; i++)
		t[i].owner = (uint16_t)pid;
}

void set_page_tag_flags(struct page *page, unsigned int set, unsigned int clear)
{
	struct frame_tag *t = page_tag(page);
	t->flags = (uint8_t)((t->flags & ~clear) | set);
}

void page_mapcount_inc(struct page *page)
{
	page->_mapcount++;
	struct frame_tag *t = page_tag(page);
	if (t->mapcount < 255)
		t->mapcount++;
}

bool page_mapcount_dec(struct page *page)
{
	if (page->_mapcount < 0)
		panic("page_mapcount_dec: pfn %#lx is not mapped", page_to_pfn(page));
	page->_mapcount--;
	struct frame_tag *t = page_tag(page);
	int m = page_mapcount(page);
	t->mapcount = (uint8_t)(m > 255 ? 255 : m);
	return page->_mapcount < 0;
}
