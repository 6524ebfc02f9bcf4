# os/mm/swap.mk - memory pressure (issue 5, first part): LRU lists, swap
# devices (file and zram/LZ4 over zsmalloc), the swap cache, swap I/O, reclaim
# and the OOM killer. Part of libmm.a; whoever links them adds $(LZ4_LIBS).
noinst_HEADERS += os/mm/swap.h os/mm/swapfile.h os/mm/swap_state.h os/mm/zram.h \
	os/mm/zsmalloc.h os/mm/oom_kill.h os/mm/vmscan.h os/mm/reclaim_ops.h os/mm/psi.h \
	os/mm/workingset.h
libmm_a_SOURCES += os/mm/swap.c os/mm/swapfile.c os/mm/swap_state.c os/mm/page_io.c \
	os/mm/zsmalloc.c os/mm/zram.c os/mm/oom_kill.c os/mm/vmscan.c os/mm/psi.c \
	os/mm/workingset.c

SWAP_TESTS = tests/unit/test_lru tests/unit/test_swapfile tests/unit/test_zram \
	tests/unit/test_swapcache tests/unit/test_oom tests/unit/test_vmscan tests/unit/test_psi \
	tests/unit/test_workingset
check_PROGRAMS += $(SWAP_TESTS)
TESTS += $(SWAP_TESTS)
SWAP_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LZ4_CFLAGS)
SWAP_TEST_LDADD = libmm.a $(CHECK_LIBS) $(LZ4_LIBS)
EXTRA_DIST += tests/unit/swap_fixture.h
tests_unit_test_lru_SOURCES = tests/unit/test_lru.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_lru_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_lru_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_swapfile_SOURCES = tests/unit/test_swapfile.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_swapfile_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_swapfile_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_zram_SOURCES = tests/unit/test_zram.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_zram_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_zram_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_swapcache_SOURCES = tests/unit/test_swapcache.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_swapcache_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_swapcache_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_oom_SOURCES = tests/unit/test_oom.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_oom_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_oom_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_psi_SOURCES = tests/unit/test_psi.c
tests_unit_test_psi_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_psi_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_workingset_SOURCES = tests/unit/test_workingset.c
tests_unit_test_workingset_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_workingset_LDADD = $(SWAP_TEST_LDADD)
tests_unit_test_vmscan_SOURCES = tests/unit/test_vmscan.c tests/unit/mm_fixture.h tests/unit/swap_fixture.h
tests_unit_test_vmscan_CFLAGS = $(SWAP_TEST_CFLAGS)
tests_unit_test_vmscan_LDADD = $(SWAP_TEST_LDADD)

# Swap throughput and zram compression for `make bench` (bench/swap-bench.sh runs it).
noinst_PROGRAMS += bench/swap-bench
bench_swap_bench_SOURCES = bench/swap-bench.c
bench_swap_bench_CFLAGS = $(AM_CFLAGS) $(LZ4_CFLAGS)
bench_swap_bench_LDADD = libmm.a $(LZ4_LIBS)
BENCH_TARGETS += bench/swap-bench
EXTRA_DIST += bench/swap-bench.sh

