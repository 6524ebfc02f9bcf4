/*
 * mm.h - the process side of memory management: address spaces, the fault
 * handler and the mapping calls (mmap, munmap, mprotect, brk).
 */
#ifndef RVMM_OS_MM_MM_H
#define RVMM_OS_MM_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "os/mm/mm_types.h"
#include "os/mm/pgtable.h"
#include "os/mm/vma.h"

/* mmap(2) prot and flags (asm-generic mman). */
#define PROT_NONE	    0x0
#define PROT_READ	    0x1
#define PROT_WRITE	    0x2
#define PROT_EXEC	    0x4
#define PROT_GROWSDOWN	    0x01000000
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	    0x0f
#define MAP_FIXED	    0x10
#define MAP_ANONYMOUS	    0x20
#define MAP_GROWSDOWN	    0x0100
#define MAP_DENYWRITE	    0x0800
#define MAP_EXECUTABLE	    0x1000
#define MAP_LOCKED	    0x2000
#define MAP_NORESERVE	    0x4000
#define MAP_POPULATE	    0x8000
#define MAP_NONBLOCK	    0x10000
#define MAP_STACK	    0x20000
#define MAP_FIXED_NOREPLACE 0x100000

/* Layout of a user address space (Sv39: 256 GiB of user addresses). */
#define STACK_TOP	TASK_SIZE
#define STACK_RLIMIT	(8ull << 20)				    /* RLIMIT_STACK default */
#define MMAP_BASE	(STACK_TOP - STACK_RLIMIT - (128ull << 20)) /* top-down mmap start */
#define MMAP_MIN_ADDR	0x10000ull				    /* vm.mmap_min_addr */
#define ELF_ET_DYN_BASE 0x2aaaaaa000ull /* (TASK_SIZE / 3) * 2, page-aligned */

/* fault flags */
#define FAULT_FLAG_WRITE       0x01
#define FAULT_FLAG_INSTRUCTION 0x02
#define FAULT_FLAG_USER	       0x04

/* handle_mm_fault() results */
enum vm_fault_result {
	VM_FAULT_OK = 0,
	VM_FAULT_MAPERR, /* no mapping: SIGSEGV with SEGV_MAPERR */
	VM_FAULT_ACCERR, /* mapping forbids the access: SIGSEGV with SEGV_ACCERR */
	VM_FAULT_OOM,
	VM_FAULT_SIGBUS, /* file mapping beyond the end of the file */
};

int mm_caches_init(void);
void mm_caches_exit(void);

/* The shared zero page (FK_ZERO), mapped read-only for anonymous read faults. */
struct page *zero_page(void);

/* A new, empty address space with its own root table and ASID. NULL on ENOMEM. */
struct mm_struct *mm_alloc(void);
/* Drop a user; the last one unmaps everything and frees the tables. */
void mmput(struct mm_struct *mm);
/* mm runs program f from now on (NULL: none): writes to f fail with ETXTBSY
 * while mm lives. 0, or -ETXTBSY if f is open for writing. */
struct file;
int set_mm_exe_file(struct mm_struct *mm, struct file *f);
/* Remove the mapping of pg by mm's PTE at addr: rmap, mapcount, RSS, the reference. */
struct page;
void unmap_page(struct mm_struct *mm, uint64_t addr, struct page *pg);
/* The rss_stat counter of a mapped page: MM_ANONPAGES, MM_SHMEMPAGES or MM_FILEPAGES. */
int mm_counter(const struct page *pg);
/* fork: a copy of old sharing its pages copy-on-write. NULL on ENOMEM. */
struct mm_struct *dup_mm(struct mm_struct *old);

/* Resolve a fault at addr; the owner pid is recorded on new frames. */
enum vm_fault_result handle_mm_fault(struct mm_struct *mm, uint64_t addr, unsigned int flags,
				     int pid);

/* mmap: the address, or -errno. file may be NULL (anonymous). */
int64_t do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned long prot,
		unsigned long flags, struct file *file, uint64_t off, int pid);
int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len);
int do_mprotect(struct mm_struct *mm, uint64_t start, uint64_t len, unsigned long prot);
/* brk(2): the new break (or the old one when the request cannot be met). */
uint64_t do_brk(struct mm_struct *mm, uint64_t brk, int pid);
/* Clear the PTEs of [start, end) inside vma (writing back dirty shared file pages). */
void zap_page_range(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t start, uint64_t end);
long do_madvise(struct mm_struct *mm, uint64_t start, uint64_t len, int advice);
long do_msync(struct mm_struct *mm, uint64_t start, uint64_t len, int flags);
long do_mincore(struct mm_struct *mm, uint64_t start, uint64_t len, uint64_t uvec);
/* mlock/munlock/mlock2: lock is VM_LOCKED (| VM_LOCKONFAULT: not populated) or 0. */
long do_mlock(struct mm_struct *mm, uint64_t start, uint64_t len, unsigned long lock, int pid);
/* mlockall(MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT) and munlockall(). */
long do_mlockall(struct mm_struct *mm, int flags, int pid);
long do_munlockall(struct mm_struct *mm);
/* A page now mapped by a VM_LOCKED VMA: PG_mlocked, off the evictable lists (Linux's
 * mlock_folio). munlock_page: it lost such a mapping; if no other keeps it locked, back
 * to the evictable LRU. Both keep NR_MLOCK (meminfo's Mlocked) right. */
struct page;
void mlock_page(struct page *page);
void munlock_page(struct page *page);
int64_t do_mremap(struct mm_struct *mm, uint64_t old, uint64_t old_len, uint64_t new_len,
		  unsigned long flags, uint64_t new_addr);
/* Fault in every page of [start, end) (MAP_POPULATE, mlock). */
int mm_populate(struct mm_struct *mm, uint64_t start, uint64_t end, int pid);

#endif
