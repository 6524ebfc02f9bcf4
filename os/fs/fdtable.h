/*
 * fdtable.h - a task's file descriptor table (Linux's files_struct): a
 * growable array of struct file pointers with a close-on-exec bitmap.
 * Shared between tasks by CLONE_FILES (reference counted), copied by fork.
 *
 * Invariants: fd[i] != NULL exactly for open descriptors; close_on_exec bits
 * are clear for closed slots; max_fds is a power of two <= NR_OPEN_MAX;
 * next_fd is <= the lowest free slot (a search hint).
 */
#ifndef RVMM_OS_FS_FDTABLE_H
#define RVMM_OS_FS_FDTABLE_H

#include <stdbool.h>

#include "os/fs/file.h"
#include "os/kref.h"
#include "os/list.h"

#define NR_OPEN_DEFAULT 64   /* initial table size */
#define NR_OPEN_MAX	1024 /* RLIMIT_NOFILE's default soft limit */

struct files_struct {
	struct kref ref;
	unsigned int max_fds;
	unsigned int next_fd;
	struct file **fd;
	unsigned long *close_on_exec;
};

struct files_struct *files_alloc(void);
/* fork without CLONE_FILES: every open file gains a reference. NULL on ENOMEM. */
struct files_struct *dup_fd(struct files_struct *old);
void get_files_struct(struct files_struct *files);
/* Drop a reference; the last one closes every descriptor. */
void put_files_struct(struct files_struct *files);

/* Install f at the lowest free descriptor >= start (taking over the caller's
 * reference). The descriptor, or -EMFILE/-EINVAL/-ENOMEM. */
int fd_install_lowest(struct files_struct *files, struct file *f, unsigned int start, bool cloexec);
/* The file at fd (no reference taken), or NULL. */
struct file *fget_raw(struct files_struct *files, int fd);
/* close(2): 0 or -EBADF. */
int close_fd(struct files_struct *files, int fd);
/* dup3(2) semantics (newfd replaced atomically); newfd or -errno. Used by dup2 too. */
int do_dup3(struct files_struct *files, int oldfd, int newfd, bool cloexec);
bool get_close_on_exec(const struct files_struct *files, int fd);
void set_close_on_exec(struct files_struct *files, int fd, bool on);
/* At execve: close every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);
/* fcntl(2) for the descriptor-level commands; result or -errno. */
long do_fcntl(struct files_struct *files, int fd, unsigned int cmd, unsigned long arg);

#endif
