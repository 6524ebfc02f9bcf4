/*
 * mm_proc.c - the text of /proc/meminfo, /proc/vmstat, /proc/buddyinfo and
 * /proc/zoneinfo, in Linux's formats (field names, order, widths), from the
 * counters kept at the source. Fields of subsystems that do not exist
 * (hugetlb, THP, CMA, zswap) are left out as a kernel configured without them
 * leaves them out; fields of subsystems built later (swap, page cache, LRU)
 * read the counters, which are 0 until those subsystems count.
 */
#include "os/mm/internal.h"
#include "os/mm/mm_proc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "os/mm/page_alloc.h"
#include "os/mm/vmalloc.h"
#include "os/mm/vmstat.h"

void (*meminfo_extra_provider)(struct meminfo_extra *out);

struct outbuf {
	char *buf;
	size_t size, len;
};

static void __attribute__((format(printf, 2, 3))) out(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
			  o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void out_init(struct outbuf *o, char *buf, size_t size)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	if (size)
		buf[0] = '\0';
}

/* "Name:           %8lu kB" with the name padded to 16 columns, as show_val_kb(). */
static void show_val_kb(struct outbuf *o, const char *name, unsigned long pages)
{
	out(o, "%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

size_t proc_meminfo_show(char *buf, size_t size)
{
	struct outbuf o;
	out_init(&o, buf, size);
	struct meminfo_extra x;
	memset(&x, 0, sizeof(x));
	if (meminfo_extra_provider)
		meminfo_extra_provider(&x);

	unsigned long lru[NR_LRU_LISTS];
	for (int i = 0; i < NR_LRU_LISTS; i++)
		lru[i] = global_node_page_state(NR_LRU_BASE + i);
	unsigned long swapcache = global_node_page_state(NR_SWAPCACHE);
	long cached = (long)global_node_page_state(NR_FILE_PAGES) - (long)swapcache;
	if (cached < 0)
		cached = 0;
	unsigned long sreclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaim = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	unsigned long totalram = totalram_pages();
	unsigned long commit_limit =
	    x.commit_limit_pages ? x.commit_limit_pages : totalram * 50 / 100 + x.swap_total_pages;

	show_val_kb(&o, "MemTotal:", totalram);
	show_val_kb(&o, "MemFree:", nr_free_pages());
	show_val_kb(&o, "MemAvailable:", (unsigned long)si_mem_available());
	show_val_kb(&o, "Buffers:", 0);
	show_val_kb(&o, "Cached:", (unsigned long)cached);
	show_val_kb(&o, "SwapCached:", swapcache);
	show_val_kb(&o, "Active:", lru[LRU_ACTIVE_ANON] + lru[LRU_ACTIVE_FILE]);
	show_val_kb(&o, "Inactive:", lru[LRU_INACTIVE_ANON] + lru[LRU_INACTIVE_FILE]);
	show_val_kb(&o, "Active(anon):", lru[LRU_ACTIVE_ANON]);
	show_val_kb(&o, "Inactive(anon):", lru[LRU_INACTIVE_ANON]);
	show_val_kb(&o, "Active(file):", lru[LRU_ACTIVE_FILE]);
	show_val_kb(&o, "Inactive(file):", lru[LRU_INACTIVE_FILE]);
	show_val_kb(&o, "Unevictable:", lru[LRU_UNEVICTABLE]);
	show_val_kb(&o, "Mlocked:", global_zone_page_state(NR_MLOCK));
	show_val_kb(&o, "SwapTotal:", x.swap_total_pages);
	show_val_kb(&o, "SwapFree:", x.swap_free_pages);
	show_val_kb(&o, "Dirty:", global_node_page_state(NR_FILE_DIRTY));
	show_val_kb(&o, "Writeback:", global_node_page_state(NR_WRITEBACK));
	show_val_kb(&o, "AnonPages:", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(&o, "Mapped:", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(&o, "Shmem:", global_node_page_state(NR_SHMEM));
	show_val_kb(
	    &o, "KReclaimable:", sreclaimable + global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(&o, "Slab:", sreclaimable + sunreclaim);
	show_val_kb(&o, "SReclaimable:", sreclaimable);
	show_val_kb(&o, "SUnreclaim:", sunreclaim);
	out(&o, "%-16s%8lu kB\n", "KernelStack:", global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(&o, "PageTables:", global_node_page_state(NR_PAGETABLE));
	show_val_kb(&o, "SecPageTables:", global_node_page_state(NR_SECONDARY_PAGETABLE));
	show_val_kb(&o, "NFS_Unstable:", 0);
	show_val_kb(&o, "Bounce:", global_zone_page_state(NR_BOUNCE));
	show_val_kb(&o, "WritebackTmp:", global_node_page_state(NR_WRITEBACK_TEMP));
	show_val_kb(&o, "CommitLimit:", commit_limit);
	show_val_kb(&o, "Committed_AS:", x.committed_as_pages);
	out(&o, "%-16s%8lu kB\n", "VmallocTotal:", vmalloc_total_bytes() >> 10);
	show_val_kb(&o, "VmallocUsed:", vmalloc_nr_pages());
	show_val_kb(&o, "VmallocChunk:", 0);
	show_val_kb(&o, "Percpu:", 0);
	return o.len;
}

size_t proc_vmstat_show(char *buf, size_t size)
{
	struct outbuf o;
	out_init(&o, buf, size);
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		out(&o, "%s %lu\n", zone_stat_name(i), global_zone_page_state(i));
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		out(&o, "%s %lu\n", node_stat_name(i), global_node_page_state_pages(i));
	/* Linux's global_dirty_limits(): 20% and 10% of dirtyable memory. */
	unsigned long x = nr_free_pages();
	x -= x < contig_page_data.totalreserve_pages ? x : contig_page_data.totalreserve_pages;
	x += global_node_page_state(NR_INACTIVE_FILE) + global_node_page_state(NR_ACTIVE_FILE);
	out(&o, "nr_dirty_threshold %lu\n", x * 20 / 100);
	out(&o, "nr_dirty_background_threshold %lu\n", x * 10 / 100);
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		out(&o, "%s %lu\n", vm_event_name(i), vm_event_count(i));
	return o.len;
}

size_t proc_buddyinfo_show(char *buf, size_t size)
{
	struct outbuf o;
	out_init(&o, buf, size);
	struct zone *zone;
	for_each_populated_zone(zone) {
		out(&o, "Node %d, zone %8s ", 0, zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			out(&o, "%6lu ", zone->free_area[order].nr_free);
		out(&o, "\n");
	}
	return o.len;
}

size_t proc_zoneinfo_show(char *buf, size_t size)
{
	struct outbuf o;
	out_init(&o, buf, size);
	struct zone *zone;
	bool node_stats_done = false;
	for_each_zone(zone) {
		out(&o, "Node %d, zone %8s", 0, zone->name);
		if (populated_zone(zone) && !node_stats_done) {
			node_stats_done = true;
			out(&o, "\n  per-node stats");
			for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
				out(&o, "\n      %-12s %lu", node_stat_name(i),
				    global_node_page_state_pages(i));
		}
		out(&o,
		    "\n  pages free     %lu"
		    "\n        boost    %lu"
		    "\n        min      %lu"
		    "\n        low      %lu"
		    "\n        high     %lu"
		    "\n        spanned  %lu"
		    "\n        present  %lu"
		    "\n        managed  %lu"
		    "\n        cma      %lu",
		    (unsigned long)zone_page_state(zone, NR_FREE_PAGES), 0UL, min_wmark_pages(zone),
		    low_wmark_pages(zone), high_wmark_pages(zone), zone->spanned_pages,
		    zone->present_pages, zone->managed_pages, 0UL);
		out(&o, "\n        protection: (%ld", zone->lowmem_reserve[0]);
		for (int i = 1; i < MAX_NR_ZONES; i++)
			out(&o, ", %ld", zone->lowmem_reserve[i]);
		out(&o, ")");
		if (!populated_zone(zone)) {
			out(&o, "\n");
			continue;
		}
		for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
			out(&o, "\n      %-12s %lu", zone_stat_name(i),
			    (unsigned long)zone_page_state(zone, i));
		out(&o,
		    "\n  pagesets"
		    "\n    cpu: %i"
		    "\n              count: %i"
		    "\n              high:  %i"
		    "\n              batch: %i",
		    0, zone->pcp.count, zone->pcp.high, zone->pcp.batch);
		out(&o,
		    "\n  node_unreclaimable:  %u"
		    "\n  start_pfn:           %lu",
		    0U, zone->zone_start_pfn);
		out(&o, "\n");
	}
	return o.len;
}
