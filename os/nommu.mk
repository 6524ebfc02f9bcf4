# os/nommu.mk - NOMMU mode and PMP isolation (issue 6): the guest programs
# its tests run, the tests, and the MMU-vs-NOMMU benchmark. The kernel code
# itself (os/nommu*.c) is in libkernel.a (os/kernel.mk).
NOMMU_GUEST_SRCS = tests/nommu/semantics.c tests/nommu/fragment.c tests/nommu/hello.c \
	tests/nommu/stray.c tests/nommu/guard.c \
	bench/nommu/cpubound.c
EXTRA_DIST += $(NOMMU_GUEST_SRCS) tests/integ/nommu.sh tests/integ/nommu-rt.sh \
	bench/nommu-bench.sh
TESTS += tests/integ/nommu.sh tests/integ/nommu-rt.sh

if HAVE_RV_LINUX_CC
NOMMU_GUEST = tests/nommu/semantics tests/nommu/fragment tests/nommu/hello-dyn tests/nommu/stray \
	tests/nommu/guard \
	bench/nommu/cpubound
noinst_DATA += $(NOMMU_GUEST)
CLEANFILES += $(NOMMU_GUEST)

tests/nommu/semantics: $(srcdir)/tests/nommu/semantics.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p tests/nommu
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/tests/nommu/semantics.c
tests/nommu/fragment: $(srcdir)/tests/nommu/fragment.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p tests/nommu
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/tests/nommu/fragment.c
tests/nommu/stray: $(srcdir)/tests/nommu/stray.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p tests/nommu
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/tests/nommu/stray.c
tests/nommu/guard: $(srcdir)/tests/nommu/guard.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p tests/nommu
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/tests/nommu/guard.c
# A dynamically linked glibc program: what --nommu must refuse.
tests/nommu/hello-dyn: $(srcdir)/tests/nommu/hello.c
	@mkdir -p tests/nommu
	$(AM_V_GEN)$(RV_LINUX_CC) $(RT_PROG_CFLAGS) -o $@ $(srcdir)/tests/nommu/hello.c
bench/nommu/cpubound: $(srcdir)/bench/nommu/cpubound.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p bench/nommu
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/bench/nommu/cpubound.c
endif

# ZONE_MOVABLE, the memory plain --nommu lets U-mode reach (sizing, no fallback).
check_PROGRAMS += tests/unit/test_movable
TESTS += tests/unit/test_movable
tests_unit_test_movable_SOURCES = tests/unit/test_movable.c tests/unit/mm_fixture.h
tests_unit_test_movable_CFLAGS = $(MM_TEST_CFLAGS)
tests_unit_test_movable_LDADD = $(MM_TEST_LDADD)
