/*
 * proc_sysctl.c - /proc/sys/vm: the memory manager's knobs that rvmm really
 * has, readable and writable by guest programs with Linux's rules (a decimal
 * integer, surrounding blanks and a newline allowed; anything else, or a
 * value out of range, is EINVAL and changes nothing).
 *
 *   drop_caches            write-only (0200): 1 page cache, 2 slab (unused
 *                          inodes), 3 both; 4 only silences the log line
 *   swappiness             0..200, the same knob as swappiness= on the
 *                          kernel command line (vmscan.c)
 *   min_free_kbytes        >= 0; recomputes the watermarks
 *   watermark_scale_factor 1..3000; recomputes the watermarks
 *
 * overcommit_memory is not here: rvmm's overcommit policy is not a knob.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/filemap.h"
#include "os/mm/mmzone.h"
#include "os/mm/slab.h"
#include "os/mm/vmscan.h"
#include "os/proc/procfs.h"
#include "os/task.h"

/* Linux's proc_dointvec_minmax for one value: 0 and *out, or -EINVAL. */
static int parse_int(const char *buf, size_t n, long min, long max, long *out)
{
	char tmp[32], *p = tmp, *end;
	long v;

	if (n >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, n);
	tmp[n] = '\0';
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p)
		return -EINVAL;
	errno = 0;
	v = strtol(p, &end, 10);
	if (end == p || errno)
		return -EINVAL;
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static size_t show_int(char *b, size_t s, long v)
{
	int n = snprintf(b, s, "%ld\n", v);
	return n < 0 ? 0 : (size_t)n;
}

static int store_drop_caches(int pid, const char *buf, size_t n)
{
	static bool quiet; /* Linux logs until someone writes 4 */
	long v;
	int err = parse_int(buf, n, 1, 4, &v);

	if (err)
		return err;
	if (v & 1)
		drop_pagecache();
	if (v & 2) {
		evict_unused_inodes(); /* the icache's unused inodes, their pages with them */
		kmem_cache_shrink_all();
	}
	if (!quiet)
		pr_info("%s (%d): drop_caches: %ld\n", current ? current->comm : "?",
			current ? current->tgid : 0, v);
	quiet |= (v & 4) != 0;
	return 0;
}

static size_t show_swappiness(int pid, char *b, size_t s)
{
	return show_int(b, s, vm_swappiness);
}

static int store_swappiness(int pid, const char *buf, size_t n)
{
	long v;
	int err = parse_int(buf, n, 0, 200, &v);
	if (!err)
		vm_swappiness = (int)v;
	return err;
}

static size_t show_min_free_kbytes(int pid, char *b, size_t s)
{
	return show_int(b, s, min_free_kbytes);
}

static int store_min_free_kbytes(int pid, const char *buf, size_t n)
{
	long v;
	int err = parse_int(buf, n, 0, 1L << 30, &v);
	if (!err) {
		min_free_kbytes = (int)v;
		setup_per_zone_wmarks();
	}
	return err;
}

static size_t show_watermark_scale_factor(int pid, char *b, size_t s)
{
	return show_int(b, s, watermark_scale_factor);
}

static int store_watermark_scale_factor(int pid, const char *buf, size_t n)
{
	long v;
	int err = parse_int(buf, n, 1, 3000, &v);
	if (!err) {
		watermark_scale_factor = (int)v;
		setup_per_zone_wmarks();
	}
	return err;
}

const struct proc_file_entry proc_sys_vm_files[] = {
    {.name = "drop_caches", .store = store_drop_caches},
    {.name = "min_free_kbytes", .show = show_min_free_kbytes, .store = store_min_free_kbytes},
    {.name = "swappiness", .show = show_swappiness, .store = store_swappiness},
    {.name = "watermark_scale_factor",
     .show = show_watermark_scale_factor,
     .store = store_watermark_scale_factor},
};
const int proc_sys_vm_nfiles = sizeof(proc_sys_vm_files) / sizeof(proc_sys_vm_files[0]);
