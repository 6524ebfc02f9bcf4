/*
 * exit.c - the end of a task: do_exit() releases what it holds and leaves a
 * zombie with its wait status; wait4() reaps zombies; orphans are adopted
 * by init (or reaped at once when init is gone).
 */
#include <errno.h>
#include <unistd.h>

#include "os/fs/fdtable.h"
#include "os/fs/namei.h"
#include "os/kernel_internal.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define __WALL 0x40000000
#define __WCLONE 0x80000000

/* Drop what t holds (descriptors, cwd, address space); t may be another thread. */
static void release_task_resources(struct task_struct *t)
{
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		put_fs_struct(t->fs);
		t->fs = NULL;
	}
	if (t->wait_file) {
		fput(t->wait_file);
		t->wait_file = NULL;
	}
	if (t->mm) {
		struct mm_struct *mm = t->mm;
		t->ru_maxrss_kb = mm->hiwater_rss * 4;
		t->ru_minflt = mm->min_flt;
		t->ru_majflt = mm->maj_flt;
		t->mm = NULL;
		if (t == current)
			kernel_switch_mm(NULL);
		mmput(mm);
	}
	t->vfork_done = true;
}

/* A process ends: a zombie for its parent; its children go to init. */
static void exit_notify(struct task_struct *t, int status)
{
	struct task_struct *c, *n;

	t->exit_code = status;
	t->state = TASK_ZOMBIE;
	mm_publish_event(MMEV_PROC_EXIT, 0, 0, t->tgid);
	if (t->parent && t->parent->sighand[SIGCHLD - 1].handler > 1)
		send_signal(t->parent, SIGCHLD, 1 /* CLD_EXITED */, t->tgid);
	list_for_each_entry_safe(c, n, &task_list, tasks)
	{
		if (c->parent != t || c == t)
			continue;
		c->parent = kernel_init_task() != t ? kernel_init_task() : NULL;
		if (!c->parent && c->state == TASK_ZOMBIE)
			c->state = TASK_DEAD;
	}
	if (!t->parent && t != kernel_init_task())
		t->state = TASK_DEAD; /* nobody will wait: freed by the scheduler */
}

void do_group_exit(int status)
{
	group_exit(current, status);
}

void group_exit(struct task_struct *me, int status)
{
	struct task_struct *t, *leader = find_task_by_vpid(me->tgid);

	list_for_each_entry(t, &task_list, tasks)
	{
		if (t != me && t != leader && t->tgid == me->tgid && t->state != TASK_DEAD) {
			release_task_resources(t);
			t->state = TASK_DEAD;
		}
	}
	if (leader && leader != me) {
		release_task_resources(me);
		me->state = TASK_DEAD;
		if (leader->state != TASK_ZOMBIE && leader->state != TASK_DEAD) {
			release_task_resources(leader);
			exit_notify(leader, status);
		}
		return;
	}
	release_task_resources(me);
	exit_notify(me, status);
}

void do_exit(int status)
{
	do_group_exit(status); /* fatal signals end the whole process */
}

void do_exit_thread(int status)
{
	struct task_struct *me = current, *t;
	bool others = false;

	list_for_each_entry(t, &task_list, tasks)
		if (t != me && t->tgid == me->tgid && t->state != TASK_DEAD &&
		    t->state != TASK_ZOMBIE)
			others = true;
	if (!others || me->pid == me->tgid) {
		/* the last thread, or the main thread (rvmm ends the process then) */
		do_group_exit(status);
		return;
	}
	if (me->clear_child_tid) { /* CLONE_CHILD_CLEARTID: what pthread_join waits on */
		uint32_t zero = 0;
		if (!copy_to_user(me->clear_child_tid, &zero, 4))
			futex_wake(me->mm, me->clear_child_tid, 1);
	}
	release_task_resources(me);
	me->state = TASK_DEAD;
}

/* Does t have a child matching pid (wait4 rules: -1 any, > 0 that one)? */
static bool is_waitable(struct task_struct *t, struct task_struct *c, int pid)
{
	/* processes only (a thread group is waited for through its leader); 0: our group */
	return c->parent == t && c->pid == c->tgid && (pid <= 0 || c->tgid == pid);
}

/* struct rusage of a reaped child (its own usage plus its reaped children's). */
static int put_child_rusage(uint64_t urusage, const struct task_struct *c)
{
	int64_t ru[18] = {0};
	ru[4] = (int64_t)(c->ru_maxrss_kb > c->cru_maxrss_kb ? c->ru_maxrss_kb : c->cru_maxrss_kb);
	ru[8] = (int64_t)(c->ru_minflt + c->cru_minflt);
	ru[9] = (int64_t)(c->ru_majflt + c->cru_majflt);
	return urusage && copy_to_user(urusage, ru, sizeof(ru)) ? -EFAULT : 0;
}

/* Free a zombie child, adding its usage to the parent's children totals. */
static void reap(struct task_struct *t, struct task_struct *c)
{
	unsigned long rss = c->ru_maxrss_kb > c->cru_maxrss_kb ? c->ru_maxrss_kb : c->cru_maxrss_kb;
	if (rss > t->cru_maxrss_kb)
		t->cru_maxrss_kb = rss;
	t->cru_minflt += c->ru_minflt + c->cru_minflt;
	t->cru_majflt += c->ru_majflt + c->cru_majflt;
	task_free(c);
}

long sys_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage)
{
	struct task_struct *t = current, *c;
	bool any = false;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid < -1)
		pid = -1; /* process groups: every child is in ours */
	list_for_each_entry(c, &task_list, tasks)
	{
		if (!is_waitable(t, c, pid))
			continue;
		any = true;
		if (c->state != TASK_ZOMBIE)
			continue;
		int status = c->exit_code, cpid = c->tgid;
		if (ustatus && copy_to_user(ustatus, &status, 4))
			return -EFAULT;
		if (put_child_rusage(urusage, c))
			return -EFAULT;
		reap(t, c);
		return cpid;
	}
	if (!any)
		return -ECHILD;
	if (options & WNOHANG)
		return 0;
	t->state = TASK_INTERRUPTIBLE;
	t->wait_kind = WAIT_CHILD;
	return -ERESTARTSYS;
}

#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define WEXITED 4
#define WNOWAIT 0x01000000

/* waitid(2) for exited children (stopped/continued children do not exist here). */
long sys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage)
{
	struct task_struct *t = current, *c;
	bool any = false;
	int pid;

	if (options & ~(WNOHANG | WEXITED | WUNTRACED | WCONTINUED | WNOWAIT | __WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_ALL || idtype == P_PGID)
		pid = -1;
	else if (idtype == P_PID && id > 0)
		pid = id;
	else
		return -EINVAL;
	list_for_each_entry(c, &task_list, tasks)
	{
		if (!is_waitable(t, c, pid))
			continue;
		any = true;
		if (c->state != TASK_ZOMBIE || !(options & WEXITED))
			continue;
		int info[12] = {0};
		info[0] = SIGCHLD;
		if (c->exit_code & 0x7f) {
			info[2] = 2; /* CLD_KILLED */
			info[6] = c->exit_code & 0x7f;
		} else {
			info[2] = 1; /* CLD_EXITED */
			info[6] = (c->exit_code >> 8) & 0xff;
		}
		info[4] = c->tgid;
		info[5] = (int)getuid();
		if (uinfo && copy_to_user(uinfo, info, sizeof(info)))
			return -EFAULT;
		if (put_child_rusage(urusage, c))
			return -EFAULT;
		if (!(options & WNOWAIT))
			reap(t, c);
		return 0;
	}
	if (!any)
		return -ECHILD;
	if (options & WNOHANG) {
		int zero[12] = {0};
		return uinfo && copy_to_user(uinfo, zero, sizeof(zero)) ? -EFAULT : 0;
	}
	t->state = TASK_INTERRUPTIBLE;
	t->wait_kind = WAIT_CHILD;
	return -ERESTARTSYS;
}
