/*
 * test_mempool.c - a mempool keeps its reserve when memory runs out (the
 * guarantee writeback and swap-out depend on), refills it on free; and kref.
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/kref.h"
#include "os/mm/mempool.h"
#include "os/mm/slab.h"

/* Take every page there is, atomic reserves included. Returns how many. */
static int exhaust(struct page **pages, int max)
{
	int n = 0;
	while (n < max && (pages[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	while (n < max && (pages[n] = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0)))
		n++;
	return n;
}

START_TEST(test_mempool_reserve)
{
	fx_boot(64 * MiB, fx_allocators[_i], 0);
	mempool_t *pool = mempool_create_kmalloc_pool(4, 2048);
	ck_assert_ptr_nonnull(pool);
	ck_assert_int_eq(pool->curr_nr, 4);
	/* With memory available, elements come from the allocator; the reserve stays full. */
	void *e = mempool_alloc(pool, GFP_KERNEL);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(pool->curr_nr, 4);
	mempool_free(e, pool); /* reserve full: goes back to kfree */
	ck_assert_int_eq(pool->curr_nr, 4);

	static struct page *pages[20000];
	int n = exhaust(pages, 20000);
	/* Drain kmalloc's own free objects too. */
	static void *spare[4000];
	int ns = 0;
	while (ns < 4000 && (spare[ns] = kmalloc(2048, GFP_ATOMIC | __GFP_NOWARN)))
		ns++;
	ck_assert_ptr_null(kmalloc(2048, GFP_ATOMIC | __GFP_NOWARN));
	void *got[5];
	for (int i = 0; i < 4; i++) {
		got[i] = mempool_alloc(pool, GFP_ATOMIC);
		ck_assert_ptr_nonnull(got[i]);
	}
	ck_assert_int_eq(pool->curr_nr, 0);
	got[4] = mempool_alloc(pool, GFP_ATOMIC);
	ck_assert_ptr_null(got[4]);
	/* Frees refill the reserve first. */
	for (int i = 0; i < 4; i++)
		mempool_free(got[i], pool);
	ck_assert_int_eq(pool->curr_nr, 4);
	for (int i = 0; i < ns; i++)
		kfree(spare[i]);
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	ck_assert_int_eq(mempool_resize(pool, 8), 0);
	ck_assert_int_eq(pool->curr_nr, 8);
	ck_assert_int_eq(mempool_resize(pool, 2), 0);
	ck_assert_int_eq(pool->curr_nr, 2);
	mempool_destroy(pool);
	ck_mm_ok();

	/* Page and slab pools. */
	mempool_t *pp = mempool_create_page_pool(2, 1);
	struct page *pg = mempool_alloc(pp, GFP_KERNEL);
	ck_assert_uint_eq(page_ref_count(pg), 1);
	mempool_free(pg, pp);
	mempool_destroy(pp);
	struct kmem_cache *c = kmem_cache_create("bio", 200, 0, 0, NULL);
	mempool_t *sp = mempool_create_slab_pool(3, c);
	void *o = mempool_alloc(sp, GFP_KERNEL);
	mempool_free(o, sp);
	mempool_destroy(sp);
	ck_assert_int_eq(kmem_cache_destroy(c), 0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

struct obj {
	struct kref ref;
	int *released;
};

static void obj_release(struct kref *k)
{
	struct obj *o = container_of(k, struct obj, ref);
	(*o->released)++;
	kfree(o);
}

START_TEST(test_kref)
{
	fx_boot(64 * MiB, "", 0);
	int released = 0;
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);
	o->released = &released;
	kref_init(&o->ref);
	kref_get(&o->ref);
	ck_assert_uint_eq(kref_read(&o->ref), 2);
	ck_assert_int_eq(kref_put(&o->ref, obj_release), 0);
	ck_assert_int_eq(released, 0);
	ck_assert_int_eq(kref_get_unless_zero(&o->ref), 1);
	ck_assert_int_eq(kref_put(&o->ref, obj_release), 0);
	ck_assert_int_eq(kref_put(&o->ref, obj_release), 1);
	ck_assert_int_eq(released, 1);
	struct kref dead = KREF_INIT(0);
	ck_assert_int_eq(kref_get_unless_zero(&dead), 0);
	ck_mm_ok();
	fx_shutdown();
}
END_TEST

static Suite *mempool_suite(void)
{
	Suite *s = suite_create("mempool");
	TCase *tc = tcase_create("mempool");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_mempool_reserve, 0, 3);
	tcase_add_test(tc, test_kref);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(mempool_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
