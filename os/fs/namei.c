/*
 * namei.c - walking guest paths inside the sandbox root (see namei.h for the
 * containment contract).
 *
 * The walk keeps one position (a host O_PATH directory fd or a /proc node)
 * and the guest path of that position. Going down opens one component with
 * O_PATH|O_NOFOLLOW|O_DIRECTORY relative to the current fd. Going up never
 * asks the host for "..": it drops the last component of the guest path and
 * walks that path again from the root, so ".." can only ever reach a
 * directory the guest could name from "/". A symlink's target replaces the
 * component in the remaining path (restarting at the root when absolute).
 *
 * Invariants: pos.path is absolute, normalized (no ".", "..", "//", no
 * trailing slash except "/" itself) and names exactly the directory pos.fd is
 * open on; every host fd obtained here was opened with O_NOFOLLOW.
 */
#include "os/fs/namei.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/mm/slab.h"

static int root_fd = -1;
static int sysroot_fd = -1;
static int walk_root = -1; /* the root walks restart at: root_fd, or sysroot_fd */

int fs_sysroot_init(const char *host_dir)
{
	int fd = host_dir ? open(host_dir, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
	if (host_dir && fd < 0)
		return -errno;
	if (sysroot_fd >= 0)
		close(sysroot_fd);
	sysroot_fd = fd;
	return 0;
}

bool fs_has_sysroot(void)
{
	return sysroot_fd >= 0;
}

void fs_walk_in_sysroot(bool on)
{
	walk_root = on && sysroot_fd >= 0 ? sysroot_fd : root_fd;
}

int fs_root_init(const char *host_dir)
{
	int fd = open(host_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (root_fd >= 0)
		close(root_fd);
	root_fd = walk_root = fd;
	return 0;
}

void fs_root_exit(void)
{
	if (root_fd >= 0)
		close(root_fd);
	root_fd = walk_root = -1;
	fs_sysroot_init(NULL);
}

int fs_root_fd(void)
{
	return root_fd;
}

int gpath_join(char *out, const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool slash = !(dl == 1 && dir[0] == '/');
	if (dl + slash + nl + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	memmove(out, dir, dl);
	if (slash)
		out[dl++] = '/';
	memcpy(out + dl, name, nl + 1);
	return 0;
}

/* Drop the last component of a normalized absolute path ("/a/b" -> "/a", "/a" -> "/"). */
static void gpath_up(char *path)
{
	char *s = strrchr(path, '/');
	if (s == path)
		path[1] = '\0';
	else if (s)
		*s = '\0';
}

void pos_release(struct fs_pos *pos)
{
	if (pos->kind == POS_HOST && pos->fd >= 0)
		close(pos->fd);
	pos->fd = -1;
}

static int pos_set_root(struct fs_pos *pos)
{
	pos_release(pos);
	pos->kind = POS_HOST;
	pos->fd = fcntl(walk_root, F_DUPFD_CLOEXEC, 0);
	if (pos->fd < 0)
		return -errno;
	strcpy(pos->path, "/");
	return 0;
}

int pos_init_dir(struct fs_pos *pos, enum pos_kind kind, int host_fd, const struct proc_node *pn,
		 const char *gpath)
{
	if (strlen(gpath) >= PATH_MAX)
		return -ENAMETOOLONG;
	pos->kind = kind;
	pos->fd = -1;
	if (kind == POS_HOST) {
		pos->fd = fcntl(host_fd, F_DUPFD_CLOEXEC, 0);
		if (pos->fd < 0)
			return -errno;
	} else {
		pos->pn = *pn;
	}
	strcpy(pos->path, gpath);
	return 0;
}

/* Step from directory pos into its child directory name (no symlinks here). */
static int pos_down_dir(struct fs_pos *pos, const char *name)
{
	char path[PATH_MAX];
	int err = gpath_join(path, pos->path, name);
	if (err)
		return err;
	struct proc_node root;

	if (pos->kind == POS_HOST && !strcmp(pos->path, "/") && procfs_mount_point(name, &root)) {
		pos_release(pos);
		pos->kind = POS_PROC;
		pos->pn = root;
	} else if (pos->kind == POS_HOST) {
		int fd = openat(pos->fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		close(pos->fd);
		pos->fd = fd;
	} else {
		struct proc_node child;
		err = procfs_lookup(&pos->pn, name, &child);
		if (err)
			return err;
		if (!procfs_is_dir(&child))
			return -ENOTDIR;
		pos->pn = child;
	}
	strcpy(pos->path, path);
	return 0;
}

/* "..": walk the parent's guest path again from the root. */
static int pos_up(struct fs_pos *pos)
{
	char path[PATH_MAX], *p, *save;
	int err;

	if (!strcmp(pos->path, "/"))
		return 0; /* ".." at the root is the root */
	strcpy(path, pos->path);
	gpath_up(path);
	err = pos_set_root(pos);
	for (p = strtok_r(path, "/", &save); p && !err; p = strtok_r(NULL, "/", &save))
		err = pos_down_dir(pos, p);
	return err;
}

/*
 * What is name in directory pos? Sets *is_dir and *is_link; for a symlink its
 * target goes into target. -ENOENT when it does not exist.
 */
static int pos_probe(struct fs_pos *pos, const char *name, bool *is_dir, bool *is_link,
		     char *target)
{
	struct proc_node root;

	*is_dir = *is_link = false;
	if (pos->kind == POS_HOST && !strcmp(pos->path, "/") && procfs_mount_point(name, &root)) {
		*is_dir = true;
		return 0;
	}
	if (pos->kind == POS_HOST) {
		struct stat st;
		if (fstatat(pos->fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return -errno;
		*is_dir = S_ISDIR(st.st_mode);
		*is_link = S_ISLNK(st.st_mode);
		if (*is_link) {
			ssize_t n = readlinkat(pos->fd, name, target, PATH_MAX);
			if (n < 0)
				return -errno;
			if (n >= PATH_MAX)
				return -ENAMETOOLONG;
			target[n] = '\0';
		}
		return 0;
	}
	struct proc_node child;
	int err = procfs_lookup(&pos->pn, name, &child);
	if (err)
		return err;
	*is_dir = procfs_is_dir(&child);
	*is_link = procfs_is_link(&child);
	if (*is_link) {
		int n = procfs_readlink(&child, target, PATH_MAX);
		if (n < 0)
			return n;
	}
	return 0;
}

/*
 * Replace the component just read by a symlink's target: rest becomes
 * target + "/" + rest. An absolute target restarts the walk at the root.
 */
static int splice_link(struct nameidata *nd, char *rest, const char *target, bool ts)
{
	char buf[PATH_MAX];
	size_t tl = strlen(target), rl = strlen(rest);
	int err;

	if (++nd->nlinks > MAXSYMLINKS)
		return -ELOOP;
	if (tl == 0)
		return -ENOENT;
	if (tl + 2 + rl + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	if (ts && !rl)
		rl = strlen(strcpy(rest, "/")); /* "link/" must name a directory */
	memcpy(buf, target, tl);
	if (rl) {
		buf[tl++] = '/';
		memcpy(buf + tl, rest, rl + 1);
	} else {
		buf[tl] = '\0';
	}
	strcpy(rest, buf);
	if (target[0] == '/') {
		err = pos_set_root(&nd->dir);
		if (err)
			return err;
	}
	return 0;
}

/* Take the next component of *rest into name; *last says whether it is the final one. */
static int next_component(char **rest, char *name, bool *last, bool *trailing_slash)
{
	char *p = *rest, *end;
	size_t len;

	while (*p == '/')
		p++;
	end = strchr(p, '/');
	len = end ? (size_t)(end - p) : strlen(p);
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(name, p, len);
	name[len] = '\0';
	p += len;
	*trailing_slash = false;
	while (*p == '/') {
		p++;
		*trailing_slash = true;
	}
	*rest = p;
	*last = *p == '\0';
	return 0;
}

int path_parentat(struct nameidata *nd, struct fs_pos *start, const char *path, unsigned int flags)
{
	char rest_buf[PATH_MAX], target[PATH_MAX], name[NAME_MAX + 1];
	char *rest;
	int err = 0;

	nd->dir = *start;
	start->fd = -1; /* ownership moved to nd */
	nd->nlinks = 0;
	nd->trailing_slash = false;
	nd->last_type = LAST_NORM;
	nd->last[0] = '\0';
	if (!path[0])
		return -ENOENT;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	strcpy(rest_buf, path);
	rest = rest_buf;
	if (rest[0] == '/') {
		err = pos_set_root(&nd->dir);
		if (err)
			return err;
	}
	for (;;) {
		bool last, ts, is_dir, is_link;
		struct proc_node root;

		while (*rest == '/')
			rest++;
		if (!*rest) {
			/* the path names a directory itself ("/", "a/.", "a/..") */
			if (nd->last_type == LAST_NORM)
				nd->last_type = LAST_ROOT;
			strcpy(nd->last, ".");
			return 0;
		}
		err = next_component(&rest, name, &last, &ts);
		if (err)
			return err;
		if (!strcmp(name, ".")) {
			nd->last_type = LAST_DOT;
			continue;
		}
		if (!strcmp(name, "..")) {
			err = pos_up(&nd->dir);
			if (err)
				return err;
			nd->last_type = LAST_DOTDOT;
			continue;
		}
		nd->last_type = LAST_NORM;
		if (last && nd->dir.kind == POS_HOST && !strcmp(nd->dir.path, "/") &&
		    procfs_mount_point(name, &root)) {
			/* a mount point (/proc, /dev) names the mounted directory */
			err = pos_down_dir(&nd->dir, name);
			if (err)
				return err;
			nd->last_type = LAST_ROOT;
			strcpy(nd->last, ".");
			return 0;
		}
		if (last && !ts && !(flags & LOOKUP_FOLLOW)) {
			strcpy(nd->last, name);
			return 0;
		}
		err = pos_probe(&nd->dir, name, &is_dir, &is_link, target);
		if (err == -ENOENT && last) {
			/* a name to create; "dir/" must name a directory, checked by callers */
			strcpy(nd->last, name);
			nd->trailing_slash = ts;
			return 0;
		}
		if (err)
			return err;
		if (is_link && last && !ts && nd->dir.kind == POS_PROC &&
		    procfs_is_pathless_fd(&nd->dir.pn, name)) {
			strcpy(nd->last, name); /* opened as the file itself (proc_open) */
			return 0;
		}
		if (is_link) {
			err = splice_link(nd, rest, target, ts);
			if (err)
				return err;
			continue;
		}
		if (last) {
			strcpy(nd->last, name);
			nd->trailing_slash = ts;
			if (ts && !is_dir)
				return -ENOTDIR;
			return 0;
		}
		if (!is_dir)
			return -ENOTDIR;
		err = pos_down_dir(&nd->dir, name);
		if (err)
			return err;
	}
}

void nd_release(struct nameidata *nd)
{
	pos_release(&nd->dir);
}

int path_lookup_dir(struct fs_pos *start, const char *path, struct fs_pos *out)
{
	struct nameidata nd;
	char link[PATH_MAX];
	bool is_dir, is_link;
	int err = path_parentat(&nd, start, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);

	if (!err && nd.last_type == LAST_NORM) {
		err = pos_probe(&nd.dir, nd.last, &is_dir, &is_link, link);
		if (!err && !is_dir)
			err = -ENOTDIR;
		if (!err)
			err = pos_down_dir(&nd.dir, nd.last);
	}
	if (!err) {
		*out = nd.dir;
		nd.dir.fd = -1;
	}
	nd_release(&nd);
	return err;
}

int pos_init_pwd(struct fs_pos *pos, const struct fs_struct *fs)
{
	if (fs->pwd_fd >= 0)
		return pos_init_dir(pos, POS_HOST, fs->pwd_fd, NULL, fs->pwd);
	/* the working directory is inside /proc: walk to it again */
	struct fs_pos root = {.kind = POS_HOST, .fd = -1};
	int err = pos_set_root(&root);
	if (err)
		return err;
	return path_lookup_dir(&root, fs->pwd, pos);
}

struct fs_struct *fs_struct_alloc(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);
	if (!fs)
		return NULL;
	kref_init(&fs->ref);
	fs->umask = 022;
	fs->pwd = kstrdup("/", GFP_KERNEL);
	fs->pwd_fd = fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
	if (!fs->pwd || fs->pwd_fd < 0) {
		if (fs->pwd_fd >= 0)
			close(fs->pwd_fd);
		kfree(fs->pwd);
		kfree(fs);
		return NULL;
	}
	return fs;
}

struct fs_struct *copy_fs_struct(const struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);
	if (!fs)
		return NULL;
	kref_init(&fs->ref);
	fs->umask = old->umask;
	fs->pwd = kstrdup(old->pwd, GFP_KERNEL);
	fs->pwd_fd = old->pwd_fd >= 0 ? fcntl(old->pwd_fd, F_DUPFD_CLOEXEC, 0) : -1;
	if (!fs->pwd || (old->pwd_fd >= 0 && fs->pwd_fd < 0)) {
		if (fs->pwd_fd >= 0)
			close(fs->pwd_fd);
		kfree(fs->pwd);
		kfree(fs);
		return NULL;
	}
	return fs;
}

void get_fs_struct(struct fs_struct *fs)
{
	kref_get(&fs->ref);
}

static void fs_struct_release(struct kref *ref)
{
	struct fs_struct *fs = container_of(ref, struct fs_struct, ref);
	if (fs->pwd_fd >= 0)
		close(fs->pwd_fd);
	kfree(fs->pwd);
	kfree(fs);
}

void put_fs_struct(struct fs_struct *fs)
{
	kref_put(&fs->ref, fs_struct_release);
}
