# emu/dev.mk - devices, the board (machine.c) and bare-metal ELF loading (part of libemu.a).
libemu_a_SOURCES += \
	emu/pmp.c emu/pmp.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_pmp
TESTS += tests/unit/test_pmp
endif
tests_unit_test_pmp_SOURCES = tests/unit/test_pmp.c
tests_unit_test_pmp_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_pmp_LDADD = libemu.a $(CHECK_LIBS)
