# os/mm/reclaim.mk - memory pressure wired into the kernel (issue 5,
# integration): swap PTEs and their faults, reclaim_ops over the rmap, the OOM
# killer's task view, kswapd from the scheduler loop, the /proc files of
# swap and OOM. Part of libkernel.a (included after os/kernel.mk), so
# everything that links it links LZ4 too (zram).
noinst_HEADERS += os/mm/swap_fault.h os/mm/reclaim_glue.h os/mm/shmem.h
libkernel_a_SOURCES += os/mm/swap_fault.c os/mm/reclaim_glue.c os/proc/proc_reclaim.c os/mm/shmem.c \
	os/proc/proc_sysctl.c
tests_kernel_run_LDADD += $(LZ4_LIBS)
KERNEL_TEST_LDADD += $(LZ4_LIBS)

check_PROGRAMS += tests/unit/test_swap_fault
TESTS += tests/unit/test_swap_fault
tests_unit_test_swap_fault_SOURCES = tests/unit/test_swap_fault.c $(KERNEL_FIXTURE)
tests_unit_test_swap_fault_CFLAGS = $(KERNEL_TEST_CFLAGS)
tests_unit_test_swap_fault_LDADD = $(KERNEL_TEST_LDADD)
