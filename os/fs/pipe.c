/*
 * pipe.c - anonymous pipes (see pipe.h for semantics and invariants).
 */
#include "os/fs/pipe.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"
#include "os/uapi.h"

#define PIPEFS_DEV 0xc /* pipefs is an anonymous device, 0:12 as on a typical Linux */

static unsigned long pipe_ino_next = 1;

/* Copy len bytes between buf and the ring at offset off; allocate pages when writing. */
static int pipe_copy(struct pipe_inode_info *p, unsigned int off, void *buf, size_t len,
		     bool to_ring)
{
	uint8_t *b = buf;
	while (len) {
		unsigned int o = off % PIPE_SIZE, idx = o / 4096, in = o % 4096;
		size_t chunk = 4096 - in < len ? 4096 - in : len;
		if (!p->bufs[idx]) {
			if (!to_ring)
				panic("pipe_copy: unread bytes in a missing page %u", idx);
			p->bufs[idx] = alloc_page(GFP_KERNEL);
			if (!p->bufs[idx])
				return -ENOMEM;
		}
		uint8_t *pg = (uint8_t *)page_address(p->bufs[idx]) + in;
		if (to_ring)
			memcpy(pg, b, chunk);
		else
			memcpy(b, pg, chunk);
		b += chunk;
		off += (unsigned int)chunk;
		len -= chunk;
	}
	return 0;
}

static ssize_t pipe_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct pipe_inode_info *p = f->private_data;
	size_t k;

	if (!n)
		return 0;
	if (!p->len)
		return p->writers ? -EAGAIN : 0;
	k = n < p->len ? n : p->len;
	pipe_copy(p, p->rpos, buf, k, false);
	p->rpos = (unsigned int)((p->rpos + k) % PIPE_SIZE);
	p->len -= (unsigned int)k;
	p->wakeups++;
	return (ssize_t)k;
}

static ssize_t pipe_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	struct pipe_inode_info *p = f->private_data;
	size_t space = PIPE_SIZE - p->len, k;
	int err;

	if (!p->readers)
		return -EPIPE;
	if (!n)
		return 0;
	if (!space || (n <= PIPE_BUF && space < n))
		return -EAGAIN;
	k = n < space ? n : space;
	err = pipe_copy(p, p->rpos + p->len, (void *)buf, k, true);
	if (err)
		return err;
	p->len += (unsigned int)k;
	p->wakeups++;
	return (ssize_t)k;
}

static int pipe_getattr(struct file *f, struct kstat *k)
{
	struct pipe_inode_info *p = f->private_data;
	memset(k, 0, sizeof(*k));
	k->dev = PIPEFS_DEV;
	k->ino = p->ino;
	k->mode = LINUX_S_IFIFO | 0600;
	k->nlink = 1;
	k->uid = (uint32_t)getuid();
	k->gid = (uint32_t)getgid();
	k->blksize = 4096;
	return 0;
}

static unsigned int pipe_poll(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned int mask = 0;
	if (f->f_mode & FMODE_READ) {
		if (p->len)
			mask |= FILE_POLL_IN;
		if (!p->writers)
			mask |= FILE_POLL_HUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (PIPE_SIZE - p->len >= PIPE_BUF)
			mask |= FILE_POLL_OUT;
		if (!p->readers)
			mask |= FILE_POLL_ERR;
	}
	return mask;
}

static void pipe_free(struct pipe_inode_info *p)
{
	for (int i = 0; i < PIPE_DEF_BUFFERS; i++)
		if (p->bufs[i])
			__free_page(p->bufs[i]);
	kfree(p);
}

static void pipe_release(struct file *f)
{
	struct pipe_inode_info *p = f->private_data;
	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	p->wakeups++;
	if (!p->readers && !p->writers)
		pipe_free(p);
}

static unsigned long pipe_poll_seq(struct file *f)
{
	return ((struct pipe_inode_info *)f->private_data)->wakeups;
}

const struct file_operations pipe_read_ops = {
    .name = "pipe",
    .read = pipe_read,
    .getattr = pipe_getattr,
    .poll = pipe_poll,
    .poll_seq = pipe_poll_seq,
    .release = pipe_release,
};

const struct file_operations pipe_write_ops = {
    .name = "pipe",
    .write = pipe_write,
    .getattr = pipe_getattr,
    .poll = pipe_poll,
    .poll_seq = pipe_poll_seq,
    .release = pipe_release,
};

const struct file_operations pipe_rdwr_ops = {
    .name = "pipe",
    .read = pipe_read,
    .write = pipe_write,
    .getattr = pipe_getattr,
    .poll = pipe_poll,
    .poll_seq = pipe_poll_seq,
    .release = pipe_release,
};

int pipe_reopen(struct file *f, unsigned int flags, struct file **out)
{
	struct pipe_inode_info *p = f->private_data;
	unsigned int acc = flags & LINUX_O_ACCMODE;
	const struct file_operations *op = acc == LINUX_O_RDONLY   ? &pipe_read_ops
					   : acc == LINUX_O_WRONLY ? &pipe_write_ops
								   : &pipe_rdwr_ops;
	unsigned int fmode = acc == LINUX_O_RDONLY   ? FMODE_READ
			     : acc == LINUX_O_WRONLY ? FMODE_WRITE
						     : FMODE_READ | FMODE_WRITE;
	if (acc == 3)
		return -EINVAL;
	*out = alloc_file(op, -1, acc | (flags & LINUX_O_NONBLOCK), fmode, f->path);
	if (!*out)
		return -ENFILE;
	(*out)->private_data = p;
	if (fmode & FMODE_READ)
		p->readers++;
	if (fmode & FMODE_WRITE)
		p->writers++;
	return 0;
}

int create_pipe_files(struct file *files[2], unsigned int flags)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);
	char name[32];

	if (!p)
		return -ENOMEM;
	p->ino = pipe_ino_next++;
	snprintf(name, sizeof(name), "pipe:[%lu]", p->ino);
	flags &= LINUX_O_NONBLOCK;
	files[0] = alloc_file(&pipe_read_ops, -1, LINUX_O_RDONLY | flags, FMODE_READ, name);
	if (!files[0]) {
		kfree(p);
		return -ENFILE;
	}
	files[1] = alloc_file(&pipe_write_ops, -1, LINUX_O_WRONLY | flags, FMODE_WRITE, name);
	if (!files[1]) {
		/* release of the read end alone frees p once readers reach 0 */
		files[0]->private_data = p;
		p->readers = 1;
		fput(files[0]);
		return -ENFILE;
	}
	files[0]->private_data = files[1]->private_data = p;
	p->readers = p->writers = 1;
	return 0;
}
