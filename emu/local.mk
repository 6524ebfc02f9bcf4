# emu/ - the machine. Knows nothing of os/ or view/.
noinst_LIBRARIES += libemu.a
libemu_a_SOURCES = \
	emu/fpu.h \
	emu/bus.c emu/bus.h \
	emu/hart.h emu/cpu.h emu/hart.c \
	emu/decode.c emu/fuse.c emu/interp.c emu/interp_ops.h emu/interp_fused.h emu/csr.c emu/trap.c \
	emu/mmu.c emu/mmu.h emu/ramhuge.c emu/fp.c

check_PROGRAMS += tests/unit/test_hart tests/unit/test_mmu tests/unit/test_fuse
TESTS += tests/unit/test_hart tests/unit/test_mmu tests/unit/test_fuse
tests_unit_test_hart_SOURCES = tests/unit/test_hart.c tests/unit/test_hart_asm.h
tests_unit_test_hart_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_hart_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_mmu_SOURCES = tests/unit/test_mmu.c tests/unit/test_hart_asm.h
tests_unit_test_mmu_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_mmu_LDADD = libemu.a $(CHECK_LIBS)
tests_unit_test_fuse_SOURCES = tests/unit/test_fuse.c tests/unit/test_hart_asm.h
tests_unit_test_fuse_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_fuse_LDADD = libemu.a $(CHECK_LIBS)
