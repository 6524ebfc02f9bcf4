/*
 * ipc_shm.c - System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment is a shmem object (the same swappable object as
 * MAP_SHARED|MAP_ANONYMOUS and memfd) plus its System V identity: key,
 * shmid, owner, mode, times and creator/last-operation PIDs. shmat maps the
 * object MAP_SHARED (the attaches are ordinary VMAs whose vm_file is the
 * segment's file, so fork shares them and exit and munmap detach them);
 * the number of attaches (shm_nattch) is counted from those VMAs when
 * asked. IPC_RMID takes the segment out of the table at once; the memory
 * lives on while attaches hold its file, as in Linux. Segments not removed
 * outlive their creator until the kernel shuts down (shm_exit).
 *
 * Limits are Linux's defaults: SHMMNI 4096 segments, SHMMIN 1 byte,
 * SHMMAX/SHMALL far above any guest RAM. Everyone runs as root here, so
 * permissions never refuse.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/ipc_shm.h"
#include "os/kernel_internal.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/shmem.h"
#include "os/mm/slab.h"
#include "os/mm/vma.h"
#include "os/task.h"
#include "os/uaccess.h"

#define IPC_PRIVATE  0
#define IPC_CREAT    01000
#define IPC_EXCL     02000
#define IPC_RMID     0
#define IPC_SET	     1
#define IPC_STAT     2
#define IPC_INFO     3
#define SHM_STAT     13
#define SHM_INFO     14
#define SHM_STAT_ANY 15
#define SHM_RDONLY   010000
#define SHM_RND	     020000
#define SHM_REMAP    040000
#define SHM_EXEC     0100000
#define SHM_DEST     01000 /* shm_perm.mode: IPC_RMID done, memory kept by attaches */
#define SHMLBA	     4096
#define SHMMNI	     4096
#define IPC_64	     0x100

struct shm_segment {
	int key, id;
	uint64_t size;
	unsigned int mode; /* the low 9 bits of shmget's flags */
	int cpid, lpid;
	int64_t atime, dtime, ctime; /* seconds of guest time */
	bool removed;		     /* IPC_RMID done: file is held by attaches only */
	struct file *file;	     /* the shmem object (the table's reference until removed) */
};

static struct shm_segment *segs[SHMMNI];

/* The last reference of a segment's file went: a removed segment goes with it. */
static void shm_release(struct file *f)
{
	for (int i = 0; i < SHMMNI; i++) {
		if (segs[i] && segs[i]->file == f) {
			kfree(segs[i]);
			segs[i] = NULL;
		}
	}
}

/* shmem's operations, plus the release that ends a removed segment. */
static const struct file_operations shm_file_ops = {
    .name = "sysvshm",
    .read = shmem_file_read,
    .write = shmem_file_write,
    .llseek = shmem_file_llseek,
    .truncate = shmem_file_truncate,
    .getattr = shmem_getattr,
    .release = shm_release,
};
static unsigned short seq; /* makes shmids differ between reuses of a slot */

static int64_t now_sec(void)
{
	return (int64_t)(kernel_time_ns() / 1000000000u);
}

static struct shm_segment *seg_of(int shmid)
{
	struct shm_segment *s = shmid >= 0 ? segs[shmid % SHMMNI] : NULL;
	return s && s->id == shmid ? s : NULL;
}

/* Attaches of the object: VMAs mapping its file, over every address space. */
static unsigned long nattch(const struct file *f)
{
	struct task_struct *t;
	unsigned long n = 0;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t->pid != t->tgid || t->state == TASK_DEAD)
			continue; /* (threads share the leader's mm) */
		for (int i = 0; i < t->mm->map_count; i++)
			n += t->mm->vmas[i]->vm_file == f;
	}
	return n;
}

long sys_shmget(int key, uint64_t size, int flags)
{
	struct shm_segment *s;
	int slot = -1;

	if (key != IPC_PRIVATE) {
		for (int i = 0; i < SHMMNI; i++) {
			if (!segs[i] || segs[i]->removed || segs[i]->key != key)
				continue;
			if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
				return -EEXIST;
			if (size > segs[i]->size)
				return -EINVAL;
			return segs[i]->id;
		}
		if (!(flags & IPC_CREAT))
			return -ENOENT;
	}
	if (size < 1 || size > SHMEM_MAX_BYTES)
		return -EINVAL;
	for (int i = 0; i < SHMMNI && slot < 0; i++)
		if (!segs[i])
			slot = i;
	if (slot < 0)
		return -ENOSPC;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->file = shmem_file_setup(size);
	if (!s->file) {
		kfree(s);
		return -ENOMEM;
	}
	s->file->f_op = &shm_file_ops;
	kfree(s->file->path);
	s->file->path = kstrdup("/SYSV00000000 (deleted)", GFP_KERNEL);
	if (s->file->path) /* (the name of the mapping in /proc/PID/maps, as Linux) */
		snprintf(s->file->path, 24, "/SYSV%08x (deleted)", (unsigned int)key);
	s->key = key;
	s->id = (int)(++seq % 32768) * SHMMNI + slot;
	s->size = size;
	s->mode = (unsigned int)flags & 0777;
	s->cpid = current->tgid;
	s->ctime = now_sec();
	segs[slot] = s;
	return s->id;
}

long sys_shmat(int shmid, uint64_t addr, int flags)
{
	struct shm_segment *s = seg_of(shmid);
	unsigned long prot = PROT_READ | ((flags & SHM_RDONLY) ? 0 : PROT_WRITE) |
			     ((flags & SHM_EXEC) ? PROT_EXEC : 0);
	unsigned long mflags = MAP_SHARED;
	int64_t r;

	if (!s)
		return -EINVAL;
	if (addr) {
		if (addr & (SHMLBA - 1)) {
			if (!(flags & SHM_RND))
				return -EINVAL;
			addr &= ~(uint64_t)(SHMLBA - 1);
		}
		/* a fixed address; what is there already only goes with SHM_REMAP */
		mflags |= (flags & SHM_REMAP) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
	} else if (flags & SHM_REMAP) {
		return -EINVAL;
	}
	r = do_mmap(current->mm, addr, s->size, prot, mflags, s->file, 0, current->tgid);
	if (r == -EEXIST)
		return -EINVAL;
	if (r < 0)
		return r;
	s->atime = now_sec();
	s->lpid = current->tgid;
	return r;
}

long sys_shmdt(uint64_t addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v = vma_lookup(mm, addr);
	struct file *f;
	uint64_t end;

	if (addr & (PAGE_SIZE - 1) || !v || v->vm_start != addr || !v->vm_file ||
	    v->vm_file->f_op != &shm_file_ops || v->vm_pgoff)
		return -EINVAL;
	/* the whole attach: its VMAs may have been split by mprotect; another
	 * attach of the same segment right above starts again at offset 0 */
	f = v->vm_file;
	end = v->vm_end;
	for (int i = vma_index(mm, v) + 1; i < mm->map_count; i++) {
		struct vm_area_struct *n = mm->vmas[i];
		if (n->vm_file != f || n->vm_start != end ||
		    n->vm_pgoff != (n->vm_start - addr) >> PAGE_SHIFT)
			break;
		end = n->vm_end;
	}
	for (int i = 0; i < SHMMNI; i++) {
		if (segs[i] && segs[i]->file == f) {
			segs[i]->dtime = now_sec();
			segs[i]->lpid = current->tgid;
		}
	}
	return do_munmap(mm, addr, end - addr);
}

/* struct shmid64_ds of riscv64 (asm-generic), 112 bytes. */
struct linux_shmid64_ds {
	int32_t key;
	uint32_t uid, gid, cuid, cgid, mode;
	uint16_t seq, pad2;
	uint32_t pad3;
	uint64_t unused1, unused2;
	uint64_t segsz;
	int64_t atime, dtime, ctime;
	int32_t cpid, lpid;
	uint64_t nattch, unused4, unused5;
};

static void fill_ds(const struct shm_segment *s, struct linux_shmid64_ds *d)
{
	memset(d, 0, sizeof(*d));
	d->key = s->removed ? IPC_PRIVATE : s->key;
	d->mode = s->mode | (s->removed ? SHM_DEST : 0);
	d->seq = (uint16_t)(s->id / SHMMNI);
	d->segsz = s->size;
	d->atime = s->atime;
	d->dtime = s->dtime;
	d->ctime = s->ctime;
	d->cpid = s->cpid;
	d->lpid = s->lpid;
	d->nattch = nattch(s->file);
}

/* IPC_RMID: the table lets go; the segment ends with its file's last reference. */
static void seg_remove(struct shm_segment *s)
{
	if (s->removed)
		return;
	s->removed = true;
	fput(s->file); /* (may free s, through shm_release) */
}

long sys_shmctl(int shmid, int cmd, uint64_t ubuf)
{
	struct shm_segment *s;
	struct linux_shmid64_ds d;

	cmd &= ~IPC_64;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO: return -EINVAL; /* (the limits and usage tables are not provided) */
	case SHM_STAT:
	case SHM_STAT_ANY:
		if (shmid < 0 || shmid >= SHMMNI || !segs[shmid])
			return -EINVAL;
		fill_ds(segs[shmid], &d);
		return copy_to_user(ubuf, &d, sizeof(d)) ? -EFAULT : segs[shmid]->id;
	}
	s = seg_of(shmid);
	if (!s)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT: fill_ds(s, &d); return copy_to_user(ubuf, &d, sizeof(d)) ? -EFAULT : 0;
	case IPC_SET:
		if (copy_from_user(&d, ubuf, sizeof(d)))
			return -EFAULT;
		s->mode = d.mode & 0777;
		s->ctime = now_sec();
		return 0;
	case IPC_RMID: seg_remove(s); return 0;
	}
	return -EINVAL;
}

void shm_exit(void)
{
	for (int i = 0; i < SHMMNI; i++)
		if (segs[i])
			seg_remove(segs[i]);
}
