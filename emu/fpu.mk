# emu/fpu.mk - IEEE arithmetic for the F and D extensions (part of libemu.a).
libemu_a_SOURCES += emu/fpu.c emu/fpu_host.h emu/fpu_soft.c emu/fpu_soft.h

check_PROGRAMS += tests/unit/test_fpu
tests_unit_test_fpu_SOURCES = tests/unit/test_fpu.c
tests_unit_test_fpu_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_fpu_CPPFLAGS = $(AM_CPPFLAGS) -DFPU_VECTORS='"$(abs_top_srcdir)/tests/data/fpu_vectors.txt"'
tests_unit_test_fpu_LDADD = libemu.a $(CHECK_LIBS)
TESTS += tests/unit/test_fpu
EXTRA_DIST += tests/data/fpu_vectors.txt tests/fpu_oracle.c tests/fpu_oracle.sh

# Fresh qemu vectors, when qemu-riscv64 and the cross compiler are there.
TESTS += tests/integ/fpu_qemu.sh
EXTRA_DIST += tests/integ/fpu_qemu.sh

# Nanoseconds per operation: run _build/tests/fpu_bench by hand.
noinst_PROGRAMS += tests/fpu_bench
tests_fpu_bench_SOURCES = tests/fpu_bench.c
tests_fpu_bench_LDADD = libemu.a
