# cli/ - the rvmm command line.
bin_PROGRAMS += rvmm
rvmm_SOURCES = cli/main.c
rvmm_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) $(SDL2_CFLAGS) $(LIBPNG_CFLAGS) $(LZ4_CFLAGS)
rvmm_LDADD = libemu.a $(LIBELF_LIBS) $(SDL2_LIBS) $(LIBPNG_LIBS) $(LZ4_LIBS) -lm

# The command line end to end, and bad input (both use tests/integ/mkelf's images).
TESTS += tests/integ/cli.sh tests/integ/badinput.sh
EXTRA_DIST += tests/integ/cli.sh tests/integ/badinput.sh
