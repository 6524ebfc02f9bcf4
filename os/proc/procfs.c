/*
 * procfs.c - the tree of /proc as far as path walking needs it: the root,
 * /proc/self, and per-task directories with their root, cwd and exe links.
 * Nodes are recomputed from the task table at every lookup (see procfs.h).
 */
#include "os/proc/procfs.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/fs/devfs.h"
#include "os/fs/fdtable.h"
#include "os/fs/shmfs.h"
#include "os/fs/file.h"
#include "os/fs/namei.h"
#include "os/uapi.h"
#include "os/task.h"

static const struct {
	const char *name;
	enum proc_type type;
} pid_entries[] = {
    {"cwd", PROC_PID_CWD},
    {"exe", PROC_PID_EXE},
    {"fd", PROC_PID_FD_DIR},
    {"root", PROC_PID_ROOT},
};

/* A decimal PID with no sign, no leading zero and no junk, else 0. */
static int parse_pid(const char *s)
{
	char *end;
	long v;
	if (s[0] < '1' || s[0] > '9')
		return 0;
	v = strtol(s, &end, 10);
	return *end || v <= 0 || v >= PID_MAX ? 0 : (int)v;
}

bool procfs_mount_point(const char *name, struct proc_node *root)
{
	if (!strcmp(name, "proc"))
		*root = (struct proc_node){.type = PROC_ROOT};
	else if (!strcmp(name, "dev"))
		*root = (struct proc_node){.type = PROC_DEV_DIR};
	else if (!strcmp(name, "sys"))
		*root = (struct proc_node){.type = PROC_SYSFS, .id = 0};
	else
		return false;
	return true;
}

int procfs_lookup(const struct proc_node *dir, const char *name, struct proc_node *out)
{
	int pid;

	switch (dir->type) {
	case PROC_ROOT:
		if (!strcmp(name, "self")) {
			if (!current)
				return -ENOENT;
			*out = (struct proc_node){.type = PROC_SELF, .pid = current->tgid};
			return 0;
		}
		if (!strcmp(name, "pressure")) {
			*out = (struct proc_node){.type = PROC_PRESSURE_DIR};
			return 0;
		}
		if (!strcmp(name, "sys")) {
			*out = (struct proc_node){.type = PROC_SYS_DIR};
			return 0;
		}
		for (int i = 0; i < proc_root_nfiles; i++) {
			if (!strcmp(name, proc_root_files[i].name) &&
			    proc_entry_visible(&proc_root_files[i])) {
				*out = (struct proc_node){.type = PROC_FILE, .id = i};
				return 0;
			}
		}
		pid = parse_pid(name);
		if (!pid || !find_task_by_vpid(pid))
			return -ENOENT;
		*out = (struct proc_node){.type = PROC_PID_DIR, .pid = pid};
		return 0;
	case PROC_PID_DIR:
		if (!find_task_by_vpid(dir->pid))
			return -ENOENT;
		for (size_t i = 0; i < sizeof(pid_entries) / sizeof(pid_entries[0]); i++) {
			if (!strcmp(name, pid_entries[i].name)) {
				*out = (struct proc_node){.type = pid_entries[i].type,
							  .pid = dir->pid};
				return 0;
			}
		}
		for (int i = 0; i < proc_pid_nfiles; i++) {
			if (!strcmp(name, proc_pid_files[i].name) &&
			    proc_entry_visible(&proc_pid_files[i])) {
				*out = (struct proc_node){
				    .type = PROC_PID_FILE, .pid = dir->pid, .id = i};
				return 0;
			}
		}
		return -ENOENT;
	case PROC_PID_FD_DIR: {
		struct task_struct *t = find_task_by_vpid(dir->pid);
		int fd = name[0] == '0' && !name[1] ? 0 : parse_pid(name);
		if (!t || !t->files || (fd == 0 && strcmp(name, "0")) || !fget_raw(t->files, fd))
			return -ENOENT;
		*out = (struct proc_node){.type = PROC_PID_FD, .pid = dir->pid, .id = fd};
		return 0;
	}
	case PROC_PRESSURE_DIR:
		for (int i = 0; i < proc_pressure_nfiles; i++) {
			if (!strcmp(name, proc_pressure_files[i].name)) {
				*out = (struct proc_node){.type = PROC_PRESSURE_FILE, .id = i};
				return 0;
			}
		}
		return -ENOENT;
	case PROC_SYS_DIR:
		if (strcmp(name, "vm"))
			return -ENOENT;
		*out = (struct proc_node){.type = PROC_SYS_VM_DIR};
		return 0;
	case PROC_SYS_VM_DIR:
		for (int i = 0; i < proc_sys_vm_nfiles; i++) {
			if (!strcmp(name, proc_sys_vm_files[i].name)) {
				*out = (struct proc_node){.type = PROC_SYS_VM_FILE, .id = i};
				return 0;
			}
		}
		return -ENOENT;
	case PROC_DEV_DIR: return devfs_lookup(name, out);
	case PROC_DEV_SHM_DIR: return shmfs_lookup(name, out);
	case PROC_SYSFS:
		if (!sysfs_is_dir(dir->id))
			return -ENOTDIR;
		return sysfs_lookup(dir->id, name, out);
	default: return -ENOTDIR;
	}
}

static int copy_link(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n + 1 > size)
		return -ENAMETOOLONG;
	memcpy(buf, s, n + 1);
	return (int)n;
}

int procfs_readlink(const struct proc_node *n, char *buf, size_t size)
{
	char tmp[16];
	struct task_struct *t;

	if (!procfs_is_link(n))
		return -EINVAL;
	if (n->type == PROC_DEV_NODE)
		return copy_link(buf, size, devfs_link_target(n->id));
	t = find_task_by_vpid(n->pid);
	if (!t)
		return -ENOENT;
	switch (n->type) {
	case PROC_SELF: snprintf(tmp, sizeof(tmp), "%d", n->pid); return copy_link(buf, size, tmp);
	case PROC_PID_ROOT: return copy_link(buf, size, "/");
	case PROC_PID_CWD: return t->fs ? copy_link(buf, size, t->fs->pwd) : -ENOENT;
	case PROC_PID_EXE: return t->exe_path ? copy_link(buf, size, t->exe_path) : -ENOENT;
	case PROC_PID_FD: {
		struct file *f = t->files ? fget_raw(t->files, n->id) : NULL;
		return f ? copy_link(buf, size, f->path) : -ENOENT;
	}
	default: return -EINVAL;
	}
}

struct file *procfs_fd_file(const struct proc_node *n)
{
	struct task_struct *t = n->type == PROC_PID_FD ? find_task_by_vpid(n->pid) : NULL;
	return t && t->files ? fget_raw(t->files, n->id) : NULL;
}

bool procfs_is_pathless_fd(const struct proc_node *dir, const char *name)
{
	struct proc_node n;
	struct file *f;
	if (dir->type != PROC_PID_FD_DIR || procfs_lookup(dir, name, &n))
		return false;
	f = procfs_fd_file(&n);
	return f && f->path[0] != '/';
}

bool procfs_is_dir(const struct proc_node *n)
{
	return n->type == PROC_ROOT || n->type == PROC_PID_DIR || n->type == PROC_PID_FD_DIR ||
	       n->type == PROC_PRESSURE_DIR || n->type == PROC_DEV_DIR || n->type == PROC_SYS_DIR ||
	       n->type == PROC_SYS_VM_DIR || n->type == PROC_DEV_SHM_DIR ||
	       (n->type == PROC_SYSFS && sysfs_is_dir(n->id));
}

bool procfs_is_link(const struct proc_node *n)
{
	return n->type == PROC_SELF || n->type == PROC_PID_ROOT || n->type == PROC_PID_CWD ||
	       n->type == PROC_PID_EXE || n->type == PROC_PID_FD ||
	       (n->type == PROC_DEV_NODE && devfs_is_link(n->id));
}

/*
 * Directory listing. f_pos counts entries: 0 ".", 1 "..", then for /proc
 * 2 "self", 3 + i for proc_root_files[i] and PID_POS_BASE + pid for each
 * live PID in increasing order; for /proc/PID, 2 + i for pid_entries[i]
 * then the files.
 */
#define PID_POS_BASE 1000 /* f_pos of /proc/PID entries: PID_POS_BASE + pid */

static int emit(void *buf, size_t n, size_t *used, uint64_t ino, int64_t next, unsigned type,
		const char *name)
{
	size_t len = strlen(name);
	size_t reclen = (offsetof(struct linux_dirent64, d_name) + len + 1 + 7) & ~(size_t)7;
	struct linux_dirent64 *d = (struct linux_dirent64 *)((char *)buf + *used);
	if (*used + reclen > n)
		return -1;
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (uint16_t)reclen;
	d->d_type = (uint8_t)type;
	memcpy(d->d_name, name, len);
	*used += reclen;
	return 0;
}

static ssize_t proc_iterate(struct file *f, void *buf, size_t n)
{
	size_t used = 0;
	int64_t pos = f->f_pos;
	char name[16];

	if (f->pn.type == PROC_PID_DIR && !find_task_by_vpid(f->pn.pid))
		return -ENOENT;
	for (;;) {
		const char *nm = NULL;
		unsigned type = LINUX_DT_DIR;
		uint64_t ino = 1;
		int64_t next = pos + 1;

		if (pos == 0) {
			nm = ".";
		} else if (pos == 1) {
			nm = "..";
		} else if (f->pn.type == PROC_ROOT) {
			if (pos == 2) {
				if (!current) {
					pos = 3;
					continue;
				}
				nm = "self";
				type = LINUX_DT_LNK;
			} else if (pos < 3 + proc_root_nfiles) {
				if (!proc_entry_visible(&proc_root_files[pos - 3])) {
					pos++;
					continue;
				}
				nm = proc_root_files[pos - 3].name;
				type = LINUX_DT_REG;
				ino = (uint64_t)(pos - 3) << 8 | PROC_FILE | 1;
			} else if (pos == 3 + proc_root_nfiles) {
				nm = "pressure";
				ino = PROC_PRESSURE_DIR | 1;
			} else if (pos == 4 + proc_root_nfiles) {
				nm = "sys";
				ino = PROC_SYS_DIR | 1;
			} else {
				if (pos < PID_POS_BASE)
					pos = PID_POS_BASE;
				int pid = (int)(pos - PID_POS_BASE);
				while (pid < PID_MAX && (!find_task_by_vpid(pid) ||
							 find_task_by_vpid(pid)->tgid != pid))
					pid++;
				if (pid >= PID_MAX)
					break;
				snprintf(name, sizeof(name), "%d", pid);
				nm = name;
				ino = (uint64_t)pid << 8 | PROC_PID_DIR | 1;
				pos = pid + PID_POS_BASE;
				next = pos + 1;
			}
		} else if (f->pn.type == PROC_PID_DIR) {
			size_t i = (size_t)(pos - 2),
			       nl = sizeof(pid_entries) / sizeof(pid_entries[0]);
			if (i < nl) {
				nm = pid_entries[i].name;
				type = pid_entries[i].type == PROC_PID_FD_DIR ? LINUX_DT_DIR
									      : LINUX_DT_LNK;
				ino = (uint64_t)f->pn.pid << 8 | pid_entries[i].type | 1;
			} else if (i - nl < (size_t)proc_pid_nfiles) {
				if (!proc_entry_visible(&proc_pid_files[i - nl])) {
					pos++;
					continue;
				}
				nm = proc_pid_files[i - nl].name;
				type = LINUX_DT_REG;
				ino = (uint64_t)f->pn.pid << 16 | (i - nl) << 8 | PROC_PID_FILE | 1;
			} else {
				break;
			}
		} else if (f->pn.type == PROC_PRESSURE_DIR) {
			if (pos - 2 >= proc_pressure_nfiles)
				break;
			nm = proc_pressure_files[pos - 2].name;
			type = LINUX_DT_REG;
			ino = (uint64_t)(pos - 2) << 8 | PROC_PRESSURE_FILE | 1;
		} else if (f->pn.type == PROC_SYS_DIR) {
			if (pos > 2)
				break;
			nm = "vm";
			ino = PROC_SYS_VM_DIR | 1;
		} else if (f->pn.type == PROC_SYS_VM_DIR) {
			if (pos - 2 >= proc_sys_vm_nfiles)
				break;
			nm = proc_sys_vm_files[pos - 2].name;
			type = LINUX_DT_REG;
			ino = (uint64_t)(pos - 2) << 8 | PROC_SYS_VM_FILE | 1;
		} else if (f->pn.type == PROC_SYSFS) {
			nm = sysfs_entry(f->pn.id, (int)(pos - 2), &type);
			if (!nm)
				break;
			ino = (uint64_t)pos << 8 | PROC_SYSFS | 1;
		} else if (f->pn.type == PROC_DEV_SHM_DIR) {
			int i = (int)(pos - 2);
			while (i < shmfs_slots() && !shmfs_entry(i))
				i++;
			if (i >= shmfs_slots())
				break;
			nm = shmfs_entry(i);
			type = LINUX_DT_REG;
			ino = (uint64_t)i + 2;
			pos = i + 2;
			next = pos + 1;
		} else if (f->pn.type == PROC_DEV_DIR) {
			nm = devfs_entry((int)(pos - 2), &type);
			if (!nm)
				break;
			ino = (uint64_t)pos;
		} else if (f->pn.type == PROC_PID_FD_DIR) {
			struct task_struct *t = find_task_by_vpid(f->pn.pid);
			int fd = (int)(pos - 2);
			if (!t || !t->files)
				break;
			while ((unsigned int)fd < t->files->max_fds && !fget_raw(t->files, fd))
				fd++;
			if ((unsigned int)fd >= t->files->max_fds)
				break;
			snprintf(name, sizeof(name), "%d", fd);
			nm = name;
			type = LINUX_DT_LNK;
			pos = fd + 2;
			next = pos + 1;
		} else {
			return -ENOTDIR;
		}
		if (emit(buf, n, &used, ino, next, type, nm) < 0) {
			if (!used)
				return -EINVAL;
			break;
		}
		pos = next;
	}
	f->f_pos = pos;
	return (ssize_t)used;
}

static int64_t proc_llseek(struct file *f, int64_t off, int whence)
{
	if (whence != LINUX_SEEK_SET || off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

static ssize_t proc_dir_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return -EISDIR;
}

const struct file_operations proc_dir_ops = {
    .name = "procdir",
    .read = proc_dir_read,
    .llseek = proc_llseek,
    .iterate = proc_iterate,
};
