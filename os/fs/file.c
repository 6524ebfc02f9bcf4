/*
 * file.c - struct file's life cycle and the host-backed file operations.
 *
 * Host files are reached through a host descriptor opened by the path walker
 * (always with O_NOFOLLOW, relative to a directory inside the root). Regular
 * files use positional host I/O at f_pos, so descriptors sharing a struct file
 * share its offset exactly as on Linux; streams (ttys, fifos) have none.
 * O_APPEND is applied here (the offset moves to the end before each write),
 * not by the host.
 */
#include "os/fs/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/eventpoll.h"
#include "os/fs/fs.h"
#include "os/mm/filemap.h"
#include "os/mm/shmem.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"
#include "os/uapi.h"

static struct kmem_cache *filp_cachep;

int files_cache_init(void)
{
	if (!filp_cachep)
		filp_cachep =
		    kmem_cache_create("filp", sizeof(struct file), 0, SLAB_HWCACHE_ALIGN, NULL);
	return filp_cachep ? 0 : -ENOMEM;
}

void files_cache_exit(void)
{
	if (filp_cachep)
		kmem_cache_destroy(filp_cachep);
	filp_cachep = NULL;
}

struct file *alloc_file(const struct file_operations *op, int host_fd, unsigned int f_flags,
			unsigned int f_mode, const char *path)
{
	struct file *f = filp_cachep ? kmem_cache_zalloc(filp_cachep, GFP_KERNEL) : NULL;
	if (!f)
		goto fail;
	f->path = kstrdup(path, GFP_KERNEL);
	if (!f->path) {
		kmem_cache_free(filp_cachep, f);
		goto fail;
	}
	f->f_count = 1;
	f->f_op = op;
	f->f_flags = f_flags;
	f->f_mode = f_mode;
	f->host_fd = host_fd;
	f->kind = POS_HOST;
	return f;
fail:
	if (host_fd >= 0)
		close(host_fd);
	return NULL;
}

void get_file(struct file *f)
{
	if (f->f_count <= 0)
		panic("get_file: f_count %d (use after free)", f->f_count);
	f->f_count++;
}

void fput(struct file *f)
{
	if (f->f_count <= 0)
		panic("fput: f_count %d (underflow)", f->f_count);
	if (--f->f_count)
		return;
	if (f->f_ep_refs) /* its epoll registrations go with it, as in Linux */
		eventpoll_release_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	if (f->f_mode & FMODE_WRITER)
		put_write_access(f->f_inode);
	if (f->f_inode)
		iput(f->f_inode, f->host_fd);
	if (f->host_fd >= 0)
		close(f->host_fd);
	kfree(f->path);
	kmem_cache_free(filp_cachep, f);
}

const void *file_wait_channel(const struct file *f)
{
	return f->private_data ? f->private_data : (const void *)f;
}

/*
 * Regular files are read through the page cache (so read() sees what
 * MAP_SHARED mappings wrote) and written through it: the host file is
 * written at once and the cached pages are updated, so cache and file agree
 * except for pages dirtied through mappings, written back on msync, munmap,
 * fsync and exit.
 */
static ssize_t host_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct stat st;
	size_t done = 0;

	if (!f->f_inode) {
		ssize_t r = pread(f->host_fd, buf, n, *pos);
		if (r < 0)
			return -errno;
		*pos += r;
		return r;
	}
	if (fstat(f->host_fd, &st) < 0)
		return -errno;
	while (done < n && *pos < st.st_size) {
		unsigned long index = (unsigned long)(*pos / (int64_t)PAGE_SIZE);
		size_t off = (size_t)(*pos % (int64_t)PAGE_SIZE), k = PAGE_SIZE - off;
		bool major;
		struct page *pg = filemap_get_page(f, index, &major);
		if (!pg)
			return done ? (ssize_t)done : -ENOMEM;
		if (k > n - done)
			k = n - done;
		if ((int64_t)k > st.st_size - *pos)
			k = (size_t)(st.st_size - *pos);
		memcpy((uint8_t *)buf + done, (uint8_t *)page_address(pg) + off, k);
		put_page(pg);
		done += k;
		*pos += (int64_t)k;
	}
	return (ssize_t)done;
}

static ssize_t host_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	if (f->f_flags & LINUX_O_APPEND) {
		struct stat st;
		if (fstat(f->host_fd, &st) < 0)
			return -errno;
		*pos = st.st_size;
	}
	ssize_t r = pwrite(f->host_fd, buf, n, *pos);
	if (r < 0)
		return -errno;
	if (f->f_inode)
		filemap_update_range(f, *pos, buf, (size_t)r);
	*pos += r;
	return r;
}

static int64_t host_llseek(struct file *f, int64_t off, int whence)
{
	int64_t base;
	struct stat st;

	switch (whence) {
	case LINUX_SEEK_SET: base = 0; break;
	case LINUX_SEEK_CUR: base = f->f_pos; break;
	case LINUX_SEEK_END:
		if (fstat(f->host_fd, &st) < 0)
			return -errno;
		base = st.st_size;
		break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static int host_getattr(struct file *f, struct kstat *k)
{
	struct stat st;
	if (fstat(f->host_fd, &st) < 0)
		return -errno;
	kstat_from_host(k, &st);
	return 0;
}

/* Pages dirtied through shared mappings go to the host file first. */
static int host_fsync(struct file *f)
{
	int err = f->f_inode ? filemap_fdatawrite(f->f_inode) : 0;
	if (fsync(f->host_fd) < 0)
		return -errno;
	return err;
}

static int host_truncate(struct file *f, int64_t len)
{
	if (ftruncate(f->host_fd, len) < 0)
		return -errno;
	if (f->f_inode)
		filemap_truncate(f->f_inode, len);
	return 0;
}

static unsigned int host_poll(struct file *f)
{
	return FILE_POLL_IN | FILE_POLL_OUT;
}

int shmem_getattr(struct file *f, struct kstat *k)
{
	memset(k, 0, sizeof(*k));
	k->dev = SHMEM_DEV;
	k->ino = f->f_inode ? f->f_inode->i_ino : 0;
	k->mode = LINUX_S_IFREG | 0777;
	k->nlink = 0;
	k->size = (int64_t)f->f_inode->i_size;
	k->blksize = 4096;
	return 0;
}

const struct file_operations shmem_file_ops = {
    .name = "shmem",
    .read = shmem_file_read,
    .write = shmem_file_write,
    .llseek = shmem_file_llseek,
    .truncate = shmem_file_truncate,
    .getattr = shmem_getattr,
};

const struct file_operations host_file_ops = {
    .name = "file",
    .read = host_read,
    .write = host_write,
    .llseek = host_llseek,
    .getattr = host_getattr,
    .fsync = host_fsync,
    .truncate = host_truncate,
    /* no .poll: always ready for select/ppoll, EPERM for epoll (as Linux) */
};

static ssize_t stream_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	ssize_t r = read(f->host_fd, buf, n);
	return r < 0 ? -errno : r;
}

static ssize_t stream_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	ssize_t r = write(f->host_fd, buf, n);
	return r < 0 ? -errno : r;
}

/* Inherited descriptors share the host's offset, as they would after exec. */
static int64_t stream_llseek(struct file *f, int64_t off, int whence)
{
	static const int host_whence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
	if (whence < 0 || whence > LINUX_SEEK_END)
		return -EINVAL;
	off_t r = lseek(f->host_fd, off, host_whence[whence]);
	if (r < 0)
		return -errno;
	f->f_pos = r;
	return r;
}

const struct file_operations host_stream_ops = {
    .name = "stream",
    .read = stream_read,
    .write = stream_write,
    .llseek = stream_llseek,
    .getattr = host_getattr,
    .fsync = host_fsync,
    .poll = host_poll,
};

/* The host keeps the directory position; f_pos mirrors it for lseek. */
static ssize_t dir_iterate(struct file *f, void *buf, size_t n)
{
	long r = syscall(SYS_getdents64, f->host_fd, buf, n);
	if (r < 0)
		return -errno;
	f->f_pos = lseek(f->host_fd, 0, SEEK_CUR);
	return r;
}

static int64_t dir_llseek(struct file *f, int64_t off, int whence)
{
	if (whence != LINUX_SEEK_SET && whence != LINUX_SEEK_CUR)
		return -EINVAL;
	off_t r = lseek(f->host_fd, off, whence == LINUX_SEEK_SET ? SEEK_SET : SEEK_CUR);
	if (r < 0)
		return -errno;
	f->f_pos = r;
	return r;
}

static ssize_t dir_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return -EISDIR;
}

const struct file_operations host_dir_ops = {
    .name = "dir",
    .read = dir_read,
    .write = NULL,
    .llseek = dir_llseek,
    .iterate = dir_iterate,
    .getattr = host_getattr,
    .fsync = host_fsync,
};

struct file *file_from_host_fd(int host_fd, unsigned int f_flags, const char *name)
{
	int fd = fcntl(host_fd, F_DUPFD_CLOEXEC, 3);
	unsigned int mode;

	if (fd < 0)
		return NULL;
	switch (f_flags & LINUX_O_ACCMODE) {
	case LINUX_O_RDONLY: mode = FMODE_READ; break;
	case LINUX_O_WRONLY: mode = FMODE_WRITE; break;
	default: mode = FMODE_READ | FMODE_WRITE;
	}
	return alloc_file(&host_stream_ops, fd, f_flags, mode, name);
}
