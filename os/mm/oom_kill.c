/*
 * oom_kill.c - choosing and killing a victim when memory is exhausted (see
 * oom_kill.h), with the report Linux writes to the kernel log:
 *
 *   hog invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0
 *   Mem-Info:  (the node's counters, free swap, RAM)
 *   Tasks state (memory values in pages):
 *   [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
 *   oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=hog,pid=2,uid=0
 *   Out of memory: Killed process 2 (hog) total-vm:...kB, anon-rss:...kB, ...
 *
 * (Linux 5.x-6.7 formats, a kernel without cpusets and memory cgroups.)
 */
#include "os/mm/oom_kill.h"

#include <string.h>

#include "os/klog.h"
#include "os/mm/mmzone.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swapfile.h"
#include "os/mm/vmstat.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

static const struct oom_task_ops *task_ops;

void oom_set_task_ops(const struct oom_task_ops *ops)
{
	task_ops = ops;
}

unsigned long oom_totalpages(void)
{
	return totalram_pages() + total_swap_pages();
}

static unsigned long task_rss(const struct oom_task_info *t)
{
	return t->rss_anon + t->rss_file + t->rss_shmem;
}

long oom_badness(const struct oom_task_info *t, unsigned long totalpages)
{
	if (t->is_kthread || t->oom_score_adj <= OOM_SCORE_ADJ_MIN)
		return LONG_MIN;
	long points = (long)(task_rss(t) + t->swapents + t->pgtables_bytes / PAGE_SIZE);
	long adj = t->oom_score_adj;
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

unsigned long oom_score(const struct oom_task_info *t, unsigned long totalpages)
{
	long badness = oom_badness(t, totalpages);
	if (badness == LONG_MIN || totalpages == 0)
		return 0;
	long points = (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
	return points < 0 ? 0 : (unsigned long)points;
}

struct select_state {
	struct oom_control *oc;
	struct oom_task_info init;
	long init_points;
	bool have_init;
};

static int evaluate_task(const struct oom_task_info *t, void *arg)
{
	struct select_state *s = arg;
	long points = oom_badness(t, s->oc->totalpages);
	if (points == LONG_MIN)
		return 0;
	if (t->is_init) {
		if (!s->have_init || points >= s->init_points) {
			s->init = *t;
			s->init_points = points;
			s->have_init = true;
		}
		return 0;
	}
	if (s->oc->have_chosen && points < s->oc->chosen_points)
		return 0;
	s->oc->chosen = *t;
	s->oc->chosen_points = points;
	s->oc->have_chosen = true;
	return 0;
}

bool select_bad_process(struct oom_control *oc)
{
	struct select_state s = {.oc = oc};
	oc->have_chosen = false;
	oc->chosen_points = LONG_MIN;
	if (task_ops && task_ops->for_each_task)
		task_ops->for_each_task(evaluate_task, &s);
	if (!oc->have_chosen && s.have_init) {
		oc->chosen = s.init;
		oc->chosen_points = s.init_points;
		oc->have_chosen = true;
	}
	return oc->have_chosen;
}

static void show_mem(void)
{
	pr_info("Mem-Info:\n");
	pr_info("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n",
		global_node_page_state(NR_ACTIVE_ANON), global_node_page_state(NR_INACTIVE_ANON),
		global_node_page_state(NR_ISOLATED_ANON));
	pr_info(" active_file:%lu inactive_file:%lu isolated_file:%lu\n",
		global_node_page_state(NR_ACTIVE_FILE), global_node_page_state(NR_INACTIVE_FILE),
		global_node_page_state(NR_ISOLATED_FILE));
	pr_info(" unevictable:%lu dirty:%lu writeback:%lu\n",
		global_node_page_state(NR_UNEVICTABLE), global_node_page_state(NR_FILE_DIRTY),
		global_node_page_state(NR_WRITEBACK));
	pr_info(" slab_reclaimable:%lu slab_unreclaimable:%lu\n",
		global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B),
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));
	pr_info(" mapped:%lu shmem:%lu pagetables:%lu\n", global_node_page_state(NR_FILE_MAPPED),
		global_node_page_state(NR_SHMEM), global_node_page_state(NR_PAGETABLE));
	pr_info(" free:%lu free_pcp:%lu free_cma:%lu\n", global_zone_page_state(NR_FREE_PAGES), 0UL,
		0UL);
	pr_info("%lu pages in swap cache\n", global_node_page_state(NR_SWAPCACHE));
	pr_info("Free swap  = %lukB\n", K(nr_swap_pages()));
	pr_info("Total swap = %lukB\n", K(total_swap_pages()));
	pr_info("%lu pages RAM\n", mm_nr_pages);
	pr_info("%lu pages reserved\n", mm_nr_pages - totalram_pages());
}

static int dump_task(const struct oom_task_info *t, void *arg)
{
	if (t->is_kthread)
		return 0;
	pr_info("[%7d] %5u %5d %8lu %8lu %8lu %8lu         %5d %s\n", t->pid, t->uid, t->tgid,
		t->total_vm, task_rss(t), t->pgtables_bytes, t->swapents, t->oom_score_adj,
		t->comm);
	return 0;
}

static void dump_header(const struct oom_control *oc)
{
	struct oom_task_info cur;
	bool have_cur = task_ops && task_ops->current_task && task_ops->current_task(&cur);
	char flags[256];
	gfp_flags_string(oc->gfp_mask, flags, sizeof(flags));
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%d\n",
		have_cur ? cur.comm : "swapper/0", oc->gfp_mask, flags, oc->order,
		have_cur ? cur.oom_score_adj : 0);
	show_mem();
	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj "
		"name\n");
	if (task_ops && task_ops->for_each_task)
		task_ops->for_each_task(dump_task, NULL);
}

bool out_of_memory(struct oom_control *oc)
{
	if (!oc->totalpages)
		oc->totalpages = oom_totalpages();
	if (!select_bad_process(oc)) {
		dump_header(oc);
		pr_emerg("Out of memory and no killable processes...\n");
		return false;
	}
	const struct oom_task_info *v = &oc->chosen;
	dump_header(oc);
	pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=%s,pid=%d,"
		"uid=%u\n",
		v->comm, v->pid, v->uid);
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%d\n",
	       v->pid, v->comm, K(v->total_vm), K(v->rss_anon), K(v->rss_file), K(v->rss_shmem),
	       v->uid, v->pgtables_bytes >> 10, v->oom_score_adj);
	count_vm_event(OOM_KILL);
	if (task_ops->kill && task_ops->kill(v) < 0) {
		pr_err("oom_kill: could not kill process %d (%s)\n", v->pid, v->comm);
		return false;
	}
	return true;
}

bool oom_alloc_hook(gfp_t gfp, unsigned int order)
{
	struct oom_control oc = {.gfp_mask = gfp, .order = (int)order};
	return out_of_memory(&oc);
}
