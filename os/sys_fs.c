/*
 * sys_fs.c - file system calls: copy arguments in from user memory, call the
 * file layer (os/fs/), copy results out. I/O goes through a bounce buffer in
 * chunks, so a fault in the middle of a user buffer fails cleanly (-EFAULT,
 * or the byte count already transferred, as Linux).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "os/eventpoll.h"
#include "os/fs/fs.h"
#include "os/fs/pipe.h"
#include "os/kernel_internal.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"
#include "os/select.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"
#include "os/uapi.h"

#define CHUNK		 65536
#define IOV_MAX_LINUX	 1024
#define TCGETS_LINUX	 0x5401
#define TIOCGWINSZ_LINUX 0x5413

static uint8_t bounce[CHUNK];
static char pathbuf[2][PATH_MAX];

static struct fs_ctx ctx(void)
{
	return (struct fs_ctx){current->fs, current->files};
}

/* A path argument into pathbuf[which]; 0 or -errno. */
static long get_path(uint64_t uptr, int which)
{
	long n = strncpy_from_user(pathbuf[which], uptr, PATH_MAX);
	return n < 0 ? n : 0;
}

/* Sleep until fd is ready (mask 1: readable, 2: writable), then restart the call. */
static long block_on(int fd, unsigned int mask)
{
	struct file *f = fget_raw(current->files, fd);
	if (!f || (f->f_flags & LINUX_O_NONBLOCK))
		return -EAGAIN;
	current->state = TASK_INTERRUPTIBLE;
	current->wait_kind = WAIT_FILE;
	current->wait_file = f;
	current->wait_mask = mask;
	get_file(f);
	return -ERESTARTSYS;
}

static long sys_read(int fd, uint64_t buf, uint64_t count)
{
	struct fs_ctx c = ctx();
	long done = 0;
	while ((uint64_t)done < count) {
		size_t k = count - (uint64_t)done < CHUNK ? count - (uint64_t)done : CHUNK;
		ssize_t r = vfs_read(&c, fd, bounce, k);
		if (r == -EAGAIN && !done)
			return block_on(fd, 1);
		if (r < 0)
			return done ? done : r;
		if (copy_to_user(buf + (uint64_t)done, bounce, (size_t)r))
			return done ? done : -EFAULT;
		done += r;
		if ((size_t)r < k)
			break;
	}
	return done;
}

/*
 * write(2). A blocking write to a pipe returns only when every byte is in
 * (POSIX): when the pipe fills, the bytes the call has written so far are
 * kept in io_done and the task sleeps; the restarted call goes on from
 * there (a signal handler ends it with that count, see signal.c).
 */
static bool write_whole(int fd)
{
	struct file *f = fget_raw(current->files, fd);
	return f && is_pipe_file(f) && !(f->f_flags & LINUX_O_NONBLOCK);
}

/* How much of a whole write (write_whole) its earlier runs did. */
static uint64_t write_resume(bool whole)
{
	uint64_t done = whole && syscall_restarted() ? current->io_done : 0;
	current->io_done = 0;
	return done;
}

/* Write count bytes from buf; before: what the call wrote before buf (whole writes). */
static long do_write(int fd, uint64_t buf, uint64_t count, bool whole, uint64_t before)
{
	struct fs_ctx c = ctx();
	long done = 0;
	while ((uint64_t)done < count) {
		size_t k = count - (uint64_t)done < CHUNK ? count - (uint64_t)done : CHUNK;
		if (copy_from_user(bounce, buf + (uint64_t)done, k))
			return done ? done : -EFAULT;
		ssize_t r = vfs_write(&c, fd, bounce, k);
		if (r == -EAGAIN && (!done || whole) && !(before && !whole)) {
			if (whole)
				current->io_done = before + (uint64_t)done;
			return block_on(fd, 2);
		}
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < k && !whole)
			break;
	}
	return done;
}

static long sys_write(int fd, uint64_t buf, uint64_t count)
{
	bool whole = write_whole(fd);
	uint64_t start = write_resume(whole);
	long r = do_write(fd, buf + start, count - start, whole, start);
	if (r == -ERESTARTSYS || !start)
		return r;
	return r < 0 ? (long)start : (long)start + r;
}

static long sys_pread(int fd, uint64_t buf, uint64_t count, int64_t pos)
{
	struct fs_ctx c = ctx();
	long done = 0;
	while ((uint64_t)done < count) {
		size_t k = count - (uint64_t)done < CHUNK ? count - (uint64_t)done : CHUNK;
		ssize_t r = vfs_pread(&c, fd, bounce, k, pos + done);
		if (r < 0)
			return done ? done : r;
		if (copy_to_user(buf + (uint64_t)done, bounce, (size_t)r))
			return done ? done : -EFAULT;
		done += r;
		if ((size_t)r < k)
			break;
	}
	return done;
}

static long sys_pwrite(int fd, uint64_t buf, uint64_t count, int64_t pos)
{
	struct fs_ctx c = ctx();
	long done = 0;
	while ((uint64_t)done < count) {
		size_t k = count - (uint64_t)done < CHUNK ? count - (uint64_t)done : CHUNK;
		if (copy_from_user(bounce, buf + (uint64_t)done, k))
			return done ? done : -EFAULT;
		ssize_t r = vfs_pwrite(&c, fd, bounce, k, pos + done);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < k)
			break;
	}
	return done;
}

/*
 * readv/writev: one iovec at a time (not atomic across iovecs, as pipes
 * allow). A blocking writev to a pipe writes every byte, as write does.
 */
static long sys_rwv(int fd, uint64_t iov, uint64_t cnt, bool write)
{
	bool whole = write && write_whole(fd);
	uint64_t start = write ? write_resume(whole) : 0, total = 0;
	if (cnt > IOV_MAX_LINUX)
		return -EINVAL;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t v[2], off = 0;
		long r;
		if (copy_from_user(v, iov + 16 * i, sizeof(v)))
			return total ? (long)total : -EFAULT;
		if (total + v[1] <= start) { /* written by an earlier run of this call */
			total += v[1];
			continue;
		}
		if (start > total)
			off = start - total;
		if (!(v[1] - off))
			continue;
		r = write ? do_write(fd, v[0] + off, v[1] - off, whole, total + off)
			  : sys_read(fd, v[0], v[1]);
		if (r == -ERESTARTSYS && total + off && !whole) {
			/* some data moved: report it rather than sleeping */
			current->state = TASK_RUNNING;
			current->wait_kind = WAIT_NONE;
			fput(current->wait_file);
			current->wait_file = NULL;
			return (long)(total + off);
		}
		if (r == -ERESTARTSYS)
			return r;
		if (r < 0)
			return total + off ? (long)(total + off) : r;
		total += off + (uint64_t)r;
		if ((uint64_t)r < v[1] - off)
			break;
	}
	return (long)total;
}

#define RWF_HIPRI 0x1
#define RWF_DSYNC 0x2
#define RWF_SYNC  0x4

/*
 * preadv/pwritev (and the *2 forms, whose pos -1 means the file position,
 * as readv/writev): one iovec at a time at pos + what came before. The
 * RWF_ hints that only ask for durability are accepted (writes reach the host
 * file at once anyway); the others are EOPNOTSUPP.
 */
static long sys_prwv(int fd, uint64_t iov, uint64_t cnt, int64_t pos, uint64_t rwf, bool v2,
		     bool write)
{
	uint64_t total = 0;
	if (rwf & ~(uint64_t)(RWF_HIPRI | RWF_DSYNC | RWF_SYNC))
		return -EOPNOTSUPP;
	if (v2 && pos == -1)
		return sys_rwv(fd, iov, cnt, write);
	if (pos < 0)
		return -EINVAL;
	if (cnt > IOV_MAX_LINUX)
		return -EINVAL;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t v[2];
		long r;
		if (copy_from_user(v, iov + 16 * i, sizeof(v)))
			return total ? (long)total : -EFAULT;
		if (!v[1])
			continue;
		r = write ? sys_pwrite(fd, v[0], v[1], pos + (int64_t)total)
			  : sys_pread(fd, v[0], v[1], pos + (int64_t)total);
		if (r < 0)
			return total ? (long)total : r;
		total += (uint64_t)r;
		if ((uint64_t)r < v[1])
			break;
	}
	return (long)total;
}

#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

/*
 * fadvise64 (posix_fadvise) and readahead: DONTNEED drops the clean,
 * unmapped cached pages of the range (what `vmtouch -e` and `dd
 * iflag=nocache` rely on: Cached shrinks), WILLNEED (and readahead) reads
 * the range into the page cache now, up to half of the free memory; the
 * access-pattern hints are accepted
 * (the page cache reads no ahead anyway). len 0 means to the end.
 */
static long sys_fadvise64(int fd, int64_t off, int64_t len, int advice, bool readahead)
{
	struct file *f = fget_raw(current->files, fd);
	unsigned long first, last;
	struct kstat st;

	if (!f)
		return -EBADF;
	if (is_pipe_file(f) || f->f_op == &host_stream_ops)
		return readahead ? -EINVAL : -ESPIPE;
	if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0 || off < 0)
		return -EINVAL;
	if (!f->f_inode)
		return readahead ? -EINVAL : 0; /* (devices, /proc: nothing cached) */
	if (advice != POSIX_FADV_WILLNEED && advice != POSIX_FADV_DONTNEED)
		return 0;
	if (f->f_op->getattr(f, &st) < 0 || off >= st.size)
		return 0;
	first = (unsigned long)((uint64_t)off >> PAGE_SHIFT);
	last = len && (uint64_t)off + (uint64_t)len <= (uint64_t)st.size
		   ? (unsigned long)(((uint64_t)off + (uint64_t)len - 1) >> PAGE_SHIFT)
		   : (unsigned long)(((uint64_t)st.size - 1) >> PAGE_SHIFT);
	if (advice == POSIX_FADV_DONTNEED) {
		invalidate_mapping_pages(f->f_inode, first, last);
		return 0;
	}
	/* read ahead no more than half of what is free: advice must not drive the
	 * machine into reclaim (a sparse file can be terabytes long) */
	if (last - first >= nr_free_pages() / 2)
		last = first + nr_free_pages() / 2;
	for (unsigned long i = first; i <= last; i++) {
		bool major;
		struct page *pg = filemap_get_page(f, i, &major);
		if (!pg)
			return readahead ? -ENOMEM : 0;
		put_page(pg);
	}
	return 0;
}

#define MFD_CLOEXEC	  1u
#define MFD_ALLOW_SEALING 2u
#define MFD_NAME_MAX	  249 /* NAME_MAX - strlen("memfd:") */

/*
 * memfd_create(2): an anonymous shmem object with a descriptor (read,
 * write, mmap, ftruncate; swappable), named "/memfd:NAME (deleted)" in
 * /proc. File seals are not implemented: MFD_ALLOW_SEALING is accepted and
 * fcntl(F_ADD_SEALS) fails; MFD_HUGETLB has no hugetlbfs behind it (EINVAL).
 */
static long sys_memfd_create(uint64_t uname, unsigned int flags)
{
	char name[MFD_NAME_MAX + 1], path[MFD_NAME_MAX + 32];
	struct file *f;
	long n, fd;

	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;
	n = strncpy_from_user(name, uname, sizeof(name));
	if (n < 0)
		return n == -ENAMETOOLONG ? -EINVAL : n;
	f = shmem_file_setup(0);
	if (!f)
		return -ENOMEM;
	snprintf(path, sizeof(path), "/memfd:%s (deleted)", name);
	kfree(f->path);
	f->path = kstrdup(path, GFP_KERNEL);
	if (!f->path) {
		fput(f);
		return -ENOMEM;
	}
	fd = fd_install_lowest(current->files, f, 0, flags & MFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

static long put_stat(uint64_t ubuf, const struct kstat *k)
{
	struct linux_stat ls;
	cp_new_stat(k, &ls);
	return copy_to_user(ubuf, &ls, sizeof(ls)) ? -EFAULT : 0;
}

static long sys_newfstatat(int dfd, uint64_t upath, uint64_t ubuf, int flags)
{
	struct fs_ctx c = ctx();
	struct kstat k;
	long err = get_path(upath, 0);
	if (err)
		return err;
	err = vfs_fstatat(&c, dfd, pathbuf[0], flags, &k);
	return err ? err : put_stat(ubuf, &k);
}

static long sys_fstat(int fd, uint64_t ubuf)
{
	struct fs_ctx c = ctx();
	struct kstat k;
	long err = vfs_fstat(&c, fd, &k);
	return err ? err : put_stat(ubuf, &k);
}

static long sys_statx(int dfd, uint64_t upath, int flags, unsigned mask, uint64_t ubuf)
{
	struct fs_ctx c = ctx();
	struct kstat k;
	struct linux_statx sx;
	long err = get_path(upath, 0);
	if (err)
		return err;
	err = vfs_fstatat(
	    &c, dfd, pathbuf[0],
	    flags & (LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT), &k);
	if (err)
		return err;
	cp_statx(&k, &sx);
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long sys_getdents64(int fd, uint64_t ubuf, uint64_t count)
{
	struct fs_ctx c = ctx();
	ssize_t r = vfs_getdents64(&c, fd, bounce, count < CHUNK ? count : CHUNK);
	if (r > 0 && copy_to_user(ubuf, bounce, (size_t)r))
		return -EFAULT;
	return r;
}

static long sys_ioctl(int fd, unsigned long cmd, uint64_t arg)
{
	struct file *f = fget_raw(current->files, fd);
	uint8_t buf[64];
	if (!f)
		return -EBADF;
	if (f->f_op != &host_stream_ops || !isatty(f->host_fd))
		return -ENOTTY;
	switch (cmd) {
	case TCGETS_LINUX: /* struct termios: 4 flags words, c_line, 19 c_cc: 36 bytes */
		if (ioctl(f->host_fd, TCGETS, buf) < 0)
			return -errno;
		return copy_to_user(arg, buf, 36) ? -EFAULT : 0;
	case TIOCGWINSZ_LINUX:
		if (ioctl(f->host_fd, TIOCGWINSZ, buf) < 0)
			return -errno;
		return copy_to_user(arg, buf, 8) ? -EFAULT : 0;
	default: return -ENOTTY;
	}
}

static long sys_pipe2(uint64_t ufds, unsigned flags)
{
	struct fs_ctx c = ctx();
	int fds[2];
	long err = do_pipe2(&c, fds, flags);
	if (err)
		return err;
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		close_fd(current->files, fds[0]);
		close_fd(current->files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

static long sys_readlinkat(int dfd, uint64_t upath, uint64_t ubuf, uint64_t size)
{
	struct fs_ctx c = ctx();
	long n = get_path(upath, 0);
	if (n)
		return n;
	if ((int64_t)size <= 0)
		return -EINVAL;
	n = do_readlinkat(&c, dfd, pathbuf[0], pathbuf[1], size < PATH_MAX ? size : PATH_MAX);
	if (n > 0 && copy_to_user(ubuf, pathbuf[1], (size_t)n))
		return -EFAULT;
	return n;
}

static long sys_getcwd(uint64_t ubuf, uint64_t size)
{
	struct fs_ctx c = ctx();
	long n = do_getcwd(&c, pathbuf[0], size < PATH_MAX ? size : PATH_MAX);
	if (n > 0 && copy_to_user(ubuf, pathbuf[0], (size_t)n))
		return -EFAULT;
	return n;
}

/* sync(2): every page dirtied through a shared file mapping, then the host. */
static void sys_sync(void)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t->pid != t->tgid)
			continue;
		for (int i = 0; i < t->mm->map_count; i++) {
			struct vm_area_struct *v = t->mm->vmas[i];
			if ((v->vm_flags & VM_SHARED) && v->vm_file && v->vm_file->f_inode)
				filemap_fdatawrite(v->vm_file->f_inode);
		}
	}
	syncfs(fs_root_fd());
}

#define PATH0()                                                                                    \
	do {                                                                                       \
		long e_ = get_path(a[1], 0);                                                       \
		if (e_) {                                                                          \
			*ret = e_;                                                                 \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

int sys_fs_dispatch(long nr, const uint64_t a[6], long *ret)
{
	struct fs_ctx c = ctx();
	long e;
	int dfd = (int)a[0];

	switch (nr) {
	case 17: *ret = sys_getcwd(a[0], a[1]); return 1;
	case 23: /* dup */
		*ret = fget_raw(c.files, (int)a[0]) ? do_fcntl(c.files, (int)a[0], LINUX_F_DUPFD, 0)
						    : -EBADF;
		return 1;
	case 24: /* dup3 */
		if (a[2] & ~(uint64_t)LINUX_O_CLOEXEC || (int)a[0] == (int)a[1])
			*ret = -EINVAL;
		else
			*ret = do_dup3(c.files, (int)a[0], (int)a[1], a[2] & LINUX_O_CLOEXEC);
		return 1;
	case 25: *ret = do_fcntl(c.files, (int)a[0], (unsigned)a[1], a[2]); return 1;
	case 29: *ret = sys_ioctl((int)a[0], a[1], a[2]); return 1;
	case 34:
		PATH0();
		*ret = do_mkdirat(&c, dfd, pathbuf[0], (unsigned)a[2]);
		return 1;
	case 35:
		PATH0();
		*ret = do_unlinkat(&c, dfd, pathbuf[0], (int)a[2]);
		return 1;
	case 36: /* symlinkat(target, newdfd, linkpath) */
		if ((e = get_path(a[0], 0)) || (e = get_path(a[2], 1)))
			*ret = e;
		else
			*ret = do_symlinkat(&c, pathbuf[0], (int)a[1], pathbuf[1]);
		return 1;
	case 37: /* linkat */
		if ((e = get_path(a[1], 0)) || (e = get_path(a[3], 1)))
			*ret = e;
		else
			*ret = do_linkat(&c, dfd, pathbuf[0], (int)a[2], pathbuf[1], (int)a[4]);
		return 1;
	case 38:  /* renameat */
	case 276: /* renameat2 */
		if ((e = get_path(a[1], 0)) || (e = get_path(a[3], 1)))
			*ret = e;
		else
			*ret = do_renameat2(&c, dfd, pathbuf[0], (int)a[2], pathbuf[1],
					    nr == 38 ? 0 : (unsigned)a[4]);
		return 1;
	case 46: *ret = vfs_ftruncate(&c, (int)a[0], (int64_t)a[1]); return 1;
	case 45:
		if ((e = get_path(a[0], 0)))
			*ret = e;
		else
			*ret = do_truncate(&c, pathbuf[0], (int64_t)a[1]);
		return 1;
	case 52: *ret = do_fchmod(&c, (int)a[0], (unsigned)a[1]); return 1;
	case 53:
		PATH0();
		*ret = do_fchmodat(&c, dfd, pathbuf[0], (unsigned)a[2]);
		return 1;
	case 54:
		PATH0();
		*ret = do_fchownat(&c, dfd, pathbuf[0], (uint32_t)a[2], (uint32_t)a[3], (int)a[4]);
		return 1;
	case 55: {
		struct file *f = fget_raw(c.files, (int)a[0]);
		*ret = !f						  ? -EBADF
		       : f->host_fd < 0					  ? -EPERM
		       : fchown(f->host_fd, (uid_t)a[1], (gid_t)a[2]) < 0 ? -errno
									  : 0;
		return 1;
	}
	case 88: { /* utimensat(dfd, path or NULL, times or NULL, flags) */
		int64_t t[4];
		if (a[2] && copy_from_user(t, a[2], sizeof(t))) {
			*ret = -EFAULT;
			return 1;
		}
		if (a[1] && (e = get_path(a[1], 0))) {
			*ret = e;
			return 1;
		}
		*ret = do_utimensat(&c, dfd, a[1] ? pathbuf[0] : NULL, a[2] ? t : NULL, (int)a[3]);
		return 1;
	}
	case 48:
		PATH0();
		*ret = do_faccessat(&c, dfd, pathbuf[0], (int)a[2], 0);
		return 1;
	case 439:
		PATH0();
		*ret = do_faccessat(&c, dfd, pathbuf[0], (int)a[2], (int)a[3]);
		return 1;
	case 49:
		if ((e = get_path(a[0], 0)))
			*ret = e;
		else
			*ret = do_chdir(&c, pathbuf[0]);
		return 1;
	case 50: *ret = do_fchdir(&c, (int)a[0]); return 1;
	case 56:
		PATH0();
		*ret = do_sys_openat(&c, dfd, pathbuf[0], (unsigned)a[2], (unsigned)a[3]);
		return 1;
	case 57: *ret = close_fd(c.files, (int)a[0]); return 1;
	case 59: *ret = sys_pipe2(a[0], (unsigned)a[1]); return 1;
	case 61: *ret = sys_getdents64((int)a[0], a[1], a[2]); return 1;
	case 62: *ret = vfs_lseek(&c, (int)a[0], (int64_t)a[1], (int)a[2]); return 1;
	case 63: *ret = sys_read((int)a[0], a[1], a[2]); return 1;
	case 64: *ret = sys_write((int)a[0], a[1], a[2]); return 1;
	case 65: *ret = sys_rwv((int)a[0], a[1], a[2], false); return 1;
	case 66: *ret = sys_rwv((int)a[0], a[1], a[2], true); return 1;
	case 67: *ret = sys_pread((int)a[0], a[1], a[2], (int64_t)a[3]); return 1;
	case 68: *ret = sys_pwrite((int)a[0], a[1], a[2], (int64_t)a[3]); return 1;
	/* (on 64-bit the offset is a[3] whole; a[4], its "high half", is ignored as by Linux) */
	case 69: *ret = sys_prwv((int)a[0], a[1], a[2], (int64_t)a[3], 0, false, false); return 1;
	case 70: *ret = sys_prwv((int)a[0], a[1], a[2], (int64_t)a[3], 0, false, true); return 1;
	case 286:
		*ret = sys_prwv((int)a[0], a[1], a[2], (int64_t)a[3], a[5], true, false);
		return 1;
	case 287: *ret = sys_prwv((int)a[0], a[1], a[2], (int64_t)a[3], a[5], true, true); return 1;
	case 78: *ret = sys_readlinkat(dfd, a[1], a[2], a[3]); return 1;
	case 79: *ret = sys_newfstatat(dfd, a[1], a[2], (int)a[3]); return 1;
	case 80: *ret = sys_fstat((int)a[0], a[1]); return 1;
	case 81:
		sys_sync();
		*ret = 0;
		return 1;
	case 82:
	case 83: *ret = vfs_fsync(&c, (int)a[0]); return 1;
	case 72: *ret = sys_pselect6((int)a[0], a[1], a[2], a[3], a[4], a[5]); return 1;
	case 73: *ret = sys_ppoll(a[0], a[1], a[2], a[3], a[4]); return 1;
	case 19: *ret = sys_eventfd2((unsigned int)a[0], (int)a[1]); return 1;
	case 279: *ret = sys_memfd_create(a[0], (unsigned int)a[1]); return 1;
	case 223:
		*ret = sys_fadvise64((int)a[0], (int64_t)a[1], (int64_t)a[2], (int)a[3], false);
		return 1;
	case 213:
		*ret = sys_fadvise64((int)a[0], (int64_t)a[1], (int64_t)a[2], POSIX_FADV_WILLNEED,
				     true);
		return 1;
	case 20: *ret = sys_epoll_create1((int)a[0]); return 1;
	case 21: *ret = sys_epoll_ctl((int)a[0], (int)a[1], (int)a[2], a[3]); return 1;
	case 22:
		*ret = sys_epoll_pwait((int)a[0], a[1], (int)a[2], (int)a[3], a[4], a[5]);
		return 1;
	case 441: *ret = sys_epoll_pwait2((int)a[0], a[1], (int)a[2], a[3], a[4], a[5]); return 1;
	case 291: *ret = sys_statx(dfd, a[1], (int)a[2], (unsigned)a[3], a[4]); return 1;
	default: return 0;
	}
}
