/*
 * test_mmstress.c - randomized stress of the whole allocator stack with a
 * fixed seed, per slab allocator (_i = 0 SLUB, 1 SLAB, 2 SLOB):
 *   phase 1: small RAM, mm_check() after every allocator operation
 *            (mm_check_every_op, the debug-build mode, switched on here);
 *   phase 2: many more operations, mm_check() every CHECK_EVERY operations.
 * Every allocation is stamped at both ends and verified before it is freed,
 * so overlapping allocations are caught. At the end everything is freed and
 * MemFree must be back at its start value.
 * RVMM_STRESS_SCALE (percent; default 100, 20 in sanitizer builds) scales the
 * operation counts.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "mm_fixture.h"
#include "os/mm/slab.h"
#include "os/mm/vmalloc.h"

#define NSLOTS	    4096
#define CHECK_EVERY 50000

enum kind { K_NONE, K_PAGES, K_KMALLOC, K_CACHE, K_CTOR, K_VMALLOC };

struct slot {
	enum kind kind;
	void *p;
	size_t size;
	unsigned order;
	uint8_t stamp;
};

static struct slot slots[NSLOTS];
static struct kmem_cache *debug_cache, *ctor_cache;
static uint64_t rng;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static long scale(long n)
{
	const char *s = getenv("RVMM_STRESS_SCALE");
#ifdef RVMM_SANITIZE
	long pct = s ? atol(s) : 20; /* ASan/UBSan builds run a fifth by default */
#else
	long pct = s ? atol(s) : 100;
#endif
	long v = n * pct / 100;
	return v > 0 ? v : 1;
}

static void ctor(void *p)
{
	memset(p, 0x3e, 8);
}

static void stamp(struct slot *s)
{
	uint8_t *b = s->p;
	size_t n = s->size < 8 ? s->size : 8;
	memset(b, s->stamp, n);
	memset(b + s->size - n, s->stamp, n);
}

static void verify(const struct slot *s)
{
	const uint8_t *b = s->p;
	size_t n = s->size < 8 ? s->size : 8;
	/* Plain tests in the hot loop: every Check assertion writes a progress record. */
	for (size_t i = 0; i < n; i++)
		if (b[i] != s->stamp || b[s->size - n + i] != s->stamp)
			ck_abort_msg("allocation %p (kind %d size %zu) was overwritten", s->p,
				     s->kind, s->size);
}

static void do_free(struct slot *s)
{
	verify(s);
	switch (s->kind) {
	case K_PAGES: __free_pages(virt_to_page(s->p), s->order); break;
	case K_KMALLOC: kfree(s->p); break;
	case K_CACHE: kmem_cache_free(debug_cache, s->p); break;
	case K_CTOR:
		ctor(s->p); /* objects go back in their constructed state */
		kmem_cache_free(ctor_cache, s->p);
		break;
	case K_VMALLOC: vfree(s->p); break;
	case K_NONE: break;
	}
	s->kind = K_NONE;
}

static void do_alloc(struct slot *s)
{
	static const gfp_t gfps[] = {GFP_KERNEL, GFP_KERNEL, GFP_DMA32, GFP_DMA, GFP_ATOMIC};
	uint32_t r = next_rand();
	gfp_t gfp = gfps[r % 5] | __GFP_NOWARN;
	unsigned what = (r >> 3) % 100;
	s->stamp = (uint8_t)(r >> 24) | 1;
	if (what < 30) {
		s->order = (r >> 8) % 6;
		if (s->order > 2 && (r & 0x80000))
			s->order = 0;
		struct page *pg = alloc_pages(gfp, s->order);
		if (!pg)
			return;
		s->kind = K_PAGES;
		s->p = page_address(pg);
		s->size = PAGE_SIZE << s->order;
	} else if (what < 75) {
		size_t size = 1 + (r >> 10) % ((r & 0x40000) ? 12000 : 300);
		s->p = kmalloc(size, gfp);
		if (!s->p)
			return;
		s->kind = K_KMALLOC;
		s->size = size;
	} else if (what < 88) {
		s->p = kmem_cache_alloc(debug_cache, gfp);
		if (!s->p)
			return;
		s->kind = K_CACHE;
		s->size = 72;
	} else if (what < 99) {
		s->p = kmem_cache_alloc(ctor_cache, gfp);
		if (!s->p)
			return;
		if (((uint8_t *)s->p)[0] != 0x3e)
			ck_abort_msg("constructed object %p lost its state", s->p);
		s->kind = K_CTOR;
		s->size = 200;
	} else {
		s->size = PAGE_SIZE * (1 + (r >> 12) % 6);
		s->p = vmalloc(s->size);
		if (!s->p)
			return;
		s->kind = K_VMALLOC;
	}
	stamp(s);
}

static void run(long ops, int check_every)
{
	for (long i = 0; i < ops; i++) {
		struct slot *s = &slots[next_rand() % NSLOTS];
		if (s->kind == K_NONE)
			do_alloc(s);
		else
			do_free(s);
		if (check_every && i % check_every == 0) {
			const char *why = mm_check();
			if (why)
				ck_abort_msg("op %ld: mm_check: %s", i, why);
		}
	}
}

static void stress(int alloc, uint64_t ram, long ops, bool check_each_op)
{
	fx_boot(ram, fx_allocators[alloc], 1);
	/* dma-kmalloc caches appear on first use and stay: create them before counting. */
	for (size_t size = 8; size <= 8192; size *= 2)
		kfree(kmalloc(size, GFP_DMA));
	kfree(kmalloc(96, GFP_DMA));
	kfree(kmalloc(192, GFP_DMA));
	kmem_cache_shrink_all();
	drain_all_pages();
	unsigned long free0 = nr_free_pages();
	debug_cache = kmem_cache_create("stress_debug", 72, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	ctor_cache = kmem_cache_create("stress_ctor", 200, 0, SLAB_HWCACHE_ALIGN, ctor);
	memset(slots, 0, sizeof(slots));
	rng = 0x9e3779b97f4a7c15ULL + (uint64_t)alloc;
	mm_check_every_op = check_each_op;
	run(ops, check_each_op ? 1 : CHECK_EVERY);
	mm_check_every_op = false;
	ck_mm_ok();
	for (int i = 0; i < NSLOTS; i++)
		if (slots[i].kind != K_NONE)
			do_free(&slots[i]);
	ck_assert_int_eq(kmem_cache_destroy(debug_cache), 0);
	ck_assert_int_eq(kmem_cache_destroy(ctor_cache), 0);
	kmem_cache_shrink_all();
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free0);
	ck_assert_uint_eq(slab_error_count(), 0);
	ck_assert_uint_eq(mm_bad_pages_count(), 0);
	ck_mm_ok();
	fx_shutdown();
}

START_TEST(test_stress_checked)
{
	stress(_i, 16 * MiB, scale(20000), true);
}
END_TEST

START_TEST(test_stress_fast)
{
	stress(_i, 64 * MiB, scale(1000000), false);
}
END_TEST

static Suite *stress_suite(void)
{
	Suite *s = suite_create("mmstress");
	TCase *tc = tcase_create("stress");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_stress_checked, 0, 3);
	tcase_add_loop_test(tc, test_stress_fast, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(stress_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
