/*
 * swap_state.c - the swap cache (see swap_state.h): entry -> page, so a
 * swapped page is written once and read back once however many PTEs share it.
 *
 * Reference rules: the cache holds one reference on each page in it;
 * lookup_swap_cache() and swap_cache_get_or_read() return one more for the
 * caller. The slot's SWAP_HAS_CACHE bit is set exactly while a page for it
 * is in the cache (or being read into it).
 */
#include "os/mm/swap_state.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/mmzone.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/vmstat.h"
#include "os/mm/workingset.h"

/* The swap-cache entry of a slot: NULL, a page, or a shadow (workingset.h). */
static void **cache_slot(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	return si ? &si->swap_cache[swp_offset(entry)] : NULL;
}

int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	if (PageSwapCache(page))
		panic("add_to_swap_cache: pfn %#lx is already in the swap cache",
		      page_to_pfn(page));
	void **slot = cache_slot(entry);
	if (!slot)
		return -EINVAL;
	if (*slot && !is_shadow(*slot))
		return -EEXIST;
	if (!(swap_map_byte(entry) & SWAP_HAS_CACHE))
		panic("add_to_swap_cache: slot %016lx has no SWAP_HAS_CACHE", entry.val);
	*slot = page;
	get_page(page);
	SetPageSwapCache(page);
	page->private = entry.val;
	mod_node_page_state(&contig_page_data, NR_SWAPCACHE, 1);
	mod_node_page_state(&contig_page_data, NR_FILE_PAGES, 1);
	set_page_kind(page, FK_SWAPCACHE);
	return 0;
}

bool add_to_swap(struct page *page)
{
	if (!PageSwapBacked(page) || PageSwapCache(page))
		panic("add_to_swap: pfn %#lx is not an anonymous page outside the swap cache",
		      page_to_pfn(page));
	swp_entry_t entry = get_swap_page();
	if (!entry.val)
		return false;
	if (add_to_swap_cache(page, entry) < 0) {
		put_swap_page(entry);
		return false;
	}
	SetPageDirty(page);
	set_page_tag_flags(page, FTF_DIRTY, 0);
	return true;
}

void __delete_from_swap_cache(struct page *page, unsigned long shadow)
{
	if (!PageSwapCache(page))
		panic("delete_from_swap_cache: pfn %#lx is not in the swap cache",
		      page_to_pfn(page));
	swp_entry_t entry = page_swap_entry(page);
	void **slot = cache_slot(entry);
	if (!slot || *slot != page)
		panic("delete_from_swap_cache: entry %016lx does not hold pfn %#lx", entry.val,
		      page_to_pfn(page));
	*slot = shadow ? (void *)shadow : NULL; /* dropped with the slot if it is freed now */
	ClearPageSwapCache(page);
	page->private = 0;
	mod_node_page_state(&contig_page_data, NR_SWAPCACHE, -1);
	mod_node_page_state(&contig_page_data, NR_FILE_PAGES, -1);
	set_page_kind(page, FK_ANON);
	put_swap_page(entry);
	put_page(page);
}

void delete_from_swap_cache(struct page *page)
{
	__delete_from_swap_cache(page, 0);
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	void **slot = cache_slot(entry);
	if (!slot || !*slot || is_shadow(*slot))
		return NULL;
	get_page(*slot);
	return *slot;
}

struct page *swap_cache_get_or_read(swp_entry_t entry, gfp_t gfp, bool *read_in)
{
	*read_in = false;
	struct page *page = lookup_swap_cache(entry);
	void **slot = cache_slot(entry);
	unsigned long shadow;
	if (page)
		return page;
	if (swapcache_prepare(entry) < 0)
		return NULL; /* the slot was freed (or the entry is bad) */
	shadow = is_shadow(*slot) ? (unsigned long)*slot : 0;
	page = alloc_page(gfp);
	if (!page) {
		put_swap_page(entry);
		return NULL;
	}
	SetPageSwapBacked(page);
	if (add_to_swap_cache(page, entry) < 0)
		panic("swap_cache_get_or_read: entry %016lx appeared in the cache", entry.val);
	if (swap_readpage(page) < 0) {
		delete_from_swap_cache(page);
		put_page(page);
		return NULL;
	}
	if (shadow) /* evicted by reclaim and wanted again */
		workingset_refault(page, shadow);
	lru_cache_add(page);
	*read_in = true;
	return page;
}

bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page) || PageWriteback(page))
		return false;
	if (swp_swapcount(page_swap_entry(page)) > 0)
		return false;
	SetPageDirty(page); /* the only copy is in memory again */
	set_page_tag_flags(page, FTF_DIRTY, 0);
	delete_from_swap_cache(page);
	return true;
}

void free_swap_and_cache(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	if (!si)
		return;
	swap_free(entry);
	if (swap_map_byte(entry) != SWAP_HAS_CACHE)
		return;
	struct page *page = si->swap_cache[swp_offset(entry)];
	if (page && !is_shadow(page) && !page_mapped(page) && !PageWriteback(page))
		delete_from_swap_cache(page);
}

unsigned long total_swapcache_pages(void)
{
	return global_node_page_state(NR_SWAPCACHE);
}
