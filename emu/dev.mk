# emu/dev.mk - devices, the board (machine.c), PMP and bare-metal ELF loading (part of libemu.a).
libemu_a_SOURCES += \
	emu/pmp.c emu/pmp.h \
	emu/devices.h emu/bootrom.c emu/clint.c emu/uart.c emu/finisher.c emu/htif.c \
	emu/elfload.c emu/elfload.h
# elfload.c includes <libelf.h>.
AM_CPPFLAGS += $(LIBELF_CFLAGS)

DEV_TESTS = tests/unit/test_pmp tests/unit/test_dev tests/unit/test_dev_elf
if HAVE_CHECK
check_PROGRAMS += $(DEV_TESTS)
TESTS += $(DEV_TESTS)
endif
EXTRA_DIST += tests/unit/elfgen.h
tests_unit_test_pmp_SOURCES = tests/unit/test_pmp.c
tests_unit_test_pmp_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_pmp_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_dev_SOURCES = tests/unit/test_dev.c
tests_unit_test_dev_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_dev_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_dev_elf_SOURCES = tests/unit/test_dev_elf.c tests/unit/elfgen.h
tests_unit_test_dev_elf_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_dev_elf_LDADD = libemu.a $(LIBELF_LIBS) $(CHECK_LIBS)
