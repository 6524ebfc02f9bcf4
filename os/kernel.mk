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
	os/fs/fs.h os/fs/open.c os/fs/read_write.c \
	os/proc/procfs.h os/proc/procfs.c \
	os/mm/mm_types.h os/mm/mm.h os/mm/vma.h os/mm/vma.c \
	os/mm/pgtable.h os/mm/pgtable.c os/mm/fault.c os/mm/mmap.c \
	os/mm/filemap.h os/mm/filemap.c os/mm/events.h os/mm/events.c
libkernel_a_SOURCES += \
	os/kernel.h os/kernel.c os/kernel_internal.h \
	os/exec.h os/exec.c os/uaccess.h os/uaccess.c \
	os/syscall.h os/syscall.c os/syscall_names.c \
	os/sys_fs.c os/sys_mm.c os/sys_proc.c
libkernel_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS)
