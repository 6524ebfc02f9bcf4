/*
 * vma.h - the ordered set of VMAs of an mm_struct (see mm_types.h).
 * These functions only manage the set and its accounting; unmapping pages
 * and page tables is the caller's (mmap.c).
 */
#ifndef RVMM_OS_MM_VMA_H
#define RVMM_OS_MM_VMA_H

#include "os/mm/mm_types.h"

int vma_cache_init(void);
void vma_cache_exit(void);

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/* Free a VMA not in any mm (drops its file reference). */
void vm_area_free(struct vm_area_struct *vma);

/* The first VMA with vm_end > addr (it may start above addr), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr);
/* The VMA containing addr, or NULL. */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, uint64_t addr);
/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, uint64_t start, uint64_t end);
/* Insert a VMA that overlaps nothing. 0, -EEXIST on overlap, -ENOMEM. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
/* Take vma out of mm's set (not freed). */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
/* Split vma at addr (page-aligned, strictly inside): vma keeps [start, addr),
 * the new VMA [addr, end) is inserted and returned. NULL on ENOMEM. */
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr);
/* Merge vma with its neighbours when they are compatible and adjacent. */
void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
/* A hole of len bytes, searched top-down below high and above low. 0 if none. */
uint64_t get_unmapped_area_topdown(struct mm_struct *mm, uint64_t len, uint64_t low, uint64_t high);
/* Recompute total_vm and friends from the set (after a change). */
void vm_stat_account(struct mm_struct *mm);
/* Index of vma in the array (tests, iteration). */
int vma_index(struct mm_struct *mm, const struct vm_area_struct *vma);

#endif
