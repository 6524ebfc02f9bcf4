# emu/ - the machine. Knows nothing of os/ or view/.
noinst_LIBRARIES += libemu.a
libemu_a_SOURCES = \
	emu/fpu.h \
	emu/bus.c emu/bus.h \
	emu/hart.h emu/cpu.h emu/hart.c \
	emu/decode.c emu/interp.c emu/csr.c emu/trap.c \
	emu/mmu.c emu/mmu.h emu/fp.c
