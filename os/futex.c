/*
 * futex.c - futex(2) (FUTEX_WAIT/WAKE and the _BITSET variants; the bitset
 * is treated as "match any") and the sleeping half of nanosleep.
 *
 * Waiters are keyed as Linux's get_futex_key: a private futex
 * (FUTEX_PRIVATE_FLAG) or one in private memory by (mm, address); a shared
 * one in a MAP_SHARED mapping by (the mapped object, byte offset in it), so
 * processes that map the same file or shared anonymous region at different
 * addresses meet on the same futex.
 *
 * A waiting task sleeps with its ecall to be restarted; whoever ends the
 * wait (a FUTEX_WAKE, the deadline passing) stores the result in
 * restart_ret, which the restarted call returns at once. A signal handler
 * ends a nanosleep with -EINTR and the time left (signal.c).
 */
#include <errno.h>

#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define FUTEX_WAIT	     0
#define FUTEX_WAKE	     1
#define FUTEX_WAIT_BITSET    9
#define FUTEX_WAKE_BITSET    10
#define FUTEX_PRIVATE_FLAG   128
#define FUTEX_CLOCK_REALTIME 256
#define REALTIME_EPOCH_NS    (1735689600ull * 1000000000ull)

/* A restarted sleeping call: its result, if the wait has ended. */
static bool restart_done(long *ret)
{
	if (!current->restart_valid)
		return false;
	current->restart_valid = false;
	*ret = current->restart_ret;
	return true;
}

struct futex_key {
	const void *obj; /* the mm, or the shared mapping's inode (or file) */
	uint64_t off;	 /* the address, or the byte offset in the object */
};

/* The key of the futex word at uaddr in mm (see the top of the file). */
static struct futex_key get_futex_key(struct mm_struct *mm, uint64_t uaddr, bool private)
{
	struct vm_area_struct *vma = private ? NULL : vma_lookup(mm, uaddr);
	if (vma && (vma->vm_flags & VM_SHARED) && vma->vm_file) {
		struct file *f = vma->vm_file;
		return (struct futex_key){f->f_inode ? (const void *)f->f_inode : (const void *)f,
					  vma->vm_pgoff * PAGE_SIZE + (uaddr - vma->vm_start)};
	}
	return (struct futex_key){mm, uaddr};
}

static void sleep_on(int kind, struct futex_key key, uint64_t deadline)
{
	current->state = TASK_INTERRUPTIBLE;
	current->wait_kind = kind;
	current->wait_key_obj = key.obj;
	current->wait_uaddr = key.off;
	current->wait_deadline = deadline;
}

/* Wake up to n waiters on key; how many woke. */
static long futex_wake_key(struct futex_key key, int n)
{
	struct task_struct *t;
	long woken = 0;
	list_for_each_entry(t, &task_list, tasks) {
		if (woken >= n)
			break;
		if (t->state == TASK_INTERRUPTIBLE && t->wait_kind == WAIT_FUTEX &&
		    t->wait_key_obj == key.obj && t->wait_uaddr == key.off) {
			t->state = TASK_RUNNING;
			t->wait_kind = WAIT_NONE;
			t->restart_valid = true;
			t->restart_ret = 0;
			woken++;
		}
	}
	return woken;
}

long futex_wake(struct mm_struct *mm, uint64_t uaddr, int n)
{
	return futex_wake_key(get_futex_key(mm, uaddr, false), n);
}

long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	bool private = op & FUTEX_PRIVATE_FLAG;
	uint64_t deadline = 0;
	uint32_t cur;
	long ret;

	if (restart_done(&ret))
		return ret;
	if (uaddr & 3)
		return -EINVAL;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		if (copy_from_user(&cur, uaddr, 4))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
		if (utimeout) {
			int64_t ts[2];
			if (copy_from_user(ts, utimeout, sizeof(ts)))
				return -EFAULT;
			if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
				return -EINVAL;
			uint64_t t = (uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1];
			if (cmd == FUTEX_WAIT) /* relative */
				deadline = kernel_time_ns() + t;
			else if (op & FUTEX_CLOCK_REALTIME) /* absolute */
				deadline = t > REALTIME_EPOCH_NS ? t - REALTIME_EPOCH_NS : 1;
			else
				deadline = t ? t : 1;
			if (deadline <= kernel_time_ns())
				return -ETIMEDOUT;
		}
		sleep_on(WAIT_FUTEX, get_futex_key(current->mm, uaddr, private), deadline);
		return deadline ? -ERESTARTNOHAND
				: -ERESTARTSYS; /* (timed: Linux's restart block) */
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return futex_wake_key(get_futex_key(current->mm, uaddr, private), (int)val);
	default: return -ENOSYS;
	}
}

long sys_nanosleep_until(uint64_t deadline, uint64_t urem)
{
	long ret;
	if (restart_done(&ret)) {
		current->timer_deadline = 0;
		return ret;
	}
	if (current->timer_deadline) /* woken by a signal that ran no handler: sleep on */
		deadline = current->timer_deadline;
	if (deadline <= kernel_time_ns()) {
		current->timer_deadline = 0;
		return 0;
	}
	current->timer_deadline = deadline;
	current->timer_rem = urem;
	sleep_on(WAIT_TIMER, (struct futex_key){NULL, 0}, deadline);
	return -ERESTARTNOHAND;
}
