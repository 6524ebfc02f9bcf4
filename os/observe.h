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
	FTF_DIRTY = 1 << 0,	 /* page data differs from its backing store */
	FTF_ACTIVE = 1 << 1,	 /* on an active LRU list */
	FTF_LRU = 1 << 2,	 /* on any LRU list */
	FTF_COW = 1 << 3,	 /* mapped read-only in more than one mm, copy on write */
	FTF_LOCKED = 1 << 4,	 /* mlocked / unevictable */
	FTF_BUDDY_HEAD = 1 << 5, /* first frame of a free buddy block */
};

/* One entry per physical frame of RAM, indexed by pfn - base_pfn. 8 bytes. */
struct frame_tag {
	uint8_t kind;	  /* enum frame_kind */
	uint8_t flags;	  /* FTF_* */
	uint8_t zone;	  /* zone index (0 DMA, 1 DMA32, 2 NORMAL, 3 MOVABLE) */
	uint8_t order;	  /* buddy order of the block this frame heads or belongs to */
	uint16_t owner;	  /* PID of the (first) owner, 0 for the kernel or none */
	uint8_t mapcount; /* number of PTEs mapping the frame, saturating at 255 */
	uint8_t heat;	  /* recent access frequency, 0 cold .. 255 hottest (decays) */
};

/* Memory-management events, one stream feeding /proc/vmstat, --trace=mm and the viewer's ticker. */
enum mm_event_type {
	MMEV_FAULT_MINOR,
	MMEV_FAULT_MAJOR,
	MMEV_COW,
	MMEV_SWAPOUT,
	MMEV_SWAPIN,
	MMEV_RECLAIM,
	MMEV_OOM_KILL,
	MMEV_PROC_START,
	MMEV_PROC_EXIT,
	MMEV__COUNT
};

struct mm_event {
	uint64_t insn; /* guest instruction count when it happened */
	uint64_t pfn;  /* the frame involved (0 if none) */
	uint64_t va;   /* the virtual address involved (0 if none) */
	uint16_t pid;
	uint8_t type; /* enum mm_event_type */
};

#define MM_EVENT_RING 256

/* Counters for the viewer's status bar; values in pages unless named otherwise. */
struct obs_counters {
	uint64_t total, free, anon, file, slab, pgtables, kernel, swap_total, swap_used;
	uint64_t faults; /* cumulative page faults */
	uint64_t insns;	 /* cumulative guest instructions */
	uint32_t running_pid;
	uint8_t mode; /* 0 MMU, 1 NOMMU, 2 NOMMU+PMP */
};

/* The published state. The kernel owns it; observers only read. */
struct observe {
	uint64_t base_pfn; /* pfn of the first RAM frame */
	uint64_t nframes;
	struct frame_tag *tags; /* nframes entries */
	uint8_t nzones;
	struct {
		char name[8];
		uint64_t start_pfn, end_pfn; /* [start, end) */
	} zones[4];
	struct obs_counters c;
	struct mm_event ring[MM_EVENT_RING];
	uint64_t ring_head; /* total events ever published; ring[(head-1) % N] is the newest */
};

/*
 * What the inspector shows beyond the tag: one frame looked at closely, filled
 * on request by frame_detail_fill() (os/mm/frame_detail.c) on the thread that
 * runs the kernel, between two runs of the hart (never while it runs). The
 * viewer asks for the frame under the mouse or pinned; the kernel never fills
 * it on its own.
 */
enum frame_lru {
	FLRU_NONE,
	FLRU_INACTIVE_ANON,
	FLRU_ACTIVE_ANON,
	FLRU_INACTIVE_FILE,
	FLRU_ACTIVE_FILE,
	FLRU_UNEVICTABLE,
	FLRU__COUNT
};

/* frame_detail.flags: the page flags worth showing (Linux's PG_ names) */
enum {
	FDF_DIRTY = 1 << 0,
	FDF_WRITEBACK = 1 << 1,
	FDF_SWAPBACKED = 1 << 2,
	FDF_REFERENCED = 1 << 3,
	FDF_LOCKED = 1 << 4,
	FDF_MLOCKED = 1 << 5,
	FDF_UPTODATE = 1 << 6,
	FDF_SWAPCACHE = 1 << 7,
	FDF_ANON = 1 << 8,
	FDF_COMPOUND = 1 << 9,
};

#define FRAME_DETAIL_OWNERS 8

struct frame_owner {
	uint32_t pid; /* the process (thread group) whose page tables map the frame */
	char comm[16];
	uint64_t va; /* where it is mapped in that process */
};

struct frame_detail {
	int64_t pfn;	      /* the frame described; -1: nothing (not filled, or not RAM) */
	int32_t refcount;     /* page_count(): of the compound head for a tail frame */
	int32_t mapcount;     /* page_mapcount(): PTEs mapping the frame */
	uint16_t flags;	      /* FDF_* */
	uint8_t lru;	      /* enum frame_lru */
	uint8_t swap_type;    /* swap device of the slot (FDF_SWAPCACHE) */
	uint64_t swap_offset; /* the slot this page came from / goes back to; 0: none */
	uint32_t swap_count;  /* swap PTEs still naming that slot */
	uint16_t zs_objects;  /* zram frame: compressed objects with bytes in this frame */
	uint16_t zs_class;    /* ... their size class in bytes (0: not a zram frame) */
	uint64_t index;	      /* page cache: offset in the file, in pages */
	uint64_t ino;	      /* page cache: the file's inode number (0: none) */
	char what[24];	      /* slab cache name, swap device name, ... ("" if none) */
	uint64_t last_access; /* guest instructions: see last_access_known */
	/* 0: access is not measured (heat is off); 1: last_access is the end of the
	 * last heat period in which the frame was read or written (0: never);
	 * 2: it was, during the period under way, which began at last_access */
	uint8_t last_access_known;
	uint32_t nowners; /* mappings found through the reverse map (all of them) */
	struct frame_owner owners[FRAME_DETAIL_OWNERS]; /* the first min(nowners, 8) */
};

/* Describe frame pfn (absolute). 0, or -EINVAL (d->pfn = -1) when pfn is not
 * RAM or the memory manager is not up. Kernel thread only, between hart runs. */
int frame_detail_fill(uint64_t pfn, struct frame_detail *d);

static inline const char *frame_lru_name(unsigned lru)
{
	static const char *const names[FLRU__COUNT] = {
	    "none", "inactive anon", "active anon", "inactive file", "active file", "unevictable",
	};
	return lru < FLRU__COUNT ? names[lru] : "?";
}

static inline const char *frame_kind_name(unsigned k)
{
	static const char *const names[FK__COUNT] = {
	    "free",	  "reserved",	  "kernel",	"mem_map",	"slab",
	    "page table", "kernel stack", "vmalloc",	"kernel other", "anon",
	    "file cache", "zero page",	  "swap cache", "zram",		"nommu user",
	};
	return k < FK__COUNT ? names[k] : "?";
}

static inline const char *mm_event_name(unsigned t)
{
	static const char *const names[MMEV__COUNT] = {
	    "minor fault", "major fault", "COW break",	   "swap out",	   "swap in",
	    "reclaim",	   "OOM kill",	  "process start", "process exit",
	};
	return t < MMEV__COUNT ? names[t] : "?";
}

#endif
