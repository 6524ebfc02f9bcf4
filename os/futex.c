/*
 * futex.c - futex(2) for threads of one process (FUTEX_WAIT/WAKE and the
 * _BITSET variants; the bitset is treated as "match any") and the sleeping
 * half of nanosleep. Waiters are keyed by (mm, address): futexes shared
 * between processes through MAP_SHARED memory are not matched across mms.
 *
 * A waiting task sleeps with its ecall to be restarted; whoever ends the
 * wait (a FUTEX_WAKE, the deadline passing) stores the result in
 * restart_ret, which the restarted call returns at once.
 */
#include <errno.h>

#include "os/kernel_internal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define REALTIME_EPOCH_NS (1735689600ull * 1000000000ull)

/* A restarted sleeping call: its result, if the wait has ended. */
static bool restart_done(long *ret)
{
	if (!current->restart_valid)
		return false;
	current->restart_valid = false;
	*ret = current->restart_ret;
	return true;
}

static void sleep_on(int kind, uint64_t uaddr, uint64_t deadline)
{
	current->state = TASK_INTERRUPTIBLE;
	current->wait_kind = kind;
	current->wait_uaddr = uaddr;
	current->wait_deadline = deadline;
}

long futex_wake(struct mm_struct *mm, uint64_t uaddr, int n)
{
	struct task_struct *t;
	long woken = 0;
	list_for_each_entry(t, &task_list, tasks)
	{
		if (woken >= n)
			break;
		if (t->state == TASK_INTERRUPTIBLE && t->wait_kind == WAIT_FUTEX && t->mm == mm &&
		    t->wait_uaddr == uaddr) {
			t->state = TASK_RUNNING;
			t->wait_kind = WAIT_NONE;
			t->restart_valid = true;
			t->restart_ret = 0;
			woken++;
		}
	}
	return woken;
}

long sys_futex(uint64_t uaddr, int op, uint32_t val, uint64_t utimeout)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
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
		sleep_on(WAIT_FUTEX, uaddr, deadline);
		return -ERESTARTSYS;
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return futex_wake(current->mm, uaddr, (int)val);
	default:
		return -ENOSYS;
	}
}

long sys_nanosleep_ns(uint64_t ns)
{
	long ret;
	if (restart_done(&ret))
		return ret;
	if (!ns)
		return 0;
	sleep_on(WAIT_TIMER, 0, kernel_time_ns() + ns);
	return -ERESTARTSYS;
}
