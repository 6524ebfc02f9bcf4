/*
 * proc_reclaim.c - the /proc files of memory pressure: /proc/swaps, and per
 * process oom_score (read) and oom_score_adj (read and write, as Linux:
 * an integer -1000..1000, anything else -EINVAL).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/mm/mm.h"
#include "os/mm/oom_kill.h"
#include "os/mm/swapfile.h"
#include "os/proc/procfs.h"
#include "os/task.h"

size_t proc_show_swaps(int pid, char *b, size_t s)
{
	return proc_swaps_show(b, s);
}

/* The process (thread-group leader) of pid, or NULL. */
static struct task_struct *proc_leader(int pid)
{
	struct task_struct *t = find_task_by_vpid(pid);
	return t ? find_task_by_vpid(t->tgid) : NULL;
}

/* /proc/PID/oom_score: oom_badness scaled into 0..2000, as Linux's proc_oom_score(). */
size_t proc_show_oom_score(int pid, char *b, size_t s)
{
	struct task_struct *t = proc_leader(pid);
	struct mm_struct *mm = t ? t->mm : NULL;
	struct oom_task_info o = {0};
	unsigned long score = 0;
	if (mm) {
		o.rss_anon = (unsigned long)mm->rss_stat[MM_ANONPAGES];
		o.rss_file = (unsigned long)mm->rss_stat[MM_FILEPAGES];
		o.rss_shmem = (unsigned long)mm->rss_stat[MM_SHMEMPAGES];
		o.swapents = (unsigned long)mm->rss_stat[MM_SWAPENTS];
		o.pgtables_bytes = mm->pgtables_bytes;
		o.oom_score_adj = t->oom_score_adj;
		score = oom_score(&o, oom_totalpages());
	}
	int n = snprintf(b, s, "%lu\n", score);
	return n > 0 ? (size_t)n : 0;
}

size_t proc_show_oom_score_adj(int pid, char *b, size_t s)
{
	struct task_struct *t = proc_leader(pid);
	int n = snprintf(b, s, "%d\n", t ? t->oom_score_adj : 0);
	return n > 0 ? (size_t)n : 0;
}

/* A write of "N\n": every thread of the process gets N. 0 or -EINVAL/-ESRCH. */
int proc_store_oom_score_adj(int pid, const char *buf, size_t n)
{
	struct task_struct *t = proc_leader(pid), *x;
	char tmp[24], *end;
	long v;
	if (!t)
		return -ESRCH;
	if (n >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, n);
	tmp[n] = '\0';
	v = strtol(tmp, &end, 10);
	while (*end == '\n' || *end == ' ')
		end++;
	if (end == tmp || *end || v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	list_for_each_entry(x, &task_list, tasks)
		if (x->tgid == t->tgid)
			x->oom_score_adj = (int)v;
	return 0;
}
