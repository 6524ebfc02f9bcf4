/*
 * sys_proc.c - process, identity, time and resource system calls.
 *
 * Time is guest time: derived from the hart's instruction count (mtime at
 * 10 MHz, as QEMU's virt board), so runs are reproducible. CLOCK_REALTIME is
 * that time plus a fixed epoch (2025-01-01 00:00:00 UTC).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "os/fs/namei.h"
#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/mm.h"
#include "os/mm/page_alloc.h"
#include "os/pgrp.h"
#include "os/select.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define REALTIME_EPOCH 1735689600ll
#define RLIMIT_STACK   3
#define RLIMIT_NOFILE  7
#define RLIM_NLIMITS   16
#define RLIM_INFINITY  (~0ull)

static long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
	return 0;
}

static long sys_uname(uint64_t ubuf)
{
	char u[6][65];
	memset(u, 0, sizeof(u));
	strcpy(u[0], "Linux");
	strcpy(u[1], "rvmm");
	strcpy(u[2], "6.1.0-rvmm");
	strcpy(u[3], "#1 SMP PREEMPT rvmm");
	strcpy(u[4], "riscv64");
	strcpy(u[5], "(none)");
	return copy_to_user(ubuf, u, sizeof(u)) ? -EFAULT : 0;
}

static void rlimit_of(unsigned res, uint64_t lim[2])
{
	lim[0] = lim[1] = RLIM_INFINITY;
	if (res == RLIMIT_STACK)
		lim[0] = 8ull << 20;
	if (res == RLIMIT_NOFILE) {
		lim[0] = 1024;
		lim[1] = 4096;
	}
}

static long sys_prlimit64(int pid, unsigned res, uint64_t unew, uint64_t uold)
{
	uint64_t lim[2];
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && pid != current->tgid)
		return -ESRCH;
	if (unew)
		return -EPERM; /* limits are fixed for now */
	rlimit_of(res, lim);
	return uold && copy_to_user(uold, lim, sizeof(lim)) ? -EFAULT : 0;
}

static long sys_clock_gettime(int clk, uint64_t uts)
{
	uint64_t ns = kernel_time_ns();
	int64_t ts[2];
	switch (cpu_clock_id(clk)) {
	case 0: /* CLOCK_REALTIME */
	case 5: /* CLOCK_REALTIME_COARSE */
		ts[0] = REALTIME_EPOCH + (int64_t)(ns / 1000000000u);
		break;
	case 2: /* CLOCK_PROCESS_CPUTIME_ID: what the process's threads ran (itimer.c) */
		ns = process_cpu_ns(current->tgid);
		ts[0] = (int64_t)(ns / 1000000000u);
		break;
	case 3: /* CLOCK_THREAD_CPUTIME_ID */
		ns = kernel_insns_to_ns(current->cpu_insns);
		ts[0] = (int64_t)(ns / 1000000000u);
		break;
	case 1:
	case 4:
	case 6:
	case 7: /* MONOTONIC, _RAW, _COARSE, BOOTTIME */ ts[0] = (int64_t)(ns / 1000000000u); break;
	default: return -EINVAL;
	}
	ts[1] = (int64_t)(ns % 1000000000u);
	return copy_to_user(uts, ts, sizeof(ts)) ? -EFAULT : 0;
}

static long sys_gettimeofday(uint64_t utv, uint64_t utz)
{
	uint64_t ns = kernel_time_ns();
	int64_t tv[2] = {REALTIME_EPOCH + (int64_t)(ns / 1000000000u),
			 (int64_t)(ns % 1000000000u / 1000)};
	if (utv && copy_to_user(utv, tv, sizeof(tv)))
		return -EFAULT;
	if (utz && clear_user(utz, 8))
		return -EFAULT;
	return 0;
}

/*
 * nanosleep(2) and clock_nanosleep(2): a relative sleep (rem gets the time
 * left when a handler interrupts it) or, with TIMER_ABSTIME, until a time of
 * clock clk (no rem).
 */
static long sys_clock_nanosleep(int clk, int flags, uint64_t ureq, uint64_t urem)
{
	int64_t ts[2];
	uint64_t ns, deadline;
	if (current->restart_valid || current->timer_deadline)
		return sys_nanosleep_until(0, urem); /* the restarted call */
	if (copy_from_user(ts, ureq, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	if (clk < 0 || clk > 7 || clk == 3)
		return -EINVAL; /* (sleeping on the thread's own CPU clock) */
	ns = (uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1];
	if (flags & ~1)
		return -EINVAL;
	if (flags & 1) { /* TIMER_ABSTIME */
		uint64_t epoch = clk == 0 || clk == 5 ? (uint64_t)REALTIME_EPOCH * 1000000000u : 0;
		deadline = ns > epoch ? ns - epoch : 0;
		urem = 0;
	} else {
		deadline = kernel_time_ns() + ns;
	}
	return sys_nanosleep_until(deadline, urem);
}

static long sys_getrandom(uint64_t ubuf, uint64_t len, unsigned flags)
{
	uint8_t b[256];
	uint64_t done = 0;
	if (flags & ~7u)
		return -EINVAL;
	while (done < len) {
		size_t k = len - done < sizeof(b) ? len - done : sizeof(b);
		kernel_random_bytes(b, k);
		if (copy_to_user(ubuf + done, b, k))
			return done ? (long)done : -EFAULT;
		done += k;
	}
	return (long)done;
}

static long sys_rt_sigaction(int sig, uint64_t uact, uint64_t uold, uint64_t size)
{
	struct k_sigaction *k;
	if (sig < 1 || sig > 64 || size != 8)
		return -EINVAL;
	k = &current->sighand->action[sig - 1];
	if (uold && copy_to_user(uold, k, sizeof(*k)))
		return -EFAULT;
	if (uact) {
		struct k_sigaction n;
		if (sig == 9 || sig == 19)
			return -EINVAL; /* SIGKILL and SIGSTOP cannot be caught */
		if (copy_from_user(&n, uact, sizeof(n)))
			return -EFAULT;
		*k = n;
	}
	return 0;
}

static long sys_rt_sigprocmask(int how, uint64_t uset, uint64_t uold, uint64_t size)
{
	uint64_t set, old = current->blocked;
	if (size != 8)
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, 8))
			return -EFAULT;
		set &= ~((1ull << 8) | (1ull << 18)); /* SIGKILL, SIGSTOP */
		switch (how) {
		case 0: current->blocked |= set; break;
		case 1: current->blocked &= ~set; break;
		case 2: current->blocked = set; break;
		default: return -EINVAL;
		}
	}
	if (uold && copy_to_user(uold, &old, 8))
		return -EFAULT;
	return 0;
}

/* getrusage(2): CPU time is the instructions retired (itimer.c), all of it user time. */
static long sys_getrusage(int who, uint64_t ubuf)
{
	int64_t ru[18];
	uint64_t ns =
	    who == 1 ? kernel_insns_to_ns(current->cpu_insns) : process_cpu_ns(current->tgid);
	struct mm_struct *mm = current->mm;
	if (who != 0 && who != -1 && who != 1)
		return -EINVAL;
	memset(ru, 0, sizeof(ru));
	if (who == -1) { /* RUSAGE_CHILDREN: the reaped ones */
		ru[4] = (int64_t)current->cru_maxrss_kb;
		ru[8] = (int64_t)current->cru_minflt;
		ru[9] = (int64_t)current->cru_majflt;
	} else {
		ru[0] = (int64_t)(ns / 1000000000u); /* ru_utime (RUSAGE_THREAD: the thread's) */
		ru[1] = (int64_t)(ns % 1000000000u / 1000);
		ru[4] = (int64_t)(mm->hiwater_rss * 4); /* ru_maxrss in KiB */
		ru[8] = (int64_t)mm->min_flt;		/* ru_minflt */
		ru[9] = (int64_t)mm->maj_flt;		/* ru_majflt */
	}
	return copy_to_user(ubuf, ru, sizeof(ru)) ? -EFAULT : 0;
}

/*
 * kill(2): pid > 0 one process, 0 the caller's process group, -pgid that
 * group, -1 every process but init and the caller. A signal to the caller is
 * delivered as the call returns.
 */
static long sys_kill(int pid, int sig)
{
	struct task_struct *t, *n;
	int hits = 0;

	if (sig < 0 || sig > 64)
		return -EINVAL;
	if (pid > 0) {
		t = find_task_by_vpid(pid);
		if (!t || t->pid != t->tgid || t->state == TASK_DEAD)
			return -ESRCH;
		if (sig)
			send_signal(t, sig, SI_USER, current->tgid);
		return 0;
	}
	if (pid == INT_MIN)
		return -ESRCH;
	int pgid = pid == 0 ? current->pgid : -pid;
	bool self = false;
	list_for_each_entry_safe(t, n, &task_list, tasks) {
		if (t->pid != t->tgid || t->state >= TASK_ZOMBIE)
			continue;
		if (pid == -1 ? t == kernel_init_task() || t->tgid == current->tgid
			      : t->pgid != pgid)
			continue;
		hits++;
		if (t->tgid == current->tgid)
			self = true; /* last: the others get theirs even if it kills us */
		else if (sig)
			send_signal(t, sig, SI_USER, current->tgid);
	}
	if (self && sig)
		send_signal(current, sig, SI_USER, current->tgid);
	return hits ? 0 : -ESRCH;
}

static long sys_tgkill(int tgid, int tid, int sig)
{
	struct task_struct *t = find_task_by_vpid(tid);
	if (sig < 0 || sig > 64 || tid <= 0)
		return -EINVAL;
	if (!t || (tgid > 0 && t->tgid != tgid) || t->state >= TASK_ZOMBIE)
		return -ESRCH;
	if (sig)
		send_signal(t, sig, SI_TKILL, current->tgid);
	return 0;
}

static long sys_sysinfo(uint64_t ubuf)
{
	struct {
		int64_t uptime;
		uint64_t loads[3];
		uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		uint16_t procs, pad;
		uint32_t pad2;
		uint64_t totalhigh, freehigh;
		uint32_t mem_unit;
		uint32_t pad3;
	} si;
	struct task_struct *t;
	_Static_assert(sizeof(si) == 112, "struct sysinfo is 112 bytes on rv64");
	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(kernel_time_ns() / 1000000000u);
	si.totalram = totalram_pages();
	si.freeram = nr_free_pages();
	list_for_each_entry(t, &task_list, tasks)
		si.procs++;
	si.mem_unit = 4096;
	return copy_to_user(ubuf, &si, sizeof(si)) ? -EFAULT : 0;
}

static long sys_times(uint64_t ubuf)
{
	uint64_t ticks = kernel_time_ns() / 10000000u; /* USER_HZ = 100 */
	int64_t tms[4] = {(int64_t)ticks, 0, 0, 0};
	if (ubuf && copy_to_user(ubuf, tms, sizeof(tms)))
		return -EFAULT;
	return (long)ticks;
}

static long sys_sched_getaffinity(int pid, uint64_t len, uint64_t umask)
{
	uint64_t mask = 1; /* one hart */
	if (len < 8 || (len & 7))
		return -EINVAL;
	if (pid && !find_task_by_vpid(pid))
		return -ESRCH;
	if (copy_to_user(umask, &mask, 8) || clear_user(umask + 8, len - 8))
		return -EFAULT;
	return 8;
}

static long sys_prctl(int option, uint64_t arg2)
{
	char name[TASK_COMM_LEN];
	switch (option) {
	case 15: /* PR_SET_NAME */
		if (strncpy_from_user(name, arg2, sizeof(name)) < 0) {
			if (copy_from_user(name, arg2, sizeof(name) - 1))
				return -EFAULT;
			name[sizeof(name) - 1] = '\0';
		}
		set_task_comm(current, name);
		return 0;
	case 16: /* PR_GET_NAME */
		return copy_to_user(arg2, current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
	default: return -EINVAL;
	}
}

static long sys_sigaltstack(uint64_t uss, uint64_t uold)
{
	uint64_t ss[3]; /* ss_sp, ss_flags (int + pad), ss_size */
	if (uold) {
		uint64_t o[3] = {current->sas_sp, current->sas_size ? 0 : 2 /* SS_DISABLE */,
				 current->sas_size};
		if (copy_to_user(uold, o, sizeof(o)))
			return -EFAULT;
	}
	if (uss) {
		if (copy_from_user(ss, uss, sizeof(ss)))
			return -EFAULT;
		if ((uint32_t)ss[1] & 2) {
			current->sas_sp = current->sas_size = 0;
		} else {
			if ((uint32_t)ss[1])
				return -EINVAL;
			if (ss[2] < 2048)
				return -ENOMEM; /* MINSIGSTKSZ */
			current->sas_sp = ss[0];
			current->sas_size = ss[2];
		}
	}
	return 0;
}

static long put_ids(uint64_t a, uint64_t b, uint64_t c, uint32_t v)
{
	if (copy_to_user(a, &v, 4) || copy_to_user(b, &v, 4) || copy_to_user(c, &v, 4))
		return -EFAULT;
	return 0;
}

int sys_proc_dispatch(long nr, const uint64_t a[6], long *ret)
{
	switch (nr) {
	case 93:
		do_exit_thread(((int)a[0] & 0xff) << 8);
		*ret = 0;
		return 1;
	case 94: *ret = sys_exit_group((int)a[0]); return 1;
	case 98: *ret = sys_futex(a[0], (int)a[1], (uint32_t)a[2], a[3]); return 1;
	case 96:
		current->clear_child_tid = a[0];
		*ret = current->pid;
		return 1;
	case 99:
		if (a[1] != 24) {
			*ret = -EINVAL;
		} else {
			current->robust_list = a[0];
			current->robust_len = a[1];
			*ret = 0;
		}
		return 1;
	case 101: *ret = sys_clock_nanosleep(1, 0, a[0], a[1]); return 1;
	case 102: *ret = sys_getitimer((int)a[0], a[1]); return 1;
	case 107: *ret = sys_timer_create((int)a[0], a[1], a[2]); return 1;
	case 108: *ret = sys_timer_gettime((int)a[0], a[1]); return 1;
	case 109: *ret = sys_timer_getoverrun((int)a[0]); return 1;
	case 110: *ret = sys_timer_settime((int)a[0], (int)a[1], a[2], a[3]); return 1;
	case 111: *ret = sys_timer_delete((int)a[0]); return 1;
	case 103: *ret = sys_setitimer((int)a[0], a[1], a[2]); return 1;
	case 113: *ret = sys_clock_gettime((int)a[0], a[1]); return 1;
	case 115: *ret = sys_clock_nanosleep((int)a[0], (int)a[1], a[2], a[3]); return 1;
	case 124: *ret = 0; return 1; /* sched_yield */
	case 134: *ret = sys_rt_sigaction((int)a[0], a[1], a[2], a[3]); return 1;
	case 135: *ret = sys_rt_sigprocmask((int)a[0], a[1], a[2], a[3]); return 1;
	case 129: *ret = sys_kill((int)a[0], (int)a[1]); return 1;
	case 130: *ret = sys_tgkill(-1, (int)a[0], (int)a[1]); return 1;
	case 131: *ret = sys_tgkill((int)a[0], (int)a[1], (int)a[2]); return 1;
	case 133: *ret = sys_rt_sigsuspend(a[0], a[1]); return 1;
	case 136: *ret = sys_rt_sigpending(a[0], a[1]); return 1;
	case 137: *ret = sys_rt_sigtimedwait(a[0], a[1], a[2], a[3]); return 1;
	case 139: *ret = sys_rt_sigreturn(); return 1;
	case 220: *ret = sys_clone(a[0], a[1], a[2], a[3], a[4], syscall_epc()); return 1;
	case 221: *ret = sys_execve(a[0], a[1], a[2]); return 1;
	case 260: *ret = sys_wait4((int)a[0], a[1], (int)a[2], a[3]); return 1;
	case 95: *ret = sys_waitid((int)a[0], (int)a[1], a[2], (int)a[3], a[4]); return 1;
	case 114: { /* clock_getres: the guest clock counts in 100 ns steps */
		int64_t res[2] = {0, 100};
		*ret = (int)a[0] < 0 || (int)a[0] > 7		      ? -EINVAL
		       : a[1] && copy_to_user(a[1], res, sizeof(res)) ? -EFAULT
								      : 0;
		return 1;
	}
	case 123: *ret = sys_sched_getaffinity((int)a[0], a[1], a[2]); return 1;
	case 132: *ret = sys_sigaltstack(a[0], a[1]); return 1;
	case 148: *ret = put_ids(a[0], a[1], a[2], (uint32_t)getuid()); return 1;
	case 150: *ret = put_ids(a[0], a[1], a[2], (uint32_t)getgid()); return 1;
	case 153: *ret = sys_times(a[0]); return 1;
	case 154: *ret = sys_setpgid((int)a[0], (int)a[1]); return 1;
	case 155: *ret = sys_getpgid_sid((int)a[0], 0); return 1;
	case 156: *ret = sys_getpgid_sid((int)a[0], 1); return 1;
	case 157: *ret = sys_setsid(); return 1;
	case 167: *ret = sys_prctl((int)a[0], a[1]); return 1;
	case 179: *ret = sys_sysinfo(a[0]); return 1;
	case 160: *ret = sys_uname(a[0]); return 1;
	case 163: *ret = sys_prlimit64(0, (unsigned)a[0], 0, a[1]); return 1;
	case 165: *ret = sys_getrusage((int)a[0], a[1]); return 1;
	case 166:
		*ret = current->fs->umask;
		current->fs->umask = (unsigned)a[0] & 0777;
		return 1;
	case 169: *ret = sys_gettimeofday(a[0], a[1]); return 1;
	case 172: *ret = current->tgid; return 1;
	case 173: *ret = current->parent ? current->parent->tgid : 0; return 1;
	case 174:
	case 175: *ret = (long)getuid(); return 1;
	case 176:
	case 177: *ret = (long)getgid(); return 1;
	case 178: *ret = current->pid; return 1;
	case 261: *ret = sys_prlimit64((int)a[0], (unsigned)a[1], a[2], a[3]); return 1;
	case 278: *ret = sys_getrandom(a[0], a[1], (unsigned)a[2]); return 1;
	default: return 0;
	}
}
