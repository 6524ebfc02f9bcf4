# emu/fpu.mk - IEEE arithmetic for the F and D extensions (part of libemu.a).
