/*
 * vmstat.h - memory counters, kept at the source (whoever changes a state
 * counts it there), read by /proc/meminfo, /proc/vmstat, /proc/zoneinfo and
 * published to the viewer (struct obs_counters).
 *
 * Three kinds, with Linux's names and units:
 *  - zone counters (pages): NR_FREE_PAGES, per-zone LRU sizes, NR_MLOCK ...
 *  - node counters (pages unless the name says _B bytes or _KB kilobytes):
 *    LRU lists, slab, anon/file/shmem, page tables, kernel stacks, swap cache ...
 *  - events (monotonic): pgalloc, pgfree, pgfault, pswpin, oom_kill ...
 *
 * Who counts what: the buddy allocator NR_FREE_PAGES, PGALLOC_*, PGFREE; the
 * slab layer NR_SLAB_*; the fault/process layer (issue 4) NR_ANON_MAPPED,
 * NR_FILE_*, NR_PAGETABLE (pagetable_alloc() does it), NR_KERNEL_STACK_KB,
 * PGFAULT, PGMAJFAULT; reclaim/swap/OOM (issue 5) the LRU lists, NR_SWAPCACHE,
 * PSWPIN/OUT, PGSCAN/PGSTEAL, WORKINGSET_*, OOM_KILL. A counter that nothing
 * increments yet reads 0, honestly.
 */
#ifndef RVMM_OS_MM_VMSTAT_H
#define RVMM_OS_MM_VMSTAT_H

#include <stddef.h>

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_ZSPAGES, /* zram's compressed-page frames */
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	WORKINGSET_NODES,
	WORKINGSET_REFAULT_BASE,
	WORKINGSET_REFAULT_ANON = WORKINGSET_REFAULT_BASE,
	WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_BASE,
	WORKINGSET_ACTIVATE_ANON = WORKINGSET_ACTIVATE_BASE,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_BASE,
	WORKINGSET_RESTORE_ANON = WORKINGSET_RESTORE_BASE,
	WORKINGSET_RESTORE_FILE,
	WORKINGSET_NODERECLAIM,
	NR_ANON_MAPPED, /* mapped anonymous pages */
	NR_FILE_MAPPED, /* page-cache pages mapped into page tables */
	NR_FILE_PAGES,	/* page-cache pages (includes shmem and swap cache) */
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_WRITEBACK_TEMP,
	NR_SHMEM,
	NR_SHMEM_THPS,
	NR_SHMEM_PMDMAPPED,
	NR_FILE_THPS,
	NR_FILE_PMDMAPPED,
	NR_ANON_THPS,
	NR_VMSCAN_WRITE,
	NR_VMSCAN_IMMEDIATE,
	NR_DIRTIED,
	NR_WRITTEN,
	NR_THROTTLED_WRITTEN,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_FOLL_PIN_ACQUIRED,
	NR_FOLL_PIN_RELEASED,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_SECONDARY_PAGETABLE,
	NR_SWAPCACHE,
	NR_VM_NODE_STAT_ITEMS
};

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

enum vm_event_item {
	PGPGIN,
	PGPGOUT,
	PSWPIN,
	PSWPOUT,
	PGALLOC_DMA, /* PGALLOC_DMA + zone index */
	PGALLOC_DMA32,
	PGALLOC_NORMAL,
	PGALLOC_MOVABLE,
	ALLOCSTALL_DMA,
	ALLOCSTALL_DMA32,
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_MOVABLE,
	PGSKIP_DMA,
	PGSKIP_DMA32,
	PGSKIP_NORMAL,
	PGSKIP_MOVABLE,
	PGFREE,
	PGACTIVATE,
	PGDEACTIVATE,
	PGLAZYFREE,
	PGFAULT,
	PGMAJFAULT,
	PGLAZYFREED,
	PGREFILL,
	PGREUSE,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSCAN_DIRECT_THROTTLE,
	PGSCAN_ANON,
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	PGINODESTEAL,
	SLABS_SCANNED,
	KSWAPD_INODESTEAL,
	KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	PAGEOUTRUN,
	PGROTATED,
	DROP_PAGECACHE,
	DROP_SLAB,
	OOM_KILL,
	UNEVICTABLE_PGCULLED,
	UNEVICTABLE_PGSCANNED,
	UNEVICTABLE_PGRESCUED,
	UNEVICTABLE_PGMLOCKED,
	UNEVICTABLE_PGMUNLOCKED,
	UNEVICTABLE_PGCLEARED,
	UNEVICTABLE_PGSTRANDED,
	SWAP_RA,
	SWAP_RA_HIT,
	NR_VM_EVENT_ITEMS
};

struct zone;
struct page;
struct pglist_data;

/* Zone counters. */
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);
void inc_zone_page_state(struct page *page, enum zone_stat_item item);
void dec_zone_page_state(struct page *page, enum zone_stat_item item);
long zone_page_state(const struct zone *zone, enum zone_stat_item item);
unsigned long global_zone_page_state(enum zone_stat_item item);

/* Node counters (one node). */
void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);
void inc_node_page_state(struct page *page, enum node_stat_item item);
void dec_node_page_state(struct page *page, enum node_stat_item item);
/* Linux's lruvec variant; with one node and no memcg it is the node counter. */
void mod_lruvec_page_state(struct page *page, enum node_stat_item item, long delta);
unsigned long global_node_page_state(enum node_stat_item item);
/* Same, with the _B (bytes) items converted to pages (as /proc/vmstat prints them). */
unsigned long global_node_page_state_pages(enum node_stat_item item);

/* Events. */
void count_vm_event(enum vm_event_item item);
void count_vm_events(enum vm_event_item item, unsigned long delta);
unsigned long vm_event_count(enum vm_event_item item);

/* Names as /proc/vmstat prints them. */
const char *zone_stat_name(enum zone_stat_item item);
const char *node_stat_name(enum node_stat_item item);
const char *vm_event_name(enum vm_event_item item);

/* Zero every counter (mm_init does it). */
void vmstat_reset(void);

#endif
