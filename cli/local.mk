# cli/ - the rvmm command line: option parsing (main.c), running a program
# under the kernel with the viewer, snapshots and heat on the run loop's hook
# (run.c, heat.c), and the built-in demo (demo.c with the tour embedded).
bin_PROGRAMS += rvmm
rvmm_SOURCES = cli/main.c cli/run.c cli/run.h cli/heat.c cli/heat.h cli/demo.c cli/demo.h
nodist_rvmm_SOURCES = cli/tour_blob.c
rvmm_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) $(SDL2_CFLAGS) $(LIBPNG_CFLAGS) $(LZ4_CFLAGS)
rvmm_LDADD = libkernel.a libmm.a libview.a libemu.a $(LIBELF_LIBS) $(SDL2_LIBS) $(LIBPNG_LIBS) \
	$(LZ4_LIBS) -lpthread -lm
CLEANFILES += cli/tour_blob.c guest/demos/tour/tour
EXTRA_DIST += guest/demos/tour/tour.c

# The demo's guest program, embedded into rvmm as a C array (no files needed
# at run time). Without a riscv64 Linux compiler the array is empty and
# `rvmm` with no program says so.
if HAVE_RV_LINUX_CC
guest/demos/tour/tour: $(srcdir)/guest/demos/tour/tour.c
	$(AM_V_CC)mkdir -p guest/demos/tour && \
		$(RV_LINUX_CC) -O2 -Wall -Wextra -static -o $@ $(srcdir)/guest/demos/tour/tour.c
cli/tour_blob.c: guest/demos/tour/tour
	$(AM_V_GEN)mkdir -p cli && { \
		echo '/* generated from guest/demos/tour/tour by cli/local.mk */'; \
		echo '#include <stddef.h>'; \
		echo 'extern const unsigned char tour_elf[];'; \
		echo 'extern const size_t tour_elf_size;'; \
		echo 'const unsigned char tour_elf[] = {'; \
		od -An -v -tx1 guest/demos/tour/tour | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
		echo '};'; \
		echo 'const size_t tour_elf_size = sizeof(tour_elf);'; \
	} > $@.tmp && mv $@.tmp $@
else
cli/tour_blob.c:
	$(AM_V_GEN)mkdir -p cli && { \
		echo '#include <stddef.h>'; \
		echo 'extern const unsigned char tour_elf[];'; \
		echo 'extern const size_t tour_elf_size;'; \
		echo 'const unsigned char tour_elf[1];'; \
		echo 'const size_t tour_elf_size = 0;'; \
	} > $@
endif

# The command line end to end, and bad input (both use tests/integ/mkelf's images).
TESTS += tests/integ/cli.sh tests/integ/badinput.sh
EXTRA_DIST += tests/integ/cli.sh tests/integ/badinput.sh

# The viewer's pictures of the real kernel: pixel counts after a guest
# touches pages or forks, and the hottest frame being the hammered one.
check_PROGRAMS += tests/unit/test_view_kernel
TESTS += tests/unit/test_view_kernel
tests_unit_test_view_kernel_SOURCES = tests/unit/test_view_kernel.c cli/heat.c cli/heat.h
tests_unit_test_view_kernel_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SDL2_CFLAGS) $(LIBPNG_CFLAGS)
tests_unit_test_view_kernel_LDADD = libkernel.a libmm.a libview.a libemu.a $(LIBELF_LIBS) \
	$(SDL2_LIBS) $(LIBPNG_LIBS) $(LZ4_LIBS) $(CHECK_LIBS) -lpthread -lm
EXTRA_DIST += guest/tests/view/probe.c guest/tests/view/spin.c
CLEANFILES += guest/tests/view/probe guest/tests/view/spin
if HAVE_RV_LINUX_CC
noinst_DATA += guest/tests/view/probe guest/tests/view/spin guest/demos/tour/tour
guest/tests/view/probe: $(srcdir)/guest/tests/view/probe.c
	$(AM_V_CC)mkdir -p guest/tests/view && \
		$(RV_LINUX_CC) -O2 -Wall -Wextra -static -o $@ $(srcdir)/guest/tests/view/probe.c
# static-pie on the guest runtime: runs with and without the MMU (the `m` key's test)
guest/tests/view/spin: $(srcdir)/guest/tests/view/spin.c guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	$(AM_V_CC)mkdir -p guest/tests/view && \
		./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/guest/tests/view/spin.c
endif

# The demo and the snapshot options end to end (headless, then under Xvfb).
TESTS += tests/integ/demo.sh tests/integ/view_restart.sh
EXTRA_DIST += tests/integ/demo.sh tests/integ/view_restart.sh
check_PROGRAMS += tests/integ/shotcmp
tests_integ_shotcmp_SOURCES = tests/integ/shotcmp.c
tests_integ_shotcmp_CFLAGS = $(AM_CFLAGS) $(LIBPNG_CFLAGS)
tests_integ_shotcmp_LDADD = libview.a $(SDL2_LIBS) $(LIBPNG_LIBS) -lpthread -lm

# The command line's kernel options (--trace=mm, --log, --verbose).
TESTS += tests/integ/cli_kernel.sh
EXTRA_DIST += tests/integ/cli_kernel.sh tests/integ/protnone.expected

# The frame inspector's zram question (zs_frame_objects, os/mm/zsmalloc.c).
check_PROGRAMS += tests/unit/test_zs_frames
TESTS += tests/unit/test_zs_frames
tests_unit_test_zs_frames_SOURCES = tests/unit/test_zs_frames.c tests/unit/mm_fixture.h \
	tests/unit/swap_fixture.h
tests_unit_test_zs_frames_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LZ4_CFLAGS)
tests_unit_test_zs_frames_LDADD = libmm.a $(CHECK_LIBS) $(LZ4_LIBS)
