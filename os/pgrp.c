/*
 * pgrp.c - process groups and sessions: setpgid, getpgid, setsid, getsid,
 * and the group a kill(-pgid)/wait4(-pgid) names.
 *
 * Every task carries its process's pgid and sid (the threads of a process
 * agree: a change is applied to the whole thread group). A child inherits
 * both at fork; init starts as the leader of group 1 and session 1.
 * A group is alive while some live process has that pgid; its id is the
 * pid of the process that created it.
 */
#include <errno.h>

#include "os/pgrp.h"
#include "os/task.h"

static bool alive(const struct task_struct *t)
{
	return t->state != TASK_DEAD && t->state != TASK_ZOMBIE;
}

/* Set the pgid (and sid, when sid > 0) of every thread of process tgid. */
static void set_ids(int tgid, int pgid, int sid)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->tgid != tgid)
			continue;
		t->pgid = pgid;
		if (sid > 0)
			t->sid = sid;
	}
}

/* A live process of session sid in group pgid? */
static bool group_in_session(int pgid, int sid)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (alive(t) && t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

long sys_setpgid(int pid, int pgid)
{
	struct task_struct *me = current, *p;

	if (pgid < 0)
		return -EINVAL;
	if (!pid)
		pid = me->tgid;
	if (!pgid)
		pgid = pid;
	p = find_task_by_vpid(pid);
	if (!p || p->pid != p->tgid || !alive(p))
		return -ESRCH;
	if (p->tgid != me->tgid) {
		if (p->parent != me && (!p->parent || p->parent->tgid != me->tgid))
			return -ESRCH; /* only ourselves and our children */
		if (p->sid != me->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->tgid)
		return -EPERM; /* a session leader stays in its group */
	if (pgid != pid && !group_in_session(pgid, me->sid))
		return -EPERM;
	set_ids(p->tgid, pgid, 0);
	return 0;
}

/* getpgid(pid) (which 0) or getsid(pid) (which 1). */
long sys_getpgid_sid(int pid, int which)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;
	if (pid < 0 || !p || p->state == TASK_DEAD)
		return -ESRCH;
	return which ? p->sid : p->pgid;
}

long sys_setsid(void)
{
	struct task_struct *me = current, *t;
	list_for_each_entry(t, &task_list, tasks)
		if (alive(t) && t->pgid == me->tgid)
			return -EPERM; /* already a group leader (or
					  its group lives on) */
	set_ids(me->tgid, me->tgid, me->tgid);
	return me->tgid;
}
