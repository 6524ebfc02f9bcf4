/*
 * task.c - task allocation, PIDs and the PID hash (see task.h).
 */
#include "os/task.h"

#include <errno.h>
#include <string.h>

#include "os/fs/fdtable.h"
#include "os/fs/namei.h"
#include "os/klog.h"
#include "os/mm/mm.h"
#include "os/mm/slab.h"
#include "os/select.h"
#include "os/signal.h"

#define PIDHASH_SIZE 256

struct task_struct *current;
LIST_HEAD(task_list);

static struct kmem_cache *task_cachep;
static struct list_head pid_hash[PIDHASH_SIZE];
static int last_pid;

int task_cache_init(void)
{
	if (!task_cachep)
		task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct), 0,
						SLAB_HWCACHE_ALIGN, NULL);
	if (!task_cachep)
		return -ENOMEM;
	for (int i = 0; i < PIDHASH_SIZE; i++)
		INIT_LIST_HEAD(&pid_hash[i]);
	INIT_LIST_HEAD(&task_list);
	last_pid = 0;
	current = NULL;
	return 0;
}

void task_cache_exit(void)
{
	if (task_cachep)
		kmem_cache_destroy(task_cachep);
	task_cachep = NULL;
	current = NULL;
}

struct task_struct *find_task_by_vpid(int pid)
{
	struct list_head *head = &pid_hash[(unsigned int)pid % PIDHASH_SIZE], *p;
	if (pid <= 0)
		return NULL;
	for (p = head->next; p != head; p = p->next) {
		struct task_struct *t = container_of(p, struct task_struct, pid_chain);
		if (t->pid == pid)
			return t;
	}
	return NULL;
}

/* The next free PID after last_pid, wrapping to 1 (Linux wraps to 300; we keep small PIDs). */
static int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid >= PID_MAX - 1 ? 1 : last_pid + 1;
		if (!find_task_by_vpid(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

struct task_struct *task_alloc(void)
{
	struct task_struct *t;
	int pid = alloc_pid();

	if (pid < 0)
		return NULL;
	t = kmem_cache_zalloc(task_cachep, GFP_KERNEL);
	if (!t)
		return NULL;
	t->pid = t->tgid = pid;
	list_add(&t->pid_chain, &pid_hash[(unsigned int)pid % PIDHASH_SIZE]);
	list_add_tail(&t->tasks, &task_list);
	return t;
}

void task_swap_pids(struct task_struct *a, struct task_struct *b)
{
	int pid = a->pid;

	list_del(&a->pid_chain);
	list_del(&b->pid_chain);
	a->pid = b->pid;
	b->pid = pid;
	list_add(&a->pid_chain, &pid_hash[(unsigned int)a->pid % PIDHASH_SIZE]);
	list_add(&b->pid_chain, &pid_hash[(unsigned int)b->pid % PIDHASH_SIZE]);
}

void task_free(struct task_struct *t)
{
	struct task_struct *leader = find_task_by_vpid(t->tgid);

	if (leader && leader != t) /* the process keeps the CPU time of its dead threads */
		leader->group_dead_insns += t->cpu_insns;
	kfree(t->posix_timers);
	if (t == current)
		current = NULL;
	list_del(&t->pid_chain);
	list_del(&t->tasks);
	if (t->wait_file)
		fput(t->wait_file);
	if (t->files)
		put_files_struct(t->files);
	if (t->fs)
		put_fs_struct(t->fs);
	if (t->mm)
		mmput(t->mm);
	sighand_put(t->sighand);
	poll_table_free(t);
	kfree(t->exe_path);
	kmem_cache_free(task_cachep, t);
}

void set_task_comm(struct task_struct *t, const char *name)
{
	strncpy(t->comm, name, TASK_COMM_LEN - 1);
	t->comm[TASK_COMM_LEN - 1] = '\0';
}
