/*
 * read_write.c - descriptor I/O on kernel buffers: read, write, pread,
 * pwrite, lseek, getdents64, ftruncate, fsync and pipe2. Access modes are
 * checked here, once, so file operations can assume them.
 */
#include <errno.h>

#include "os/fs/fs.h"
#include "os/fs/pipe.h"
#include "os/uapi.h"

static struct file *fget_mode(const struct fs_ctx *c, int fd, unsigned int need, int *err)
{
	struct file *f = fget_raw(c->files, fd);
	*err = -EBADF;
	if (!f || (f->f_mode & FMODE_PATH) || !(f->f_mode & need))
		return NULL;
	return f;
}

ssize_t vfs_read(const struct fs_ctx *c, int fd, void *buf, size_t n)
{
	int err;
	struct file *f = fget_mode(c, fd, FMODE_READ, &err);
	if (!f)
		return err;
	if (!f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, n, &f->f_pos);
}

ssize_t vfs_write(const struct fs_ctx *c, int fd, const void *buf, size_t n)
{
	int err;
	struct file *f = fget_mode(c, fd, FMODE_WRITE, &err);
	if (!f)
		return err;
	if (!f->f_op->write)
		return -EINVAL;
	return f->f_op->write(f, buf, n, &f->f_pos);
}

ssize_t vfs_pread(const struct fs_ctx *c, int fd, void *buf, size_t n, int64_t pos)
{
	int err;
	struct file *f = fget_mode(c, fd, FMODE_READ, &err);
	if (!f)
		return err;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_PREAD))
		return f->f_op == &host_dir_ops ? -EISDIR : -ESPIPE;
	return f->f_op->read(f, buf, n, &pos);
}

ssize_t vfs_pwrite(const struct fs_ctx *c, int fd, const void *buf, size_t n, int64_t pos)
{
	int err;
	struct file *f = fget_mode(c, fd, FMODE_WRITE, &err);
	if (!f)
		return err;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_PREAD))
		return -ESPIPE;
	return f->f_op->write(f, buf, n, &pos);
}

int64_t vfs_lseek(const struct fs_ctx *c, int fd, int64_t off, int whence)
{
	struct file *f = fget_raw(c->files, fd);
	if (!f)
		return -EBADF;
	if (!f->f_op->llseek)
		return -ESPIPE;
	return f->f_op->llseek(f, off, whence);
}

ssize_t vfs_getdents64(const struct fs_ctx *c, int fd, void *buf, size_t n)
{
	struct file *f = fget_raw(c->files, fd);
	if (!f || (f->f_mode & FMODE_PATH))
		return -EBADF;
	if (!f->f_op->iterate)
		return -ENOTDIR;
	return f->f_op->iterate(f, buf, n);
}

int vfs_ftruncate(const struct fs_ctx *c, int fd, int64_t len)
{
	int err;
	struct file *f = fget_mode(c, fd, FMODE_WRITE, &err);
	if (!f)
		return err;
	if (len < 0 || !f->f_op->truncate)
		return -EINVAL;
	return f->f_op->truncate(f, len);
}

int vfs_fsync(const struct fs_ctx *c, int fd)
{
	struct file *f = fget_raw(c->files, fd);
	if (!f || (f->f_mode & FMODE_PATH))
		return -EBADF;
	if (!f->f_op->fsync)
		return -EINVAL;
	return f->f_op->fsync(f);
}

int do_pipe2(const struct fs_ctx *c, int fds[2], unsigned int flags)
{
	struct file *files[2];
	int err;

	if (flags & ~(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fds[0] = fd_install_lowest(c->files, files[0], 0, flags & LINUX_O_CLOEXEC);
	if (fds[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fds[0];
	}
	fds[1] = fd_install_lowest(c->files, files[1], 0, flags & LINUX_O_CLOEXEC);
	if (fds[1] < 0) {
		close_fd(c->files, fds[0]);
		fput(files[1]);
		return fds[1];
	}
	return 0;
}
