/*
 * devfs.c - the guest's /dev: a small virtual directory mounted over the
 * root's "dev" (like /proc over "proc"), so every sandbox has the device
 * files programs take for granted, whatever the host directory holds:
 *
 *   null     reads end at once, writes vanish               (char 1:3)
 *   zero     reads zeros, writes vanish; mmap gives anonymous
 *            memory (MAP_PRIVATE) or shared memory (MAP_SHARED) (char 1:5)
 *   full     reads zeros, writes fail with ENOSPC            (char 1:7)
 *   random, urandom  the run's reproducible random bytes (--seed), the
 *            same generator as getrandom(2)                  (char 1:8, 1:9)
 *   fd, stdin, stdout, stderr  symlinks into /proc/self/fd
 *   shm      the directory of POSIX shared memory (os/fs/shmfs.c)
 *
 * Nodes are procfs nodes (PROC_DEV_DIR, PROC_DEV_NODE with id = index in
 * dev_nodes[]), so path walking, stat and getdents treat them as they treat
 * /proc. Not here: ttys.
 */
#include "os/fs/devfs.h"

#include <errno.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/uapi.h"

static ssize_t null_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	return (ssize_t)n;
}

static ssize_t zero_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	memset(buf, 0, n);
	return (ssize_t)n;
}

static ssize_t full_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	return n ? -ENOSPC : 0;
}

static ssize_t random_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	kernel_random_bytes(buf, n);
	return (ssize_t)n;
}

/* Seeking a character device of this kind always lands at 0 (Linux's null_lseek). */
static int64_t dev_llseek(struct file *f, int64_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

#define DEV_OPS(nm, rd, wr)                                                                        \
	{                                                                                          \
		.name = nm, .read = rd, .write = wr, .llseek = dev_llseek,                         \
	}

static const struct file_operations null_ops = DEV_OPS("/dev/null", null_read, null_write);
static const struct file_operations zero_ops = DEV_OPS("/dev/zero", zero_read, null_write);
static const struct file_operations full_ops = DEV_OPS("/dev/full", zero_read, full_write);
static const struct file_operations random_ops = DEV_OPS("/dev/random", random_read, null_write);

/* clang-format off */
static const struct dev_node {
	const char *name;
	unsigned int major, minor;
	const struct file_operations *fops; /* NULL: a symlink to target (both NULL: shm) */
	const char *target;
} dev_nodes[] = {
	{"fd", 0, 0, NULL, "/proc/self/fd"},
	{"full", 1, 7, &full_ops, NULL},
	{"null", 1, 3, &null_ops, NULL},
	{"random", 1, 8, &random_ops, NULL},
	{"shm", 0, 0, NULL, NULL}, /* the directory of os/fs/shmfs.c */
	{"stderr", 0, 0, NULL, "/proc/self/fd/2"},
	{"stdin", 0, 0, NULL, "/proc/self/fd/0"},
	{"stdout", 0, 0, NULL, "/proc/self/fd/1"},
	{"urandom", 1, 9, &random_ops, NULL},
	{"zero", 1, 5, &zero_ops, NULL},
};
/* clang-format on */
#define NR_DEV_NODES ((int)(sizeof(dev_nodes) / sizeof(dev_nodes[0])))

int devfs_lookup(const char *name, struct proc_node *out)
{
	for (int i = 0; i < NR_DEV_NODES; i++) {
		if (!strcmp(name, dev_nodes[i].name)) {
			bool dir = !dev_nodes[i].fops && !dev_nodes[i].target; /* shm */
			*out = (struct proc_node){.type = dir ? PROC_DEV_SHM_DIR : PROC_DEV_NODE,
						  .id = i};
			return 0;
		}
	}
	return -ENOENT;
}

const char *devfs_entry(int i, unsigned int *dtype)
{
	if (i < 0 || i >= NR_DEV_NODES)
		return NULL;
	*dtype = dev_nodes[i].fops     ? LINUX_DT_CHR
		 : dev_nodes[i].target ? LINUX_DT_LNK
				       : LINUX_DT_DIR;
	return dev_nodes[i].name;
}

bool devfs_is_link(int id)
{
	return dev_nodes[id].target != NULL;
}

const char *devfs_link_target(int id)
{
	return dev_nodes[id].target;
}

const struct file_operations *devfs_fops(int id)
{
	return dev_nodes[id].fops;
}

void devfs_getattr(const struct proc_node *pn, struct kstat *k)
{
	memset(k, 0, sizeof(*k));
	k->dev = DEVFS_DEV;
	k->ino = pn->type == PROC_DEV_DIR ? 1 : (uint64_t)pn->id + 2;
	k->nlink = pn->type == PROC_DEV_DIR ? 2 : 1;
	k->blksize = 4096;
	if (pn->type == PROC_DEV_DIR) {
		k->mode = LINUX_S_IFDIR | 0755;
	} else if (devfs_is_link(pn->id)) {
		k->mode = LINUX_S_IFLNK | 0777;
		k->size = (int64_t)strlen(dev_nodes[pn->id].target);
	} else {
		k->mode = LINUX_S_IFCHR | 0666;
		k->rdev = makedev(dev_nodes[pn->id].major, dev_nodes[pn->id].minor);
	}
}

bool devfs_is_zero(const struct file *f)
{
	return f->f_op == &zero_ops;
}
