/*
 * reclaim_glue.c - reclaim and the OOM killer over the kernel's own
 * structures (see reclaim_glue.h).
 *
 * reclaim_ops over the reverse map (rmap.h):
 *  - page_referenced: test and clear the A bit of every PTE mapping the page,
 *    sfence.vma (flush_tlb_page) for each one cleared, so the hart's walker
 *    sets it again on the next access instead of hitting a stale TLB entry.
 *  - try_to_unmap: anonymous pages (in the swap cache by then) get the swap
 *    PTE of their entry in each mapping (swap_fault.h), file pages lose
 *    their PTEs; a dirty shared file PTE is written back to the host file
 *    through the VMA's file first, so no page-cache page is ever left dirty
 *    without a file to write it to (and writepage is not needed). shmem
 *    pages lose their PTEs like file pages (shmem_writeout then moves them
 *    to the swap cache, shmem.h). mlocked pages stay. Pages that are
 *    PG_locked (being mapped by a fault or fork whose allocation entered
 *    reclaim) stay.
 *  - remove_mapping: filemap_remove_page().
 *
 * The OOM killer sees every process with an address space. A victim other
 * than the allocating process is killed at once (group_exit frees its memory
 * before the allocation retries, the OOM reaper's job); when the allocating
 * process is the victim, SIGKILL is left pending, the allocation fails, and
 * the task dies on its way back to user mode (the fault path or the signal
 * delivery), since its page tables are in use right now.
 */
#include "os/mm/reclaim_glue.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/oom_kill.h"
#include "os/mm/page_alloc.h"
#include "os/mm/reclaim_ops.h"
#include "os/mm/rmap.h"
#include "os/mm/shmem.h"
#include "os/mm/swap.h"
#include "os/mm/swap_fault.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmscan.h"
#include "os/mm/vmstat.h"
#include "os/signal.h"
#include "os/task.h"

#define SI_KERNEL 0x80 /* siginfo si_code: sent by the kernel */

/* The PTE of mm at address that must map page (the rmap invariant). */
static pte_t *rmap_pte(struct mm_struct *mm, uint64_t address, struct page *page)
{
	pte_t *pte = pte_offset(mm, address, false);
	if (!pte || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		panic("rmap_pte: pfn %#lx is not mapped at %#llx", page_to_pfn(page),
		      (unsigned long long)address);
	return pte;
}

struct referenced_arg {
	struct page *page;
	int referenced;
	unsigned long vm_flags;
};

static int referenced_one(struct mm_struct *mm, uint64_t address, void *arg)
{
	struct referenced_arg *ra = arg;
	pte_t *pte = rmap_pte(mm, address, ra->page);
	struct vm_area_struct *vma = find_vma(mm, address);

	if (vma)
		ra->vm_flags |= vma->vm_flags;
	if (*pte & _PAGE_ACCESSED) {
		*pte &= ~(pte_t)_PAGE_ACCESSED;
		flush_tlb_page(mm, address);
		ra->referenced++;
	}
	return 0;
}

static int glue_page_referenced(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg ra = {.page = page};
	rmap_walk(page, referenced_one, &ra);
	*vm_flags = ra.vm_flags;
	return ra.referenced;
}

/* Unmap one (mm, address) mapping of page; false to stop (page stays mapped there). */
static bool unmap_one(struct page *page, struct mm_struct *mm, uint64_t address)
{
	pte_t *pte = rmap_pte(mm, address, page);
	struct vm_area_struct *vma = find_vma(mm, address);
	pte_t old = *pte;

	if (!vma || (vma->vm_flags & VM_LOCKED))
		return false;
	if (PageSwapBacked(page) && !page_mapping(page)) {
		swp_entry_t entry = page_swap_entry(page);
		if (swap_duplicate(entry) < 0)
			return false;
		if (old & _PAGE_DIRTY)
			SetPageDirty(page);
		*pte = swp_entry_to_pte(entry);
		mm->rss_stat[MM_SWAPENTS]++;
	} else if (PageSwapBacked(page)) {
		*pte = 0; /* shmem: the next fault finds the page through its inode */
	} else {
		if ((old & _PAGE_DIRTY) && (vma->vm_flags & VM_SHARED) && vma->vm_file) {
			if (filemap_write_page(vma->vm_file, page) < 0)
				return false; /* keep it mapped (and dirty) rather than lose it */
			mod_node_page_state(&contig_page_data, NR_VMSCAN_WRITE, 1);
		}
		*pte = 0;
	}
	flush_tlb_page(mm, address);
	unmap_page(mm, address, page);
	return true;
}

static bool glue_try_to_unmap(struct page *page)
{
	struct address_space *as = page_mapping(page);
	struct rmap_item *r;
	uint64_t va = 0;

	if (PageLocked(page) || PageUnevictable(page))
		return false;
	if (PageSwapBacked(page) && !as && !PageSwapCache(page))
		return false; /* reclaim gives anon pages a slot first */
	while ((r = page->rmap)) {
		va = r->address;
		if (!unmap_one(page, r->mm, r->address))
			return false;
	}
	if (PageSwapBacked(page) && !as)
		mm_publish_event(MMEV_SWAPOUT, page_to_pfn(page), va, (int)page_tag(page)->owner);
	return !page_mapped(page);
}

static bool glue_remove_mapping(struct page *page, unsigned long shadow)
{
	if (!filemap_remove_page(page, shadow))
		return false;
	mm_publish_event(MMEV_RECLAIM, page_to_pfn(page), 0, 0);
	return true;
}

static int glue_shmem_writeout(struct page *page)
{
	int err = shmem_writeout(page);
	if (!err)
		mm_publish_event(MMEV_SWAPOUT, page_to_pfn(page), 0, 0);
	return err;
}

static const struct reclaim_ops glue_reclaim_ops = {
    .shmem_writeout = glue_shmem_writeout,
    .page_referenced = glue_page_referenced,
    .try_to_unmap = glue_try_to_unmap,
    .writepage = NULL, /* try_to_unmap writes dirty file pages back (see above) */
    .remove_mapping = glue_remove_mapping,
};

/* ---- the OOM killer's view of tasks ---- */

static bool fatal_signal_pending(const struct task_struct *t)
{
	return t->pending & (1ull << (SIGKILL - 1));
}

static void task_info(struct task_struct *t, struct oom_task_info *o)
{
	struct mm_struct *mm = t->mm;
	memset(o, 0, sizeof(*o));
	o->pid = t->tgid;
	o->tgid = t->tgid;
	o->uid = (unsigned int)getuid();
	snprintf(o->comm, sizeof(o->comm), "%s", t->comm);
	if (mm) {
		o->total_vm = mm->total_vm;
		o->rss_anon = (unsigned long)mm->rss_stat[MM_ANONPAGES];
		o->rss_file = (unsigned long)mm->rss_stat[MM_FILEPAGES];
		o->rss_shmem = (unsigned long)mm->rss_stat[MM_SHMEMPAGES];
		o->swapents = (unsigned long)mm->rss_stat[MM_SWAPENTS];
		o->pgtables_bytes = mm->pgtables_bytes;
	}
	o->oom_score_adj = t->oom_score_adj;
	o->is_init = t == kernel_init_task();
	o->is_kthread = !mm;
	o->cookie = t;
}

static void glue_for_each_task(int (*fn)(const struct oom_task_info *t, void *arg), void *arg)
{
	struct task_struct *t;
	struct oom_task_info o;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid != t->tgid || !t->mm || t->state == TASK_ZOMBIE ||
		    t->state == TASK_DEAD || fatal_signal_pending(t))
			continue;
		task_info(t, &o);
		if (fn(&o, arg))
			return;
	}
}

static bool glue_current_task(struct oom_task_info *out)
{
	if (!current || !current->mm)
		return false;
	task_info(current, out);
	return true;
}

static bool killed_current; /* the last OOM victim was the allocating process */

static int glue_oom_kill(const struct oom_task_info *v)
{
	struct task_struct *t = v->cookie;
	mm_publish_event(MMEV_OOM_KILL, 0, 0, t->tgid);
	if (current && t->tgid == current->tgid) {
		t->pending |= 1ull << (SIGKILL - 1); /* dies on its way out of the kernel */
		t->pending_code[SIGKILL - 1] = SI_KERNEL;
		t->pending_pid[SIGKILL - 1] = 0;
		killed_current = true;
		return 0;
	}
	send_signal(t, SIGKILL, SI_KERNEL, 0); /* frees its memory now */
	killed_current = false;
	return 0;
}

static const struct oom_task_ops glue_oom_ops = {
    .for_each_task = glue_for_each_task,
    .current_task = glue_current_task,
    .kill = glue_oom_kill,
};

/* The allocator's OOM hook: true when memory was freed and the allocation may retry. */
static bool glue_out_of_memory(gfp_t gfp, unsigned int order)
{
	if (current && fatal_signal_pending(current))
		return false; /* already dying: fail, it frees everything on exit */
	killed_current = false;
	if (!oom_alloc_hook(gfp, order))
		return false;
	return !killed_current;
}

/* Who allocates, for the allocator's failure report. */
static const char *glue_current_comm(void)
{
	return current ? current->comm : "swapper/0";
}

int reclaim_boot(const char *swap_arg, const char *zram_arg)
{
	int err;
	lru_init();
	swap_init();
	if (zram_arg && (err = swapon_zram_arg(zram_arg)) < 0) {
		fprintf(stderr, "rvmm: --zram %s: %s\n", zram_arg, strerror(-err));
		return err;
	}
	if (swap_arg && (err = swapon_file_arg(swap_arg)) < 0) {
		fprintf(stderr, "rvmm: --swap %s: %s\n", swap_arg, strerror(-err));
		return err;
	}
	reclaim_set_ops(&glue_reclaim_ops);
	oom_set_task_ops(&glue_oom_ops);
	vmscan_init();
	mm_out_of_memory = glue_out_of_memory;
	mm_current_comm = glue_current_comm;
	return 0;
}

void reclaim_shutdown(void)
{
	vmscan_exit();
	mm_current_comm = NULL;
	oom_set_task_ops(NULL);
	reclaim_set_ops(NULL);
	swap_exit();
	lru_exit();
}

void reclaim_tick(void)
{
	if (kswapd_pending())
		kswapd_run();
}
