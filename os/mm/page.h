/*
 * page.h - struct page, one per physical frame of guest RAM (the mem_map
 * array, itself stored in guest RAM at boot and tagged FK_MEMMAP), and the
 * conversions between a page, its pfn, its guest physical address and the
 * host pointer to its bytes.
 *
 * page_address() is a host pointer into the guest RAM array: the HLE kernel is
 * host code, so "kernel virtual" here means "host virtual", and every kernel
 * object that lives in a frame is reached through it.
 *
 * Invariants:
 *  - sizeof(struct page) == 64, as on Linux, so mem_map costs 1/64 of RAM.
 *  - A free frame (on a buddy list or a per-CPU list) has _refcount 0. An
 *    allocated block's head has _refcount >= 1; the other frames of a
 *    non-compound high-order block have _refcount 0.
 *  - _mapcount is -1 for an unmapped page (page_mapcount() == 0), as Linux.
 *  - The zone index lives in the top bits of flags and never changes.
 *  - Frame tags (os/observe.h) are updated wherever a frame changes hands.
 */
#ifndef RVMM_OS_MM_PAGE_H
#define RVMM_OS_MM_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "os/list.h"
#include "os/observe.h"

#define PAGE_SHIFT    12
#define PAGE_SIZE     (1UL << PAGE_SHIFT)
#define PAGE_MASK     (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PFN_UP(x)     (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)   ((x) >> PAGE_SHIFT)
#define PHYS_PFN(x)   ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)   ((uint64_t)(x) << PAGE_SHIFT)

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags; /* PG_* bits; zone index in the top bits */
	union {
		struct { /* buddy, per-CPU lists, page cache and anonymous pages */
			/* buddy free list, pcp list, or an LRU list (owner: reclaim) */
			struct list_head lru;
			/* page cache: the address_space; anon: anon_vma | PAGE_MAPPING_ANON */
			struct address_space *mapping;
			unsigned long index; /* offset within mapping, in pages */
			/* buddy: free block order; swap cache: swap entry; else the owner's */
			unsigned long private;
		};
		struct {			       /* slab pages (SLUB, SLAB and SLOB) */
			struct list_head slab_list;    /* partial/full/free list of its cache */
			struct kmem_cache *slab_cache; /* NULL for SLOB pages */
			void *freelist;	  /* first free object (SLUB, SLOB) or index array (SLAB) */
			uint16_t inuse;	  /* objects handed out (SLOB: unused) */
			uint16_t objects; /* objects in this slab */
			uint32_t slab_off; /* SLAB: colour offset of object 0; SLOB: free units */
		};
		struct {			     /* tail pages of a compound page */
			unsigned long compound_head; /* head page | 1 */
			unsigned long _tail_pad;
			unsigned long compound_order; /* in the first tail page only */
		};
	};
	int _mapcount; /* PTEs mapping the page, minus one */
	int _refcount; /* users of the page; 0 = free */
	void *rmap;    /* reverse-map chain head; meaning owned by the fault layer (issue 4) */
};

_Static_assert(sizeof(struct page) == 64, "struct page must stay 64 bytes");

/* Page flags: Linux's names. */
enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_swapcache,
	PG_buddy, /* heads a free block on a buddy list (Linux keeps this in page_type) */
	PG_pcp,	  /* on a per-CPU free list (rvmm's own, so mm_check can see it) */
	PG_table, /* a page-table page (Linux: page_type PGTY_table) */
	__NR_PAGEFLAGS
};

#define ZONES_SHIFT   2
#define ZONES_PGSHIFT (64 - ZONES_SHIFT)
#define ZONES_MASK    ((1UL << ZONES_SHIFT) - 1)

#define PAGEFLAG(uname, lname)                                                                     \
	static inline bool Page##uname(const struct page *p)                                       \
	{                                                                                          \
		return (p->flags >> PG_##lname) & 1;                                               \
	}                                                                                          \
	static inline void SetPage##uname(struct page *p)                                          \
	{                                                                                          \
		p->flags |= 1UL << PG_##lname;                                                     \
	}                                                                                          \
	static inline void ClearPage##uname(struct page *p)                                        \
	{                                                                                          \
		p->flags &= ~(1UL << PG_##lname);                                                  \
	}                                                                                          \
	static inline bool TestSetPage##uname(struct page *p)                                      \
	{                                                                                          \
		bool old = Page##uname(p);                                                         \
		SetPage##uname(p);                                                                 \
		return old;                                                                        \
	}                                                                                          \
	static inline bool TestClearPage##uname(struct page *p)                                    \
	{                                                                                          \
		bool old = Page##uname(p);                                                         \
		ClearPage##uname(p);                                                               \
		return old;                                                                        \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Workingset, workingset)
PAGEFLAG(Error, error)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(MappedToDisk, mappedtodisk)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Pcp, pcp)
PAGEFLAG(Table, table)
#undef PAGEFLAG

/* page->mapping of an anonymous page is its anon_vma with this bit set. */
#define PAGE_MAPPING_ANON  0x1UL
#define PAGE_MAPPING_FLAGS 0x3UL

static inline bool PageAnon(const struct page *p)
{
	return ((unsigned long)p->mapping & PAGE_MAPPING_ANON) != 0;
}

/* The anon_vma-like object of an anonymous page, or NULL. */
static inline void *page_anon_vma(const struct page *p)
{
	if (!PageAnon(p))
		return NULL;
	return (void *)((unsigned long)p->mapping & ~PAGE_MAPPING_FLAGS);
}

/* The address_space of a page-cache page, NULL for anonymous or unowned pages. */
static inline struct address_space *page_mapping(const struct page *p)
{
	if ((unsigned long)p->mapping & PAGE_MAPPING_FLAGS)
		return NULL;
	return p->mapping;
}

static inline bool PageTail(const struct page *p)
{
	return p->compound_head & 1;
}

static inline bool PageCompound(const struct page *p)
{
	return PageHead(p) || PageTail(p);
}

static inline struct page *compound_head(const struct page *p)
{
	if (PageTail(p))
		return (struct page *)(p->compound_head - 1);
	return (struct page *)p;
}

static inline unsigned int compound_order(const struct page *p)
{
	if (!PageHead(p))
		return 0;
	return (unsigned int)p[1].compound_order;
}

static inline unsigned int page_zonenum(const struct page *p)
{
	return (unsigned int)((p->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}

/*
 * The memory model: one contiguous RAM range, [mm_base_pfn, mm_base_pfn + mm_nr_pages),
 * reached at host address mm_ram. Set once by mm_init().
 */
extern struct page *mem_map;
extern uint8_t *mm_ram;
extern unsigned long mm_base_pfn;
extern unsigned long mm_nr_pages;
extern struct observe *mm_obs; /* the published tag map and counters (never NULL after mm_init) */

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= mm_base_pfn && pfn - mm_base_pfn < mm_nr_pages;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - mm_base_pfn);
}

static inline unsigned long page_to_pfn(const struct page *p)
{
	return mm_base_pfn + (unsigned long)(p - mem_map);
}

static inline uint64_t page_to_phys(const struct page *p)
{
	return PFN_PHYS(page_to_pfn(p));
}

static inline struct page *phys_to_page(uint64_t pa)
{
	return pfn_to_page(PHYS_PFN(pa));
}

/* Host pointer to the first byte of the frame. */
static inline void *page_address(const struct page *p)
{
	return mm_ram + ((unsigned long)(p - mem_map) << PAGE_SHIFT);
}

/* Is this host pointer inside guest RAM? */
static inline bool virt_addr_valid(const void *addr)
{
	const uint8_t *a = (const uint8_t *)addr;
	return a >= mm_ram && (unsigned long)(a - mm_ram) < (mm_nr_pages << PAGE_SHIFT);
}

/* Guest physical address of a host pointer into guest RAM. */
static inline uint64_t virt_to_phys(const void *addr)
{
	return PFN_PHYS(mm_base_pfn) + (uint64_t)((const uint8_t *)addr - mm_ram);
}

/* Host pointer for a guest physical address inside RAM. */
static inline void *phys_to_virt(uint64_t pa)
{
	return mm_ram + (pa - PFN_PHYS(mm_base_pfn));
}

static inline struct page *virt_to_page(const void *addr)
{
	return mem_map + ((unsigned long)((const uint8_t *)addr - mm_ram) >> PAGE_SHIFT);
}

static inline struct page *virt_to_head_page(const void *addr)
{
	return compound_head(virt_to_page(addr));
}

/* Reference counting. put_page() frees the page (the whole compound page) at zero. */
static inline int page_ref_count(const struct page *p)
{
	return p->_refcount;
}

static inline int page_count(const struct page *p)
{
	return compound_head(p)->_refcount;
}

static inline void set_page_count(struct page *p, int v)
{
	p->_refcount = v;
}

void get_page(struct page *page);
void put_page(struct page *page);
/* Drop a reference; true if it was the last one (the caller then frees). */
bool put_page_testzero(struct page *page);

/*
 * Called by put_page() for a page that reaches refcount 0 while PG_lru is set,
 * before it is freed; reclaim (issue 5) installs the function that takes the
 * page off its LRU list. Left NULL, such a put_page() panics.
 */
extern void (*mm_lru_release_hook)(struct page *page);

/* Mapcount: PTEs mapping the page. These also keep the frame tag's mapcount. */
static inline int page_mapcount(const struct page *p)
{
	return p->_mapcount + 1;
}

static inline bool page_mapped(const struct page *p)
{
	return p->_mapcount >= 0;
}

void page_mapcount_inc(struct page *page);
/* Returns true when the last mapping went away. */
bool page_mapcount_dec(struct page *page);

/*
 * Frame tags for the viewer. set_page_kind() retags every frame of the block
 * headed by page (its order is remembered from the allocation); owner is a PID.
 */
void set_page_kind(struct page *page, enum frame_kind kind);
enum frame_kind page_kind(const struct page *page);
void set_page_owner(struct page *page, unsigned int pid);
void set_page_tag_flags(struct page *page, unsigned int set, unsigned int clear);
static inline struct frame_tag *page_tag(const struct page *p)
{
	return &mm_obs->tags[p - mem_map];
}

/* Print a one-line description of the page to the kernel log (bad-page reports). */
void dump_page(const struct page *page, const char *reason);

#endif
