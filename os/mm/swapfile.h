/*
 * swapfile.h - swap devices and their slots.
 *
 * A swap device (struct swap_info_struct) is a host file (--swap FILE[,SIZE],
 * type "file" in /proc/swaps, pages written with pwrite and read with pread)
 * or the zram device (--zram SIZE, "/dev/zram0", type "partition", pages
 * compressed into guest frames). Slot 0 of each device holds the mkswap-style
 * header (the SWAPSPACE2 magic) and is never handed out, so a swap entry of 0
 * means "none", as on Linux.
 *
 * Priorities as Linux: higher first; a device added without one gets -2, -3,
 * ... (Linux's least_priority); zram defaults to 100, which is what distros'
 * zram setups (zram-generator, zramswap) pass to swapon, so zram fills first
 * and the file takes the overflow. Devices of equal priority take turns.
 *
 * Slot allocation is next-fit: from the slot after the last one handed out,
 * wrapping to 1, so a freed slot is reused only after the device wrapped
 * (Linux's scan_swap_map without SSD clusters).
 *
 * swap_map[offset] counts the users of a slot: the low bits count swap PTEs
 * (swap_duplicate() adds one, swap_free() drops one) and SWAP_HAS_CACHE marks
 * a page in the swap cache. A slot is free when its byte is 0; freeing it
 * tells zram to drop the compressed copy.
 */
#ifndef RVMM_OS_MM_SWAPFILE_H
#define RVMM_OS_MM_SWAPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os/mm/page.h"

#define MAX_SWAPFILES	     8
#define SWP_TYPE_SHIFT	     58 /* entry = type << SWP_TYPE_SHIFT | offset */
#define SWP_OFFSET_MASK	     ((1UL << SWP_TYPE_SHIFT) - 1)
#define SWAP_HAS_CACHE	     0x40 /* swap_map: a page is in the swap cache */
#define SWAP_MAP_MAX	     0x3e /* swap_map: most PTE references a slot counts */
#define SWAP_COUNT_MASK	     0x3f
#define SWAP_ZRAM_PRIO	     100 /* default priority of zram */
#define SWAPFILE_DEFAULT_MIB 64	 /* --swap FILE without a size, when FILE does not exist */

typedef struct {
	unsigned long val;
} swp_entry_t;

static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	swp_entry_t e = {((unsigned long)type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK)};
	return e;
}

static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)(e.val >> SWP_TYPE_SHIFT);
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & SWP_OFFSET_MASK;
}

/* The swap entry of a page in the swap cache (kept in page->private, as Linux). */
static inline swp_entry_t page_swap_entry(const struct page *page)
{
	swp_entry_t e = {page->private};
	return e;
}

enum swap_backing { SWAP_BACKING_FILE, SWAP_BACKING_ZRAM };

/* si->flags */
#define SWP_USED    0x1 /* the slot in swap_info[] is taken */
#define SWP_WRITEOK 0x2 /* slots may be allocated */

struct zram;

struct swap_info_struct {
	unsigned int flags;
	int prio;		   /* higher is used first */
	unsigned int type;	   /* index in swap_info[], the entry's type */
	enum swap_backing backing; /* file or zram */
	unsigned long max;	   /* slots including the header slot 0 */
	unsigned long pages;	   /* usable slots: max - 1 */
	unsigned long inuse_pages; /* slots with a nonzero swap_map byte */
	unsigned char *swap_map;   /* max bytes, vzalloc'd in guest memory */
	void **swap_cache; /* max entries, vzalloc'd: per slot its swap-cache page, or a shadow */
	unsigned long lowest_bit, highest_bit; /* free slots lie in [lowest_bit, highest_bit] */
	unsigned long cluster_next;	       /* next-fit cursor */
	int fd;				       /* file backing; -1 for zram */
	struct zram *zram;		       /* zram backing */
	char filename[256];
};

extern struct swap_info_struct *swap_info[MAX_SWAPFILES];

/* Start and stop the swap layer (no devices). swap_exit() turns every device off. */
void swap_init(void);
void swap_exit(void);

/*
 * swapon a host file: created if missing, sized to size_bytes (0: keep its size,
 * or SWAPFILE_DEFAULT_MIB if new), header written. prio < 0 with use_default:
 * Linux's next default priority. Returns the type or -errno.
 */
int swapon_file(const char *path, uint64_t size_bytes, int prio, bool use_default_prio);
/* swapon zram of size_bytes (whole pages). Returns the type or -errno. */
int swapon_zram(uint64_t size_bytes, int prio, bool use_default_prio);
/* Parse "--swap FILE[,SIZE]" / "--zram SIZE" arguments (SIZE: bytes with K/M/G suffix). */
int swapon_file_arg(const char *arg);
int swapon_zram_arg(const char *arg);
/* Parse a size such as 64M; 0 on success, -EINVAL. */
int parse_size(const char *s, uint64_t *out);
/* Turn a device off: only when no slot is in use (-EBUSY otherwise). */
int swapoff_type(unsigned int type);

/* Allocate a slot from the highest-priority device with room; the slot starts
 * with SWAP_HAS_CACHE (it is for a page going into the swap cache). {0} if full. */
swp_entry_t get_swap_page(void);
/* A PTE (or another user) now refers to the slot: count it. 0 or -EINVAL/-ENOSPC. */
int swap_duplicate(swp_entry_t entry);
/* Drop one PTE reference; the slot is freed when nothing refers to it. */
void swap_free(swp_entry_t entry);
/* Set SWAP_HAS_CACHE on a slot in use (a page is being read in). 0, -EEXIST or -ENOENT. */
int swapcache_prepare(swp_entry_t entry);
/* Clear SWAP_HAS_CACHE (the page left the swap cache); frees the slot if unused. */
void put_swap_page(swp_entry_t entry);
/* PTE references of a slot (without the cache bit). */
int swp_swapcount(swp_entry_t entry);
/* The raw swap_map byte, for tests and checks. */
unsigned char swap_map_byte(swp_entry_t entry);

/* The device of an entry, or NULL (an invalid entry is logged as Linux's "Bad swap file entry"). */
struct swap_info_struct *swp_swap_info(swp_entry_t entry);

/* Usable slots of devices that are on, and how many are free (SwapTotal, SwapFree). */
unsigned long total_swap_pages(void);
unsigned long nr_swap_pages(void);
/* Fill SwapTotal/SwapFree for meminfo (in pages). */
void si_swapinfo(unsigned long *total, unsigned long *free_pages);

/* /proc/swaps in Linux's format; snprintf-like return. */
size_t proc_swaps_show(char *buf, size_t size);

#endif
