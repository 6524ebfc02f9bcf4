/*
 * file.h - open files: struct file (Linux's name), its operations, and the
 * attributes (struct kstat) that stat(2)/statx(2) report.
 *
 * A struct file is shared by every descriptor that dup()/fork() made from the
 * same open(): they share the offset and the status flags. It lives in a slab
 * cache ("filp", as Linux calls it), so open files cost guest memory.
 *
 * Buffers passed to the operations are kernel (host) memory; the syscall
 * layer copies to and from user memory through the hart's MMU.
 *
 * Blocking: an operation that cannot proceed now returns -EAGAIN and sets
 * nothing; the syscall layer either returns -EAGAIN (O_NONBLOCK) or puts the
 * task to sleep on file_wait_channel() and restarts the call when woken.
 *
 * Invariant: f_count > 0 while any descriptor or in-flight call holds the
 * file; release() runs once, when the last reference goes.
 */
#ifndef RVMM_OS_FS_FILE_H
#define RVMM_OS_FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "os/fs/namei.h"

struct file;
struct pipe_inode_info;
struct inode;

/* What stat(2) reports, in the guest's terms. */
struct kstat {
	uint64_t dev, ino, rdev;
	uint32_t mode, nlink, uid, gid;
	int64_t size, blocks;
	uint32_t blksize;
	int64_t atime_sec, mtime_sec, ctime_sec;
	uint32_t atime_nsec, mtime_nsec, ctime_nsec;
};

struct file_operations {
	const char *name; /* for traces */
	/* Read/write at *pos (advanced by what was transferred); bytes or -errno. */
	ssize_t (*read)(struct file *f, void *buf, size_t n, int64_t *pos);
	ssize_t (*write)(struct file *f, const void *buf, size_t n, int64_t *pos);
	/* New offset or -errno. NULL: -ESPIPE. */
	int64_t (*llseek)(struct file *f, int64_t off, int whence);
	/* Fill buf with linux_dirent64 records; bytes or -errno. NULL: -ENOTDIR. */
	ssize_t (*iterate)(struct file *f, void *buf, size_t n);
	int (*getattr)(struct file *f, struct kstat *st);
	int (*fsync)(struct file *f);
	int (*truncate)(struct file *f, int64_t len);
	/* Readiness for poll-like waits: FILE_POLL_* bits. */
	unsigned int (*poll)(struct file *f);
	/* A count that moves at every event that would wake a waiter (data in,
	 * room made, an end closed): edge-triggered epoll's new edges. NULL: none. */
	unsigned long (*poll_seq)(struct file *f);
	void (*release)(struct file *f);
};

/* poll() bits: data to read, room to write, the other end gone (a read
 * returns 0), no reader left (a write fails with EPIPE). */
#define FILE_POLL_IN  1u
#define FILE_POLL_OUT 2u
#define FILE_POLL_HUP 4u
#define FILE_POLL_ERR 8u

/* f_mode bits */
#define FMODE_READ   0x1
#define FMODE_WRITE  0x2
#define FMODE_PREAD  0x4  /* positional I/O allowed (pread/pwrite/lseek) */
#define FMODE_PATH   0x8  /* O_PATH: no I/O at all */
#define FMODE_WRITER 0x10 /* holds write access to f_inode (put at the last fput) */

struct file {
	int f_count;
	const struct file_operations *f_op;
	unsigned int f_flags; /* guest O_* status flags (LINUX_O_*) */
	unsigned int f_mode;
	int64_t f_pos;
	int host_fd;	    /* host descriptor behind the file, -1 if none */
	enum pos_kind kind; /* where it lives, for directories used as dirfd */
	struct proc_node pn;
	char *path;		/* guest path (kmalloc'd), or a name like "pipe:[3]" */
	void *private_data;	/* pipe, procfs text */
	struct inode *f_inode;	/* regular host files: the page cache's owner */
	unsigned int f_ep_refs; /* epoll registrations naming it (dropped when it goes) */
};

/* A new file with one reference; takes ownership of host_fd. NULL on ENOMEM
 * (host_fd is then closed). path is copied. */
struct file *alloc_file(const struct file_operations *op, int host_fd, unsigned int f_flags,
			unsigned int f_mode, const char *path);
void get_file(struct file *f);
void fput(struct file *f);

/* Host-backed files: regular files, directories, and anything else the host opens. */
extern const struct file_operations host_file_ops;
extern const struct file_operations host_stream_ops; /* ttys, fifos: no offsets */
extern const struct file_operations host_dir_ops;

/* Wrap an inherited host descriptor (the guest's stdin/stdout/stderr). */
struct file *file_from_host_fd(int host_fd, unsigned int f_flags, const char *name);

/* The address tasks sleep on while waiting for f to become ready. */
const void *file_wait_channel(const struct file *f);

/* Host struct stat to kstat, and kstat to the guest's struct stat / statx. */
struct stat;
void kstat_from_host(struct kstat *k, const struct stat *st);
struct linux_stat;
struct linux_statx;
void cp_new_stat(const struct kstat *k, struct linux_stat *out);
void cp_statx(const struct kstat *k, struct linux_statx *out);

#endif
