/*
 * namei.h - guest path names resolved inside the sandbox root.
 *
 * The guest's "/" is a host directory (--root DIR). A guest path is walked one
 * component at a time from a host directory file descriptor opened O_PATH;
 * every host open uses O_NOFOLLOW, symlinks are read with readlinkat() and
 * their targets walked again inside the root ("/" in a target means the
 * guest's root), and ".." at the root stays at the root. The host kernel never
 * resolves more than one name for us, so no path, symlink or host-side race
 * can reach outside the root (the same contract as openat2's RESOLVE_IN_ROOT).
 *
 * /proc is a virtual filesystem (os/proc/) mounted over the root's "proc":
 * its nodes are walked by procfs_lookup() and its symlinks (/proc/self,
 * /proc/PID/root, cwd, exe) are read by procfs_readlink() and then walked like
 * any symlink, inside the root.
 *
 * A task's root and working directory live in its fs_struct (shared by
 * CLONE_FS threads, copied by fork).
 */
#ifndef RVMM_OS_FS_NAMEI_H
#define RVMM_OS_FS_NAMEI_H

#include <limits.h>
#include <stdbool.h>

#include "os/kref.h"
#include "os/list.h"
#include "os/proc/procfs.h"

#define MAXSYMLINKS 40 /* as Linux: ELOOP after this many symlinks in one walk */

/* Where a walk is: a host directory or a node of the virtual /proc. */
enum pos_kind { POS_HOST, POS_PROC };

struct fs_pos {
	enum pos_kind kind;
	int fd;		     /* POS_HOST: O_PATH|O_DIRECTORY host fd, owned */
	struct proc_node pn; /* POS_PROC */
	char path[PATH_MAX]; /* guest absolute path of this directory, normalized */
};

/* A task's view of the filesystem: the root is always the sandbox root. */
struct fs_struct {
	struct kref ref;
	int pwd_fd; /* O_PATH host fd of the working directory (-1 when it is in /proc) */
	char *pwd;  /* guest absolute path of the working directory (kmalloc'd) */
	unsigned int umask;
};

/* lookup flags */
#define LOOKUP_FOLLOW	 0x0001 /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x0002 /* the last component must be a directory */

/* What the last component of a resolved path is. */
enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/*
 * The result of a walk: the directory containing the last component (dir)
 * and the component's name. For LAST_ROOT/LAST_DOT/LAST_DOTDOT, dir is the
 * directory the path names and last is ".".
 */
struct nameidata {
	struct fs_pos dir;
	char last[NAME_MAX + 1];
	enum last_type last_type;
	bool trailing_slash;
	int nlinks; /* symlinks followed so far */
};

/* Open the host directory that becomes the guest's "/". 0 or -errno. */
int fs_root_init(const char *host_dir);
/* Close it (at shutdown; tests). */
void fs_root_exit(void);
/* The root's host fd (O_PATH), -1 before fs_root_init(). */
int fs_root_fd(void);

/*
 * The sysroot (-L DIR): a second, read-only tree in which an absolute path
 * that does not exist in the root is looked up again (what qemu-user -L
 * does), so a dynamic program finds its libraries. It is walked with the same
 * containment rules: "/" and ".." stop at the sysroot. NULL: none.
 */
int fs_sysroot_init(const char *host_dir);
bool fs_has_sysroot(void);
/* Make walks that restart at "/" use the sysroot (true) or the root (false). */
void fs_walk_in_sysroot(bool on);

/* A new fs_struct whose working directory is the root. NULL on ENOMEM. */
struct fs_struct *fs_struct_alloc(void);
/* fork: a copy with the same working directory. */
struct fs_struct *copy_fs_struct(const struct fs_struct *old);
void get_fs_struct(struct fs_struct *fs);
void put_fs_struct(struct fs_struct *fs);

/* Start a walk at fs's working directory. 0 or -errno. */
int pos_init_pwd(struct fs_pos *pos, const struct fs_struct *fs);
/* Start a walk at an already resolved directory (a dirfd's file). 0 or -errno. */
int pos_init_dir(struct fs_pos *pos, enum pos_kind kind, int host_fd, const struct proc_node *pn,
		 const char *gpath);
void pos_release(struct fs_pos *pos);

/*
 * Resolve path from start (consumed: nd owns it afterwards, even on error)
 * up to its last component. An absolute path restarts at the root. With
 * LOOKUP_FOLLOW a symlink in the last component is followed. The last
 * component itself need not exist (callers create it). 0 or -errno;
 * on success release nd with nd_release().
 */
int path_parentat(struct nameidata *nd, struct fs_pos *start, const char *path, unsigned int flags);
void nd_release(struct nameidata *nd);

/*
 * Resolve path completely to a directory and return its position in out
 * (chdir, the start of a walk relative to a dirfd). 0 or -errno.
 */
int path_lookup_dir(struct fs_pos *start, const char *path, struct fs_pos *out);

/* Join a guest directory path and a name into out (PATH_MAX). 0 or -ENAMETOOLONG. */
int gpath_join(char *out, const char *dir, const char *name);

#endif
