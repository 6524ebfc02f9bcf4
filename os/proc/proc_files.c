/*
 * proc_files.c - the text files of /proc: the system-wide ones (meminfo,
 * vmstat, buddyinfo, zoneinfo, slabinfo from the memory manager's
 * producers; cpuinfo, uptime) and the per-task ones (status, stat, statm,
 * maps, cmdline), in Linux's formats.
 *
 * A file's text is produced when it is opened and served from that
 * snapshot (as a seq_file read in one go would be).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/fs/namei.h"
#include "os/kernel_internal.h"
#include "os/mm/mm.h"
#include "os/mm/vmalloc.h"
#include "os/mm/mm_proc.h"
#include "os/mm/page.h"
#include "os/mm/filemap.h"
#include "os/mm/page_alloc.h"
#include "os/mm/shmem.h"
#include "os/mm/slab.h"
#include "os/mm/swap_fault.h"
#include "os/nommu.h"
#include "os/mm/psi.h"
#include "os/proc/procfs.h"
#include "os/task.h"
#include "os/uaccess.h"
#include "os/uapi.h"

/* snprintf that appends at *len and keeps counting past size. */
__attribute__((format(printf, 4, 5))) static void add(char *buf, size_t size, size_t *len,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(*len < size ? buf + *len : NULL, *len < size ? size - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

static size_t show_meminfo(int pid, char *b, size_t s)
{
	return proc_meminfo_show(b, s);
}
static size_t show_vmstat(int pid, char *b, size_t s)
{
	return proc_vmstat_show(b, s);
}
static size_t show_buddyinfo(int pid, char *b, size_t s)
{
	return proc_buddyinfo_show(b, s);
}
static size_t show_vmallocinfo(int pid, char *b, size_t s)
{
	return proc_vmallocinfo_show(b, s);
}

static size_t show_zoneinfo(int pid, char *b, size_t s)
{
	return proc_zoneinfo_show(b, s);
}
static size_t show_slabinfo(int pid, char *b, size_t s)
{
	return proc_slabinfo_show(b, s);
}

static size_t show_uptime(int pid, char *b, size_t s)
{
	uint64_t ns = kernel_time_ns();
	size_t len = 0;
	add(b, s, &len, "%llu.%02llu 0.00\n", (unsigned long long)(ns / 1000000000u),
	    (unsigned long long)(ns / 10000000u % 100));
	return len;
}

static size_t show_cpuinfo(int pid, char *b, size_t s)
{
	size_t len = 0;
	add(b, s, &len,
	    "processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc_zicsr_zifencei\nmmu\t\t: sv39\n"
	    "uarch\t\t: rvmm\n\n");
	return len;
}

static unsigned long kb(unsigned long pages)
{
	return pages * 4;
}

static size_t show_status(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm;
	size_t len = 0;
	static const char *const states[] = {"R (running)", "S (sleeping)", "Z (zombie)",
					     "X (dead)"};

	if (!t)
		return 0;
	mm = t->mm;
	add(b, s, &len, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
	    t->comm, t->fs ? t->fs->umask : 022, states[t->state], t->tgid, t->pid);
	add(b, s, &len, "PPid:\t%d\nTracerPid:\t0\n", t->parent ? t->parent->tgid : 0);
	add(b, s, &len, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", getuid(), getuid(),
	    getuid(), getuid(), getgid(), getgid(), getgid(), getgid());
	add(b, s, &len, "FDSize:\t%u\nGroups:\t\n", t->files ? t->files->max_fds : 0);
	if (mm) {
		unsigned long anon = (unsigned long)mm->rss_stat[MM_ANONPAGES],
			      file = (unsigned long)mm->rss_stat[MM_FILEPAGES],
			      shmem = (unsigned long)mm->rss_stat[MM_SHMEMPAGES];
		unsigned long text =
		    (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> 12;
		unsigned long lib = mm->exec_vm > text ? mm->exec_vm - text : 0;
		add(b, s, &len,
		    "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n"
		    "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
		    "RssShmem:\t%8lu kB\nVmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		    "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		    kb(mm->hiwater_vm), kb(mm->total_vm), kb(mm->locked_vm), 0ul,
		    kb(mm->hiwater_rss), kb(get_mm_rss(mm)), kb(anon), kb(file), kb(shmem),
		    kb(mm->data_vm), kb(mm->stack_vm), kb(text), kb(lib), mm->pgtables_bytes >> 10,
		    kb((unsigned long)mm->rss_stat[MM_SWAPENTS]));
	}
	int threads = 0;
	struct task_struct *th;
	list_for_each_entry(th, &task_list, tasks)
		if (th->tgid == t->tgid && th->state != TASK_ZOMBIE && th->state != TASK_DEAD)
			threads++;
	add(b, s, &len, "Threads:\t%d\nSigBlk:\t%016llx\n", threads ? threads : 1,
	    (unsigned long long)t->blocked);
	add(b, s, &len, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
	    t->nvcsw, t->nivcsw);
	return len;
}

static size_t show_statm(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm = t ? t->mm : NULL;
	size_t len = 0;
	if (!mm) {
		add(b, s, &len, "0 0 0 0 0 0 0\n");
		return len;
	}
	unsigned long text = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> 12;
	add(b, s, &len, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, get_mm_rss(mm),
	    (unsigned long)mm->rss_stat[MM_FILEPAGES], text, mm->data_vm + mm->stack_vm);
	return len;
}

/* /proc/PID/stat: the 52 fields of Linux's do_task_stat(), times in clock ticks. */
static size_t show_stat(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm;
	size_t len = 0;
	static const char st[] = "RSZX";
	if (!t)
		return 0;
	mm = t->mm;
	unsigned long long ticks = kernel_time_ns() / 10000000u;
	add(b, s, &len,
	    "%d (%s) %c %d %d %d 0 -1 4194304 %lu 0 %lu 0 %llu 0 0 0 20 0 1 0 0 %lu %lu", t->pid,
	    t->comm, st[t->state], t->parent ? t->parent->tgid : 0, t->tgid, t->tgid,
	    mm ? mm->min_flt : 0, mm ? mm->maj_flt : 0, ticks, mm ? mm->total_vm * 4096 : 0,
	    mm ? get_mm_rss(mm) : 0);
	add(b, s, &len,
	    " 18446744073709551615 %llu %llu %llu 0 0 0 %llu 0 0 0 0 0 0 17 0 0 0 0 0 0 %llu %llu "
	    "%llu %llu %llu %llu %llu 0\n",
	    mm ? (unsigned long long)mm->start_code : 0, mm ? (unsigned long long)mm->end_code : 0,
	    mm ? (unsigned long long)mm->start_stack : 0, (unsigned long long)t->blocked,
	    mm ? (unsigned long long)mm->start_data : 0, mm ? (unsigned long long)mm->end_data : 0,
	    mm ? (unsigned long long)mm->start_brk : 0, mm ? (unsigned long long)mm->arg_start : 0,
	    mm ? (unsigned long long)mm->arg_end : 0, mm ? (unsigned long long)mm->env_start : 0,
	    mm ? (unsigned long long)mm->env_end : 0);
	return len;
}

/* One line of /proc/PID/maps for v. */
static void maps_line(const struct vm_area_struct *v, char *b, size_t s, size_t *len)
{
	const char *name = v->vm_file		  ? v->vm_file->path
			   : v->kind == VMA_HEAP  ? "[heap]"
			   : v->kind == VMA_STACK ? "[stack]"
			   : v->kind == VMA_VDSO  ? "[vdso]"
						  : NULL;
	struct kstat k = {0};
	if (v->vm_file && v->vm_file->f_op->getattr)
		v->vm_file->f_op->getattr(v->vm_file, &k);
	size_t start = *len;
	add(b, s, len, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
	    (unsigned long long)v->vm_start, (unsigned long long)v->vm_end,
	    v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
	    v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_MAYSHARE ? 's' : 'p',
	    v->vm_file ? (unsigned long long)v->vm_pgoff << 12 : 0ull,
	    (unsigned)((k.dev >> 8) & 0xfff), (unsigned)(k.dev & 0xff), (unsigned long long)k.ino);
	if (name) /* Linux pads the name to column 73 (25 + 6 * sizeof(void *)) */
		add(b, s, len, "%*s%s", (int)(*len - start < 73 ? 73 - (*len - start) : 1), "",
		    name);
	add(b, s, len, "\n");
}

static size_t show_maps(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm = t ? t->mm : NULL;
	size_t len = 0;
	if (!mm)
		return 0;
	if (kernel_nommu()) /* NOMMU: os/nommu.c */
		return nommu_show_maps(mm, b, s);
	for (int i = 0; i < mm->map_count; i++)
		maps_line(mm->vmas[i], b, s, &len);
	return len;
}

/*
 * /proc/PID/smaps: per VMA, what its present PTEs map. A page mapped once is
 * private, more than once shared; Pss divides each page by its mapcount;
 * dirty is the PTE's D bit (set by the hart) or the page's dirty flag. The
 * shared zero page is not counted, as in Linux.
 */
static size_t show_smaps(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm = t ? t->mm : NULL;
	size_t len = 0;
	if (!mm)
		return 0;
	for (int i = 0; i < mm->map_count; i++) {
		const struct vm_area_struct *v = mm->vmas[i];
		unsigned long rss = 0, pss_x = 0, sc = 0, sd = 0, pc = 0, pd = 0, ref = 0, anon = 0;
		unsigned long swap = 0, swap_pss_x = 0; /* swap PTEs (os/mm/swap_fault.h) */
		for (uint64_t a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
			pte_t *pte = pte_offset(mm, a, false);
			if (!pte) {
				a = ((a + (1ull << 21)) & ~((1ull << 21) - 1)) - PAGE_SIZE;
				continue;
			}
			if (!pte_present(*pte)) {
				if (is_swap_pte(*pte)) {
					int users = swp_swapcount(pte_to_swp_entry(*pte));
					swap++;
					swap_pss_x += 4096 / (unsigned long)(users > 0 ? users : 1);
				}
				continue;
			}
			struct page *pg = pfn_to_page(pte_pfn(*pte));
			if (pg == zero_page())
				continue;
			int mc = page_mapcount(pg) > 0 ? page_mapcount(pg) : 1;
			bool dirty = (*pte & _PAGE_DIRTY) || PageDirty(pg);
			rss++;
			pss_x += 4096 / (unsigned long)mc; /* bytes */
			if (mc > 1)
				dirty ? sd++ : sc++;
			else
				dirty ? pd++ : pc++;
			if (*pte & _PAGE_ACCESSED)
				ref++;
			if (PageAnon(pg))
				anon++;
		}
		/* a shared shmem mapping's pages on swap count in its Swap, as Linux's
		 * shmem_swap_usage (not in SwapPss, nor in VmSwap) */
		if (v->vm_file && v->vm_file->f_inode && (v->vm_flags & VM_SHARED) &&
		    shmem_mapping(&v->vm_file->f_inode->i_data))
			swap += shmem_swap_usage(&v->vm_file->f_inode->i_data, v->vm_pgoff,
						 v->vm_pgoff + vma_pages(v));
		maps_line(v, b, s, &len);
		add(b, s, &len,
		    "Size:           %8lu kB\nKernelPageSize:        4 kB\nMMUPageSize:           "
		    "4 kB\n"
		    "Rss:            %8lu kB\nPss:            %8lu kB\n"
		    "Shared_Clean:   %8lu kB\nShared_Dirty:   %8lu kB\n"
		    "Private_Clean:  %8lu kB\nPrivate_Dirty:  %8lu kB\n"
		    "Referenced:     %8lu kB\nAnonymous:      %8lu kB\nLazyFree:              0 "
		    "kB\n"
		    "AnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\nFilePmdMapped:      "
		    "   0 kB\n"
		    "Shared_Hugetlb:        0 kB\nPrivate_Hugetlb:       0 kB\n"
		    "Swap:           %8lu kB\nSwapPss:        %8lu kB\n"
		    "Locked:         %8lu kB\nTHPeligible:    0\n",
		    vma_pages(v) * 4, rss * 4, pss_x / 1024, sc * 4, sd * 4, pc * 4, pd * 4,
		    ref * 4, anon * 4, swap * 4, swap_pss_x / 1024,
		    v->vm_flags & VM_LOCKED ? rss * 4 : 0);
		add(b, s, &len, "VmFlags:%s%s%s%s%s%s%s%s%s%s \n",
		    v->vm_flags & VM_READ ? " rd" : "", v->vm_flags & VM_WRITE ? " wr" : "",
		    v->vm_flags & VM_EXEC ? " ex" : "", v->vm_flags & VM_SHARED ? " sh" : "",
		    v->vm_flags & VM_MAYREAD ? " mr" : "", v->vm_flags & VM_MAYWRITE ? " mw" : "",
		    v->vm_flags & VM_MAYEXEC ? " me" : "", v->vm_flags & VM_MAYSHARE ? " ms" : "",
		    v->vm_flags & VM_GROWSDOWN ? " gd" : "", v->vm_flags & VM_LOCKED ? " lo" : "");
	}
	return len;
}

/* Read user memory of any task (switching the hart's address space briefly). */
static int access_task_vm(struct task_struct *t, uint64_t addr, void *buf, size_t n)
{
	struct task_struct *save = current;
	int r;
	if (t == current)
		return copy_from_user(buf, addr, n);
	current = t;
	kernel_switch_mm(t->mm);
	r = copy_from_user(buf, addr, n);
	current = save;
	kernel_switch_mm(save->mm);
	return r;
}

static size_t show_cmdline(int pid, char *b, size_t s)
{
	struct task_struct *t = find_task_by_vpid(pid);
	struct mm_struct *mm = t ? t->mm : NULL;
	size_t n;
	if (!mm || mm->arg_end <= mm->arg_start)
		return 0;
	n = mm->arg_end - mm->arg_start;
	if (n > s)
		return n;
	return access_task_vm(t, mm->arg_start, b, n) ? 0 : n;
}

const struct proc_file_entry proc_root_files[] = {
    {.name = "buddyinfo", .show = show_buddyinfo},
    {.name = "cpuinfo", .show = show_cpuinfo},
    {.name = "kpagecount", .fops = &proc_kpagecount_ops, .mmu_only = true},
    {.name = "kpageflags", .fops = &proc_kpageflags_ops, .mmu_only = true},
    {.name = "meminfo", .show = show_meminfo},
    {.name = "slabinfo", .show = show_slabinfo},
    {.name = "swaps", .show = proc_show_swaps},
    {.name = "uptime", .show = show_uptime},
    {.name = "vmallocinfo", .show = show_vmallocinfo},
    {.name = "vmstat", .show = show_vmstat},
    {.name = "zoneinfo", .show = show_zoneinfo},
};
const int proc_root_nfiles = sizeof(proc_root_files) / sizeof(proc_root_files[0]);

const struct proc_file_entry proc_pid_files[] = {
    {.name = "clear_refs", .store = proc_store_clear_refs, .mmu_only = true},
    {.name = "cmdline", .show = show_cmdline},
    {.name = "maps", .show = show_maps},
    {.name = "oom_score", .show = proc_show_oom_score},
    {.name = "oom_score_adj", .show = proc_show_oom_score_adj, .store = proc_store_oom_score_adj},
    {.name = "pagemap", .fops = &proc_pagemap_ops, .mmu_only = true},
    {.name = "smaps", .show = show_smaps},
    {.name = "stat", .show = show_stat},
    {.name = "statm", .show = show_statm},
    {.name = "status", .show = show_status},
};
const int proc_pid_nfiles = sizeof(proc_pid_files) / sizeof(proc_pid_files[0]);

static size_t show_pressure_memory(int pid, char *b, size_t s)
{
	return psi_show(b, s);
}

const struct proc_file_entry proc_pressure_files[] = {
    {.name = "memory", .show = show_pressure_memory},
};
const int proc_pressure_nfiles = sizeof(proc_pressure_files) / sizeof(proc_pressure_files[0]);

bool proc_entry_visible(const struct proc_file_entry *e)
{
	return !e->mmu_only || proc_page_monitor_exists();
}

const struct proc_file_entry *proc_file_entry_of(const struct proc_node *n)
{
	if (n->type == PROC_PRESSURE_FILE)
		return &proc_pressure_files[n->id];
	if (n->type == PROC_SYS_VM_FILE)
		return &proc_sys_vm_files[n->id];
	if (n->type == PROC_SYSFS)
		return sysfs_file(n->id);
	return n->type == PROC_FILE ? &proc_root_files[n->id] : &proc_pid_files[n->id];
}

unsigned int proc_file_mode(const struct proc_node *n)
{
	const struct proc_file_entry *e = proc_file_entry_of(n);
	return !e->show && !e->fops ? 0200 : e->store ? 0644 : 0444;
}

char *proc_file_text(const struct proc_node *n, size_t *len)
{
	const struct proc_file_entry *e = proc_file_entry_of(n);
	size_t size = 4096, need;
	char *buf;
	if (!e->show) { /* write-only: no text */
		*len = 0;
		return kzalloc(1, GFP_KERNEL);
	}
	for (;;) {
		buf = kmalloc(size, GFP_KERNEL);
		if (!buf)
			return NULL;
		need = e->show(n->pid, buf, size);
		if (need < size)
			break;
		kfree(buf);
		size = need + 1;
	}
	*len = need;
	return buf;
}

struct proc_text {
	char *text;
	size_t len;
};

static ssize_t proc_file_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct proc_text *pt = f->private_data;
	if (*pos >= (int64_t)pt->len)
		return 0;
	if (n > pt->len - (size_t)*pos)
		n = pt->len - (size_t)*pos;
	memcpy(buf, pt->text + *pos, n);
	*pos += (int64_t)n;
	return (ssize_t)n;
}

/* A write to a writable file (oom_score_adj): the whole buffer is the new value. */
static ssize_t proc_file_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	const struct proc_file_entry *e = proc_file_entry_of(&f->pn);
	int err;
	if (!e->store)
		return -EACCES;
	err = e->store(f->pn.pid, buf, n);
	if (err)
		return err;
	*pos += (int64_t)n;
	return (ssize_t)n;
}

static int64_t proc_file_llseek(struct file *f, int64_t off, int whence)
{
	struct proc_text *pt = f->private_data;
	int64_t base = whence == LINUX_SEEK_SET ? 0 : whence == LINUX_SEEK_CUR ? f->f_pos : -1;
	if (whence == LINUX_SEEK_END)
		base = (int64_t)pt->len;
	if (base < 0 || base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static void proc_file_release(struct file *f)
{
	struct proc_text *pt = f->private_data;
	kfree(pt->text);
	kfree(pt);
}

const struct file_operations proc_file_ops = {
    .name = "procfile",
    .read = proc_file_read,
    .write = proc_file_write,
    .llseek = proc_file_llseek,
    .release = proc_file_release,
};

int proc_file_attach(struct file *f, const struct proc_node *n)
{
	struct proc_text *pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return -ENOMEM;
	pt->text = proc_file_text(n, &pt->len);
	if (!pt->text) {
		kfree(pt);
		return -ENOMEM;
	}
	f->private_data = pt;
	return 0;
}
