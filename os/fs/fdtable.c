/*
 * fdtable.c - descriptor tables (see fdtable.h for the invariants).
 * The arrays are kmalloc'd, so a process with many open files costs guest
 * memory like any other kernel object.
 */
#include "os/fs/fdtable.h"

#include <errno.h>
#include <string.h>

#include "os/mm/slab.h"
#include "os/uapi.h"

#define BITS_PER_LONG (8 * sizeof(unsigned long))

static bool test_bit_fd(const unsigned long *map, unsigned int i)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

static void assign_bit_fd(unsigned long *map, unsigned int i, bool on)
{
	unsigned long m = 1UL << (i % BITS_PER_LONG);
	if (on)
		map[i / BITS_PER_LONG] |= m;
	else
		map[i / BITS_PER_LONG] &= ~m;
}

static size_t bitmap_bytes(unsigned int n)
{
	return (n + BITS_PER_LONG - 1) / BITS_PER_LONG * sizeof(unsigned long);
}

/* Make room for descriptor nr. 0 or -EMFILE/-ENOMEM. */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int n = files->max_fds;
	struct file **fd;
	unsigned long *coe;

	if (nr < n)
		return 0;
	if (nr >= NR_OPEN_MAX)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	fd = kcalloc(n, sizeof(*fd), GFP_KERNEL);
	coe = kzalloc(bitmap_bytes(n), GFP_KERNEL);
	if (!fd || !coe) {
		kfree(fd);
		kfree(coe);
		return -ENOMEM;
	}
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(coe, files->close_on_exec, bitmap_bytes(files->max_fds));
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fd;
	files->close_on_exec = coe;
	files->max_fds = n;
	return 0;
}

static struct files_struct *files_alloc_n(unsigned int n)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);
	if (!files)
		return NULL;
	kref_init(&files->ref);
	files->max_fds = n;
	files->fd = kcalloc(n, sizeof(*files->fd), GFP_KERNEL);
	files->close_on_exec = kzalloc(bitmap_bytes(n), GFP_KERNEL);
	if (!files->fd || !files->close_on_exec) {
		kfree(files->fd);
		kfree(files->close_on_exec);
		kfree(files);
		return NULL;
	}
	return files;
}

struct files_struct *files_alloc(void)
{
	return files_alloc_n(NR_OPEN_DEFAULT);
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = files_alloc_n(old->max_fds);
	if (!files)
		return NULL;
	for (unsigned int i = 0; i < old->max_fds; i++) {
		files->fd[i] = old->fd[i];
		if (files->fd[i])
			get_file(files->fd[i]);
	}
	memcpy(files->close_on_exec, old->close_on_exec, bitmap_bytes(old->max_fds));
	files->next_fd = old->next_fd;
	return files;
}

void get_files_struct(struct files_struct *files)
{
	kref_get(&files->ref);
}

static void files_release(struct kref *ref)
{
	struct files_struct *files = container_of(ref, struct files_struct, ref);
	for (unsigned int i = 0; i < files->max_fds; i++)
		if (files->fd[i])
			fput(files->fd[i]);
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

void put_files_struct(struct files_struct *files)
{
	kref_put(&files->ref, files_release);
}

int fd_install_lowest(struct files_struct *files, struct file *f, unsigned int start, bool cloexec)
{
	unsigned int i = start > files->next_fd ? start : files->next_fd;
	int err;

	if (start >= NR_OPEN_MAX)
		return -EINVAL;
	while (i < files->max_fds && files->fd[i])
		i++;
	err = expand_files(files, i);
	if (err)
		return err;
	files->fd[i] = f;
	assign_bit_fd(files->close_on_exec, i, cloexec);
	if (start <= files->next_fd)
		files->next_fd = i + 1;
	return (int)i;
}

struct file *fget_raw(struct files_struct *files, int fd)
{
	if (fd < 0 || (unsigned int)fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

int close_fd(struct files_struct *files, int fd)
{
	struct file *f = fget_raw(files, fd);
	if (!f)
		return -EBADF;
	files->fd[fd] = NULL;
	assign_bit_fd(files->close_on_exec, (unsigned int)fd, false);
	if ((unsigned int)fd < files->next_fd)
		files->next_fd = (unsigned int)fd;
	fput(f);
	return 0;
}

int do_dup3(struct files_struct *files, int oldfd, int newfd, bool cloexec)
{
	struct file *f = fget_raw(files, oldfd), *old;
	int err;

	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= NR_OPEN_MAX)
		return -EBADF;
	err = expand_files(files, (unsigned int)newfd);
	if (err)
		return err;
	get_file(f);
	old = files->fd[newfd];
	files->fd[newfd] = f;
	assign_bit_fd(files->close_on_exec, (unsigned int)newfd, cloexec);
	if (old)
		fput(old);
	return newfd;
}

bool get_close_on_exec(const struct files_struct *files, int fd)
{
	return fd >= 0 && (unsigned int)fd < files->max_fds &&
	       test_bit_fd(files->close_on_exec, (unsigned int)fd);
}

void set_close_on_exec(struct files_struct *files, int fd, bool on)
{
	if (fd >= 0 && (unsigned int)fd < files->max_fds && files->fd[fd])
		assign_bit_fd(files->close_on_exec, (unsigned int)fd, on);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int i = 0; i < files->max_fds; i++)
		if (files->fd[i] && test_bit_fd(files->close_on_exec, i))
			close_fd(files, (int)i);
}

/* Status flags F_SETFL may change (Linux's SETFL_MASK, minus O_DIRECT/FASYNC which we ignore). */
#define SETFL_MASK (LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_NOATIME)

long do_fcntl(struct files_struct *files, int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget_raw(files, fd);
	int nfd;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case LINUX_F_DUPFD:
	case LINUX_F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_MAX)
			return -EINVAL;
		get_file(f);
		nfd = fd_install_lowest(files, f, (unsigned int)arg, cmd == LINUX_F_DUPFD_CLOEXEC);
		if (nfd < 0)
			fput(f);
		return nfd;
	case LINUX_F_GETFD: return get_close_on_exec(files, fd) ? LINUX_FD_CLOEXEC : 0;
	case LINUX_F_SETFD: set_close_on_exec(files, fd, arg & LINUX_FD_CLOEXEC); return 0;
	case LINUX_F_GETFL: return f->f_flags;
	case LINUX_F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | ((unsigned int)arg & SETFL_MASK);
		return 0;
	default: return -EINVAL;
	}
}
