# emu/ - the machine. Knows nothing of os/ or view/.
noinst_LIBRARIES += libemu.a
libemu_a_SOURCES = \
	emu/fpu.h \
	emu/bus.c emu/bus.h \
	emu/hart.h
