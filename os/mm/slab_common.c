/*
 * slab_common.c - what the three slab allocators share: the cache registry
 * (kmem_cache_create/destroy/find), object layout and alignment, the debug
 * checks (poison, red zones, double free) with Linux-style reports, slab page
 * allocation and accounting, kmalloc size classes and kmalloc_large, and
 * /proc/slabinfo.
 *
 * Allocator operations run with mm_check_suppress raised: inside them the
 * state may be between two consistent points (a slab counted but not yet
 * listed, objects between the array cache and their slab), and a nested page
 * allocation must not check it then; the wrapper checks once at the end.
 *
 * The cache of caches ("kmem_cache") is the one struct kept in host static
 * data (the bootstrap, as Linux's boot_kmem_cache); every other struct
 * kmem_cache is an object in it, so caches themselves cost guest frames.
 */
#include "os/mm/internal.h"
#include "os/mm/slab_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/mm_init.h"
#include "os/mm/mm_proc.h"
#include "os/mm/page_alloc.h"
#include "os/mm/vmstat.h"

static const struct slab_ops *ops;
static struct kmem_cache boot_kmem_cache;
static LIST_HEAD(slab_caches);
static unsigned long slab_errors;
static unsigned long kmalloc_large_pages;
bool slab_kmalloc_up;
/* slub_debug on the command line: debug flags forced on every cache (SLUB and SLAB). */
static slab_flags_t slab_debug_flags;

/* kmalloc size classes, smallest first. */
static const unsigned int kmalloc_sizes[] = {8,	  16,  32,   64,   96,	 128, 192,
					     256, 512, 1024, 2048, 4096, 8192};
#define NR_KMALLOC (sizeof(kmalloc_sizes) / sizeof(kmalloc_sizes[0]))
static struct kmem_cache *kmalloc_caches[2][NR_KMALLOC]; /* [0] normal, [1] DMA */

const char *slab_allocator_name(void)
{
	return ops ? ops->name : "none";
}

unsigned long slab_error_count(void)
{
	return slab_errors;
}

/* ---- reports ---- */

void slab_report(struct kmem_cache *s, const void *obj, const char *what, const char *fmt, ...)
{
	char info[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(info, sizeof(info), fmt, ap);
	va_end(ap);
	slab_errors++;
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s ? s->name : "slab", what);
	pr_err("-----------------------------------------------------------------------------\n");
	if (obj && virt_addr_valid(obj))
		pr_err("INFO: Object 0x%llx @phys 0x%llx\n", (unsigned long long)(uintptr_t)obj,
		       (unsigned long long)virt_to_phys(obj));
	pr_err("%s\n", info);
}

/* First byte in [p, p+n) that is not v, or NULL. */
static uint8_t *check_bytes(uint8_t *p, uint8_t v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return p + i;
	return NULL;
}

/* Check [start, start+n) holds v; report and restore if not. true if it was intact. */
static bool check_area(struct kmem_cache *s, void *obj, const char *what, uint8_t *start, uint8_t v,
		       size_t n, const char *fixname)
{
	uint8_t *bad = check_bytes(start, v, n);
	if (!bad)
		return true;
	uint8_t *end = start + n;
	while (end > bad && end[-1] == v)
		end--;
	slab_report(
	    s, obj, what, "INFO: 0x%llx-0x%llx @offset=%ld. First byte 0x%x instead of 0x%x",
	    (unsigned long long)virt_to_phys(bad), (unsigned long long)virt_to_phys(end - 1),
	    (long)(bad - (uint8_t *)object_slot(s, obj)), *bad, v);
	pr_err("FIX %s: Restoring %s 0x%llx-0x%llx=0x%x\n", s->name, fixname,
	       (unsigned long long)virt_to_phys(bad), (unsigned long long)virt_to_phys(end - 1), v);
	memset(start, v, n);
	return false;
}

static void set_redzones(struct kmem_cache *s, void *obj, uint8_t v)
{
	uint8_t *o = obj;
	memset(o - s->red_left_pad, v, s->red_left_pad);
	memset(o + s->object_size, v, s->rz_end - s->object_size);
}

static void poison_object(struct kmem_cache *s, void *obj)
{
	memset(obj, POISON_FREE, s->object_size - 1);
	((uint8_t *)obj)[s->object_size - 1] = POISON_END;
}

void slab_init_object(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_RED_ZONE)
		set_redzones(s, obj, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	if (s->ctor)
		s->ctor(obj);
}

void slab_alloc_debug(struct kmem_cache *s, void *obj)
{
	uint8_t *o = obj;
	if (s->flags & SLAB_POISON) {
		if (check_area(s, obj, "Poison overwritten", o, POISON_FREE, s->object_size - 1,
			       "Poison"))
			check_area(s, obj, "Poison overwritten", o + s->object_size - 1, POISON_END,
				   1, "Poison");
		memset(o, POISON_INUSE, s->object_size);
	}
	if (s->flags & SLAB_RED_ZONE) {
		check_area(s, obj, "Left Redzone overwritten", o - s->red_left_pad,
			   SLUB_RED_INACTIVE, s->red_left_pad, "Left Redzone");
		check_area(s, obj, "Redzone overwritten", o + s->object_size, SLUB_RED_INACTIVE,
			   s->rz_end - s->object_size, "Redzone");
		set_redzones(s, obj, SLUB_RED_ACTIVE);
	}
}

bool slab_free_debug(struct kmem_cache *s, void *obj)
{
	uint8_t *o = obj;
	if (s->flags & SLAB_RED_ZONE) {
		size_t rn = s->rz_end - s->object_size;
		if (!check_bytes(o + s->object_size, SLUB_RED_INACTIVE, rn) &&
		    !check_bytes(o - s->red_left_pad, SLUB_RED_INACTIVE, s->red_left_pad)) {
			slab_report(s, obj, "Object already free",
				    "INFO: double free of 0x%llx ignored",
				    (unsigned long long)virt_to_phys(obj));
			return false;
		}
		check_area(s, obj, "Left Redzone overwritten", o - s->red_left_pad, SLUB_RED_ACTIVE,
			   s->red_left_pad, "Left Redzone");
		check_area(s, obj, "Redzone overwritten", o + s->object_size, SLUB_RED_ACTIVE, rn,
			   "Redzone");
		set_redzones(s, obj, SLUB_RED_INACTIVE);
	}
	if (s->flags & SLAB_POISON)
		poison_object(s, obj);
	return true;
}

/* ---- slab pages ---- */

struct page *slab_alloc_pages(struct kmem_cache *s, gfp_t gfp, unsigned int order)
{
	gfp = (gfp & ~__GFP_ZERO) | (s ? s->allocflags : 0);
	if (order)
		gfp |= __GFP_COMP;
	struct page *page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	SetPageSlab(page);
	page->slab_cache = s;
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	page->slab_off = 0;
	INIT_LIST_HEAD(&page->slab_list);
	set_page_kind(page, FK_SLAB);
	mod_node_page_state(&contig_page_data,
			    s && (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B
								   : NR_SLAB_UNRECLAIMABLE_B,
			    (long)(PAGE_SIZE << order));
	return page;
}

void slab_free_pages(struct kmem_cache *s, struct page *page, unsigned int order)
{
	ClearPageSlab(page);
	page->slab_list.next = page->slab_list.prev = NULL;
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	page->slab_off = 0;
	mod_node_page_state(&contig_page_data,
			    s && (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B
								   : NR_SLAB_UNRECLAIMABLE_B,
			    -(long)(PAGE_SIZE << order));
	__free_pages(page, order);
}

/* ---- caches ---- */

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2)
			ralign /= 2;
		if (ralign > align)
			align = ralign;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	return align;
}

#define ALIGN_UP(x, a) (((x) + (a)-1) / (a) * (a))

/* Lay the slot out (see slab_internal.h). */
static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int word = sizeof(void *);
	if (s->ctor)
		s->flags &= ~SLAB_POISON; /* a constructed object keeps its bytes while free */
	s->red_left_pad = (s->flags & SLAB_RED_ZONE) ? ALIGN_UP(word, s->align) : 0;
	unsigned int end = ALIGN_UP(s->object_size, word);
	if (s->flags & SLAB_RED_ZONE)
		end += word; /* at least one word of right red zone */
	s->rz_end = (s->flags & SLAB_RED_ZONE) ? end : s->object_size;
	if ((s->flags & SLAB_DEBUG_FLAGS) || s->ctor || s->object_size < word) {
		s->offset = ALIGN_UP(end, word);
		end = s->offset + word;
	} else {
		s->offset = 0;
	}
	s->size = ALIGN_UP(s->red_left_pad + end, s->align);
}

static struct kmem_cache *create_cache(struct kmem_cache *s, const char *name, unsigned int size,
				       unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	s->name = name;
	s->object_size = size;
	s->flags = flags | slab_debug_flags;
	s->ctor = ctor;
	s->align = calculate_alignment(flags, align, size);
	s->refcount = 1;
	s->allocflags = 0;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	if (flags & SLAB_CACHE_DMA32)
		s->allocflags |= GFP_DMA32;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->slabs_full);
	INIT_LIST_HEAD(&s->slabs_partial);
	INIT_LIST_HEAD(&s->slabs_free);
	calculate_sizes(s);
	if (ops->cache_init(s))
		return NULL;
	list_add(&s->list, &slab_caches);
	return s;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	char *cname = NULL;
	if (!ops || !name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1)))
		goto fail;
	cname = kstrdup(name, GFP_KERNEL);
	if (!cname)
		goto fail;
	s = kmem_cache_zalloc(&boot_kmem_cache, GFP_KERNEL);
	if (!s)
		goto fail;
	if (!create_cache(s, cname, size, align, flags, ctor))
		goto fail;
	mm_debug_check("kmem_cache_create");
	return s;
fail:
	if (s)
		kmem_cache_free(&boot_kmem_cache, s);
	kfree(cname);
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: Failed to create slab '%s'", name ? name : "(null)");
	pr_warn("kmem_cache_create(%s) failed\n", name ? name : "(null)");
	return NULL;
}

int kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return 0;
	if (s == &boot_kmem_cache)
		return -EINVAL;
	for (unsigned i = 0; i < NR_KMALLOC; i++)
		if (s == kmalloc_caches[0][i] || s == kmalloc_caches[1][i])
			return -EINVAL;
	mm_check_suppress++;
	int err = ops->destroy(s);
	mm_check_suppress--;
	if (err) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %s\n",
		       s->name, "kmem_cache_destroy");
		return err;
	}
	list_del(&s->list);
	kfree(s->name);
	kmem_cache_free(&boot_kmem_cache, s);
	mm_debug_check("kmem_cache_destroy");
	return 0;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	mm_check_suppress++;
	void *obj = ops->alloc(s, gfp);
	mm_check_suppress--;
	if (obj) {
		s->active_objects++;
		if (gfp & __GFP_ZERO)
			memset(obj, 0, s->object_size);
	}
	mm_debug_check("kmem_cache_alloc");
	return obj;
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	if (!obj)
		return;
	if (!virt_addr_valid(obj)) {
		slab_report(s, NULL, "Invalid pointer", "kmem_cache_free: %p is not in guest RAM",
			    obj);
		return;
	}
	struct page *page = virt_to_head_page(obj);
	if (ops != &slob_ops && (!PageSlab(page) || page->slab_cache != s)) {
		slab_report(
		    s, obj, "Wrong slab cache", "kmem_cache_free: object belongs to %s, not %s",
		    PageSlab(page) && page->slab_cache ? page->slab_cache->name : "no cache",
		    s->name);
		return;
	}
	mm_check_suppress++;
	ops->free(s, page, obj);
	mm_check_suppress--;
	mm_debug_check("kmem_cache_free");
}

unsigned long kmem_cache_shrink(struct kmem_cache *s)
{
	mm_check_suppress++;
	unsigned long n = ops->shrink(s);
	mm_check_suppress--;
	mm_debug_check("kmem_cache_shrink");
	return n;
}

unsigned long kmem_cache_shrink_all(void)
{
	unsigned long n = 0;
	struct kmem_cache *s;
	mm_check_suppress++;
	list_for_each_entry(s, &slab_caches, list)
		n += ops->shrink(s);
	mm_check_suppress--;
	count_vm_event(DROP_SLAB);
	mm_debug_check("kmem_cache_shrink_all");
	return n;
}

unsigned int kmem_cache_size(const struct kmem_cache *s)
{
	return s->object_size;
}

const char *kmem_cache_name(const struct kmem_cache *s)
{
	return s->name;
}

struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

/* ---- kmalloc ---- */

static int kmalloc_index(size_t size)
{
	for (unsigned i = 0; i < NR_KMALLOC; i++)
		if (size <= kmalloc_sizes[i])
			return (int)i;
	return -1;
}

static const char *const kmalloc_names[2][NR_KMALLOC] = {
    {"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96", "kmalloc-128",
     "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
     "kmalloc-8k"},
    {"dma-kmalloc-8", "dma-kmalloc-16", "dma-kmalloc-32", "dma-kmalloc-64", "dma-kmalloc-96",
     "dma-kmalloc-128", "dma-kmalloc-192", "dma-kmalloc-256", "dma-kmalloc-512", "dma-kmalloc-1k",
     "dma-kmalloc-2k", "dma-kmalloc-4k", "dma-kmalloc-8k"},
};

/* kmalloc caches keep static names: kstrdup() would need kmalloc before it exists. */
static struct kmem_cache *create_kmalloc_cache(bool dma, int i)
{
	struct kmem_cache *s = kmem_cache_zalloc(&boot_kmem_cache, GFP_KERNEL);
	if (!s)
		return NULL;
	if (!create_cache(s, kmalloc_names[dma][i], kmalloc_sizes[i], 0, dma ? SLAB_CACHE_DMA : 0,
			  NULL)) {
		kmem_cache_free(&boot_kmem_cache, s);
		return NULL;
	}
	return s;
}

struct kmem_cache *kmalloc_slab(size_t size, gfp_t gfp)
{
	if (ops->kmalloc)
		return NULL;
	int i = kmalloc_index(size);
	if (i < 0)
		return NULL;
	bool dma = gfp & __GFP_DMA;
	if (!kmalloc_caches[dma][i])
		kmalloc_caches[dma][i] = create_kmalloc_cache(dma, i);
	return kmalloc_caches[dma][i];
}

void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages((gfp & ~__GFP_HIGHMEM) | __GFP_COMP, order);
	if (!page)
		return NULL;
	kmalloc_large_pages += 1UL << order;
	mod_node_page_state(&contig_page_data, NR_SLAB_UNRECLAIMABLE_B, (long)(PAGE_SIZE << order));
	return page_address(page);
}

static void kfree_large(struct page *page)
{
	unsigned int order = compound_order(page);
	kmalloc_large_pages -= 1UL << order;
	mod_node_page_state(&contig_page_data, NR_SLAB_UNRECLAIMABLE_B,
			    -(long)(PAGE_SIZE << order));
	__free_pages(page, order);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_SIZE) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %zu bytes is more than KMALLOC_MAX_SIZE\n", size);
		return NULL;
	}
	if (ops->kmalloc) {
		mm_check_suppress++;
		void *p = ops->kmalloc(size, gfp);
		mm_check_suppress--;
		if (p && (gfp & __GFP_ZERO))
			memset(p, 0, size);
		mm_debug_check("kmalloc");
		return p;
	}
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	struct kmem_cache *s = kmalloc_slab(size, gfp);
	return s ? kmem_cache_alloc(s, gfp) : NULL;
}

void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, gfp);
}

void kfree(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return;
	if (!virt_addr_valid(p)) {
		slab_report(NULL, NULL, "Invalid pointer", "kfree: %p is not in guest RAM", p);
		return;
	}
	struct page *page = virt_to_head_page(p);
	if (!PageSlab(page)) {
		if (page_address(page) != p) {
			slab_report(NULL, p, "Invalid free", "kfree: 0x%llx was not kmalloc'd",
				    (unsigned long long)virt_to_phys(p));
			return;
		}
		kfree_large(page);
		mm_debug_check("kfree");
		return;
	}
	if (ops->kfree) {
		mm_check_suppress++;
		ops->kfree(page, p);
		mm_check_suppress--;
		mm_debug_check("kfree");
		return;
	}
	kmem_cache_free(page->slab_cache, (void *)p);
}

size_t ksize(const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return 0;
	struct page *page = virt_to_head_page(p);
	if (!PageSlab(page))
		return PAGE_SIZE << compound_order(page);
	if (ops->ksize)
		return ops->ksize(page, p);
	struct kmem_cache *s = page->slab_cache;
	if (s->flags & SLAB_DEBUG_FLAGS)
		return s->object_size;
	return s->offset ? s->offset : s->size;
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	size_t old = ksize(p);
	if (!ZERO_OR_NULL_PTR(p) && new_size <= old)
		return (void *)p;
	void *n = kmalloc(new_size, gfp);
	if (n && !ZERO_OR_NULL_PTR(p)) {
		memcpy(n, p, old);
		kfree(p);
	}
	return n;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, gfp);
	if (d)
		memcpy(d, s, n);
	return d;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *d = kmalloc(len, gfp);
	if (d && len)
		memcpy(d, src, len);
	return d;
}

/* ---- boot ---- */

int kmem_cache_init(const char *allocator)
{
	if (!strcmp(allocator, "slub"))
		ops = &slub_ops;
	else if (!strcmp(allocator, "slab"))
		ops = &slab_ops;
	else if (!strcmp(allocator, "slob"))
		ops = &slob_ops;
	else {
		pr_err("slab_allocator=%s: unknown (slub, slab or slob)\n", allocator);
		return -EINVAL;
	}
	INIT_LIST_HEAD(&slab_caches);
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	memset(&boot_kmem_cache, 0, sizeof(boot_kmem_cache));
	slab_errors = 0;
	kmalloc_large_pages = 0;
	slab_kmalloc_up = false;
	slab_debug_flags = 0;
	char dbg[16] = "";
	if (ops != &slob_ops &&
	    (mm_cmdline_get("slub_debug", dbg, sizeof(dbg)) || mm_cmdline_has("slub_debug"))) {
		/* Linux's letters: P poison, Z red zone; none given means both. */
		if (!dbg[0] || strchr(dbg, 'P') || strchr(dbg, 'p'))
			slab_debug_flags |= SLAB_POISON;
		if (!dbg[0] || strchr(dbg, 'Z') || strchr(dbg, 'z'))
			slab_debug_flags |= SLAB_RED_ZONE;
	}
	if (ops->reset)
		ops->reset();
	if (!create_cache(&boot_kmem_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
			  SLAB_HWCACHE_ALIGN, NULL))
		return -ENOMEM;
	if (!ops->kmalloc) {
		for (unsigned i = 0; i < NR_KMALLOC; i++) {
			if (!kmalloc_slab(kmalloc_sizes[i], GFP_KERNEL))
				return -ENOMEM;
			if (kmalloc_sizes[i] == 256)
				slab_kmalloc_up = true;
		}
	}
	if (ops == &slub_ops)
		pr_info("SLUB: HWalign=%d, Order=0-3, MinObjects=0, CPUs=1, Nodes=1\n",
			L1_CACHE_BYTES);
	else
		pr_info("slab_allocator: %s\n", ops->name);
	return 0;
}

void kmem_cache_exit(void)
{
	INIT_LIST_HEAD(&slab_caches);
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	ops = NULL;
}

/* ---- consistency and /proc/slabinfo ---- */

static unsigned long cache_pages(struct kmem_cache *s)
{
	return s->nr_slabs << s->order;
}

unsigned long slab_nr_pages(void)
{
	unsigned long n = 0;
	struct kmem_cache *s;
	if (!ops)
		return 0;
	list_for_each_entry(s, &slab_caches, list)
		n += cache_pages(s);
	if (ops->shared_pages)
		n += ops->shared_pages();
	return n;
}

const char *slab_check(char *why, size_t size)
{
	if (!ops)
		return NULL;
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) {
		if (ops->check(s, why, size))
			return why;
	}
	if (ops->check_global && ops->check_global(why, size))
		return why;
	/* Frames tagged FK_SLAB, PG_slab pages, and the slab counters must agree. */
	unsigned long tagged = 0;
	for (unsigned long i = 0; i < mm_nr_pages; i++)
		tagged += mm_obs->tags[i].kind == FK_SLAB;
	unsigned long pages = slab_nr_pages();
	if (tagged != pages) {
		snprintf(why, size, "slab: %lu frames tagged slab, caches hold %lu", tagged, pages);
		return why;
	}
	unsigned long counted = global_node_page_state(NR_SLAB_RECLAIMABLE_B) +
				global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	if (counted != (pages + kmalloc_large_pages) << PAGE_SHIFT) {
		snprintf(why, size, "slab: NR_SLAB_*_B say %lu bytes, slabs hold %lu pages",
			 counted, pages + kmalloc_large_pages);
		return why;
	}
	return NULL;
}

size_t proc_slabinfo_show(char *buf, size_t size)
{
	size_t len = 0;
#define OUT(...)                                                                                   \
	do {                                                                                       \
		int _n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,      \
				  __VA_ARGS__);                                                    \
		len += (size_t)_n;                                                                 \
	} while (0)
	if (size)
		buf[0] = '\0';
	OUT("slabinfo - version: 2.1\n");
	OUT("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	    " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs>"
	    " <num_slabs> <sharedavail>\n");
	if (!ops)
		return len;
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) {
		struct slabinfo si;
		memset(&si, 0, sizeof(si));
		ops->info(s, &si);
		OUT("%-17s %6lu %6lu %6u %4u %4d", s->name, si.active_objs, si.num_objs, s->size,
		    si.objects_per_slab, 1 << si.cache_order);
		OUT(" : tunables %4u %4u %4u", si.limit, si.batchcount, si.shared);
		OUT(" : slabdata %6lu %6lu %6lu\n", si.active_slabs, si.num_slabs, si.shared_avail);
	}
#undef OUT
	return len;
}
