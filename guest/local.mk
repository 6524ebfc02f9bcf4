# guest/ - programs that run inside rvmm, built with the riscv64 Linux cross
# compiler (static glibc; hello-dyn dynamically linked) when configure found one.
GUEST_TESTS = guest/bench/forklat guest/bench/faultcost guest/demos/lazy guest/tools/free guest/tools/slabtop guest/tools/vtop guest/tools/cat guest/tests/hello guest/tests/files guest/tests/forkcow \
	guest/tests/segv guest/tests/mmapops guest/tests/forkstress guest/tests/threads guest/tests/signals guest/tests/procself guest/tests/pagemap guest/tests/timers guest/tests/devnodes guest/tests/txtbusy guest/tests/sysfuzz guest/tests/epoll guest/tests/sigwait guest/tests/mlock guest/tests/memfd guest/tests/sysvshm guest/tests/posixshm guest/tests/madvise guest/tests/ptimers guest/tests/rusage guest/tests/random guest/tests/vfork guest/tests/sharedanon guest/tests/hello-dyn \
	guest/tests/hello-escape
EXTRA_DIST += bench/kernel-bench.sh guest/bench/forklat.c guest/bench/faultcost.c guest/demos/lazy.c guest/tools/free.c guest/tools/slabtop.c guest/tools/vtop.c guest/tools/cat.c guest/tests/hello.c guest/tests/files.c guest/tests/forkcow.c \
	guest/tests/segv.c guest/tests/mmapops.c guest/tests/forkstress.c guest/tests/threads.c \
	guest/tests/signals.c guest/tests/procself.c guest/tests/pagemap.c guest/tests/timers.c guest/tests/devnodes.c guest/tests/txtbusy.c guest/tests/sysfuzz.c guest/tests/epoll.c guest/tests/sigwait.c guest/tests/mlock.c guest/tests/memfd.c guest/tests/sysvshm.c guest/tests/posixshm.c guest/tests/madvise.c guest/tests/ptimers.c guest/tests/rusage.c \
	guest/tests/random.c guest/tests/vfork.c guest/tests/sharedanon.c
GUEST_CC = $(AM_V_CC)mkdir -p guest/tests guest/demos guest/tools guest/bench && $(RV_LINUX_CC) -O2
if HAVE_RV_LINUX_CC
noinst_DATA += $(GUEST_TESTS)
CLEANFILES += $(GUEST_TESTS)
guest/demos/lazy: $(srcdir)/guest/demos/lazy.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/demos/lazy.c
guest/bench/forklat: $(srcdir)/guest/bench/forklat.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/bench/forklat.c
guest/bench/faultcost: $(srcdir)/guest/bench/faultcost.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/bench/faultcost.c
guest/tools/free: $(srcdir)/guest/tools/free.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tools/free.c
guest/tools/slabtop: $(srcdir)/guest/tools/slabtop.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tools/slabtop.c
guest/tools/vtop: $(srcdir)/guest/tools/vtop.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tools/vtop.c
guest/tools/cat: $(srcdir)/guest/tools/cat.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tools/cat.c
guest/tests/hello: $(srcdir)/guest/tests/hello.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/hello.c
guest/tests/files: $(srcdir)/guest/tests/files.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/files.c
guest/tests/forkcow: $(srcdir)/guest/tests/forkcow.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/forkcow.c
guest/tests/segv: $(srcdir)/guest/tests/segv.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/segv.c
guest/tests/mmapops: $(srcdir)/guest/tests/mmapops.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/mmapops.c
guest/tests/forkstress: $(srcdir)/guest/tests/forkstress.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/forkstress.c
guest/tests/threads: $(srcdir)/guest/tests/threads.c
	$(GUEST_CC) -static -pthread -o $@ $(srcdir)/guest/tests/threads.c
guest/tests/signals: $(srcdir)/guest/tests/signals.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/signals.c
guest/tests/procself: $(srcdir)/guest/tests/procself.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/procself.c
guest/tests/pagemap: $(srcdir)/guest/tests/pagemap.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/pagemap.c
guest/tests/timers: $(srcdir)/guest/tests/timers.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/timers.c
guest/tests/devnodes: $(srcdir)/guest/tests/devnodes.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/devnodes.c
guest/tests/txtbusy: $(srcdir)/guest/tests/txtbusy.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/txtbusy.c
guest/tests/sysfuzz: $(srcdir)/guest/tests/sysfuzz.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/sysfuzz.c
guest/tests/epoll: $(srcdir)/guest/tests/epoll.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/epoll.c
guest/tests/sigwait: $(srcdir)/guest/tests/sigwait.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/sigwait.c
guest/tests/mlock: $(srcdir)/guest/tests/mlock.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/mlock.c
guest/tests/memfd: $(srcdir)/guest/tests/memfd.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/memfd.c
guest/tests/sysvshm: $(srcdir)/guest/tests/sysvshm.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/sysvshm.c
guest/tests/posixshm: $(srcdir)/guest/tests/posixshm.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/posixshm.c
guest/tests/madvise: $(srcdir)/guest/tests/madvise.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/madvise.c
guest/tests/ptimers: $(srcdir)/guest/tests/ptimers.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/ptimers.c
guest/tests/rusage: $(srcdir)/guest/tests/rusage.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/rusage.c
guest/tests/random: $(srcdir)/guest/tests/random.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/random.c
guest/tests/vfork: $(srcdir)/guest/tests/vfork.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/vfork.c
guest/tests/sharedanon: $(srcdir)/guest/tests/sharedanon.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/sharedanon.c
guest/tests/hello-dyn: $(srcdir)/guest/tests/hello.c
	$(GUEST_CC) -o $@ $(srcdir)/guest/tests/hello.c
# PT_INTERP that climbs out of "/": must resolve inside the root or sysroot (and fail)
guest/tests/hello-escape: $(srcdir)/guest/tests/hello.c
	$(GUEST_CC) -o $@ $(srcdir)/guest/tests/hello.c \
		-Wl,--dynamic-linker=/../../../../usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1
endif

# Kernel conformance tests added after the first merge (issue 4's remaining gaps).
K2_TESTS = guest/tests/ctxsw guest/tests/execthread guest/tests/threadcount guest/tests/protnone guest/tests/procfdpipe guest/tests/fsyncmap guest/tests/futexshared guest/tests/threadexit guest/tests/shebang guest/tests/pipebig guest/tests/pgrp guest/tests/sigshare guest/tests/sleepintr guest/tests/selectpoll
GUEST_TESTS += $(K2_TESTS)
EXTRA_DIST += guest/tests/ctxsw.c guest/tests/execthread.c guest/tests/threadcount.c guest/tests/protnone.c guest/tests/pgrp.c guest/tests/sigshare.c guest/tests/sleepintr.c guest/tests/selectpoll.c
if HAVE_RV_LINUX_CC
guest/tests/ctxsw: $(srcdir)/guest/tests/ctxsw.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/ctxsw.c
guest/tests/execthread: $(srcdir)/guest/tests/execthread.c
	$(GUEST_CC) -static -pthread -o $@ $(srcdir)/guest/tests/execthread.c
guest/tests/threadcount: $(srcdir)/guest/tests/threadcount.c
	$(GUEST_CC) -static -pthread -o $@ $(srcdir)/guest/tests/threadcount.c
guest/tests/protnone: $(srcdir)/guest/tests/protnone.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/protnone.c
guest/tests/pgrp: $(srcdir)/guest/tests/pgrp.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/pgrp.c
guest/tests/shebang: $(srcdir)/guest/tests/shebang.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/shebang.c
guest/tests/pipebig: $(srcdir)/guest/tests/pipebig.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/pipebig.c
guest/tests/threadexit: $(srcdir)/guest/tests/threadexit.c
	$(GUEST_CC) -static -pthread -o $@ $(srcdir)/guest/tests/threadexit.c
guest/tests/fsyncmap: $(srcdir)/guest/tests/fsyncmap.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/fsyncmap.c
guest/tests/futexshared: $(srcdir)/guest/tests/futexshared.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/futexshared.c
guest/tests/procfdpipe: $(srcdir)/guest/tests/procfdpipe.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/procfdpipe.c
guest/tests/sigshare: $(srcdir)/guest/tests/sigshare.c
	$(GUEST_CC) -static -pthread -o $@ $(srcdir)/guest/tests/sigshare.c
guest/tests/sleepintr: $(srcdir)/guest/tests/sleepintr.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/sleepintr.c
guest/tests/selectpoll: $(srcdir)/guest/tests/selectpoll.c
	$(GUEST_CC) -static -o $@ $(srcdir)/guest/tests/selectpoll.c
endif
EXTRA_DIST += guest/tests/fsyncmap.c guest/tests/futexshared.c guest/tests/pipebig.c \
	guest/tests/procfdpipe.c guest/tests/shebang.c guest/tests/threadexit.c
