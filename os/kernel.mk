# os/ - the HLE kernel (tasks, files and the sandboxed root, /proc, exec,
# syscalls, the process side of mm). The physical memory manager's part of
# os/ is registered in os/local.mk.
noinst_LIBRARIES += libkernel.a
libkernel_a_SOURCES = \
	os/uapi.h os/task.h os/task.c \
	os/fs/namei.h os/fs/namei.c \
	os/fs/file.h os/fs/file.c os/fs/stat.c \
	os/fs/fdtable.h os/fs/fdtable.c \
	os/fs/pipe.h os/fs/pipe.c \
	os/fs/fs.h os/fs/open.c os/fs/read_write.c os/fs/devfs.h os/fs/devfs.c os/fs/shmfs.h os/fs/shmfs.c \
	os/proc/procfs.h os/proc/procfs.c os/proc/proc_files.c os/proc/proc_pagemap.c os/proc/sysfs.c \
	os/mm/mm_types.h os/mm/mm.h os/mm/vma.h os/mm/vma.c \
	os/mm/pgtable.h os/mm/pgtable.c os/mm/fault.c os/mm/mmap.c os/mm/dup.c os/mm/rmap.h os/mm/rmap.c os/mm/madvise.c \
	os/mm/filemap.h os/mm/filemap.c os/mm/writeback.c os/mm/events.h os/mm/events.c
libkernel_a_SOURCES += \
	os/kernel.h os/kernel.c os/kernel_internal.h \
	os/exec.h os/exec.c os/uaccess.h os/uaccess.c \
	os/syscall.h os/syscall.c os/syscall_names.c \
	os/sys_fs.c os/sys_mm.c os/sys_proc.c os/select.h os/select.c os/itimer.h os/itimer.c os/eventpoll.h os/eventpoll.c os/ipc_shm.h os/ipc_shm.c os/pgrp.h os/pgrp.c os/fork.c os/exit.c os/futex.c os/signal.h os/signal.c
# NOMMU mode and PMP isolation (issue 6)
libkernel_a_SOURCES += os/nommu.h os/nommu_internal.h os/nommu.c os/nommu_exec.c
libkernel_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS)

# A driver of kernel_main() for the kernel's integration tests, until
# cli/main.c runs Linux programs itself.
noinst_PROGRAMS += tests/kernel-run
tests_kernel_run_SOURCES = tests/kernel_run.c
tests_kernel_run_LDADD = libkernel.a libmm.a libemu.a $(LIBELF_LIBS) -lm

# Unit tests of the kernel (a booted mm and one task on a temporary root).
KERNEL_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
KERNEL_TEST_LDADD = libkernel.a libmm.a libemu.a $(LIBELF_LIBS) $(CHECK_LIBS) -lm
KERNEL_FIXTURE = tests/unit/kernel_fixture.c tests/unit/kernel_fixture.h
check_PROGRAMS += tests/unit/test_namei tests/unit/test_fs tests/unit/test_vma
TESTS += tests/unit/test_namei tests/unit/test_fs tests/unit/test_vma
tests_unit_test_namei_SOURCES = tests/unit/test_namei.c $(KERNEL_FIXTURE)
tests_unit_test_namei_CFLAGS = $(KERNEL_TEST_CFLAGS)
tests_unit_test_namei_LDADD = $(KERNEL_TEST_LDADD)
tests_unit_test_fs_SOURCES = tests/unit/test_fs.c $(KERNEL_FIXTURE)
tests_unit_test_fs_CFLAGS = $(KERNEL_TEST_CFLAGS)
tests_unit_test_fs_LDADD = $(KERNEL_TEST_LDADD)
tests_unit_test_vma_SOURCES = tests/unit/test_vma.c $(KERNEL_FIXTURE)
tests_unit_test_vma_CFLAGS = $(KERNEL_TEST_CFLAGS)
tests_unit_test_vma_LDADD = $(KERNEL_TEST_LDADD)

# Differential tests: guest programs under rvmm's kernel and under qemu-riscv64.
TESTS += tests/integ/kernel_diff.sh tests/integ/kernel_proc.sh tests/integ/sysfuzz.sh
EXTRA_DIST += tests/integ/kernel_diff.sh tests/integ/kernel_proc.sh tests/integ/sysfuzz.sh

# The frame inspector's kernel side (issue 7): struct frame_detail, os/observe.h.
libkernel_a_SOURCES += os/mm/frame_detail.c
