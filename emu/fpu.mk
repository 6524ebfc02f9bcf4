# emu/fpu.mk - IEEE arithmetic for the F and D extensions (part of libemu.a).
libemu_a_SOURCES += emu/fpu.c emu/fpu_soft.c emu/fpu_soft.h

check_PROGRAMS += tests/unit/test_fpu
tests_unit_test_fpu_SOURCES = tests/unit/test_fpu.c
tests_unit_test_fpu_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_fpu_CPPFLAGS = $(AM_CPPFLAGS) -DFPU_VECTORS='"$(abs_top_srcdir)/tests/data/fpu_vectors.txt"'
tests_unit_test_fpu_LDADD = libemu.a $(CHECK_LIBS)
TESTS += tests/unit/test_fpu
EXTRA_DIST += tests/data/fpu_vectors.txt tests/fpu_oracle.c tests/fpu_oracle.sh
