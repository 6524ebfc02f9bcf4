# os/ - the HLE kernel and its memory manager.
noinst_HEADERS = os/observe.h

# The kernel log and the physical memory manager (issue 3): libmm.a, linked by
# the kernel and by the mm unit tests.
noinst_HEADERS += os/list.h os/kref.h os/klog.h \
	os/mm/gfp.h os/mm/page.h os/mm/mmzone.h os/mm/page_alloc.h os/mm/slab.h \
	os/mm/vmalloc.h os/mm/mempool.h os/mm/vmstat.h os/mm/mm_init.h os/mm/mm_proc.h

noinst_LIBRARIES += libmm.a
libmm_a_SOURCES = \
	os/klog.c \
	os/mm/internal.h os/mm/slab_internal.h \
	os/mm/gfp.c os/mm/vmstat.c os/mm/mm_init.c os/mm/page_alloc.c os/mm/mm_check.c \
	os/mm/slab_common.c os/mm/slub.c os/mm/slab.c os/mm/slob.c \
	os/mm/vmalloc.c os/mm/mempool.c os/mm/mm_proc.c

# Unit tests of the memory manager. Each boots mm on a RAM array of its own.
MM_TESTS = test_buddy test_slab test_kmalloc test_vmalloc test_mempool test_mmstress test_procfmt
MM_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
MM_TEST_LDADD = libmm.a $(CHECK_LIBS)
EXTRA_DIST += tests/unit/mm_fixture.h
check_PROGRAMS += tests/unit/test_buddy tests/unit/test_slab tests/unit/test_kmalloc \
	tests/unit/test_vmalloc tests/unit/test_mempool tests/unit/test_mmstress \
	tests/unit/test_procfmt
TESTS += tests/unit/test_buddy tests/unit/test_slab tests/unit/test_kmalloc \
	tests/unit/test_vmalloc tests/unit/test_mempool tests/unit/test_mmstress \
	tests/unit/test_procfmt
tests_unit_test_buddy_SOURCES = tests/unit/test_buddy.c tests/unit/mm_fixture.h
tests_unit_test_buddy_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_buddy_LDADD = $(MM_TEST_LDADD)
tests_unit_test_slab_SOURCES = tests/unit/test_slab.c tests/unit/mm_fixture.h
tests_unit_test_slab_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_slab_LDADD = $(MM_TEST_LDADD)
tests_unit_test_kmalloc_SOURCES = tests/unit/test_kmalloc.c tests/unit/mm_fixture.h
tests_unit_test_kmalloc_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_kmalloc_LDADD = $(MM_TEST_LDADD)
tests_unit_test_vmalloc_SOURCES = tests/unit/test_vmalloc.c tests/unit/mm_fixture.h
tests_unit_test_vmalloc_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_vmalloc_LDADD = $(MM_TEST_LDADD)
tests_unit_test_mempool_SOURCES = tests/unit/test_mempool.c tests/unit/mm_fixture.h
tests_unit_test_mempool_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_mempool_LDADD = $(MM_TEST_LDADD)
tests_unit_test_mmstress_SOURCES = tests/unit/test_mmstress.c tests/unit/mm_fixture.h
tests_unit_test_mmstress_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_mmstress_LDADD = $(MM_TEST_LDADD)
tests_unit_test_procfmt_SOURCES = tests/unit/test_procfmt.c tests/unit/mm_fixture.h
tests_unit_test_procfmt_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_procfmt_LDADD = $(MM_TEST_LDADD)

# Allocator throughput for `make bench` (bench/mm-bench.sh runs it).
noinst_PROGRAMS += bench/mm-bench
bench_mm_bench_SOURCES = bench/mm-bench.c
bench_mm_bench_LDADD = libmm.a
BENCH_TARGETS += bench/mm-bench
EXTRA_DIST += bench/mm-bench.sh
