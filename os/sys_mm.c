/*
 * sys_mm.c - memory system calls: brk, mmap, munmap, mprotect, and the ones
 * still missing (mremap, madvise, msync, mincore, mlock: -ENOSYS, logged).
 */
#include <errno.h>

#include "os/fs/fdtable.h"
#include "os/mm/mm.h"
#include "os/syscall.h"
#include "os/task.h"

static long sys_mmap(uint64_t addr, uint64_t len, unsigned long prot, unsigned long flags,
		     int fd, uint64_t off)
{
	struct file *f = NULL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget_raw(current->files, fd);
		if (!f)
			return -EBADF;
	}
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	return do_mmap(current->mm, addr, len, prot, flags, f, f ? off : 0, current->tgid);
}

int sys_mm_dispatch(long nr, const uint64_t a[6], long *ret)
{
	struct mm_struct *mm = current->mm;
	switch (nr) {
	case 214: *ret = (long)do_brk(mm, a[0], current->tgid); return 1;
	case 215: *ret = do_munmap(mm, a[0], a[1]); return 1;
	case 222: *ret = sys_mmap(a[0], a[1], a[2], a[3], (int)a[4], a[5]); return 1;
	case 226: *ret = do_mprotect(mm, a[0], a[1], a[2]); return 1;
	default:
		return 0;
	}
}
