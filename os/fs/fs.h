/*
 * fs.h - the path-based file operations behind the *at() system calls, for a
 * task described by its fs_struct (root, cwd, umask) and files_struct (its
 * descriptors, for dirfd). Every path is resolved by namei.c inside the
 * sandbox root. All functions return 0 (or a count/descriptor) or -errno.
 */
#ifndef RVMM_OS_FS_FS_H
#define RVMM_OS_FS_FS_H

#include <stddef.h>
#include <stdint.h>

#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/fs/namei.h"

struct fs_ctx {
	struct fs_struct *fs;
	struct files_struct *files;
};

/* Bring the file layer up (the filp cache): after mm_init(). 0 or -ENOMEM. */
int files_cache_init(void);
void files_cache_exit(void);

/* Where a walk for (dirfd, path) starts: the root, the cwd or the dirfd's directory. */
int fs_start(const struct fs_ctx *c, int dirfd, const char *path, struct fs_pos *out);

/* openat(2): returns the new descriptor. flags are LINUX_O_*. */
int do_sys_openat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int flags,
		  unsigned int mode);
/* Open without installing a descriptor (exec, the interpreter, the kernel's own reads). */
int do_filp_open(const struct fs_ctx *c, int dirfd, const char *path, unsigned int flags,
		 unsigned int mode, struct file **out);
int do_mkdirat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int mode);
int do_unlinkat(const struct fs_ctx *c, int dirfd, const char *path, int flags);
int do_renameat2(const struct fs_ctx *c, int olddfd, const char *oldpath, int newdfd,
		 const char *newpath, unsigned int flags);
int do_symlinkat(const struct fs_ctx *c, const char *target, int newdfd, const char *linkpath);
int do_linkat(const struct fs_ctx *c, int olddfd, const char *oldpath, int newdfd,
	      const char *newpath, int flags);
/* Returns the length copied (no NUL), as readlink(2). */
ssize_t do_readlinkat(const struct fs_ctx *c, int dirfd, const char *path, char *buf, size_t size);
int do_faccessat(const struct fs_ctx *c, int dirfd, const char *path, int mode, int flags);
/* flags: LINUX_AT_SYMLINK_NOFOLLOW, LINUX_AT_EMPTY_PATH. */
int vfs_fstatat(const struct fs_ctx *c, int dirfd, const char *path, int flags, struct kstat *st);
int vfs_fstat(const struct fs_ctx *c, int fd, struct kstat *st);
/* chmod family: mode bits of a path (following links unless AT_SYMLINK_NOFOLLOW) or an fd. */
int do_fchmodat(const struct fs_ctx *c, int dirfd, const char *path, unsigned int mode);
int do_fchmod(const struct fs_ctx *c, int fd, unsigned int mode);
int do_fchownat(const struct fs_ctx *c, int dirfd, const char *path, uint32_t uid, uint32_t gid,
		int flags);
/* utimensat(2): times[2] as {sec, nsec} pairs (UTIME_NOW/UTIME_OMIT allowed), NULL: now. */
int do_utimensat(const struct fs_ctx *c, int dirfd, const char *path, const int64_t *times,
		 int flags);
int do_truncate(const struct fs_ctx *c, const char *path, int64_t len);
int do_chdir(const struct fs_ctx *c, const char *path);
int do_fchdir(const struct fs_ctx *c, int fd);
/* getcwd(2): bytes stored including the NUL, or -ERANGE. */
ssize_t do_getcwd(const struct fs_ctx *c, char *buf, size_t size);

/* Descriptor I/O on kernel buffers (the syscall layer copies to/from user memory). */
ssize_t vfs_read(const struct fs_ctx *c, int fd, void *buf, size_t n);
ssize_t vfs_write(const struct fs_ctx *c, int fd, const void *buf, size_t n);
ssize_t vfs_pread(const struct fs_ctx *c, int fd, void *buf, size_t n, int64_t pos);
ssize_t vfs_pwrite(const struct fs_ctx *c, int fd, const void *buf, size_t n, int64_t pos);
int64_t vfs_lseek(const struct fs_ctx *c, int fd, int64_t off, int whence);
ssize_t vfs_getdents64(const struct fs_ctx *c, int fd, void *buf, size_t n);
int vfs_ftruncate(const struct fs_ctx *c, int fd, int64_t len);
int vfs_fsync(const struct fs_ctx *c, int fd);
/* pipe2(2): fds[0] read end, fds[1] write end. flags: O_CLOEXEC, O_NONBLOCK. */
int do_pipe2(const struct fs_ctx *c, int fds[2], unsigned int flags);

#endif
