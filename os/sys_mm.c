/*
 * sys_mm.c - memory system calls: brk, mmap, munmap, mprotect, mremap,
 * madvise, msync, mincore, mlock and munlock.
 */
#include <errno.h>

#include "os/fs/devfs.h"
#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/ipc_shm.h"
#include "os/mm/mm.h"
#include "os/nommu.h"
#include "os/syscall.h"
#include "os/task.h"

static long sys_mmap(uint64_t addr, uint64_t len, unsigned long prot, unsigned long flags, int fd,
		     uint64_t off)
{
	struct file *f = NULL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget_raw(current->files, fd);
		if (!f)
			return -EBADF;
	}
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (f && devfs_is_zero(f)) {
		/* /dev/zero: private mappings are anonymous memory, shared ones shmem */
		if (!(f->f_mode & FMODE_READ) ||
		    ((flags & MAP_TYPE) != MAP_PRIVATE && (prot & PROT_WRITE) &&
		     !(f->f_mode & FMODE_WRITE)))
			return -EACCES;
		f = NULL;
		flags |= MAP_ANONYMOUS;
	}
	return do_mmap(current->mm, addr, len, prot, flags, f, f ? off : 0, current->tgid);
}

int sys_mm_dispatch(long nr, const uint64_t a[6], long *ret)
{
	struct mm_struct *mm = current->mm;
	if (kernel_nommu()) /* NOMMU: os/nommu.c */
		return nommu_mm_dispatch(nr, a, ret);
	switch (nr) {
	case 214: *ret = (long)do_brk(mm, a[0], current->tgid); return 1;
	case 215: *ret = do_munmap(mm, a[0], a[1]); return 1;
	case 222: *ret = sys_mmap(a[0], a[1], a[2], a[3], (int)a[4], a[5]); return 1;
	case 226: *ret = do_mprotect(mm, a[0], a[1], a[2]); return 1;
	case 216: *ret = do_mremap(mm, a[0], a[1], a[2], a[3], a[4]); return 1;
	case 227: *ret = do_msync(mm, a[0], a[1], (int)a[2]); return 1;
	case 228: *ret = do_mlock(mm, a[0], a[1], VM_LOCKED, current->tgid); return 1;
	case 229: *ret = do_mlock(mm, a[0], a[1], 0, current->tgid); return 1;
	case 194: *ret = sys_shmget((int)a[0], a[1], (int)a[2]); return 1;
	case 195: *ret = sys_shmctl((int)a[0], (int)a[1], a[2]); return 1;
	case 196: *ret = sys_shmat((int)a[0], a[1], (int)a[2]); return 1;
	case 197: *ret = sys_shmdt(a[0]); return 1;
	case 230: *ret = do_mlockall(mm, (int)a[0], current->tgid); return 1;
	case 231: *ret = do_munlockall(mm); return 1;
	case 284: /* mlock2: MLOCK_ONFAULT (1) is the only flag */
		*ret = a[2] & ~1ull
			   ? -EINVAL
			   : do_mlock(mm, a[0], a[1], VM_LOCKED | (a[2] ? VM_LOCKONFAULT : 0),
				      current->tgid);
		return 1;
	case 232: *ret = do_mincore(mm, a[0], a[1], a[2]); return 1;
	case 233: *ret = do_madvise(mm, a[0], a[1], (int)a[2]); return 1;
	default: return 0;
	}
}
