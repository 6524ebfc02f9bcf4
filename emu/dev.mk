# emu/dev.mk - devices, the board (machine.c) and bare-metal ELF loading (part of libemu.a).
