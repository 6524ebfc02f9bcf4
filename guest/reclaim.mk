# guest/reclaim.mk - memory-pressure demos (guest/reclaim/) and the
# integration tests that run them (issue 5): swap integrity, dirty file
# pages, the OOM killer, reclaim order, thrashing.
RECLAIM_GUEST = guest/reclaim/swapstress guest/reclaim/memhog guest/reclaim/oomkill \
	guest/reclaim/wsweep guest/reclaim/pagecache guest/reclaim/swapon guest/reclaim/dirtyfile \
	guest/reclaim/shmstress guest/reclaim/refault guest/reclaim/sysctl \
	guest/reclaim/swapmix guest/reclaim/stallclock
EXTRA_DIST += $(RECLAIM_GUEST:=.c) tests/integ/reclaim-common.sh
if HAVE_RV_LINUX_CC
noinst_DATA += $(RECLAIM_GUEST)
CLEANFILES += $(RECLAIM_GUEST)
RECLAIM_CC = $(AM_V_CC)mkdir -p guest/reclaim && $(RV_LINUX_CC) -O2 -static
guest/reclaim/swapstress: $(srcdir)/guest/reclaim/swapstress.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/swapstress.c
guest/reclaim/memhog: $(srcdir)/guest/reclaim/memhog.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/memhog.c
guest/reclaim/oomkill: $(srcdir)/guest/reclaim/oomkill.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/oomkill.c
guest/reclaim/wsweep: $(srcdir)/guest/reclaim/wsweep.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/wsweep.c
guest/reclaim/pagecache: $(srcdir)/guest/reclaim/pagecache.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/pagecache.c
guest/reclaim/swapon: $(srcdir)/guest/reclaim/swapon.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/swapon.c
guest/reclaim/dirtyfile: $(srcdir)/guest/reclaim/dirtyfile.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/dirtyfile.c
guest/reclaim/shmstress: $(srcdir)/guest/reclaim/shmstress.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/shmstress.c
guest/reclaim/refault: $(srcdir)/guest/reclaim/refault.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/refault.c
guest/reclaim/sysctl: $(srcdir)/guest/reclaim/sysctl.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/sysctl.c
guest/reclaim/swapmix: $(srcdir)/guest/reclaim/swapmix.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/swapmix.c
guest/reclaim/stallclock: $(srcdir)/guest/reclaim/stallclock.c
	$(RECLAIM_CC) -o $@ $(srcdir)/guest/reclaim/stallclock.c
endif
RECLAIM_TESTS = tests/integ/reclaim_integrity.sh tests/integ/reclaim_dirty.sh \
	tests/integ/reclaim_oom.sh tests/integ/reclaim_order.sh tests/integ/reclaim_shmem.sh \
	tests/integ/reclaim_refault.sh tests/integ/reclaim_sysctl.sh \
	tests/integ/reclaim_stallclock.sh
TESTS += $(RECLAIM_TESTS)
EXTRA_DIST += $(RECLAIM_TESTS)
