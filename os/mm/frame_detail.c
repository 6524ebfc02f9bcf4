/*
 * frame_detail.c - one frame described for the viewer's inspector
 * (struct frame_detail, os/observe.h): its struct page (counts, LRU list,
 * flags), the swap slot of a swap-cache page, the compressed objects of a zram
 * frame, the slab cache of a slab frame, the file of a page-cache page, and
 * the processes that map it with their virtual addresses, found through the
 * reverse map (rmap.c) as reclaim finds them.
 *
 * It only reads kernel state. The caller runs it on the kernel's thread at a
 * chunk boundary of the run loop (cli/run.c), when no fault, reclaim or exit is
 * half done, so every pointer it follows is live. The cost is one rmap walk and
 * one scan of the task list per owner, paid at most once per drawn frame.
 */
#include <errno.h>
#include <string.h>

#include "os/mm/filemap.h"
#include "os/mm/mm_types.h"
#include "os/mm/page.h"
#include "os/mm/rmap.h"
#include "os/mm/slab.h"
#include "os/mm/swap.h"
#include "os/mm/swapfile.h"
#include "os/mm/zram.h"
#include "os/observe.h"
#include "os/task.h"

/* frame_detail.lru is FLRU_INACTIVE_ANON + enum lru_list */
_Static_assert(FLRU_INACTIVE_ANON + LRU_UNEVICTABLE == FLRU_UNEVICTABLE &&
		   FLRU_INACTIVE_ANON + LRU_ACTIVE_FILE == FLRU_ACTIVE_FILE,
	       "enum frame_lru must follow enum lru_list");

/* The process whose address space mm is: its thread-group leader when alive. */
static struct task_struct *mm_owner_task(const struct mm_struct *mm)
{
	struct task_struct *t, *any = NULL;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->mm != mm || t->state == TASK_DEAD)
			continue;
		if (t->pid == t->tgid)
			return t;
		if (!any)
			any = t;
	}
	return any;
}

static int add_owner(struct mm_struct *mm, uint64_t address, void *arg)
{
	struct frame_detail *d = arg;

	if (d->nowners < FRAME_DETAIL_OWNERS) {
		struct frame_owner *o = &d->owners[d->nowners];
		const struct task_struct *t = mm_owner_task(mm);

		o->va = address;
		o->pid = t ? (uint32_t)t->tgid : 0;
		if (t)
			memcpy(o->comm, t->comm, sizeof(o->comm));
		o->comm[sizeof(o->comm) - 1] = 0;
	}
	d->nowners++;
	return 0;
}

static unsigned int page_flags_shown(const struct page *p)
{
	unsigned int f = 0;

	f |= PageDirty(p) ? FDF_DIRTY : 0;
	f |= PageWriteback(p) ? FDF_WRITEBACK : 0;
	f |= PageSwapBacked(p) ? FDF_SWAPBACKED : 0;
	f |= PageReferenced(p) ? FDF_REFERENCED : 0;
	f |= PageLocked(p) ? FDF_LOCKED : 0;
	f |= PageMlocked(p) ? FDF_MLOCKED : 0;
	f |= PageUptodate(p) ? FDF_UPTODATE : 0;
	f |= PageSwapCache(p) ? FDF_SWAPCACHE : 0;
	f |= PageAnon(p) ? FDF_ANON : 0;
	f |= PageCompound(p) ? FDF_COMPOUND : 0;
	return f;
}

/* A zram frame: how many compressed objects it holds (any zram device's). */
static void fill_zram(const struct page *page, struct frame_detail *d)
{
	for (int i = 0; i < MAX_SWAPFILES; i++) {
		struct swap_info_struct *si = swap_info[i];
		unsigned int size = 0;
		int n;

		if (!si || !(si->flags & SWP_USED) || si->backing != SWAP_BACKING_ZRAM || !si->zram)
			continue;
		n = zram_frame_objects(si->zram, page, &size);
		if (n < 0)
			continue;
		d->zs_objects = (uint16_t)n;
		d->zs_class = (uint16_t)size;
		strncpy(d->what, "zram0", sizeof(d->what) - 1); /* rvmm has one zram device */
		return;
	}
}

int frame_detail_fill(uint64_t pfn, struct frame_detail *d)
{
	const struct page *page, *head;

	memset(d, 0, sizeof(*d));
	d->pfn = -1;
	if (!mem_map || !mm_obs || !pfn_valid((unsigned long)pfn))
		return -EINVAL;
	d->pfn = (int64_t)pfn;
	page = pfn_to_page((unsigned long)pfn);
	head = compound_head(page);
	d->refcount = page_count(page);
	d->mapcount = page_mapcount(page);
	d->flags = (uint16_t)page_flags_shown(head);
	if (PageLRU(head))
		d->lru = (uint8_t)(FLRU_INACTIVE_ANON + page_lru(head));

	switch (page_kind(page)) {
	case FK_FREE: return 0; /* the union holds buddy links: nothing else to read */
	case FK_SLAB:
		if (PageSlab(head) && head->slab_cache)
			strncpy(d->what, kmem_cache_name(head->slab_cache), sizeof(d->what) - 1);
		else if (PageSlab(head))
			strncpy(d->what, "slob", sizeof(d->what) - 1);
		return 0;
	case FK_ZRAM: fill_zram(page, d); return 0;
	case FK_ANON:
	case FK_FILE:
	case FK_SWAPCACHE: break;
	default: return 0; /* page tables, kernel memory, the zero page: no mapping, no rmap */
	}
	if (PageSwapCache(head)) {
		swp_entry_t e = page_swap_entry(head);
		const struct swap_info_struct *si = swp_swap_info(e);

		d->swap_type = (uint8_t)swp_type(e);
		d->swap_offset = swp_offset(e);
		d->swap_count = (uint32_t)swp_swapcount(e);
		if (si)
			strncpy(d->what, si->backing == SWAP_BACKING_ZRAM ? "zram0" : "swap file",
				sizeof(d->what) - 1);
	} else if (page_mapping(head)) {
		const struct address_space *as = page_mapping(head);

		d->index = head->index;
		d->ino = as->host ? as->host->i_ino : 0;
	}
	rmap_walk((struct page *)page, add_owner, d);
	return 0;
}
