/*
 * mm_types.h - a process's address space: mm_struct and its VMAs
 * (vm_area_struct), Linux's names and meanings.
 *
 * The VMAs of an mm are kept in an array sorted by address (vma.c), searched
 * by binary search: find_vma() is O(log n), insertion and removal move
 * pointers, as Linux's maple tree keeps ranges in sorted nodes.
 *
 * Invariants: VMAs never overlap; vm_start < vm_end, both page-aligned;
 * vmas[i]->vm_end <= vmas[i+1]->vm_start; total_vm is the sum of VMA sizes in
 * pages; rss counters count pages mapped by present PTEs.
 */
#ifndef RVMM_OS_MM_MM_TYPES_H
#define RVMM_OS_MM_MM_TYPES_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct page;

/* vm_flags (include/linux/mm.h values) */
#define VM_NONE	     0x00000000UL
#define VM_READ	     0x00000001UL
#define VM_WRITE     0x00000002UL
#define VM_EXEC	     0x00000004UL
#define VM_SHARED    0x00000008UL
#define VM_MAYREAD   0x00000010UL
#define VM_MAYWRITE  0x00000020UL
#define VM_MAYEXEC   0x00000040UL
#define VM_MAYSHARE  0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_DENYWRITE 0x00000800UL
#define VM_LOCKED    0x00002000UL
#define VM_DONTCOPY  0x00020000UL /* madvise(MADV_DONTFORK): the child gets no copy */
#define VM_LOCKONFAULT                                                                             \
	0x00080000UL /* mlock2(MLOCK_ONFAULT): locked as faulted in, not populated                 \
		      */
#define VM_NORESERVE 0x00200000UL
#define VM_ACCOUNT   0x00100000UL
#define VM_STACK     VM_GROWSDOWN

/* What a VMA is for, for /proc/PID/maps names. */
enum vma_kind { VMA_OTHER, VMA_HEAP, VMA_STACK, VMA_VDSO };

struct vm_area_struct {
	uint64_t vm_start, vm_end; /* [start, end) */
	unsigned long vm_flags;
	unsigned long vm_pgoff; /* offset in the file, in pages (for vm_start) */
	struct file *vm_file;	/* a reference, or NULL for anonymous memory */
	struct mm_struct *vm_mm;
	enum vma_kind kind;
};

enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

struct mm_struct {
	struct vm_area_struct **vmas; /* sorted by vm_start */
	int map_count, vma_cap;
	struct page *pgd; /* root page-table page */
	uint16_t asid;
	int mm_users;
	uint64_t start_code, end_code, start_data, end_data;
	uint64_t start_brk, brk, start_stack;
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t mmap_base;
	unsigned long total_vm, stack_vm, data_vm, exec_vm, locked_vm;
	unsigned long hiwater_rss, hiwater_vm;
	long rss_stat[NR_MM_COUNTERS];
	unsigned long pgtables_bytes;
	unsigned long min_flt, maj_flt;
	uint64_t saved_auxv[48];
	/* the program this address space runs (a reference holding deny_write_access:
	 * open for writing and truncate fail with ETXTBSY); NULL for a bare mm */
	struct file *exe_file;
	/* flags every new VMA gets: VM_LOCKED (| VM_LOCKONFAULT) after mlockall(MCL_FUTURE) */
	unsigned long def_flags;
};

static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return (unsigned long)(mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
			       mm->rss_stat[MM_SHMEMPAGES]);
}

static inline unsigned long vma_pages(const struct vm_area_struct *v)
{
	return (unsigned long)((v->vm_end - v->vm_start) >> 12);
}

#endif
