/*
 * pipe.h - anonymous pipes: a 64 KiB ring (16 pages, allocated from the page
 * allocator when first written, as Linux's pipe buffers) with a read end and
 * a write end, each a struct file.
 *
 * Semantics (pipe(7)): read of an empty pipe returns 0 when no writer is
 * left, else -EAGAIN (the caller blocks or fails); write with no reader left
 * is -EPIPE (the caller raises SIGPIPE); a write of at most PIPE_BUF bytes
 * is atomic (all or -EAGAIN), a larger one may be partial.
 *
 * Invariants: 0 <= len <= PIPE_SIZE; bytes [rpos, rpos+len) (mod PIPE_SIZE)
 * are unread and live in allocated pages; the pipe is freed when both ends
 * are released.
 */
#ifndef RVMM_OS_FS_PIPE_H
#define RVMM_OS_FS_PIPE_H

#include "os/fs/file.h"

#define PIPE_DEF_BUFFERS 16
#define PIPE_SIZE	 (PIPE_DEF_BUFFERS * 4096)
#define PIPE_BUF	 4096

struct page;

struct pipe_inode_info {
	struct page *bufs[PIPE_DEF_BUFFERS];
	unsigned int rpos, len;
	unsigned int readers, writers;
	unsigned long ino;
	unsigned long wakeups; /* counts the events that wake waiters (edge-triggered epoll) */
};

/* Create a pipe; files[0] reads, files[1] writes. flags: LINUX_O_NONBLOCK.
 * 0 or -ENOMEM/-ENFILE. */
int create_pipe_files(struct file *files[2], unsigned int flags);

extern const struct file_operations pipe_read_ops, pipe_write_ops, pipe_rdwr_ops;

static inline bool is_pipe_file(const struct file *f)
{
	return f->f_op == &pipe_read_ops || f->f_op == &pipe_write_ops || f->f_op == &pipe_rdwr_ops;
}

/* Open the pipe of f again (/proc/PID/fd/N) with flags' access mode. 0 or -errno. */
int pipe_reopen(struct file *f, unsigned int flags, struct file **out);

#endif
