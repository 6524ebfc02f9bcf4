/*
 * oom_kill.h - the OOM killer: when reclaim cannot free memory, pick the task
 * whose death frees the most (oom_badness), log Linux's report and kill it.
 *
 * The killer knows tasks only through struct oom_task_ops, which the process
 * layer (issue 4) implements: a walk over the tasks that own an mm, each
 * described by a struct oom_task_info snapshot, and a kill (SIGKILL, with the
 * victim's memory freed before it returns, as the OOM reaper does, so the
 * failing allocation can retry). Tests implement it with a table.
 *
 * Badness is Linux's: rss + swap entries + page-table pages, plus
 * oom_score_adj * (totalpages / 1000) (Linux divides first, so do we);
 * oom_score_adj -1000 makes a task unkillable. PID 1 (is_init) is chosen only
 * when no other task can be (Linux never kills init; rvmm's init is the
 * user's program, so if it is alone it goes rather than the machine hanging).
 * Ties go to the task seen last, as Linux's oom_evaluate_task().
 */
#ifndef RVMM_OS_MM_OOM_KILL_H
#define RVMM_OS_MM_OOM_KILL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "os/mm/gfp.h"

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000
#define TASK_COMM_LEN	  16

/* What the killer needs to know of a task (memory values in pages, as Linux's mm counters). */
struct oom_task_info {
	int pid, tgid;
	unsigned int uid;
	char comm[TASK_COMM_LEN];
	unsigned long total_vm; /* pages of address space */
	unsigned long rss_anon, rss_file, rss_shmem;
	unsigned long swapents;	      /* swap PTEs */
	unsigned long pgtables_bytes; /* page-table memory */
	int oom_score_adj;	      /* -1000 .. 1000 */
	bool is_init;		      /* PID 1 of the system */
	bool is_kthread;	      /* no user memory to free: never a candidate */
	void *cookie;		      /* the implementer's task pointer */
};

struct oom_task_ops {
	/* Call fn for each task with an mm; stop early when fn returns nonzero. */
	void (*for_each_task)(int (*fn)(const struct oom_task_info *t, void *arg), void *arg);
	/* The task allocating now (the report's first line); false if none (the kernel). */
	bool (*current_task)(struct oom_task_info *out);
	/* SIGKILL the victim and free its memory; 0 or -errno. */
	int (*kill)(const struct oom_task_info *victim);
};

struct oom_control {
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages; /* RAM + swap */
	struct oom_task_info chosen;
	bool have_chosen;
	long chosen_points;
};

/* Install the task interface (NULL: no tasks, the killer finds nothing). */
void oom_set_task_ops(const struct oom_task_ops *ops);

/* RAM + swap pages: the scale of badness. */
unsigned long oom_totalpages(void);
/* The badness of a task, LONG_MIN if it must not be killed. */
long oom_badness(const struct oom_task_info *t, unsigned long totalpages);
/* /proc/PID/oom_score: badness scaled into 0 .. 2000. */
unsigned long oom_score(const struct oom_task_info *t, unsigned long totalpages);

/* Choose a victim (oc->chosen); false if there is none. */
bool select_bad_process(struct oom_control *oc);
/*
 * The whole OOM path: select, report in the kernel log, kill, count oom_kill.
 * true if a task was killed (memory was freed), false if nothing could be.
 */
bool out_of_memory(struct oom_control *oc);
/* The page allocator's hook (mm_out_of_memory). */
bool oom_alloc_hook(gfp_t gfp, unsigned int order);

#endif
