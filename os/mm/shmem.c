/*
 * shmem.c - shmem pages to swap and back (see shmem.h).
 */
#include "os/mm/shmem.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/filemap.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"

int shmem_writeout(struct page *pg)
{
	struct address_space *as = page_mapping(pg);
	swp_entry_t entry;

	if (!shmem_mapping(as) || !PageSwapBacked(pg))
		panic("shmem_writeout: pfn %#lx is not a shmem page", page_to_pfn(pg));
	if (page_mapped(pg) || page_count(pg) != 2)
		return -EBUSY; /* a fault holds it, or a PTE came back */
	if (pagecache_value_reserve(as) < 0)
		return -ENOMEM;
	entry = get_swap_page();
	if (!entry.val)
		return -ENOSPC;
	if (swap_duplicate(entry) < 0) { /* the value entry's count */
		put_swap_page(entry);
		return -ENOSPC;
	}
	pagecache_delete(as, pg); /* the cache's reference is ours now */
	pagecache_value_store(as, pg->index, entry.val);
	if (add_to_swap_cache(pg, entry) < 0)
		panic("shmem_writeout: slot %016lx already cached", entry.val);
	put_page(pg);
	SetPageDirty(pg);
	set_page_tag_flags(pg, FTF_DIRTY, 0);
	return 0;
}

struct page *shmem_swapin(struct address_space *as, unsigned long index, bool *major)
{
	swp_entry_t entry = {pagecache_value_peek(as, index)};
	struct page *pg;
	bool read_in;

	*major = false;
	pg = swap_cache_get_or_read(entry, GFP_HIGHUSER_MOVABLE, &read_in);
	if (!pg)
		return NULL;
	/* room in the cache's array first, so that moving the page cannot fail;
	 * reclaim never swaps in, so the allocation cannot change our index */
	if (pagecache_reserve(as) < 0) {
		put_page(pg); /* it stays in the swap cache */
		return NULL;
	}
	if (pagecache_value_peek(as, index) != entry.val || page_mapped(pg))
		panic("shmem_swapin: index %lu changed under the fault", index);
	pagecache_value_take(as, index);
	delete_from_swap_cache(pg); /* the slot keeps the value entry's count */
	swap_free(entry);	    /* and that goes too: the page is the only copy again */
	pg->index = index;
	set_page_kind(pg, FK_FILE);
	SetPageDirty(pg);
	if (pagecache_add(as, pg) < 0)
		panic("shmem_swapin: reserved room is gone");
	get_page(pg); /* the caller's; the cache keeps the swap-in's */
	*major = read_in;
	return pg;
}

unsigned long shmem_swap_usage(const struct address_space *as, unsigned long start,
			       unsigned long end)
{
	unsigned long n = 0;
	for (unsigned long k = 0; k < as->nrvalues; k++)
		if (as->values[k].index >= start && as->values[k].index < end)
			n++;
	return n;
}
