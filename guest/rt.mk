# guest/rt.mk - the guest runtime (guest/rt/: crt0, a small libc), the
# rvmm-cc compiler wrapper, the runtime's test programs and the isolation
# demo (guest/demos/isolation/).
#
# Guest code is cross-compiled with $(RV_LINUX_CC) through explicit rules
# (automake's own rules are for the host compiler). Outputs:
#   guest/rt/crt0.o, guest/rt/libc.a       the runtime (installed to $(pkglibdir)/rt)
#   guest/rt/tests/NAME                    test program built with the runtime (static-pie)
#   guest/rt/tests/NAME.glibc              the same source built with glibc -static
#   guest/rt/tests/known                   runtime-only checks with fixed expected output
#   guest/demos/isolation/isolation        the isolation demo (runtime, static-pie)

RT_LIB_SRCS = \
	guest/rt/start.c guest/rt/syscalls.c guest/rt/vfork.S guest/rt/string.c \
	guest/rt/ctype.c guest/rt/strerror.c guest/rt/stdlib.c guest/rt/malloc.c \
	guest/rt/stdio.c guest/rt/printf.c guest/rt/fpconv.c
RT_INCS = \
	guest/rt/include/assert.h guest/rt/include/ctype.h guest/rt/include/errno.h \
	guest/rt/include/fcntl.h guest/rt/include/limits.h guest/rt/include/sched.h \
	guest/rt/include/signal.h guest/rt/include/stdio.h guest/rt/include/stdlib.h \
	guest/rt/include/string.h guest/rt/include/time.h guest/rt/include/unistd.h
RT_SYS_INCS = \
	guest/rt/include/sys/auxv.h guest/rt/include/sys/mman.h guest/rt/include/sys/random.h \
	guest/rt/include/sys/syscall.h guest/rt/include/sys/types.h \
	guest/rt/include/sys/wait.h
RT_PRIVATE_HDRS = guest/rt/rt.h guest/rt/format.h
RT_TEST_NAMES = printf floats strings malloc forkwait vforkexec pipe files buffering input
RT_TEST_SRCS = \
	guest/rt/tests/printf.c guest/rt/tests/floats.c guest/rt/tests/strings.c \
	guest/rt/tests/malloc.c \
	guest/rt/tests/forkwait.c guest/rt/tests/vforkexec.c guest/rt/tests/pipe.c \
	guest/rt/tests/files.c guest/rt/tests/buffering.c guest/rt/tests/input.c \
	guest/rt/tests/selfexec.h \
	guest/rt/tests/known.c
ISOLATION_SRCS = guest/demos/isolation/isolation.c

EXTRA_DIST += $(RT_LIB_SRCS) guest/rt/crt0.S $(RT_INCS) $(RT_SYS_INCS) $(RT_PRIVATE_HDRS) \
	$(RT_TEST_SRCS) $(ISOLATION_SRCS) guest/rt/rvmm-cc.in \
	guest/demos/isolation/expected-mmu.txt guest/demos/isolation/expected-nommu.txt \
	guest/demos/isolation/expected-pmp.txt \
	tests/integ/rt.sh tests/integ/rt-isolation.sh
TESTS += tests/integ/rt.sh tests/integ/rt-isolation.sh

# rvmm-cc: generated from its template with this build's paths.
bin_SCRIPTS = rvmm-cc
CLEANFILES += rvmm-cc
rvmm-cc: $(srcdir)/guest/rt/rvmm-cc.in Makefile
	$(AM_V_GEN)sed -e 's|[@]RV_LINUX_CC[@]|$(RV_LINUX_CC)|g' \
		-e 's|[@]abs_top_builddir[@]|$(abs_top_builddir)|g' \
		-e 's|[@]abs_top_srcdir[@]|$(abs_top_srcdir)|g' \
		-e 's|[@]pkglibdir[@]|$(pkglibdir)|g' \
		$(srcdir)/guest/rt/rvmm-cc.in > $@.tmp && chmod +x $@.tmp && mv $@.tmp $@

if HAVE_RV_LINUX_CC
RT_AR = $(RV_LINUX_CC:-gcc=-ar)
RT_CFLAGS = -std=c17 -march=rv64gc -mabi=lp64d -O2 -g -fPIE -ffreestanding \
	-fno-stack-protector -fno-tree-loop-distribute-patterns -nostdinc \
	-I$(srcdir)/guest/rt/include \
	-isystem `$(RV_LINUX_CC) -print-file-name=include` \
	-Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes
RT_PROG_CFLAGS = -O2 -Wall -Wextra

noinst_DATA += guest/rt/crt0.o guest/rt/libc.a guest/rt/tests/stamp \
	guest/demos/isolation/isolation
CLEANFILES += guest/rt/crt0.o guest/rt/libc.a guest/rt/obj/*.o guest/rt/tests/stamp \
	guest/rt/tests/printf guest/rt/tests/floats guest/rt/tests/strings guest/rt/tests/malloc \
	guest/rt/tests/forkwait guest/rt/tests/vforkexec guest/rt/tests/pipe \
	guest/rt/tests/files guest/rt/tests/buffering guest/rt/tests/input guest/rt/tests/known \
	guest/rt/tests/*.glibc \
	guest/demos/isolation/isolation

rtlibdir = $(pkglibdir)/rt
rtlib_DATA = guest/rt/crt0.o guest/rt/libc.a
rtincdir = $(pkglibdir)/rt/include
rtinc_DATA = $(RT_INCS)
rtincsysdir = $(pkglibdir)/rt/include/sys
rtincsys_DATA = $(RT_SYS_INCS)

guest/rt/crt0.o: $(srcdir)/guest/rt/crt0.S
	@mkdir -p guest/rt
	$(AM_V_CC)$(RV_LINUX_CC) $(RT_CFLAGS) -c -o $@ $(srcdir)/guest/rt/crt0.S

# One rule compiles the whole library: it is small, and this keeps the
# fragment free of GNU make pattern rules.
guest/rt/libc.a: $(RT_LIB_SRCS) $(RT_INCS) $(RT_SYS_INCS) $(RT_PRIVATE_HDRS)
	@mkdir -p guest/rt/obj
	$(AM_V_GEN)set -e; objs=; \
	for s in $(RT_LIB_SRCS); do \
		o=guest/rt/obj/`basename $$s | sed 's/\.[cS]$$/.o/'`; \
		$(RV_LINUX_CC) $(RT_CFLAGS) -c -o $$o $(srcdir)/$$s; \
		objs="$$objs $$o"; \
	done; \
	rm -f $@; $(RT_AR) rcs $@ $$objs

# Each test twice: against the runtime (through rvmm-cc) and against glibc.
guest/rt/tests/stamp: $(RT_TEST_SRCS) guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p guest/rt/tests
	$(AM_V_GEN)set -e; for t in $(RT_TEST_NAMES); do \
		./rvmm-cc $(RT_PROG_CFLAGS) -o guest/rt/tests/$$t $(srcdir)/guest/rt/tests/$$t.c; \
		$(RV_LINUX_CC) -static $(RT_PROG_CFLAGS) -o guest/rt/tests/$$t.glibc \
			$(srcdir)/guest/rt/tests/$$t.c; \
	done; \
	./rvmm-cc $(RT_PROG_CFLAGS) -o guest/rt/tests/known $(srcdir)/guest/rt/tests/known.c; \
	touch $@

guest/demos/isolation/isolation: $(ISOLATION_SRCS) guest/rt/crt0.o guest/rt/libc.a rvmm-cc
	@mkdir -p guest/demos/isolation
	$(AM_V_GEN)./rvmm-cc $(RT_PROG_CFLAGS) -o $@ $(srcdir)/guest/demos/isolation/isolation.c
endif
