/*
 * mm_proc.h - the text of the memory manager's /proc files, byte-compatible
 * with Linux's formats. Each producer prints into a caller buffer and returns
 * the length the full text needs (like snprintf: if that is >= size, the
 * output was truncated and the caller may retry with a bigger buffer).
 * The /proc file system itself (issue 4) serves these to guest programs.
 */
#ifndef RVMM_OS_MM_MM_PROC_H
#define RVMM_OS_MM_MM_PROC_H

#include <stddef.h>

size_t proc_meminfo_show(char *buf, size_t size);
size_t proc_vmstat_show(char *buf, size_t size);
size_t proc_buddyinfo_show(char *buf, size_t size);
size_t proc_zoneinfo_show(char *buf, size_t size);
size_t proc_slabinfo_show(char *buf, size_t size);
/* size_t proc_vmallocinfo_show(char *buf, size_t size) is in vmalloc.h. */

/*
 * Values meminfo needs from subsystems built later; each reads 0 until the
 * owner installs a provider (issue 5: swap; issue 4: committed address space).
 */
struct meminfo_extra {
	unsigned long swap_total_pages, swap_free_pages;
	unsigned long committed_as_pages;
	unsigned long commit_limit_pages; /* 0: computed as Linux does for overcommit=0 */
};
extern void (*meminfo_extra_provider)(struct meminfo_extra *out);

#endif
