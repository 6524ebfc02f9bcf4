/*
 * rmap.c - per-page chains of the PTEs that map a page (see rmap.h).
 */
#include "os/mm/rmap.h"

#include <errno.h>

#include "os/klog.h"
#include "os/mm/page.h"
#include "os/mm/slab.h"

static struct kmem_cache *rmap_cachep;

int rmap_init(void)
{
	if (!rmap_cachep)
		rmap_cachep = kmem_cache_create("rmap_item", sizeof(struct rmap_item), 0, 0, NULL);
	return rmap_cachep ? 0 : -ENOMEM;
}

void rmap_exit(void)
{
	if (rmap_cachep)
		kmem_cache_destroy(rmap_cachep);
	rmap_cachep = NULL;
}

int page_add_rmap(struct page *page, struct mm_struct *mm, uint64_t address)
{
	struct rmap_item *r = kmem_cache_alloc(rmap_cachep, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->mm = mm;
	r->address = address;
	r->next = page->rmap;
	page->rmap = r;
	return 0;
}

void page_remove_rmap(struct page *page, struct mm_struct *mm, uint64_t address)
{
	struct rmap_item **pp;
	for (pp = (struct rmap_item **)&page->rmap; *pp; pp = &(*pp)->next) {
		if ((*pp)->mm == mm && (*pp)->address == address) {
			struct rmap_item *r = *pp;
			*pp = r->next;
			kmem_cache_free(rmap_cachep, r);
			return;
		}
	}
	panic("page_remove_rmap: pfn %#lx not mapped at %#llx", page_to_pfn(page),
	      (unsigned long long)address);
}

int rmap_walk(struct page *page, int (*fn)(struct mm_struct *mm, uint64_t address, void *arg),
	      void *arg)
{
	for (struct rmap_item *r = page->rmap; r; r = r->next) {
		int ret = fn(r->mm, r->address, arg);
		if (ret)
			return ret;
	}
	return 0;
}

int rmap_count(const struct page *page)
{
	int n = 0;
	for (const struct rmap_item *r = page->rmap; r; r = r->next)
		n++;
	return n;
}
