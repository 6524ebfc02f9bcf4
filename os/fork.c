/*
 * fork.c - clone(2): new processes (fork semantics, with vfork's
 * CLONE_VM|CLONE_VFORK). Threads (CLONE_THREAD) come later: -ENOSYS, logged.
 *
 * The child starts with the parent's registers at the instruction after the
 * ecall, a0 = 0; its address space is a copy-on-write duplicate (dup_mm) or,
 * with CLONE_VM, the same mm; its descriptor table and fs_struct are copies
 * (or shared with CLONE_FILES / CLONE_FS).
 */
#include <errno.h>
#include <string.h>

#include "os/fs/fdtable.h"
#include "os/fs/namei.h"
#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/mm.h"
#include "os/mm/slab.h"
#include "os/nommu.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define CLONE_VM	     0x00000100
#define CLONE_FS	     0x00000200
#define CLONE_FILES	     0x00000400
#define CLONE_SIGHAND	     0x00000800
#define CLONE_VFORK	     0x00004000
#define CLONE_PARENT	     0x00008000
#define CLONE_THREAD	     0x00010000
#define CLONE_SETTLS	     0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000
#define CSIGNAL		     0xff

long sys_clone(uint64_t flags, uint64_t newsp, uint64_t parent_tid, uint64_t tls,
	       uint64_t child_tid, uint64_t epc)
{
	struct task_struct *p = current, *c;
	long err = -ENOMEM;

	if (kernel_nommu() && !(flags & CLONE_VM))
		return -EINVAL; /* no fork without an MMU (kernel/fork.c); see docs/nommu.md */
	if (((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) ||
	    ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)))
		return -EINVAL;
	c = task_alloc();
	if (!c)
		return -EAGAIN;
	memcpy(c->comm, p->comm, sizeof(c->comm));
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->parent = (flags & CLONE_PARENT) && p->parent ? p->parent : p;
	if (flags & CLONE_THREAD) {
		/* a thread: same process (tgid), same parent; never a zombie of its own */
		c->tgid = p->tgid;
		c->parent = p->parent;
	}
	if (flags & CLONE_SIGHAND) {
		c->sighand = p->sighand;
		c->sighand->count++;
	} else {
		c->sighand = sighand_alloc(p->sighand);
	}
	c->oom_score_adj = p->oom_score_adj;
	c->blocked = p->blocked;
	c->sas_sp = p->sas_sp;
	c->sas_size = p->sas_size;
	c->exe_path = p->exe_path ? kstrdup(p->exe_path, GFP_KERNEL) : NULL;
	if (flags & CLONE_VM) {
		c->mm = p->mm;
		c->mm->mm_users++;
	} else {
		c->mm = dup_mm(p->mm);
		flush_tlb_mm(p->mm); /* the parent's writable pages became read-only */
	}
	if (flags & CLONE_FILES) {
		c->files = p->files;
		get_files_struct(c->files);
	} else {
		c->files = dup_fd(p->files);
	}
	if (flags & CLONE_FS) {
		c->fs = p->fs;
		get_fs_struct(c->fs);
	} else {
		c->fs = copy_fs_struct(p->fs);
	}
	if (!c->mm || !c->files || !c->fs || !c->sighand)
		goto fail;

	kernel_save_regs(p);
	c->regs = p->regs;
	c->regs.pc = epc + 4;
	c->regs.x[10] = 0;
	if (newsp)
		c->regs.x[2] = newsp;
	if (flags & CLONE_SETTLS)
		c->regs.x[4] = tls;
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = child_tid;
	if ((flags & CLONE_PARENT_SETTID) && copy_to_user(parent_tid, &c->pid, 4)) {
		err = -EFAULT;
		goto fail;
	}
	if (flags & CLONE_CHILD_SETTID) {
		/* in the child's address space: for CLONE_VM it is ours, else the COW copy */
		struct task_struct *save = current;
		current = c;
		kernel_switch_mm(c->mm);
		int r = copy_to_user(child_tid, &c->pid, 4);
		current = save;
		kernel_switch_mm(p->mm);
		if (r) {
			err = -EFAULT;
			goto fail;
		}
	}
	c->state = TASK_RUNNING;
	mm_publish_event(MMEV_PROC_START, 0, 0, c->tgid);
	if (flags & CLONE_VFORK) {
		p->state = TASK_INTERRUPTIBLE;
		p->wait_kind = WAIT_VFORK;
		p->vfork_child = c;
		c->vfork_done = false;
	}
	return c->pid;
fail:
	c->state = TASK_DEAD;
	task_free(c);
	return err;
}
