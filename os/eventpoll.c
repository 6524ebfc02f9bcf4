/*
 * eventpoll.c - epoll(7) and eventfd(2).
 *
 * An epoll instance is a file whose private data is its interest list: an
 * array of (fd, file, events, data) registrations. Like Linux's, a
 * registration names an open file (the one fd led to when it was added) but
 * holds no reference on it: when the file's last reference goes, fput()
 * calls eventpoll_release_file(), which takes it out of every instance (all
 * instances are on one list; a file counts its registrations in f_ep_refs,
 * so other files cost nothing). Closing one of several descriptors of a
 * file keeps its registration, as in Linux. epoll_pwait looks at every
 * registration's readiness (f_op->poll); when none is ready it sleeps on a
 * poll table of the registered files (select.c), so the scheduler wakes it
 * like ppoll.
 *
 * Level-triggered by default. EPOLLET reports a registration when it has
 * become ready since it was last reported, or when something happened to the
 * file since then (its f_op->poll_seq moved: data written to a pipe that was
 * already readable is a new edge, as in Linux; files without poll_seq get
 * only the first kind of edge). EPOLLONESHOT disables a registration
 * once reported, until EPOLL_CTL_MOD. An instance is itself pollable
 * (readable when a registration is ready), nested at most EP_MAX_NESTS deep.
 *
 * An eventfd is a file holding a 64-bit counter: write adds (blocking while
 * it would pass 2^64-2), read returns it and resets it (EFD_SEMAPHORE:
 * returns 1 and decrements), blocking while it is 0.
 */
#include <errno.h>
#include <string.h>

#include "os/eventpoll.h"
#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/list.h"
#include "os/mm/slab.h"
#include "os/select.h"
#include "os/task.h"
#include "os/uaccess.h"
#include "os/uapi.h"

#define EPOLLIN		0x1u
#define EPOLLPRI	0x2u
#define EPOLLOUT	0x4u
#define EPOLLERR	0x8u
#define EPOLLHUP	0x10u
#define EPOLLRDNORM	0x40u
#define EPOLLWRNORM	0x100u
#define EPOLLRDHUP	0x2000u
#define EPOLLEXCLUSIVE	(1u << 28)
#define EPOLLWAKEUP	(1u << 29)
#define EPOLLONESHOT	(1u << 30)
#define EPOLLET		(1u << 31)
#define EP_PRIVATE_BITS (EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EP_MAX_EVENTS (INT32_MAX / 12) /* Linux's bound on maxevents */
#define EP_MAX_NESTS  4

struct epitem {
	int fd;
	struct file *file; /* no reference: checked against the descriptor table */
	uint32_t events;   /* EPOLL* asked for, including EP_PRIVATE_BITS */
	uint32_t reported; /* EPOLLET: what was ready when last reported... */
	unsigned long seq; /* ...and the file's poll_seq then */
	uint64_t data;
};

struct eventpoll {
	struct list_head link; /* on eventpolls */
	int n, cap;
	struct epitem *items;
};

static LIST_HEAD(eventpolls);

/* The struct epoll_event of riscv64 (no packing: 16 bytes). */
struct linux_epoll_event {
	uint32_t events;
	uint32_t pad;
	uint64_t data;
};

static const struct file_operations eventpoll_ops;

/* EPOLL* bits for FILE_POLL_* readiness m (HUP and ERR always count). */
static uint32_t epoll_bits(unsigned int m)
{
	uint32_t r = 0;
	if (m & FILE_POLL_IN)
		r |= EPOLLIN | EPOLLRDNORM;
	if (m & FILE_POLL_OUT)
		r |= EPOLLOUT | EPOLLWRNORM;
	if (m & FILE_POLL_HUP)
		r |= EPOLLHUP | EPOLLRDHUP;
	if (m & FILE_POLL_ERR)
		r |= EPOLLERR;
	return r;
}

/* Take item i out of ep (order kept: events come back in the order added). */
static void ep_remove(struct eventpoll *ep, int i)
{
	ep->items[i].file->f_ep_refs--;
	memmove(&ep->items[i], &ep->items[i + 1], (size_t)(ep->n - i - 1) * sizeof(ep->items[0]));
	ep->n--;
}

void eventpoll_release_file(struct file *f)
{
	struct eventpoll *ep;
	list_for_each_entry(ep, &eventpolls, link)
		for (int i = ep->n - 1; i >= 0; i--)
			if (ep->items[i].file == f)
				ep_remove(ep, i);
}

static int nest_depth;

/* What of it is ready to report now (0: nothing, or disabled). */
static uint32_t ep_ready(struct epitem *it)
{
	uint32_t want = it->events & ~EP_PRIVATE_BITS, got;
	if (!want || nest_depth >= EP_MAX_NESTS)
		return 0; /* disabled (EPOLLONESHOT fired), or nested too deep */
	nest_depth++;
	got = epoll_bits(it->file->f_op->poll(it->file)) & want;
	nest_depth--;
	if (it->events & EPOLLET) {
		unsigned long seq =
		    it->file->f_op->poll_seq ? it->file->f_op->poll_seq(it->file) : 0;
		bool edge = (got & ~it->reported) || (got && seq != it->seq);
		it->reported = got; /* what went away may come back as a new edge */
		it->seq = seq;
		return edge ? got : 0;
	}
	return got;
}

static unsigned int eventpoll_poll(struct file *f)
{
	struct eventpoll *ep = f->private_data;
	for (int i = 0; i < ep->n; i++) {
		struct epitem it = ep->items[i]; /* a look, not a report: no edge consumed */
		if (ep_ready(&it))
			return FILE_POLL_IN;
	}
	return 0;
}

static void eventpoll_release(struct file *f)
{
	struct eventpoll *ep = f->private_data;
	while (ep->n)
		ep_remove(ep, ep->n - 1);
	list_del(&ep->link);
	kfree(ep->items);
	kfree(ep);
}

static const struct file_operations eventpoll_ops = {
    .name = "anon_inode:[eventpoll]",
    .poll = eventpoll_poll,
    .release = eventpoll_release,
};

long sys_epoll_create1(int flags)
{
	struct eventpoll *ep;
	struct file *f;
	int fd;

	if (flags & ~LINUX_O_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	f = alloc_file(&eventpoll_ops, -1, LINUX_O_RDWR, FMODE_READ | FMODE_WRITE,
		       "anon_inode:[eventpoll]");
	if (!f) {
		kfree(ep);
		return -ENOMEM;
	}
	f->private_data = ep;
	list_add(&ep->link, &eventpolls);
	fd = fd_install_lowest(current->files, f, 0, flags & LINUX_O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

static struct eventpoll *ep_of(int epfd)
{
	struct file *f = fget_raw(current->files, epfd);
	return f && f->f_op == &eventpoll_ops ? f->private_data : NULL;
}

long sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent)
{
	struct file *ef = fget_raw(current->files, epfd), *f = fget_raw(current->files, fd);
	struct linux_epoll_event ev = {0};
	struct eventpoll *ep;
	int i;

	if (!ef || !f)
		return -EBADF;
	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	if (!f->f_op->poll)
		return -EPERM; /* regular files and directories are always ready: Linux says EPERM
				*/
	if (ef == f || ef->f_op != &eventpoll_ops)
		return -EINVAL;
	ep = ef->private_data;
	ev.events |= EPOLLERR | EPOLLHUP; /* always reported, as Linux stores them */
	for (i = 0; i < ep->n; i++)
		if (ep->items[i].fd == fd && ep->items[i].file == f)
			break;
	switch (op) {
	case EPOLL_CTL_ADD:
		if (i < ep->n)
			return -EEXIST;
		if (ep->n == ep->cap) {
			int cap = ep->cap ? 2 * ep->cap : 8;
			struct epitem *n = kmalloc((size_t)cap * sizeof(*n), GFP_KERNEL);
			if (!n)
				return -ENOMEM;
			if (ep->n)
				memcpy(n, ep->items, (size_t)ep->n * sizeof(*n));
			kfree(ep->items);
			ep->items = n;
			ep->cap = cap;
		}
		ep->items[ep->n++] = (struct epitem){fd, f, ev.events, 0, 0, ev.data};
		f->f_ep_refs++;
		return 0;
	case EPOLL_CTL_MOD:
		if (i == ep->n)
			return -ENOENT;
		if (ev.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		ep->items[i].events = ev.events;
		ep->items[i].reported = 0;
		ep->items[i].seq = 0;
		ep->items[i].data = ev.data;
		return 0;
	case EPOLL_CTL_DEL:
		if (i == ep->n)
			return -ENOENT;
		ep_remove(ep, i);
		return 0;
	}
	return -EINVAL;
}

/* The FILE_POLL_* bits that end a wait for events. */
static unsigned int wanted(uint32_t events)
{
	unsigned int w = FILE_POLL_HUP | FILE_POLL_ERR;
	if (events & (EPOLLIN | EPOLLRDNORM | EPOLLPRI))
		w |= FILE_POLL_IN;
	if (events & (EPOLLOUT | EPOLLWRNORM))
		w |= FILE_POLL_OUT;
	return w;
}

/*
 * epoll_pwait/epoll_pwait2: up to maxevents ready registrations, in the
 * order they were added; timeout_ns -1 waits for ever, 0 not at all.
 */
static long ep_wait(int epfd, uint64_t uevents, int maxevents, int64_t timeout_ns, uint64_t usig,
		    uint64_t sigsetsize)
{
	struct eventpoll *ep = ep_of(epfd);
	struct linux_epoll_event out[64];
	struct poll_table *pt;
	bool expired;
	long n = 0, err;

	if (!fget_raw(current->files, epfd))
		return -EBADF;
	if (!ep || maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	err = wait_begin(usig, sigsetsize, timeout_ns, 0, &expired);
	if (err)
		return wait_end(0, err);
	for (int i = 0; i < ep->n && n < maxevents; i++) {
		uint32_t got = ep_ready(&ep->items[i]);
		if (!got)
			continue;
		out[n % 64] = (struct linux_epoll_event){got, 0, ep->items[i].data};
		if (ep->items[i].events & EPOLLONESHOT)
			ep->items[i].events &= EP_PRIVATE_BITS; /* disabled until EPOLL_CTL_MOD */
		n++;
		if (n % 64 == 0 &&
		    copy_to_user(uevents + (uint64_t)(n - 64) * sizeof(out[0]), out, sizeof(out)))
			return wait_end(0, -EFAULT);
	}
	if (n % 64 && copy_to_user(uevents + (uint64_t)(n - n % 64) * sizeof(out[0]), out,
				   (size_t)(n % 64) * sizeof(out[0])))
		return wait_end(0, -EFAULT);
	if (n || expired)
		return wait_end(0, n);
	pt = poll_table_alloc(ep->n);
	if (!pt)
		return wait_end(0, -ENOMEM);
	for (int i = 0; i < ep->n; i++)
		if (ep->items[i].events & ~EP_PRIVATE_BITS)
			poll_table_add(pt, ep->items[i].file, wanted(ep->items[i].events));
	return wait_sleep(pt);
}

long sys_epoll_pwait(int epfd, uint64_t uevents, int maxevents, int timeout_ms, uint64_t usig,
		     uint64_t sigsetsize)
{
	return ep_wait(epfd, uevents, maxevents, timeout_ms < 0 ? -1 : timeout_ms * 1000000ll, usig,
		       sigsetsize);
}

long sys_epoll_pwait2(int epfd, uint64_t uevents, int maxevents, uint64_t utmo, uint64_t usig,
		      uint64_t sigsetsize)
{
	int64_t ns = -1;
	long err = utmo ? get_timespec_ns(utmo, &ns) : 0;
	if (err)
		return err;
	return ep_wait(epfd, uevents, maxevents, ns, usig, sigsetsize);
}

/* eventfd */

#define EFD_SEMAPHORE 1
#define EFD_MAX	      UINT64_C(0xfffffffffffffffe)

struct eventfd_ctx {
	uint64_t count;
	unsigned long seq; /* poll_seq: every read and write */
	bool semaphore;
};

static ssize_t eventfd_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	uint64_t v;
	if (n < 8)
		return -EINVAL;
	if (!ctx->count)
		return -EAGAIN; /* (sys_read sleeps unless O_NONBLOCK) */
	v = ctx->semaphore ? 1 : ctx->count;
	ctx->count -= v;
	ctx->seq++;
	memcpy(buf, &v, 8);
	return 8;
}

static ssize_t eventfd_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	struct eventfd_ctx *ctx = f->private_data;
	uint64_t v;
	if (n < 8)
		return -EINVAL;
	memcpy(&v, buf, 8);
	if (v == UINT64_MAX)
		return -EINVAL;
	if (v > EFD_MAX - ctx->count)
		return -EAGAIN; /* (sys_write sleeps unless O_NONBLOCK) */
	ctx->count += v;
	ctx->seq++;
	return 8;
}

static unsigned int eventfd_poll(struct file *f)
{
	struct eventfd_ctx *ctx = f->private_data;
	return (ctx->count ? FILE_POLL_IN : 0) | (ctx->count < EFD_MAX ? FILE_POLL_OUT : 0);
}

static unsigned long eventfd_poll_seq(struct file *f)
{
	return ((struct eventfd_ctx *)f->private_data)->seq;
}

static void eventfd_release(struct file *f)
{
	kfree(f->private_data);
}

static const struct file_operations eventfd_ops = {
    .name = "anon_inode:[eventfd]",
    .read = eventfd_read,
    .write = eventfd_write,
    .poll = eventfd_poll,
    .poll_seq = eventfd_poll_seq,
    .release = eventfd_release,
};

long sys_eventfd2(unsigned int initval, int flags)
{
	struct eventfd_ctx *ctx;
	struct file *f;
	int fd;

	if (flags & ~(LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->count = initval;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	f = alloc_file(&eventfd_ops, -1, LINUX_O_RDWR | (flags & LINUX_O_NONBLOCK),
		       FMODE_READ | FMODE_WRITE, "anon_inode:[eventfd]");
	if (!f) {
		kfree(ctx);
		return -ENOMEM;
	}
	f->private_data = ctx;
	fd = fd_install_lowest(current->files, f, 0, flags & LINUX_O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}
