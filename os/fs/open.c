/*
 * open.c - the path-based operations of the *at() system calls: resolve with
 * namei.c, then ask the host for exactly one name relative to the directory
 * the walk ended in, always with O_NOFOLLOW / AT_SYMLINK_NOFOLLOW, so the
 * host never follows a link on the guest's behalf.
 *
 * /proc is read-only: creating, removing or renaming there is -EACCES,
 * and crossing between /proc and the host tree is -EXDEV.
 */
#include "os/fs/devfs.h"
#include "os/fs/shmfs.h"
#include "os/fs/fs.h"
#include "os/fs/pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/mm/filemap.h"
#include "os/mm/slab.h"
#include "os/uapi.h"

#define PROCFS_DEV 0x15 /* proc is an anonymous device, 0:21 as on a typical Linux */

int fs_start(const struct fs_ctx *c, int dirfd, const char *path, struct fs_pos *out)
{
	struct file *f;

	if (path[0] == '/' || dirfd == LINUX_AT_FDCWD)
		return pos_init_pwd(out, c->fs); /* an absolute path restarts at the root anyway */
	f = fget_raw(c->files, dirfd);
	if (!f)
		return -EBADF;
	if (f->kind == POS_PROC)
		return procfs_is_dir(&f->pn) ? pos_init_dir(out, POS_PROC, -1, &f->pn, f->path)
					     : -ENOTDIR;
	if (f->f_op != &host_dir_ops) {
		struct stat st;
		if (f->host_fd < 0 || fstat(f->host_fd, &st) < 0 || !S_ISDIR(st.st_mode))
			return -ENOTDIR;
	}
	return pos_init_dir(out, POS_HOST, f->host_fd, NULL, f->path);
}

/* Resolve (dirfd, path) to its parent directory and last component. */
static int walk(const struct fs_ctx *c, int dirfd, const char *path, unsigned int lookup,
		struct nameidata *nd)
{
	struct fs_pos start;
	int err = fs_start(c, dirfd, path, &start);
	if (err)
		return err;
	err = path_parentat(nd, &start, path, lookup);
	if (err)
		nd_release(nd);
	return err;
}

/* The guest path of nd's last component. */
static int nd_gpath(const struct nameidata *nd, char *out)
{
	if (nd->last_type != LAST_NORM) {
		strcpy(out, nd->dir.path);
		return 0;
	}
	return gpath_join(out, nd->dir.path, nd->last);
}

static int host_open_flags(unsigned int flags)
{
	int h = 0;
	switch (flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY: h = O_RDONLY; break;
	case LINUX_O_WRONLY: h = O_WRONLY; break;
	default: h = O_RDWR;
	}
	if (flags & LINUX_O_CREAT)
		h |= O_CREAT;
	if (flags & LINUX_O_EXCL)
		h |= O_EXCL;
	if (flags & LINUX_O_TRUNC)
		h |= O_TRUNC;
	if (flags & LINUX_O_NONBLOCK)
		h |= O_NONBLOCK;
	if (flags & LINUX_O_DIRECTORY)
		h |= O_DIRECTORY;
	if (flags & LINUX_O_DSYNC)
		h |= O_DSYNC;
	if (flags & LINUX___O_SYNC)
		h |= O_SYNC;
	if (flags & LINUX_O_NOCTTY)
		h |= O_NOCTTY;
	if (flags & LINUX_O_PATH)
		h = O_PATH | (h & O_DIRECTORY);
	return h | O_NOFOLLOW | O_CLOEXEC;
}

static unsigned int fmode_of(unsigned int flags)
{
	if (flags & LINUX_O_PATH)
		return FMODE_PATH;
	switch (flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY: return FMODE_READ;
	case LINUX_O_WRONLY: return FMODE_WRITE;
	default: return FMODE_READ | FMODE_WRITE;
	}
}

/* Open a node of the virtual trees (/proc, /dev): files, devices, /dev/shm objects
 * (created here with O_CREAT and mode), and directories (dirfd, fchdir, getdents). */
static int proc_open(struct nameidata *nd, unsigned int flags, unsigned int mode, const char *gpath,
		     struct file **out)
{
	struct proc_node n = nd->dir.pn;
	const struct file_operations *fops;
	int err;

	if (nd->last_type == LAST_NORM) {
		err = procfs_lookup(&nd->dir.pn, nd->last, &n);
		if (!err && (flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL))
			return -EEXIST;
		if (err == -ENOENT && (flags & LINUX_O_CREAT) &&
		    nd->dir.pn.type == PROC_DEV_SHM_DIR)
			err = shmfs_create(nd->last, mode, &n); /* shm_open(O_CREAT) */
		else if (err == -ENOENT && (flags & LINUX_O_CREAT))
			return -EACCES;
		if (err)
			return err;
	}
	if (n.type == PROC_DEV_SHM_FILE) { /* a POSIX shared memory object: a shmem file */
		if (flags & LINUX_O_DIRECTORY)
			return -ENOTDIR;
		return shmfs_open(n.id,
				  (flags & ~(LINUX_O_CLOEXEC | LINUX_O_CREAT | LINUX_O_EXCL)) |
				      LINUX_O_LARGEFILE,
				  fmode_of(flags), out);
	}
	if (n.type == PROC_PID_FD && !(flags & LINUX_O_NOFOLLOW)) {
		/* /proc/PID/fd/N of a pipe: a new open file on the same pipe */
		struct file *f = procfs_fd_file(&n);
		if (f && is_pipe_file(f))
			return pipe_reopen(f, flags, out);
		return -ENXIO;
	}
	if (procfs_is_link(&n))
		return -ELOOP;	       /* only reached with O_NOFOLLOW */
	if (n.type == PROC_DEV_NODE) { /* /dev/null & co: any access mode, O_TRUNC ignored */
		if (flags & LINUX_O_DIRECTORY)
			return -ENOTDIR;
		*out = alloc_file(devfs_fops(n.id), -1, flags & ~LINUX_O_CLOEXEC, fmode_of(flags),
				  gpath);
		if (!*out)
			return -ENOMEM;
		(*out)->kind = POS_PROC;
		(*out)->pn = n;
		return 0;
	}
	if (n.type == PROC_FILE || n.type == PROC_PID_FILE || n.type == PROC_PRESSURE_FILE ||
	    n.type == PROC_SYS_VM_FILE || (n.type == PROC_SYSFS && !sysfs_is_dir(n.id))) {
		bool wr = (flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY;
		bool rd = (flags & LINUX_O_ACCMODE) != LINUX_O_WRONLY;
		if (wr && !proc_file_entry_of(&n)->store) /* (oom_score_adj is writable) */
			return -EACCES;
		if (rd && !proc_file_entry_of(&n)->show && !proc_file_entry_of(&n)->fops)
			return -EACCES; /* write-only (clear_refs, drop_caches: mode 0200) */
		if (flags & LINUX_O_DIRECTORY)
			return -ENOTDIR;
		/* pagemap & co are read in place by their own operations; text files are
		 * produced once, at open, like Linux's seq_file single_open. */
		fops = proc_file_entry_of(&n)->fops;
		*out = alloc_file(fops ? fops : &proc_file_ops, -1,
				  (flags & ~LINUX_O_CLOEXEC) | LINUX_O_LARGEFILE,
				  fmode_of(flags) | FMODE_PREAD, gpath);
		if (!*out)
			return -ENOMEM;
		(*out)->kind = POS_PROC;
		(*out)->pn = n;
		if (!fops && proc_file_attach(*out, &n)) {
			fput(*out);
			return -ENOMEM;
		}
		return 0;
	}
	if (!procfs_is_dir(&n))
		return -ENOENT;
	if ((flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY || (flags & LINUX_O_CREAT))
		return -EISDIR;
	*out = alloc_file(&proc_dir_ops, -1, (flags & ~LINUX_O_CLOEXEC) | LINUX_O_LARGEFILE,
			  fmode_of(flags), gpath);
	if (!*out)
		return -ENOMEM;
	(*out)->kind = POS_PROC;
	(*out)->pn = n;
	return 0;
}

static int __do_filp_open(const struct fs_ctx *c, int dirfd, const char *path, unsigned int flags,
			  unsigned int mode, struct file **out)
{
	struct nameidata nd;
	char gpath[PATH_MAX];
	const struct file_operations *op;
	unsigned int lookup = 0, fmode = fmode_of(flags);
	struct stat st;
	int fd, err;

	if (flags & LINUX___O_TMPFILE)
		return -EOPNOTSUPP;
	if (!(flags & LINUX_O_NOFOLLOW) && !((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL)))
		lookup |= LOOKUP_FOLLOW;
	if (flags & LINUX_O_DIRECTORY)
		lookup |= LOOKUP_DIRECTORY;
	err = walk(c, dirfd, path, lookup, &nd);
	if (err)
		return err;
	err = nd_gpath(&nd, gpath);
	if (err)
		goto out;
	if (nd.dir.kind == POS_PROC) {
		err = proc_open(&nd, flags, mode & ~c->fs->umask & 07777, gpath, out);
		goto out;
	}
	if ((flags & LINUX_O_CREAT) && (nd.last_type != LAST_NORM || nd.trailing_slash)) {
		/* "." and ".." exist: O_EXCL says so first, as Linux's do_open() */
		err = (flags & LINUX_O_EXCL) && nd.last_type != LAST_NORM ? -EEXIST : -EISDIR;
		goto out;
	}
	/* a running program may not be truncated (O_TRUNC, even with O_RDONLY:
	 * Linux honours it) or opened for writing: ETXTBSY before the host sees it */
	if (((fmode & FMODE_WRITE) || (flags & LINUX_O_TRUNC)) && !(flags & LINUX_O_PATH) &&
	    fstatat(nd.dir.fd, nd.last, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
	    inode_runs_as_program(&st)) {
		err = -ETXTBSY;
		goto out;
	}
	fd = openat(nd.dir.fd, nd.last, host_open_flags(flags), mode & ~c->fs->umask & 07777);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		op = &host_dir_ops;
	} else if (S_ISREG(st.st_mode)) {
		op = &host_file_ops;
		fmode |= FMODE_PREAD;
	} else {
		op = &host_stream_ops;
	}
	if (flags & LINUX_O_PATH)
		op = S_ISDIR(st.st_mode) ? &host_dir_ops : &host_file_ops;
	*out = alloc_file(op, fd,
			  (flags & ~(LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY | LINUX_O_TRUNC |
				     LINUX_O_CLOEXEC)) |
			      LINUX_O_LARGEFILE,
			  fmode, gpath);
	if (!*out) {
		err = -ENOMEM;
	} else if (S_ISREG(st.st_mode) && !(flags & LINUX_O_PATH)) {
		(*out)->f_inode = iget(&st);
		if (!(*out)->f_inode) {
			fput(*out);
			err = -ENOMEM;
		} else if ((fmode & FMODE_WRITE) && (err = get_write_access((*out)->f_inode))) {
			fput(*out); /* -ETXTBSY (checked above; kept for the invariant) */
		} else {
			if (fmode & FMODE_WRITE)
				(*out)->f_mode |= FMODE_WRITER;
			if (flags & LINUX_O_TRUNC)
				filemap_truncate((*out)->f_inode, 0); /* the host truncated it */
			if (flags & LINUX_O_APPEND)
				(*out)->f_pos = st.st_size;
		}
	}
out:
	nd_release(&nd);
	return err;
}

int do_sys_openat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int flags,
		  unsigned int mode)
{
	struct file *f;
	int err = do_filp_open(c, dirfd, path, flags, mode, &f);
	if (err)
		return err;
	err = fd_install_lowest(c->files, f, 0, flags & LINUX_O_CLOEXEC);
	if (err < 0)
		fput(f);
	return err;
}

int do_mkdirat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int mode)
{
	struct nameidata nd;
	int err = walk(c, dirfd, path, 0, &nd);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM)
		err = -EEXIST;
	else if (nd.dir.kind == POS_PROC)
		err = -EACCES;
	else if (mkdirat(nd.dir.fd, nd.last, mode & ~c->fs->umask & 07777) < 0)
		err = -errno;
	nd_release(&nd);
	return err;
}

int do_unlinkat(const struct fs_ctx *c, int dirfd, const char *path, int flags)
{
	struct nameidata nd;
	bool rmdir = flags & LINUX_AT_REMOVEDIR;
	int err;

	if (flags & ~LINUX_AT_REMOVEDIR)
		return -EINVAL;
	err = walk(c, dirfd, path, 0, &nd);
	if (err)
		return err;
	if (nd.last_type == LAST_DOT)
		err = rmdir ? -EINVAL : -EISDIR;
	else if (nd.last_type == LAST_DOTDOT)
		err = rmdir ? -ENOTEMPTY : -EISDIR;
	else if (nd.last_type == LAST_ROOT)
		err = rmdir ? -EBUSY : -EISDIR;
	else if (nd.dir.kind == POS_PROC && nd.dir.pn.type == PROC_DEV_SHM_DIR && !rmdir)
		err = shmfs_unlink(nd.last); /* shm_unlink */
	else if (nd.dir.kind == POS_PROC)
		err = -EACCES;
	else if (!rmdir && nd.trailing_slash)
		err = -ENOTDIR;
	else if (unlinkat(nd.dir.fd, nd.last, rmdir ? AT_REMOVEDIR : 0) < 0)
		err = -errno;
	nd_release(&nd);
	return err;
}

int do_renameat2(const struct fs_ctx *c, int olddfd, const char *oldpath, int newdfd,
		 const char *newpath, unsigned int flags)
{
	struct nameidata o, n;
	unsigned int hflags = 0;
	int err;

	if (flags & ~(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE))
		return -EINVAL;
	if ((flags & LINUX_RENAME_NOREPLACE) && (flags & LINUX_RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & LINUX_RENAME_NOREPLACE)
		hflags |= RENAME_NOREPLACE;
	if (flags & LINUX_RENAME_EXCHANGE)
		hflags |= RENAME_EXCHANGE;
	err = walk(c, olddfd, oldpath, 0, &o);
	if (err)
		return err;
	err = walk(c, newdfd, newpath, 0, &n);
	if (err)
		goto out_old;
	if (o.last_type != LAST_NORM || n.last_type != LAST_NORM)
		err = -EBUSY;
	else if (o.dir.kind != n.dir.kind)
		err = -EXDEV;
	else if (o.dir.kind == POS_PROC)
		err = -EACCES;
	else if (syscall(SYS_renameat2, o.dir.fd, o.last, n.dir.fd, n.last, hflags) < 0)
		err = -errno;
	nd_release(&n);
out_old:
	nd_release(&o);
	return err;
}

int do_symlinkat(const struct fs_ctx *c, const char *target, int newdfd, const char *linkpath)
{
	struct nameidata nd;
	int err;

	if (!target[0])
		return -ENOENT;
	err = walk(c, newdfd, linkpath, 0, &nd);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM)
		err = -EEXIST;
	else if (nd.dir.kind == POS_PROC)
		err = -EACCES;
	else if (symlinkat(target, nd.dir.fd, nd.last) < 0)
		err = -errno; /* the target is stored as given: it is walked inside the root */
	nd_release(&nd);
	return err;
}

int do_linkat(const struct fs_ctx *c, int olddfd, const char *oldpath, int newdfd,
	      const char *newpath, int flags)
{
	struct nameidata o, n;
	int err;

	if (flags & ~LINUX_AT_SYMLINK_FOLLOW)
		return -EINVAL;
	err = walk(c, olddfd, oldpath, (flags & LINUX_AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0, &o);
	if (err)
		return err;
	err = walk(c, newdfd, newpath, 0, &n);
	if (err)
		goto out_old;
	if (o.last_type != LAST_NORM)
		err = -EPERM;
	else if (n.last_type != LAST_NORM)
		err = -EEXIST;
	else if (o.dir.kind != POS_HOST || n.dir.kind != POS_HOST)
		err = -EXDEV;
	else if (linkat(o.dir.fd, o.last, n.dir.fd, n.last, 0) < 0)
		err = -errno;
	nd_release(&n);
out_old:
	nd_release(&o);
	return err;
}

static ssize_t __do_readlinkat(const struct fs_ctx *c, int dirfd, const char *path, char *buf,
			       size_t size)
{
	struct nameidata nd;
	char target[PATH_MAX];
	ssize_t n;
	int err;

	if ((ssize_t)size <= 0)
		return -EINVAL;
	err = walk(c, dirfd, path, 0, &nd);
	if (err)
		return err;
	if (nd.last_type != LAST_NORM) {
		n = -EINVAL;
	} else if (nd.dir.kind == POS_PROC) {
		struct proc_node pn;
		n = procfs_lookup(&nd.dir.pn, nd.last, &pn);
		if (!n)
			n = procfs_readlink(&pn, target, sizeof(target));
	} else {
		n = readlinkat(nd.dir.fd, nd.last, target, sizeof(target));
		if (n < 0)
			n = -errno;
	}
	nd_release(&nd);
	if (n < 0)
		return n;
	if ((size_t)n > size)
		n = (ssize_t)size;
	memcpy(buf, target, (size_t)n);
	return n;
}

static int __do_faccessat(const struct fs_ctx *c, int dirfd, const char *path, int mode, int flags)
{
	struct nameidata nd;
	int err;

	if (mode & ~(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -EINVAL;
	if (flags & ~(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	err = walk(c, dirfd, path, (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	if (nd.dir.kind == POS_PROC) {
		struct proc_node pn = nd.dir.pn;
		if (nd.last_type == LAST_NORM)
			err = procfs_lookup(&nd.dir.pn, nd.last, &pn);
		if (!err && (mode & LINUX_W_OK) && pn.type != PROC_DEV_NODE &&
		    pn.type != PROC_DEV_SHM_DIR && pn.type != PROC_DEV_SHM_FILE)
			err = -EACCES; /* (devices are 0666, /dev/shm is for everyone) */
	} else {
		int hmode = (mode & LINUX_R_OK ? R_OK : 0) | (mode & LINUX_W_OK ? W_OK : 0) |
			    (mode & LINUX_X_OK ? X_OK : 0);
		if (faccessat(nd.dir.fd, nd.last, hmode ? hmode : F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			err = -errno;
	}
	nd_release(&nd);
	return err;
}

/* Attributes of a /proc (or /dev) node. */
static void proc_getattr(const struct proc_node *pn, struct kstat *k)
{
	if (pn->type == PROC_DEV_DIR || pn->type == PROC_DEV_NODE) {
		devfs_getattr(pn, k);
		return;
	}
	if (pn->type == PROC_DEV_SHM_DIR || pn->type == PROC_DEV_SHM_FILE) {
		shmfs_getattr(pn, k);
		return;
	}
	memset(k, 0, sizeof(*k));
	k->dev = PROCFS_DEV;
	k->ino = ((uint64_t)pn->pid << 8) | (uint64_t)pn->type | 1;
	k->mode = procfs_is_dir(pn)		 ? LINUX_S_IFDIR | 0555
		  : procfs_is_link(pn)		 ? LINUX_S_IFLNK | 0777
		  : pn->type == PROC_SYS_VM_FILE ? LINUX_S_IFREG | proc_file_mode(pn)
						 : LINUX_S_IFREG | 0444;
	k->nlink = procfs_is_dir(pn) ? 2 : 1;
	k->uid = (uint32_t)getuid();
	k->gid = (uint32_t)getgid();
	k->blksize = 1024;
}

int vfs_fstat(const struct fs_ctx *c, int fd, struct kstat *st)
{
	struct file *f = fget_raw(c->files, fd);
	if (!f)
		return -EBADF;
	if (f->kind == POS_PROC) {
		proc_getattr(&f->pn, st);
		return 0;
	}
	if (!f->f_op->getattr)
		return -EINVAL;
	return f->f_op->getattr(f, st);
}

static int __vfs_fstatat(const struct fs_ctx *c, int dirfd, const char *path, int flags,
			 struct kstat *st)
{
	struct nameidata nd;
	struct stat hst;
	int err;

	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (!path[0]) {
		if (!(flags & LINUX_AT_EMPTY_PATH))
			return -ENOENT;
		if (dirfd == LINUX_AT_FDCWD)
			path = ".";
		else
			return vfs_fstat(c, dirfd, st);
	}
	err = walk(c, dirfd, path, (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &nd);
	if (err)
		return err;
	if (nd.dir.kind == POS_PROC) {
		struct proc_node pn = nd.dir.pn;
		if (nd.last_type == LAST_NORM)
			err = procfs_lookup(&nd.dir.pn, nd.last, &pn);
		if (!err)
			proc_getattr(&pn, st);
	} else if (fstatat(nd.dir.fd, nd.last, &hst, AT_SYMLINK_NOFOLLOW) < 0) {
		err = -errno;
	} else if (nd.trailing_slash && !S_ISDIR(hst.st_mode)) {
		err = -ENOTDIR;
	} else {
		kstat_from_host(st, &hst);
	}
	nd_release(&nd);
	return err;
}

/* Resolve path to (host dir fd, name) for an attribute change; /proc refuses. */
static int walk_host(const struct fs_ctx *c, int dirfd, const char *path, bool follow,
		     struct nameidata *nd)
{
	int err = walk(c, dirfd, path, follow ? LOOKUP_FOLLOW : 0, nd);
	if (err)
		return err;
	if (nd->dir.kind == POS_PROC) {
		nd_release(nd);
		return -EPERM;
	}
	return 0;
}

int do_fchmodat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int mode)
{
	struct nameidata nd;
	int err = walk_host(c, dirfd, path, true, &nd);
	if (err)
		return err;
	if (fchmodat(nd.dir.fd, nd.last, mode & 07777, 0) < 0)
		err = -errno;
	nd_release(&nd);
	return err;
}

int do_fchmod(const struct fs_ctx *c, int fd, unsigned int mode)
{
	struct file *f = fget_raw(c->files, fd);
	if (!f)
		return -EBADF;
	if (f->host_fd < 0 || f->kind == POS_PROC)
		return -EPERM;
	return fchmod(f->host_fd, mode & 07777) < 0 ? -errno : 0;
}

int do_fchownat(const struct fs_ctx *c, int dirfd, const char *path, uint32_t uid, uint32_t gid,
		int flags)
{
	struct nameidata nd;
	int err;

	if (flags & ~(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -EINVAL;
	err = walk_host(c, dirfd, path, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &nd);
	if (err)
		return err;
	if (fchownat(nd.dir.fd, nd.last, uid, gid, AT_SYMLINK_NOFOLLOW) < 0)
		err = -errno;
	nd_release(&nd);
	return err;
}

int do_utimensat(const struct fs_ctx *c, int dirfd, const char *path, const int64_t *times,
		 int flags)
{
	struct timespec ts[2], *tp = NULL;
	struct nameidata nd;
	int err;

	if (flags & ~LINUX_AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (times) {
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = times[2 * i];
			ts[i].tv_nsec =
			    times[2 * i + 1]; /* UTIME_NOW/OMIT values are Linux's on both sides */
		}
		tp = ts;
	}
	if (!path) { /* futimens: the file itself */
		struct file *f = fget_raw(c->files, dirfd);
		if (!f)
			return -EBADF;
		if (f->host_fd < 0)
			return -EPERM;
		return futimens(f->host_fd, tp) < 0 ? -errno : 0;
	}
	err = walk_host(c, dirfd, path, !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &nd);
	if (err)
		return err;
	if (utimensat(nd.dir.fd, nd.last, tp, AT_SYMLINK_NOFOLLOW) < 0)
		err = -errno;
	nd_release(&nd);
	return err;
}

int do_truncate(const struct fs_ctx *c, const char *path, int64_t len)
{
	struct file *f;
	int err;

	if (len < 0)
		return -EINVAL;
	err = do_filp_open(c, LINUX_AT_FDCWD, path, LINUX_O_WRONLY, 0, &f);
	if (err)
		return err;
	err = f->f_op->truncate ? f->f_op->truncate(f, len) : -EINVAL;
	fput(f);
	return err;
}

/* Make pos the working directory of c->fs (pos is consumed). */
static int set_pwd(const struct fs_ctx *c, struct fs_pos *pos)
{
	char *p;

	if (pos->kind == POS_HOST && faccessat(pos->fd, ".", X_OK, 0) < 0) {
		int err = -errno;
		pos_release(pos);
		return err;
	}
	p = kstrdup(pos->path, GFP_KERNEL);
	if (!p) {
		pos_release(pos);
		return -ENOMEM;
	}
	if (c->fs->pwd_fd >= 0)
		close(c->fs->pwd_fd);
	kfree(c->fs->pwd);
	c->fs->pwd = p;
	c->fs->pwd_fd = pos->kind == POS_HOST ? pos->fd : -1;
	pos->fd = -1;
	return 0;
}

int do_chdir(const struct fs_ctx *c, const char *path)
{
	struct fs_pos start, dir;
	int err;

	if (!path[0])
		return -ENOENT;
	err = fs_start(c, LINUX_AT_FDCWD, path, &start);
	if (err)
		return err;
	err = path_lookup_dir(&start, path, &dir);
	if (err)
		return err;
	return set_pwd(c, &dir);
}

int do_fchdir(const struct fs_ctx *c, int fd)
{
	struct fs_pos dir;
	int err = fs_start(c, fd, "", &dir);
	if (err)
		return err;
	return set_pwd(c, &dir);
}

ssize_t do_getcwd(const struct fs_ctx *c, char *buf, size_t size)
{
	size_t n = strlen(c->fs->pwd) + 1;
	if (n > size)
		return -ERANGE;
	memcpy(buf, c->fs->pwd, n);
	return (ssize_t)n;
}

/*
 * Read-only lookups of absolute paths that the root does not have are tried
 * again in the sysroot (namei.h). Writes and creations never go there.
 */
static bool sysroot_retry(long err, const char *path)
{
	return err == -ENOENT && path[0] == '/' && fs_has_sysroot();
}

#define IN_SYSROOT(call)                                                                           \
	({                                                                                         \
		fs_walk_in_sysroot(true);                                                          \
		__typeof__(call) r_ = (call);                                                      \
		fs_walk_in_sysroot(false);                                                         \
		r_;                                                                                \
	})

int do_filp_open(const struct fs_ctx *c, int dirfd, const char *path, unsigned int flags,
		 unsigned int mode, struct file **out)
{
	int err = __do_filp_open(c, dirfd, path, flags, mode, out);
	if (sysroot_retry(err, path) && !(flags & (LINUX_O_CREAT | LINUX_O_ACCMODE)))
		err = IN_SYSROOT(__do_filp_open(c, dirfd, path, flags, mode, out));
	return err;
}

ssize_t do_readlinkat(const struct fs_ctx *c, int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n = __do_readlinkat(c, dirfd, path, buf, size);
	if (sysroot_retry(n, path))
		n = IN_SYSROOT(__do_readlinkat(c, dirfd, path, buf, size));
	return n;
}

int do_faccessat(const struct fs_ctx *c, int dirfd, const char *path, int mode, int flags)
{
	int err = __do_faccessat(c, dirfd, path, mode, flags);
	if (sysroot_retry(err, path) && !(mode & LINUX_W_OK))
		err = IN_SYSROOT(__do_faccessat(c, dirfd, path, mode, flags));
	return err;
}

int vfs_fstatat(const struct fs_ctx *c, int dirfd, const char *path, int flags, struct kstat *st)
{
	int err = __vfs_fstatat(c, dirfd, path, flags, st);
	if (sysroot_retry(err, path))
		err = IN_SYSROOT(__vfs_fstatat(c, dirfd, path, flags, st));
	return err;
}
