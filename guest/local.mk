# guest/ - programs that run inside rvmm, built with the riscv64 Linux cross
# compiler (static glibc) when configure found one.
GUEST_TESTS = guest/demos/lazy guest/tests/hello guest/tests/files guest/tests/hello-dyn guest/tests/forkcow guest/tests/segv
EXTRA_DIST += guest/demos/lazy.c guest/tests/hello.c guest/tests/files.c guest/tests/forkcow.c guest/tests/segv.c
GUEST_CC_STATIC = $(AM_V_CC)mkdir -p guest/tests guest/demos && $(RV_LINUX_CC) -O2 -static -o $@
if HAVE_RV_LINUX_CC
noinst_DATA += $(GUEST_TESTS)
CLEANFILES += $(GUEST_TESTS)
guest/demos/lazy: $(srcdir)/guest/demos/lazy.c
	$(GUEST_CC_STATIC) $(srcdir)/guest/demos/lazy.c
guest/tests/hello: $(srcdir)/guest/tests/hello.c
	$(GUEST_CC_STATIC) $(srcdir)/guest/tests/hello.c
guest/tests/files: $(srcdir)/guest/tests/files.c
	$(GUEST_CC_STATIC) $(srcdir)/guest/tests/files.c
guest/tests/forkcow: $(srcdir)/guest/tests/forkcow.c
	$(GUEST_CC_STATIC) $(srcdir)/guest/tests/forkcow.c
guest/tests/segv: $(srcdir)/guest/tests/segv.c
	$(GUEST_CC_STATIC) $(srcdir)/guest/tests/segv.c
guest/tests/hello-dyn: $(srcdir)/guest/tests/hello.c
	$(AM_V_CC)mkdir -p guest/tests && $(RV_LINUX_CC) -O2 -o $@ $(srcdir)/guest/tests/hello.c
endif
