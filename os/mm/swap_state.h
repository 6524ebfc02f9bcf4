/*
 * swap_state.h - the swap cache and swap I/O.
 *
 * The swap cache maps a swap entry to the page that holds its data while
 * both exist: a page being swapped out (added by add_to_swap() before it is
 * unmapped and written) and a page swapped in (kept until every PTE that
 * referred to the slot has been faulted back or the slot is freed). It is
 * what makes a page shared by several PTEs after fork() be written once and
 * read back once: every fault on the entry finds the same page here.
 *
 * A page in the swap cache has PG_swapcache set, its entry in page->private,
 * holds one page reference for the cache, is tagged FK_SWAPCACHE, and is
 * counted in NR_SWAPCACHE and NR_FILE_PAGES (as Linux; meminfo's Cached
 * subtracts it, SwapCached shows it). Its slot carries SWAP_HAS_CACHE.
 *
 * Storage: one struct page pointer per slot in a vzalloc'd array of the
 * device (Linux uses an xarray); lookups are O(1).
 */
#ifndef RVMM_OS_MM_SWAP_STATE_H
#define RVMM_OS_MM_SWAP_STATE_H

#include <stdbool.h>

#include "os/mm/gfp.h"
#include "os/mm/page.h"
#include "os/mm/swapfile.h"

/* Put page in the swap cache under entry, whose slot has SWAP_HAS_CACHE. 0 or -EEXIST/-EINVAL. */
int add_to_swap_cache(struct page *page, swp_entry_t entry);
/*
 * Give an anonymous (swap-backed) page a swap slot and put it in the swap
 * cache, marked dirty so reclaim writes it. false if no slot is free.
 */
bool add_to_swap(struct page *page);
/* Take a page out of the swap cache: clears the cache bit of its slot (freeing
 * the slot if no PTE refers to it) and drops the cache's reference. */
void delete_from_swap_cache(struct page *page);
/* The same for reclaim's eviction: a slot that stays in use keeps shadow
 * (workingset.h; 0: none) until it is swapped in or freed. */
void __delete_from_swap_cache(struct page *page, unsigned long shadow);
/* The cached page of entry with a reference taken for the caller, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/*
 * The fault side's way in: the page of entry from the swap cache, or a new
 * page read from the device, added to the swap cache and to the inactive
 * anon list. Returns it with a reference for the caller (NULL on ENOMEM, an
 * I/O error or a freed slot); *read_in tells whether it was read now (a major
 * fault). Several PTEs with the same entry get the same page.
 */
struct page *swap_cache_get_or_read(swp_entry_t entry, gfp_t gfp, bool *read_in);
/* Drop the swap copy of a page in the swap cache when no PTE refers to the
 * slot any more (the page is dirty again). true if it was freed. */
bool try_to_free_swap(struct page *page);
/* A swap PTE goes away (munmap, exit): drop its reference; if only the swap
 * cache is left and the page is not mapped, remove that too. */
void free_swap_and_cache(swp_entry_t entry);
/* Pages in the swap cache. */
unsigned long total_swapcache_pages(void);

/* page_io.c: write the page to its slot (page->private) / read it from there.
 * 0 or -errno. Count pswpout/pswpin (and pgpgout/pgpgin in kB). */
int swap_writepage(struct page *page);
int swap_readpage(struct page *page);

#endif
