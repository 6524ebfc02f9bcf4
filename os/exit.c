/*
 * exit.c - the end of a task: do_exit() releases what it holds and leaves a
 * zombie with its wait status; wait4() reaps zombies; orphans are adopted
 * by init (or reaped at once when init is gone).
 */
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "os/fs/fdtable.h"
#include "os/fs/namei.h"
#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/select.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define WNOHANG	   1
#define WUNTRACED  2
#define WCONTINUED 8
#define __WALL	   0x40000000
#define __WCLONE   0x80000000

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
	poll_table_free(t);
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
	t->delay_group_leader = false;
	mm_publish_event(MMEV_PROC_EXIT, 0, 0, t->tgid);
	if (t->parent && t->parent->sighand->action[SIGCHLD - 1].handler > 1)
		send_signal(t->parent, SIGCHLD, 1 /* CLD_EXITED */, t->tgid);
	list_for_each_entry_safe(c, n, &task_list, tasks) {
		if (c->parent != t || c == t)
			continue;
		c->parent = kernel_init_task() != t ? kernel_init_task() : NULL;
		if (!c->parent && c->state == TASK_ZOMBIE)
			c->state = TASK_DEAD;
	}
	if (!t->parent && t != kernel_init_task())
		t->state = TASK_DEAD; /* nobody will wait: freed by the scheduler */
}

/*
 * execve in a multi-threaded process (Linux's de_thread): every other thread
 * dies, and a thread that is not the leader takes over the leader's PID, parent
 * and children, so the process keeps its identity across the exec.
 */
void de_thread(struct task_struct *me)
{
	struct task_struct *t, *n, *leader = NULL;

	list_for_each_entry(t, &task_list, tasks) {
		if (t == me || t->tgid != me->tgid || t->state == TASK_DEAD)
			continue;
		if (t->pid == t->tgid) {
			leader = t;
			continue;
		}
		release_task_resources(t);
		t->state = TASK_DEAD;
	}
	if (!leader)
		return;
	release_task_resources(leader);
	me->parent = leader->parent;
	me->pgid = leader->pgid;
	me->sid = leader->sid;
	list_for_each_entry_safe(t, n, &task_list, tasks)
		if (t->parent == leader)
			t->parent = me;
	itimer_move(me, leader);
	task_swap_pids(me, leader);
	leader->parent = NULL;
	leader->delay_group_leader = false;
	leader->state = TASK_DEAD; /* freed by the scheduler; nobody waits for it */
}

void do_group_exit(int status)
{
	group_exit(current, status);
}

void group_exit(struct task_struct *me, int status)
{
	struct task_struct *t, *leader = find_task_by_vpid(me->tgid);

	list_for_each_entry(t, &task_list, tasks) {
		if (t != me && t != leader && t->tgid == me->tgid && t->state != TASK_DEAD) {
			release_task_resources(t);
			t->state = TASK_DEAD;
		}
	}
	if (leader && leader != me) {
		release_task_resources(me);
		me->state = TASK_DEAD;
		if (leader->delay_group_leader ||
		    (leader->state != TASK_ZOMBIE && leader->state != TASK_DEAD)) {
			leader->delay_group_leader = false; /* the process ends now */
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
	if (!others) { /* the last thread: the process ends */
		do_group_exit(status);
		return;
	}
	if (me->clear_child_tid) { /* CLONE_CHILD_CLEARTID: what pthread_join waits on */
		uint32_t zero = 0;
		if (!copy_to_user(me->clear_child_tid, &zero, 4))
			futex_wake(me->mm, me->clear_child_tid, 1);
	}
	release_task_resources(me);
	if (me->pid == me->tgid) {
		/* the main thread: the process lives on in the others, its pid too */
		me->state = TASK_ZOMBIE;
		me->delay_group_leader = true;
		return;
	}
	me->state = TASK_DEAD;
}

#define P_ALL  0
#define P_PID  1
#define P_PGID 2

/* Is c a child of t that waitid's (idtype, id) names? Processes only: a
 * thread group is waited for through its leader. */
static bool is_waitable(struct task_struct *t, struct task_struct *c, int idtype, int id)
{
	if (c->parent != t || c->pid != c->tgid)
		return false;
	return idtype == P_ALL || (idtype == P_PID && c->tgid == id) ||
	       (idtype == P_PGID && c->pgid == id);
}

bool child_wait_ready(struct task_struct *t)
{
	struct task_struct *c;
	bool children = false;
	list_for_each_entry(c, &task_list, tasks) {
		if (!is_waitable(t, c, t->wait_idtype, t->wait_id))
			continue;
		if (c->state == TASK_ZOMBIE && !c->delay_group_leader) {
			if (t->wait_exited)
				return true;
			continue; /* without WEXITED a zombie is no child to wait for */
		}
		children = true;
	}
	return !children;
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

	/* -1 any child, > 0 that one, 0 our process group, < -1 group -pid */
	int idtype = pid == -1 ? P_ALL : pid > 0 ? P_PID : P_PGID;
	int id = pid > 0 ? pid : pid == 0 ? t->pgid : pid == INT_MIN ? INT_MAX : -pid;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	list_for_each_entry(c, &task_list, tasks) {
		if (!is_waitable(t, c, idtype, id))
			continue;
		any = true;
		if (c->state != TASK_ZOMBIE || c->delay_group_leader)
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
	t->wait_idtype = idtype;
	t->wait_id = id;
	t->wait_exited = true;
	return -ERESTARTSYS;
}

#define WEXITED 4
#define WNOWAIT 0x01000000

/* waitid(2) for exited children (stopped/continued children do not exist here). */
long sys_waitid(int idtype, int id, uint64_t uinfo, int options, uint64_t urusage)
{
	struct task_struct *t = current, *c;
	bool any = false;

	if (options & ~(WNOHANG | WEXITED | WUNTRACED | WCONTINUED | WNOWAIT | __WALL | __WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_PGID && id == 0)
		id = t->pgid; /* the caller's group */
	if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (idtype != P_ALL && id <= 0)
		return -EINVAL;
	list_for_each_entry(c, &task_list, tasks) {
		if (!is_waitable(t, c, idtype, id))
			continue;
		bool zombie = c->state == TASK_ZOMBIE && !c->delay_group_leader;
		if (zombie && !(options & WEXITED))
			continue; /* not eligible: with no other child, ECHILD (as Linux) */
		any = true;
		if (!zombie)
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
	t->wait_idtype = idtype;
	t->wait_id = id;
	/* only stopped/continued children asked for: they never come here; an
	 * exit wakes it only to find no eligible child left (ECHILD) */
	t->wait_exited = options & WEXITED;
	return -ERESTARTSYS;
}
