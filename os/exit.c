/*
 * exit.c - the end of a task: do_exit() releases what it holds and leaves a
 * zombie with its wait status; wait4() reaps zombies; orphans are adopted
 * by init (or reaped at once when init is gone).
 */
#include <errno.h>

#include "os/fs/fdtable.h"
#include "os/fs/namei.h"
#include "os/kernel_internal.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define __WALL 0x40000000
#define __WCLONE 0x80000000

void do_exit(int status)
{
	struct task_struct *t = current, *c, *n;

	t->exit_code = status;
	t->state = TASK_ZOMBIE;
	mm_publish_event(MMEV_PROC_EXIT, 0, 0, t->tgid);
	if (t->clear_child_tid && t->mm && t->mm->mm_users > 1) {
		uint32_t zero = 0; /* CLONE_CHILD_CLEARTID (futex wake comes with threads) */
		copy_to_user(t->clear_child_tid, &zero, 4);
	}
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
		t->mm = NULL;
		kernel_switch_mm(NULL);
		mmput(mm);
	}
	t->vfork_done = true;
	/* orphans go to init; zombie orphans of a dead init are freed */
	list_for_each_entry_safe(c, n, &task_list, tasks)
	{
		if (c->parent != t)
			continue;
		c->parent = kernel_init_task() != t ? kernel_init_task() : NULL;
		if (!c->parent && c->state == TASK_ZOMBIE)
			task_free(c);
	}
	if (!t->parent && t != kernel_init_task()) {
		t->state = TASK_DEAD; /* nobody will wait: freed by the scheduler */
	}
}

/* Does t have a child matching pid (wait4 rules: -1 any, > 0 that one)? */
static bool is_waitable(struct task_struct *t, struct task_struct *c, int pid)
{
	return c->parent == t && (pid <= 0 || c->tgid == pid); /* 0: our group = all children */
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
		if (urusage && clear_user(urusage, 144))
			return -EFAULT;
		task_free(c);
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
