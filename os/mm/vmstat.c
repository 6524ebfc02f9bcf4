/*
 * vmstat.c - the counters of vmstat.h: zone counters live in struct zone,
 * node counters in the one pglist_data, events in a static array. Every
 * change also refreshes the viewer's status-bar counters (struct
 * obs_counters), so the map, /proc and the status bar never disagree.
 */
#include "os/mm/vmstat.h"

#include <string.h>

#include "os/mm/mmzone.h"
#include "os/mm/page.h"

static unsigned long vm_events[NR_VM_EVENT_ITEMS];

static const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
    "nr_free_pages",
    "nr_zone_inactive_anon",
    "nr_zone_active_anon",
    "nr_zone_inactive_file",
    "nr_zone_active_file",
    "nr_zone_unevictable",
    "nr_zone_write_pending",
    "nr_mlock",
    "nr_bounce",
    "nr_zspages",
    "nr_free_cma",
};

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
    "nr_inactive_anon",
    "nr_active_anon",
    "nr_inactive_file",
    "nr_active_file",
    "nr_unevictable",
    "nr_slab_reclaimable",
    "nr_slab_unreclaimable",
    "nr_isolated_anon",
    "nr_isolated_file",
    "workingset_nodes",
    "workingset_refault_anon",
    "workingset_refault_file",
    "workingset_activate_anon",
    "workingset_activate_file",
    "workingset_restore_anon",
    "workingset_restore_file",
    "workingset_nodereclaim",
    "nr_anon_pages",
    "nr_mapped",
    "nr_file_pages",
    "nr_dirty",
    "nr_writeback",
    "nr_writeback_temp",
    "nr_shmem",
    "nr_shmem_hugepages",
    "nr_shmem_pmdmapped",
    "nr_file_hugepages",
    "nr_file_pmdmapped",
    "nr_anon_transparent_hugepages",
    "nr_vmscan_write",
    "nr_vmscan_immediate_reclaim",
    "nr_dirtied",
    "nr_written",
    "nr_throttled_written",
    "nr_kernel_misc_reclaimable",
    "nr_foll_pin_acquired",
    "nr_foll_pin_released",
    "nr_kernel_stack",
    "nr_page_table_pages",
    "nr_sec_page_table_pages",
    "nr_swapcached",
};

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
    "pgpgin",
    "pgpgout",
    "pswpin",
    "pswpout",
    "pgalloc_dma",
    "pgalloc_dma32",
    "pgalloc_normal",
    "pgalloc_movable",
    "allocstall_dma",
    "allocstall_dma32",
    "allocstall_normal",
    "allocstall_movable",
    "pgskip_dma",
    "pgskip_dma32",
    "pgskip_normal",
    "pgskip_movable",
    "pgfree",
    "pgactivate",
    "pgdeactivate",
    "pglazyfree",
    "pgfault",
    "pgmajfault",
    "pglazyfreed",
    "pgrefill",
    "pgreuse",
    "pgsteal_kswapd",
    "pgsteal_direct",
    "pgscan_kswapd",
    "pgscan_direct",
    "pgscan_direct_throttle",
    "pgscan_anon",
    "pgscan_file",
    "pgsteal_anon",
    "pgsteal_file",
    "pginodesteal",
    "slabs_scanned",
    "kswapd_inodesteal",
    "kswapd_low_wmark_hit_quickly",
    "kswapd_high_wmark_hit_quickly",
    "pageoutrun",
    "pgrotated",
    "drop_pagecache",
    "drop_slab",
    "oom_kill",
    "unevictable_pgs_culled",
    "unevictable_pgs_scanned",
    "unevictable_pgs_rescued",
    "unevictable_pgs_mlocked",
    "unevictable_pgs_munlocked",
    "unevictable_pgs_cleared",
    "unevictable_pgs_stranded",
    "swap_ra",
    "swap_ra_hit",
};

/* Refresh the viewer's counters from the source counters. */
static void publish(void)
{
	if (!mm_obs)
		return;
	struct obs_counters *c = &mm_obs->c;
	c->free = global_zone_page_state(NR_FREE_PAGES);
	c->anon = global_node_page_state(NR_ANON_MAPPED);
	c->file = global_node_page_state(NR_FILE_PAGES);
	c->slab = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		  global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	c->pgtables = global_node_page_state(NR_PAGETABLE);
	c->faults = vm_events[PGFAULT];
}

void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += delta;
	if (item == NR_FREE_PAGES)
		publish();
}

void inc_zone_page_state(struct page *page, enum zone_stat_item item)
{
	mod_zone_page_state(page_zone(page), item, 1);
}

void dec_zone_page_state(struct page *page, enum zone_stat_item item)
{
	mod_zone_page_state(page_zone(page), item, -1);
}

long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return zone->vm_stat[item];
}

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long sum = 0;
	for (int i = 0; i < MAX_NR_ZONES; i++)
		sum += contig_page_data.node_zones[i].vm_stat[item];
	return sum < 0 ? 0 : (unsigned long)sum;
}

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	pgdat->vm_stat[item] += delta;
	publish();
}

void inc_node_page_state(struct page *page, enum node_stat_item item)
{
	mod_node_page_state(&contig_page_data, item, 1);
}

void dec_node_page_state(struct page *page, enum node_stat_item item)
{
	mod_node_page_state(&contig_page_data, item, -1);
}

void mod_lruvec_page_state(struct page *page, enum node_stat_item item, long delta)
{
	mod_node_page_state(&contig_page_data, item, delta);
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	long v = contig_page_data.vm_stat[item];
	return v < 0 ? 0 : (unsigned long)v;
}

unsigned long global_node_page_state_pages(enum node_stat_item item)
{
	unsigned long v = global_node_page_state(item);
	if (item == NR_SLAB_RECLAIMABLE_B || item == NR_SLAB_UNRECLAIMABLE_B)
		return v >> PAGE_SHIFT;
	return v;
}

void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
	if (item == PGFAULT && mm_obs)
		mm_obs->c.faults = vm_events[PGFAULT];
}

void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
	if (item == PGFAULT && mm_obs)
		mm_obs->c.faults = vm_events[PGFAULT];
}

unsigned long vm_event_count(enum vm_event_item item)
{
	return vm_events[item];
}

const char *zone_stat_name(enum zone_stat_item item)
{
	return zone_stat_names[item];
}

const char *node_stat_name(enum node_stat_item item)
{
	return node_stat_names[item];
}

const char *vm_event_name(enum vm_event_item item)
{
	return vm_event_names[item];
}

void vmstat_reset(void)
{
	memset(vm_events, 0, sizeof(vm_events));
	memset(contig_page_data.vm_stat, 0, sizeof(contig_page_data.vm_stat));
	for (int i = 0; i < MAX_NR_ZONES; i++)
		memset(contig_page_data.node_zones[i].vm_stat, 0,
		       sizeof(contig_page_data.node_zones[i].vm_stat));
}
