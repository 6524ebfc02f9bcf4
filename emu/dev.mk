# emu/dev.mk - devices, the board (machine.c), PMP and bare-metal ELF loading (part of libemu.a).
libemu_a_SOURCES += \
	emu/pmp.c emu/pmp.h \
	emu/devices.h emu/bootrom.c emu/fdt.c emu/fdt.h emu/dtb.c emu/clint.c emu/plic.c emu/uart.c emu/finisher.c emu/htif.c \
	emu/elfload.c emu/elfload.h \
	emu/machine.c emu/machine.h
# elfload.c includes <libelf.h>.
AM_CPPFLAGS += $(LIBELF_CFLAGS)

DEV_UNIT_TESTS = tests/unit/test_pmp tests/unit/test_dev tests/unit/test_dev_elf \
	tests/unit/test_dev_machine
if HAVE_CHECK
check_PROGRAMS += $(DEV_UNIT_TESTS)
TESTS += $(DEV_UNIT_TESTS)
endif
tests_unit_test_pmp_SOURCES = tests/unit/test_pmp.c
tests_unit_test_pmp_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_pmp_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_dev_SOURCES = tests/unit/test_dev.c
tests_unit_test_dev_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_dev_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_dev_elf_SOURCES = tests/unit/test_dev_elf.c tests/unit/elfgen.h
tests_unit_test_dev_elf_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_dev_elf_LDADD = libemu.a $(LIBELF_LIBS) $(CHECK_LIBS)
# The run loop against a scripted fake hart: links the board's sources, not libemu.a.
tests_unit_test_dev_machine_SOURCES = tests/unit/test_dev_machine.c \
	emu/machine.c emu/bootrom.c emu/fdt.c emu/dtb.c emu/clint.c emu/plic.c emu/uart.c emu/finisher.c emu/htif.c \
	emu/elfload.c emu/bus.c
tests_unit_test_dev_machine_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_dev_machine_LDADD = $(LIBELF_LIBS) $(CHECK_LIBS)

# Bare-metal test images for the integration tests, written without a cross compiler.
check_PROGRAMS += tests/integ/mkelf
tests_integ_mkelf_SOURCES = tests/integ/mkelf.c tests/unit/elfgen.h
