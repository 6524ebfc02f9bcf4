/*
 * shmfs.c - /dev/shm: named shmem objects, which is what POSIX shared
 * memory is (glibc's shm_open opens /dev/shm/NAME with O_CREAT, shm_unlink
 * unlinks it). Each name holds a reference to its object (a shmem file
 * from shmem_file_setup: swappable, sized by ftruncate); every open makes
 * a new struct file on the same inode, so sizes and pages are shared. An
 * unlinked object lives on while files or mappings still hold it, as on
 * tmpfs. Flat: no subdirectories, no rename, no links. Names are 1..255
 * bytes without '/'; at most SHMFS_MAX of them. Everyone is root here, so
 * modes are kept and shown but never refuse.
 */
#include "os/fs/shmfs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/fs/devfs.h"
#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/mm/filemap.h"
#include "os/mm/shmem.h"
#include "os/mm/slab.h"
#include "os/uapi.h"

#define SHMFS_MAX    1024
#define SHM_NAME_MAX 255

struct shm_name {
	char name[SHM_NAME_MAX + 1];
	unsigned int mode;
	struct file *obj; /* the name's reference on the object */
};

static struct shm_name *names[SHMFS_MAX];

int shmfs_lookup(const char *name, struct proc_node *out)
{
	for (int i = 0; i < SHMFS_MAX; i++) {
		if (names[i] && !strcmp(names[i]->name, name)) {
			*out = (struct proc_node){.type = PROC_DEV_SHM_FILE, .id = i};
			return 0;
		}
	}
	return -ENOENT;
}

const char *shmfs_entry(int i)
{
	return i >= 0 && i < SHMFS_MAX && names[i] ? names[i]->name : NULL;
}

int shmfs_slots(void)
{
	return SHMFS_MAX;
}

int shmfs_create(const char *name, unsigned int mode, struct proc_node *out)
{
	struct shm_name *n;
	char path[SHM_NAME_MAX + 16];
	int slot = -1;

	if (strlen(name) > SHM_NAME_MAX)
		return -ENAMETOOLONG;
	if (!name[0] || strchr(name, '/'))
		return -EINVAL;
	for (int i = 0; i < SHMFS_MAX && slot < 0; i++)
		if (!names[i])
			slot = i;
	if (slot < 0)
		return -ENOSPC;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->obj = shmem_file_setup(0);
	if (!n->obj) {
		kfree(n);
		return -ENOMEM;
	}
	strcpy(n->name, name);
	n->mode = mode & 07777;
	snprintf(path, sizeof(path), "/dev/shm/%s", name);
	kfree(n->obj->path);
	n->obj->path = kstrdup(path, GFP_KERNEL);
	names[slot] = n;
	*out = (struct proc_node){.type = PROC_DEV_SHM_FILE, .id = slot};
	return 0;
}

int shmfs_open(int id, unsigned int f_flags, unsigned int fmode, struct file **out)
{
	struct shm_name *n = names[id];
	struct file *f;

	if (!n)
		return -ENOENT;
	f = alloc_file(&shmem_file_ops, -1, f_flags, fmode | FMODE_PREAD,
		       n->obj->path ? n->obj->path : "/dev/shm/?");
	if (!f)
		return -ENOMEM;
	f->f_inode = igrab(n->obj->f_inode);
	if ((f_flags & LINUX_O_TRUNC) && (fmode & FMODE_WRITE))
		shmem_file_truncate(f, 0);
	*out = f;
	return 0;
}

int shmfs_unlink(const char *name)
{
	struct proc_node pn;
	int err = shmfs_lookup(name, &pn);
	if (err)
		return err;
	fput(names[pn.id]->obj); /* open files and mappings keep the object */
	kfree(names[pn.id]);
	names[pn.id] = NULL;
	return 0;
}

void shmfs_getattr(const struct proc_node *pn, struct kstat *k)
{
	memset(k, 0, sizeof(*k));
	k->dev = SHMFS_DEV;
	k->blksize = 4096;
	if (pn->type == PROC_DEV_SHM_DIR) {
		k->ino = 1;
		k->mode = LINUX_S_IFDIR | 01777; /* (tmpfs's sticky, world-writable /dev/shm) */
		k->nlink = 2;
		return;
	}
	k->ino = names[pn->id]->obj->f_inode->i_ino + 1;
	k->mode = LINUX_S_IFREG | names[pn->id]->mode;
	k->nlink = 1;
	k->size = (int64_t)names[pn->id]->obj->f_inode->i_size;
	k->blocks = (int64_t)names[pn->id]->obj->f_inode->i_data.nrpages * 8;
}

void shmfs_exit(void)
{
	for (int i = 0; i < SHMFS_MAX; i++)
		if (names[i])
			shmfs_unlink(names[i]->name);
}
