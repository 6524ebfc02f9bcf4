/*
 * proc_pagemap.c - the binary page-monitoring files of /proc, in Linux's
 * formats (Documentation/admin-guide/mm/pagemap.rst):
 *
 *   /proc/PID/pagemap  one 64-bit entry per virtual page of the task:
 *       bit 63 present, 62 swapped, 61 file page or shared anonymous,
 *       56 exclusively mapped; bits 0-54 the PFN when present, or when
 *       swapped the swap type in bits 0-4 and the slot in bits 5-54.
 *       Soft-dirty (55) and uffd-wp (57) are not tracked and read 0.
 *   /proc/kpagecount   one 64-bit count per physical frame: its mapcount.
 *   /proc/kpageflags   one 64-bit KPF_* set per physical frame.
 *   /proc/PID/clear_refs  write 1 to clear the accessed bits of every page
 *       the task maps (2: anonymous mappings only, 3: file mappings only),
 *       so that smaps' Referenced then counts the pages used since: the
 *       working set, measured by the hart's A bits. 4 (soft-dirty) is
 *       accepted and does nothing (not tracked), 5 resets VmHWM to VmRSS.
 *
 * Entry i of a file is at byte offset 8*i; reads must start at a multiple
 * of 8 and ask for a multiple of 8 bytes (EINVAL otherwise), as Linux's.
 * pagemap ends at the top of the user address space, the kpage files at
 * the last frame of RAM. PFNs are shown in full: every guest task runs as
 * root, which Linux also requires for them. These files need page tables,
 * so they do not exist in NOMMU mode (Linux has them only with an MMU).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/pgtable.h"
#include "os/mm/swap_fault.h"
#include "os/mm/vma.h"
#include "os/nommu.h"
#include "os/proc/procfs.h"
#include "os/task.h"
#include "os/uapi.h"

#define PM_ENTRY_BYTES	  8
#define PM_PFN_MASK	  ((1ULL << 55) - 1)
#define PM_SWAP_TYPE_BITS 5
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE		  (1ULL << 61)
#define PM_SWAP		  (1ULL << 62)
#define PM_PRESENT	  (1ULL << 63)

/* The stable page-flag bits of /proc/kpageflags (Linux's uapi kernel-page-flags.h). */
enum {
	KPF_LOCKED = 0,
	KPF_REFERENCED = 2,
	KPF_UPTODATE = 3,
	KPF_DIRTY = 4,
	KPF_LRU = 5,
	KPF_ACTIVE = 6,
	KPF_SLAB = 7,
	KPF_WRITEBACK = 8,
	KPF_RECLAIM = 9,
	KPF_BUDDY = 10,
	KPF_MMAP = 11,
	KPF_ANON = 12,
	KPF_SWAPCACHE = 13,
	KPF_SWAPBACKED = 14,
	KPF_COMPOUND_HEAD = 15,
	KPF_COMPOUND_TAIL = 16,
	KPF_UNEVICTABLE = 18,
	KPF_NOPAGE = 20,
	KPF_ZERO_PAGE = 24,
	KPF_PGTABLE = 26,
};

bool proc_page_monitor_exists(void)
{
	return !kernel_nommu();
}

/* The pagemap entry of one user virtual address of mm. */
static uint64_t pagemap_entry(struct mm_struct *mm, uint64_t va)
{
	struct vm_area_struct *vma = vma_lookup(mm, va);
	pte_t *ptep, pte;
	struct page *pg;
	uint64_t e;

	if (!vma || !(ptep = pte_offset(mm, va, false)) || !(pte = *ptep))
		return 0;
	if (is_swap_pte(pte)) {
		swp_entry_t s = pte_to_swp_entry(pte);
		return PM_SWAP |
		       (((uint64_t)swp_offset(s) << PM_SWAP_TYPE_BITS | swp_type(s)) & PM_PFN_MASK);
	}
	e = PM_PRESENT | (pte_pfn(pte) & PM_PFN_MASK);
	if (!pfn_valid(pte_pfn(pte)))
		return e;
	pg = pfn_to_page(pte_pfn(pte));
	if (pg == zero_page())
		return e; /* not a "normal" page: no file or exclusive bit */
	if (!PageAnon(pg))
		e |= PM_FILE;
	if (page_mapcount(pg) == 1)
		e |= PM_MMAP_EXCLUSIVE;
	return e;
}

/* A read of n bytes at *pos: the checks every one of these files shares. */
static int pm_check(size_t n, int64_t pos)
{
	return (pos % PM_ENTRY_BYTES || n % PM_ENTRY_BYTES) ? -EINVAL : 0;
}

static ssize_t pagemap_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct task_struct *t = find_task_by_vpid(f->pn.pid);
	uint64_t *out = buf, first = (uint64_t)*pos / PM_ENTRY_BYTES, i;
	const uint64_t end = TASK_SIZE >> PAGE_SHIFT;
	int err = pm_check(n, *pos);

	if (err)
		return err;
	if (!t || !t->mm || first >= end)
		return 0;
	n /= PM_ENTRY_BYTES;
	if (n > end - first)
		n = end - first;
	for (i = 0; i < n; i++)
		out[i] = pagemap_entry(t->mm, (first + i) << PAGE_SHIFT);
	*pos += (int64_t)(n * PM_ENTRY_BYTES);
	return (ssize_t)(n * PM_ENTRY_BYTES);
}

static uint64_t kpageflags_of(unsigned long pfn)
{
	struct page *pg;
	uint64_t k = 0;

	if (!pfn_valid(pfn))
		return 1ULL << KPF_NOPAGE;
	pg = pfn_to_page(pfn);
	if (pg == zero_page())
		return 1ULL << KPF_ZERO_PAGE;
	if (PageTail(pg))
		return 1ULL << KPF_COMPOUND_TAIL;
	k |= (uint64_t)PageLocked(pg) << KPF_LOCKED;
	k |= (uint64_t)PageReferenced(pg) << KPF_REFERENCED;
	k |= (uint64_t)PageUptodate(pg) << KPF_UPTODATE;
	k |= (uint64_t)PageDirty(pg) << KPF_DIRTY;
	k |= (uint64_t)PageLRU(pg) << KPF_LRU;
	k |= (uint64_t)PageActive(pg) << KPF_ACTIVE;
	k |= (uint64_t)PageSlab(pg) << KPF_SLAB;
	k |= (uint64_t)PageWriteback(pg) << KPF_WRITEBACK;
	k |= (uint64_t)PageReclaim(pg) << KPF_RECLAIM;
	k |= (uint64_t)PageBuddy(pg) << KPF_BUDDY;
	k |= (uint64_t)(page_mapcount(pg) > 0) << KPF_MMAP;
	k |= (uint64_t)PageAnon(pg) << KPF_ANON;
	k |= (uint64_t)PageSwapCache(pg) << KPF_SWAPCACHE;
	k |= (uint64_t)PageSwapBacked(pg) << KPF_SWAPBACKED;
	k |= (uint64_t)PageHead(pg) << KPF_COMPOUND_HEAD;
	k |= (uint64_t)PageUnevictable(pg) << KPF_UNEVICTABLE;
	k |= (uint64_t)PageTable(pg) << KPF_PGTABLE;
	return k;
}

static uint64_t kpagecount_of(unsigned long pfn)
{
	if (!pfn_valid(pfn) || pfn_to_page(pfn) == zero_page())
		return 0;
	return (uint64_t)page_mapcount(pfn_to_page(pfn));
}

/* Fill entries for frames from *pos on, up to the last frame of RAM. */
static ssize_t kpage_read(void *buf, size_t n, int64_t *pos, uint64_t (*entry)(unsigned long))
{
	uint64_t *out = buf, first = (uint64_t)*pos / PM_ENTRY_BYTES,
		 end = mm_base_pfn + mm_nr_pages;
	int err = pm_check(n, *pos);

	if (err)
		return err;
	if (first >= end)
		return 0;
	n /= PM_ENTRY_BYTES;
	if (n > end - first)
		n = end - first;
	for (uint64_t i = 0; i < n; i++)
		out[i] = entry((unsigned long)(first + i));
	*pos += (int64_t)(n * PM_ENTRY_BYTES);
	return (ssize_t)(n * PM_ENTRY_BYTES);
}

static ssize_t kpagecount_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return kpage_read(buf, n, pos, kpagecount_of);
}

static ssize_t kpageflags_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return kpage_read(buf, n, pos, kpageflags_of);
}

enum {
	CLEAR_REFS_ALL = 1,
	CLEAR_REFS_ANON,
	CLEAR_REFS_MAPPED,
	CLEAR_REFS_SOFT_DIRTY,
	CLEAR_REFS_MM_HIWATER_RSS,
	CLEAR_REFS_LAST
};

static void clear_young(struct mm_struct *mm, uint64_t va, pte_t *pte, struct page *pg, void *arg)
{
	*pte &= ~(pte_t)_PAGE_ACCESSED;
	ClearPageReferenced(pg);
}

/* Clear the young state of every present page in the VMAs type selects. */
static void clear_refs_mm(struct mm_struct *mm, int type)
{
	for (int i = 0; i < mm->map_count; i++) {
		const struct vm_area_struct *v = mm->vmas[i];
		if ((type == CLEAR_REFS_ANON && v->vm_file) ||
		    (type == CLEAR_REFS_MAPPED && !v->vm_file))
			continue;
		walk_present_pages(mm, v->vm_start, v->vm_end, clear_young, NULL);
	}
	flush_tlb_mm(mm); /* the hart sets A again only when it walks the tables anew */
}

int proc_store_clear_refs(int pid, const char *buf, size_t n)
{
	struct task_struct *t = find_task_by_vpid(pid);
	char tmp[16], *end;
	long type;

	if (!t || !t->mm)
		return -ESRCH;
	if (n >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, n);
	tmp[n] = '\0';
	type = strtol(tmp, &end, 10);
	if (*end == '\n')
		end++;
	if (end == tmp || *end || type < CLEAR_REFS_ALL || type >= CLEAR_REFS_LAST)
		return -EINVAL;
	if (type == CLEAR_REFS_MM_HIWATER_RSS)
		t->mm->hiwater_rss = get_mm_rss(t->mm);
	else if (type != CLEAR_REFS_SOFT_DIRTY)
		clear_refs_mm(t->mm, (int)type);
	return 0;
}

/* Like Linux's mem_lseek: any non-negative position, SEEK_END unsupported. */
static int64_t pm_llseek(struct file *f, int64_t off, int whence)
{
	int64_t base = whence == LINUX_SEEK_SET ? 0 : whence == LINUX_SEEK_CUR ? f->f_pos : -1;
	if (base < 0 || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

const struct file_operations proc_pagemap_ops = {
    .name = "pagemap",
    .read = pagemap_read,
    .llseek = pm_llseek,
};
const struct file_operations proc_kpagecount_ops = {
    .name = "kpagecount",
    .read = kpagecount_read,
    .llseek = pm_llseek,
};
const struct file_operations proc_kpageflags_ops = {
    .name = "kpageflags",
    .read = kpageflags_read,
    .llseek = pm_llseek,
};
