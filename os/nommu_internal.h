/*
 * nommu_internal.h - what nommu.c (regions, memory calls, PMP) shares with
 * nommu_exec.c (loading a program without an MMU).
 */
#ifndef RVMM_OS_NOMMU_INTERNAL_H
#define RVMM_OS_NOMMU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "os/nommu.h"

struct file;
struct page;

/* rt_sigreturn's two instructions sit in the top bytes of the stack region. */
#define NOMMU_TRAMPOLINE_SIZE 16

enum nommu_kind { NOMMU_IMAGE, NOMMU_STACK, NOMMU_ANON, NOMMU_FILE };

/* One buddy block of a process: [start, start + len) is in use, 2^order pages are held. */
struct nommu_region {
	struct nommu_region *next; /* by start address */
	struct page *page;	   /* the block's head */
	uint64_t start, len;	   /* physical = user address; page-aligned length */
	unsigned order;
	unsigned prot; /* PROT_*: PMP permissions under --pmp */
	enum nommu_kind kind;
	bool shared;	   /* MAP_SHARED anonymous memory ('s' in maps) */
	struct file *file; /* the image or a private file mapping (a reference) */
	uint64_t off;	   /* file offset of a file mapping */
};

struct nommu_mm {
	struct nommu_mm *next;
	const struct mm_struct *mm;
	struct nommu_region *regions;
	int nr;
	uint64_t brk_limit; /* brk may grow up to here (a page below the stack block's top) */
};

void nommu_flush_code(uint64_t pa, uint64_t len);
struct nommu_mm *nommu_mm_of(const struct mm_struct *mm, bool create);
struct nommu_region *nommu_region_alloc(struct mm_struct *mm, uint64_t len, unsigned prot,
					enum nommu_kind kind, int pid, int *err);
void nommu_region_unmap(struct mm_struct *mm, struct nommu_region *r);
struct nommu_region *nommu_find_region(const struct mm_struct *mm, uint64_t addr);

#endif
