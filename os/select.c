/*
 * select.c - waiting on several descriptors: ppoll(2) and pselect6(2) (what
 * glibc's poll() and select() call), with their temporary signal masks, and
 * rt_sigsuspend(2).
 *
 * A call that must wait records what it waits for in a poll table (the
 * files, with a reference each, and the events wanted) hung on the task;
 * the scheduler asks poll_table_ready() whether the task can run again, and
 * the woken call is executed again (syscall_restarted() tells it so) and
 * looks at the descriptors afresh. Its deadline is fixed by the first call
 * (timer_deadline), so restarts do not stretch the timeout.
 *
 * A temporary mask (ppoll, pselect6, sigsuspend) replaces blocked for the
 * wait; the old mask is kept in saved_sigmask and comes back when the call
 * returns, or through the handler's frame when a signal interrupts it.
 */
#include <errno.h>
#include <string.h>

#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/mm/slab.h"
#include "os/select.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define POLLIN	     0x1
#define POLLPRI	     0x2
#define POLLOUT	     0x4
#define POLLERR	     0x8
#define POLLHUP	     0x10
#define POLLNVAL     0x20
#define POLLRDNORM   0x40
#define POLLWRNORM   0x100
#define MAX_POLL_FDS 1024			  /* RLIMIT_NOFILE */
#define UNBLOCKABLE  ((1ull << 8) | (1ull << 18)) /* SIGKILL, SIGSTOP */

struct poll_table {
	int n;
	struct {
		struct file *f;
		unsigned int events; /* FILE_POLL_* bits that end the wait */
	} e[];
};

void poll_table_free(struct task_struct *t)
{
	struct poll_table *pt = t->poll_wait;
	if (!pt)
		return;
	for (int i = 0; i < pt->n; i++)
		fput(pt->e[i].f);
	kfree(pt);
	t->poll_wait = NULL;
}

bool poll_table_ready(struct task_struct *t)
{
	struct poll_table *pt = t->poll_wait;
	if (t->timer_deadline && kernel_time_ns() >= t->timer_deadline)
		return true;
	for (int i = 0; pt && i < pt->n; i++)
		if (pt->e[i].f->f_op->poll &&
		    (pt->e[i].f->f_op->poll(pt->e[i].f) & pt->e[i].events))
			return true;
	return false;
}

/* Linux's revents for a file whose readiness is m (FILE_POLL_* bits). */
static unsigned int revents_of(unsigned int m, unsigned int events)
{
	unsigned int r = 0;
	if (m & FILE_POLL_IN)
		r |= (POLLIN | POLLRDNORM) & events;
	if (m & FILE_POLL_OUT)
		r |= (POLLOUT | POLLWRNORM) & events;
	if (m & FILE_POLL_HUP)
		r |= POLLHUP; /* reported whether asked for or not, like POLLERR */
	if (m & FILE_POLL_ERR)
		r |= POLLERR;
	return r;
}

/* The wait-ending bits of FILE_POLL_* for poll events ev. */
static unsigned int wanted(unsigned int ev)
{
	unsigned int w = FILE_POLL_HUP | FILE_POLL_ERR;
	if (ev & (POLLIN | POLLRDNORM))
		w |= FILE_POLL_IN;
	if (ev & (POLLOUT | POLLWRNORM))
		w |= FILE_POLL_OUT;
	return w;
}

static unsigned int file_poll(struct file *f)
{
	return f->f_op->poll ? f->f_op->poll(f) : FILE_POLL_IN | FILE_POLL_OUT;
}

/*
 * Start (or, when restarted, continue) a wait: install the temporary mask
 * from usigmask and fix the deadline timeout_ns from now (-1: none; 0: a
 * poll that must not sleep). urem: where a handler's EINTR writes the time
 * left (0: nowhere). *expired: the deadline has passed.
 */
long wait_begin(uint64_t usigmask, uint64_t sigsetsize, int64_t timeout_ns, uint64_t urem,
		bool *expired)
{
	struct task_struct *t = current;
	*expired = false;
	if (!syscall_restarted()) {
		uint64_t mask;
		if (usigmask) {
			if (sigsetsize != 8)
				return -EINVAL;
			if (copy_from_user(&mask, usigmask, 8))
				return -EFAULT;
		}
		t->timer_deadline = 0;
		t->timer_rem = 0;
		if (timeout_ns == 0) {
			*expired = true;
		} else if (timeout_ns > 0) {
			t->timer_deadline = kernel_time_ns() + (uint64_t)timeout_ns;
			t->timer_rem = urem; /* a handler's EINTR writes the time left */
		}
		if (usigmask && !t->restore_sigmask) {
			t->saved_sigmask = t->blocked;
			t->restore_sigmask = true;
			t->blocked = mask & ~UNBLOCKABLE;
		}
	} else if (t->timer_deadline && kernel_time_ns() >= t->timer_deadline) {
		*expired = true;
	}
	return 0;
}

/* The timeout of the timespec at utmo (0: none) in ns, -1 for none; -EFAULT/-EINVAL in *err. */
static int64_t user_timeout(uint64_t utmo, long *err)
{
	int64_t ns = -1;
	*err = 0;
	if (!utmo || syscall_restarted())
		return -1; /* (a restarted call keeps the deadline it fixed) */
	*err = get_timespec_ns(utmo, &ns);
	return *err ? -1 : ns;
}

/* The call returns: the old mask comes back; the time left goes to utmo (Linux does;
 * when a handler interrupts the wait, signal.c writes it through timer_rem instead). */
long wait_end(uint64_t utmo, long ret)
{
	struct task_struct *t = current;
	poll_table_free(t);
	if (t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
	if (utmo && t->timer_deadline && ret >= 0) {
		uint64_t now = kernel_time_ns(),
			 left = t->timer_deadline > now ? t->timer_deadline - now : 0;
		int64_t ts[2] = {(int64_t)(left / 1000000000u), (int64_t)(left % 1000000000u)};
		if (copy_to_user(utmo, ts, sizeof(ts)))
			ret = -EFAULT;
	}
	t->timer_deadline = 0;
	return ret;
}

/* Sleep on pt (NULL: until a signal or the deadline). */
long wait_sleep(struct poll_table *pt)
{
	struct task_struct *t = current;
	poll_table_free(t);
	t->poll_wait = pt;
	t->state = TASK_INTERRUPTIBLE;
	t->wait_kind = WAIT_POLL;
	return -ERESTARTNOHAND;
}

struct poll_table *poll_table_alloc(int n)
{
	struct poll_table *pt = kmalloc(sizeof(*pt) + (size_t)n * sizeof(pt->e[0]), GFP_KERNEL);
	if (pt)
		pt->n = 0;
	return pt;
}

void poll_table_add(struct poll_table *pt, struct file *f, unsigned int events)
{
	get_file(f);
	pt->e[pt->n].f = f;
	pt->e[pt->n].events = events;
	pt->n++;
}

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

long sys_ppoll(uint64_t ufds, uint64_t nfds, uint64_t utmo, uint64_t usigmask, uint64_t sigsetsize)
{
	struct linux_pollfd *pfd;
	struct poll_table *pt = NULL;
	bool expired;
	long ready = 0, err;

	if (nfds > MAX_POLL_FDS)
		return -EINVAL;
	int64_t tmo = user_timeout(utmo, &err);
	if (!err)
		err = wait_begin(usigmask, sigsetsize, tmo, utmo, &expired);
	if (err)
		return wait_end(0, err);
	pfd = kmalloc(nfds * sizeof(*pfd) + 1, GFP_KERNEL);
	if (!pfd)
		return wait_end(0, -ENOMEM);
	if (nfds && copy_from_user(pfd, ufds, nfds * sizeof(*pfd))) {
		ready = -EFAULT;
		goto out;
	}
	for (uint64_t i = 0; i < nfds; i++) {
		struct file *f = pfd[i].fd >= 0 ? fget_raw(current->files, pfd[i].fd) : NULL;
		pfd[i].revents = 0;
		if (pfd[i].fd < 0)
			continue;
		if (!f)
			pfd[i].revents = POLLNVAL;
		else
			pfd[i].revents = (int16_t)revents_of(file_poll(f), (uint16_t)pfd[i].events);
		if (pfd[i].revents)
			ready++;
	}
	if (ready || expired) {
		if (nfds && copy_to_user(ufds, pfd, nfds * sizeof(*pfd)))
			ready = -EFAULT;
		goto out;
	}
	pt = poll_table_alloc((int)nfds);
	if (!pt) {
		ready = -ENOMEM;
		goto out;
	}
	for (uint64_t i = 0; i < nfds; i++)
		if (pfd[i].fd >= 0)
			poll_table_add(pt, fget_raw(current->files, pfd[i].fd),
				       wanted((uint16_t)pfd[i].events));
	kfree(pfd);
	return wait_sleep(pt);
out:
	kfree(pfd);
	return wait_end(utmo, ready);
}

/*
 * pselect6(2): fd_set bitmaps of n bits at inp/outp/exp; usig points to
 * { sigset_t *ss; size_t ss_len; }. Readable means POLLIN, POLLHUP or
 * POLLERR, writable POLLOUT or POLLERR; nothing is ever exceptional here.
 */
long sys_pselect6(int n, uint64_t inp, uint64_t outp, uint64_t exp, uint64_t utmo, uint64_t usig)
{
	uint64_t in[MAX_POLL_FDS / 64], out[MAX_POLL_FDS / 64], rin[MAX_POLL_FDS / 64],
	    rout[MAX_POLL_FDS / 64], sig[2] = {0, 0};
	size_t words, bytes;
	struct poll_table *pt;
	bool expired;
	long ready = 0, err;

	if (n < 0)
		return -EINVAL;
	if (n > MAX_POLL_FDS)
		n = MAX_POLL_FDS;
	words = ((size_t)n + 63) / 64;
	bytes = ((size_t)n + 7) / 8;
	if (usig && copy_from_user(sig, usig, sizeof(sig)))
		return -EFAULT;
	memset(in, 0, sizeof(in));
	memset(out, 0, sizeof(out));
	memset(rin, 0, sizeof(rin));
	memset(rout, 0, sizeof(rout));
	if ((inp && copy_from_user(in, inp, bytes)) || (outp && copy_from_user(out, outp, bytes)))
		return -EFAULT;
	int64_t tmo = user_timeout(utmo, &err);
	if (!err)
		err = wait_begin(sig[0], sig[1], tmo, utmo, &expired);
	if (err)
		return wait_end(0, err);
	for (int fd = 0; fd < n; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		bool r = in[fd / 64] & bit, w = out[fd / 64] & bit;
		struct file *f;
		unsigned int m;
		if (!r && !w)
			continue;
		f = fget_raw(current->files, fd);
		if (!f)
			return wait_end(0, -EBADF);
		m = file_poll(f);
		if (r && (m & (FILE_POLL_IN | FILE_POLL_HUP | FILE_POLL_ERR))) {
			rin[fd / 64] |= bit;
			ready++;
		}
		if (w && (m & (FILE_POLL_OUT | FILE_POLL_ERR))) {
			rout[fd / 64] |= bit;
			ready++;
		}
	}
	if (ready || expired) {
		memset(in, 0, sizeof(in));
		if ((inp && copy_to_user(inp, rin, bytes)) ||
		    (outp && copy_to_user(outp, rout, bytes)) ||
		    (exp && copy_to_user(exp, in, bytes)))
			return wait_end(0, -EFAULT);
		return wait_end(utmo, ready);
	}
	pt = poll_table_alloc(n);
	if (!pt)
		return wait_end(0, -ENOMEM);
	for (int fd = 0; fd < (int)words * 64 && fd < n; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		unsigned int ev =
		    ((in[fd / 64] & bit) ? POLLIN : 0) | ((out[fd / 64] & bit) ? POLLOUT : 0);
		if (ev)
			poll_table_add(pt, fget_raw(current->files, fd), wanted(ev));
	}
	return wait_sleep(pt);
}

long sys_rt_sigsuspend(uint64_t umask, uint64_t size)
{
	bool expired;
	long err = wait_begin(umask, size, -1, 0, &expired);
	if (!umask)
		err = -EFAULT;
	if (err)
		return wait_end(0, err);
	return wait_sleep(NULL); /* only a handler ends it: -EINTR */
}
