/*
 * mm_init.c - boot of the memory manager: the memory model globals, mem_map
 * placed in guest RAM, the zones and their watermarks, handing the remaining
 * frames to the buddy allocator, then the slab layer and vmalloc.
 *
 * mem_map goes at the top of RAM (Linux's memblock allocates top-down), so
 * ZONE_DMA stays whole; with a ZONE_MOVABLE (the top of RAM) it goes just
 * below that zone instead, so it never lies in memory U-mode may reach in
 * NOMMU mode. Its frames are PG_reserved and tagged FK_MEMMAP.
 */
#include "os/mm/internal.h"
#include "os/mm/mm_init.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/internal.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"
#include "os/mm/vmstat.h"

struct page *mem_map;
uint8_t *mm_ram;
unsigned long mm_base_pfn;
unsigned long mm_nr_pages;
struct observe *mm_obs;
int mm_ram_fd = -1;
struct pglist_data contig_page_data;
int min_free_kbytes;
int watermark_scale_factor = 10;
bool movable_no_fallback;
int movable_default_percent;

static struct observe private_obs;
static char boot_cmdline[1024];
static bool mm_up;
int mm_check_suppress;
#ifdef RVMM_DEBUG_MM
bool mm_check_every_op = true;
#else
bool mm_check_every_op;
#endif

#define DMA_ZONE_BYTES	 (16UL << 20)
#define DMA32_LIMIT_PHYS (1ULL << 32)

static const char *const zone_names[MAX_NR_ZONES] = {"DMA", "DMA32", "Normal", "Movable"};
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = {256, 256, 32, 0};

/* Find word (a bare "key" or "key=value") on cmdline; NULL or the word. */
static const char *cmdline_find(const char *cmdline, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n >= klen && !strncmp(p, key, klen) && (n == klen || p[klen] == '=')) {
			*len = n;
			return p;
		}
		p += n;
	}
	return NULL;
}

/* The value of key=value on cmdline into buf (truncated to size); 1 if there is one. */
static int cmdline_value(const char *cmdline, const char *key, char *buf, unsigned long size)
{
	size_t len, klen = strlen(key);
	const char *p = cmdline_find(cmdline, key, &len);
	if (!p || len == klen)
		return 0;
	size_t vlen = len - klen - 1;
	if (size) {
		if (vlen >= size)
			vlen = size - 1;
		memcpy(buf, p + klen + 1, vlen);
		buf[vlen] = '\0';
	}
	return 1;
}

int mm_cmdline_get(const char *key, char *buf, unsigned long size)
{
	return cmdline_value(boot_cmdline, key, buf, size);
}

int mm_cmdline_has(const char *key)
{
	size_t len;
	return cmdline_find(boot_cmdline, key, &len) != NULL;
}

/* "N%" -> that share of nr_pages, "N[KMG]" (bytes) -> whole pages; -1 if malformed. */
static long parse_size_pages(const char *v, unsigned long nr_pages)
{
	char *end;
	unsigned long long n = strtoull(v, &end, 0);
	const char *units = "KMG", *u;

	if (end == v)
		return -1;
	if (*end == '%' && !end[1])
		return n > 100 ? -1 : (long)(nr_pages * n / 100);
	if (*end && (u = strchr(units, *end & ~0x20)) != NULL) {
		n <<= 10 * (unsigned)(u - units + 1);
		end++;
	}
	if (*end)
		return -1;
	return (long)(n >> PAGE_SHIFT);
}

unsigned long movable_zone_pages(const char *cmdline, unsigned long nr_pages,
				 unsigned long memmap_pages, int default_percent)
{
	const unsigned long block = 1UL << MAX_PAGE_ORDER;
	const unsigned long kernel_min = memmap_pages + ((4UL << 20) >> PAGE_SHIFT);
	char val[32];
	long want;

	if (cmdline_value(cmdline, "movablecore", val, sizeof(val)))
		want = parse_size_pages(val, nr_pages);
	else if (cmdline_value(cmdline, "kernelcore", val, sizeof(val))) {
		want = parse_size_pages(val, nr_pages);
		want = want < 0 ? -1 : (long)nr_pages - want;
	} else
		want = (long)(nr_pages * (unsigned long)default_percent / 100);
	if (want <= 0 || nr_pages < kernel_min)
		return 0;
	/* The kernel's share, rounded up so the zone starts on a MAX_ORDER block. */
	unsigned long kernel = (unsigned long)want >= nr_pages ? 0 : nr_pages - (unsigned long)want;
	if (kernel < kernel_min)
		kernel = kernel_min;
	kernel = (kernel + block - 1) / block * block;
	return kernel >= nr_pages ? 0 : nr_pages - kernel;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;
	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

void setup_per_zone_wmarks(void)
{
	struct pglist_data *pgdat = &contig_page_data;
	unsigned long lowmem_pages = 0;
	struct zone *zone;
	for_each_zone(zone)
		lowmem_pages += zone->managed_pages;
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	for_each_zone(zone) {
		unsigned long min =
		    lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages : 0;
		unsigned long step =
		    zone->managed_pages * (unsigned long)watermark_scale_factor / 10000;
		if (step < min / 4)
			step = min / 4;
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + step;
		zone->watermark[WMARK_HIGH] = min + 2 * step;
	}
	/* lowmem_reserve: pages a lower zone keeps back from allocations that could use a higher
	 * one. */
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &pgdat->node_zones[i];
		unsigned long managed = 0;
		z->lowmem_reserve[i] = 0;
		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += pgdat->node_zones[j].managed_pages;
			z->lowmem_reserve[j] =
			    (long)(managed / (unsigned long)lowmem_reserve_ratio[i]);
		}
	}
	unsigned long reserve_total = 0;
	for_each_zone(zone) {
		long max = 0;
		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		unsigned long r = (unsigned long)max + high_wmark_pages(zone);
		reserve_total += r > zone->managed_pages ? zone->managed_pages : r;
	}
	pgdat->totalreserve_pages = reserve_total;
}

/* Linux's init_per_zone_wmark_min(): sqrt(lowmem_kbytes * 16), within [128, 262144]. */
static void init_min_free_kbytes(void)
{
	char val[32];
	if (mm_cmdline_get("min_free_kbytes", val, sizeof(val))) {
		min_free_kbytes = atoi(val);
		return;
	}
	unsigned long lowmem_kbytes = totalram_pages() * (PAGE_SIZE >> 10);
	unsigned long m = int_sqrt(lowmem_kbytes * 16);
	if (m < 128)
		m = 128;
	if (m > 262144)
		m = 262144;
	min_free_kbytes = (int)m;
}

/* Zone boundaries; ZONE_MOVABLE is the top movable_pages of RAM. */
static void zones_init(unsigned long movable_pages)
{
	struct pglist_data *pgdat = &contig_page_data;
	unsigned long start = mm_base_pfn, end = mm_base_pfn + mm_nr_pages;
	unsigned long movable_start = end - movable_pages;
	unsigned long dma_end = start + (DMA_ZONE_BYTES >> PAGE_SHIFT);
	if (dma_end > movable_start)
		dma_end = movable_start;
	unsigned long dma32_end = DMA32_LIMIT_PHYS >> PAGE_SHIFT;
	if (dma32_end < dma_end)
		dma32_end = dma_end;
	if (dma32_end > movable_start)
		dma32_end = movable_start;
	unsigned long bounds[MAX_NR_ZONES + 1] = {start, dma_end, dma32_end, movable_start, end};

	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_start_pfn = start;
	pgdat->node_present_pages = mm_nr_pages;
	pgdat->node_spanned_pages = mm_nr_pages;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &pgdat->node_zones[i];
		z->name = zone_names[i];
		z->zone_start_pfn = bounds[i];
		z->spanned_pages = bounds[i + 1] - bounds[i];
		z->present_pages = z->spanned_pages;
		z->managed_pages = 0;
		INIT_LIST_HEAD(&z->pcp.list);
		for (int o = 0; o < MAX_ORDER; o++)
			INIT_LIST_HEAD(&z->free_area[o].free_list);
		if (z->present_pages)
			pgdat->nr_zones = i + 1;
		for (unsigned long pfn = bounds[i]; pfn < bounds[i + 1]; pfn++)
			mem_map[pfn - start].flags = (unsigned long)i << ZONES_PGSHIFT;
		{
			struct observe *o = mm_obs;
			snprintf(o->zones[i].name, sizeof(o->zones[i].name), "%s", zone_names[i]);
			o->zones[i].start_pfn = bounds[i];
			o->zones[i].end_pfn = bounds[i + 1];
		}
	}
	mm_obs->nzones = MAX_NR_ZONES;
}

static void print_zone_ranges(void)
{
	pr_info("Zone ranges:\n");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &contig_page_data.node_zones[i];
		if (!z->present_pages) {
			pr_info("  %-8s empty\n", z->name);
			continue;
		}
		pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", z->name,
			(unsigned long long)PFN_PHYS(z->zone_start_pfn),
			(unsigned long long)PFN_PHYS(z->zone_start_pfn + z->spanned_pages) - 1);
	}
}

int mm_init(uint8_t *ram, uint64_t ram_phys_base, uint64_t ram_size, int ram_fd,
	    const char *cmdline, struct observe *obs)
{
	if (mm_up)
		mm_exit();
	if (!ram || (ram_phys_base & (PAGE_SIZE - 1)) || (ram_size & (PAGE_SIZE - 1)) ||
	    ram_size < (4UL << 20))
		return -EINVAL;
	snprintf(boot_cmdline, sizeof(boot_cmdline), "%s", cmdline ? cmdline : "");
	mm_ram = ram;
	mm_ram_fd = ram_fd;
	mm_base_pfn = (unsigned long)(ram_phys_base >> PAGE_SHIFT);
	mm_nr_pages = (unsigned long)(ram_size >> PAGE_SHIFT);
	mm_obs = obs ? obs : &private_obs;
	memset(mm_obs, 0, sizeof(*mm_obs));
	mm_obs->tags = calloc(mm_nr_pages, sizeof(struct frame_tag));
	if (!mm_obs->tags)
		return -ENOMEM;
	mm_obs->base_pfn = mm_base_pfn;
	mm_obs->nframes = mm_nr_pages;
	mm_obs->c.total = mm_nr_pages;

	/* mem_map at the top of RAM, or just below ZONE_MOVABLE. */
	unsigned long memmap_pages = PFN_UP(mm_nr_pages * sizeof(struct page));
	unsigned long movable_pages =
	    movable_zone_pages(boot_cmdline, mm_nr_pages, memmap_pages, movable_default_percent);
	unsigned long memmap_end = mm_nr_pages - movable_pages;
	unsigned long memmap_start = memmap_end - memmap_pages;
	mem_map = (struct page *)(ram + (memmap_start << PAGE_SHIFT));
	memset(mem_map, 0, mm_nr_pages * sizeof(struct page));
	vmstat_reset();
	zones_init(movable_pages);
	for (unsigned long i = 0; i < mm_nr_pages; i++)
		mem_map[i]._mapcount = -1;
	for (unsigned long i = memmap_start; i < memmap_end; i++) {
		SetPageReserved(&mem_map[i]);
		mem_map[i]._refcount = 1;
		tag_block(&mem_map[i], 0, FK_MEMMAP, 0);
	}
	struct zone *zone;
	for_each_zone(zone) {
		unsigned long s = zone->zone_start_pfn, e = s + zone->spanned_pages;
		unsigned long rs = mm_base_pfn + memmap_start, re = mm_base_pfn + memmap_end;
		unsigned long lo_end = e < rs ? e : rs;	  /* [s, lo_end): below mem_map */
		unsigned long hi_start = s > re ? s : re; /* [hi_start, e): above it */
		zone->managed_pages = 0;
		if (lo_end > s) {
			zone->managed_pages += lo_end - s;
			memmap_free_range(s, lo_end);
		}
		if (e > hi_start) {
			zone->managed_pages += e - hi_start;
			memmap_free_range(hi_start, e);
		}
	}
	mm_obs->c.kernel = memmap_pages;
	setup_pcp_sizes();
	init_min_free_kbytes();
	setup_per_zone_wmarks();
	mm_up = true;

	print_zone_ranges();
	pr_info("Built 1 zonelists, mobility grouping off.  Total pages: %lu\n", totalram_pages());
	pr_info("Kernel command line: %s\n", boot_cmdline);

	char alloc_name[16] = "slub";
	mm_cmdline_get("slab_allocator", alloc_name, sizeof(alloc_name));
	int err = kmem_cache_init(alloc_name);
	if (!err)
		err = vmalloc_init();
	if (err) {
		pr_err("mm_init: slab/vmalloc initialisation failed (%d)\n", err);
		mm_exit();
		return err;
	}
	pr_info("Memory: %luK/%luK available (%luK mem_map reserved)\n",
		nr_free_pages() * (PAGE_SIZE >> 10), mm_nr_pages * (PAGE_SIZE >> 10),
		memmap_pages * (PAGE_SIZE >> 10));
	mm_debug_check("mm_init");
	return 0;
}

void mm_exit(void)
{
	if (!mm_obs)
		return;
	vmalloc_exit();
	kmem_cache_exit();
	free(mm_obs->tags);
	mm_obs->tags = NULL;
	mm_obs = NULL;
	mem_map = NULL;
	mm_ram = NULL;
	mm_nr_pages = 0;
	mm_base_pfn = 0;
	mm_ram_fd = -1;
	mm_up = false;
	mm_slowpath_reclaim = NULL;
	mm_wakeup_kswapd = NULL;
	mm_out_of_memory = NULL;
	mm_bad_pages = 0;
}

bool mm_ready(void)
{
	return mm_up;
}

void mm_check_or_panic(const char *where)
{
	const char *why = mm_check();
	if (why)
		panic("%s: mm_check: %s", where, why);
}
