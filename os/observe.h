/*
 * observe.h - what the kernel publishes for observers (the viewer, PNG
 * snapshots, tests): a tag per physical frame, system counters, and a ring of
 * memory-management events. This is the kernel's only interface to view/;
 * the viewer never reads kernel internals.
 *
 * The kernel writes tags at the source (where a frame changes hands: the buddy
 * allocator, the slab layer, the fault handler, reclaim), so the map is always
 * as true as /proc.
 */
#ifndef RVMM_OS_OBSERVE_H
#define RVMM_OS_OBSERVE_H

#include <stdint.h>

/* What a physical frame holds. Order matters to nobody; names are shown in the legend. */
enum frame_kind {
	FK_FREE = 0,   /* on a buddy free list (or a per-CPU list) */
	FK_RESERVED,   /* firmware, boot ROM image, memory the kernel never hands out */
	FK_KERNEL,     /* the kernel image and its static data */
	FK_MEMMAP,     /* struct page array (mem_map) */
	FK_SLAB,       /* a slab page (any of SLUB/SLAB/SLOB) */
	FK_PGTABLE,    /* a page-table page */
	FK_KSTACK,     /* a task's kernel stack */
	FK_VMALLOC,    /* backing a vmalloc area */
	FK_KMEM,       /* other kernel allocations (alloc_pages by the kernel) */
	FK_ANON,       /* anonymous user page */
	FK_FILE,       /* page-cache page (file data) */
	FK_ZERO,       /* the shared zero page */
	FK_SWAPCACHE,  /* anonymous page in the swap cache */
	FK_ZRAM,       /* holds compressed swapped-out pages */
	FK_USER_NOMMU, /* NOMMU: a process image or contiguous mapping */
	FK__COUNT
};

/* frame_tag.flags */
enum {
	FTF_DIRTY = 1 << 0,   /* page data differs from its backing store */
	FTF_ACTIVE = 1 << 1,  /* on an active LRU list */
	FTF_LRU = 1 << 2,     /* on any LRU list */
	FTF_COW = 1 << 3,     /* mapped read-only in more than one mm, copy on write */
	FTF_LOCKED = 1 << 4,  /* mlocked / unevictable */
	FTF_BUDDY_HEAD = 1 << 5, /* first frame of a free buddy block */
};

/* One entry per physical frame of RAM, indexed by pfn - base_pfn. 8 bytes. */
struct frame_tag {
	uint8_t kind;      /* enum frame_kind */
	uint8_t flags;     /* FTF_* */
	uint8_t zone;      /* zone index (0 DMA, 1 DMA32, 2 NORMAL, 3 MOVABLE) */
	uint8_t order;     /* buddy order of the block this frame heads or belongs to */
	uint16_t owner;    /* PID of the (first) owner, 0 for the kernel or none */
	uint8_t mapcount;  /* number of PTEs mapping the frame, saturating at 255 */
	uint8_t heat;      /* recent access frequency, 0 cold .. 255 hottest (decays) */
};

/* Memory-management events, one stream feeding /proc/vmstat, --trace=mm and the viewer's ticker. */
enum mm_event_type {
	MMEV_FAULT_MINOR, MMEV_FAULT_MAJOR, MMEV_COW, MMEV_SWAPOUT, MMEV_SWAPIN,
	MMEV_RECLAIM, MMEV_OOM_KILL, MMEV_PROC_START, MMEV_PROC_EXIT, MMEV__COUNT
};

struct mm_event {
	uint64_t insn;     /* guest instruction count when it happened */
	uint64_t pfn;      /* the frame involved (0 if none) */
	uint64_t va;       /* the virtual address involved (0 if none) */
	uint16_t pid;
	uint8_t type;      /* enum mm_event_type */
};

#define MM_EVENT_RING 256

/* Counters for the viewer's status bar; values in pages unless named otherwise. */
struct obs_counters {
	uint64_t total, free, anon, file, slab, pgtables, kernel, swap_total, swap_used;
	uint64_t faults;     /* cumulative page faults */
	uint64_t insns;      /* cumulative guest instructions */
	uint32_t running_pid;
	uint8_t mode;        /* 0 MMU, 1 NOMMU, 2 NOMMU+PMP */
};

/* The published state. The kernel owns it; observers only read. */
struct observe {
	uint64_t base_pfn;   /* pfn of the first RAM frame */
	uint64_t nframes;
	struct frame_tag *tags; /* nframes entries */
	uint8_t nzones;
	struct {
		char name[8];
		uint64_t start_pfn, end_pfn; /* [start, end) */
	} zones[4];
	struct obs_counters c;
	struct mm_event ring[MM_EVENT_RING];
	uint64_t ring_head;  /* total events ever published; ring[(head-1) % N] is the newest */
};

static inline const char *frame_kind_name(unsigned k)
{
	static const char *const names[FK__COUNT] = {
		"free", "reserved", "kernel", "mem_map", "slab", "page table", "kernel stack",
		"vmalloc", "kernel other", "anon", "file cache", "zero page", "swap cache",
		"zram", "nommu user",
	};
	return k < FK__COUNT ? names[k] : "?";
}

static inline const char *mm_event_name(unsigned t)
{
	static const char *const names[MMEV__COUNT] = {
		"minor fault", "major fault", "COW break", "swap out", "swap in",
		"reclaim", "OOM kill", "process start", "process exit",
	};
	return t < MMEV__COUNT ? names[t] : "?";
}

#endif
