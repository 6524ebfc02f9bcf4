/*
 * swapfile.c - swap devices (swapfile.h): swapon/swapoff, the per-slot
 * reference counts (swap_map), slot allocation by priority, SwapTotal and
 * SwapFree, and /proc/swaps.
 *
 * Invariants, per device:
 *  - swap_map[0] is the header slot, never free and never counted in pages
 *    or inuse_pages; inuse_pages = number of slots 1..max-1 with a nonzero byte.
 *  - every free slot lies in [lowest_bit, highest_bit] (the bounds may be loose).
 *  - a slot whose byte drops to 0 is free: zram forgets its contents at once.
 * swap_map and the per-device swap cache array are vzalloc'd: they cost
 * guest frames, as Linux's vmalloc'd swap_map does.
 */
#include "os/mm/swapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/klog.h"
#include "os/mm/mm_proc.h"
#include "os/mm/vmalloc.h"
#include "os/mm/zram.h"

struct swap_info_struct *swap_info[MAX_SWAPFILES];
static int least_priority = -1; /* Linux: the first default priority handed out is -2 */
static unsigned int rr_next;	/* round robin among devices of equal priority */

static void publish_swap(void)
{
	if (!mm_obs)
		return;
	mm_obs->c.swap_total = total_swap_pages();
	mm_obs->c.swap_used = mm_obs->c.swap_total - nr_swap_pages();
}

static void swap_meminfo(struct meminfo_extra *out)
{
	si_swapinfo(&out->swap_total_pages, &out->swap_free_pages);
}

void swap_init(void)
{
	memset(swap_info, 0, sizeof(swap_info));
	least_priority = -1;
	rr_next = 0;
	if (!meminfo_extra_provider)
		meminfo_extra_provider = swap_meminfo;
}

static void free_swap_info(struct swap_info_struct *si)
{
	if (si->fd >= 0)
		close(si->fd);
	if (si->zram)
		zram_destroy(si->zram);
	if (si->swap_map)
		vfree(si->swap_map);
	if (si->swap_cache)
		vfree(si->swap_cache);
	swap_info[si->type] = NULL;
	free(si);
}

void swap_exit(void)
{
	for (unsigned int t = 0; t < MAX_SWAPFILES; t++)
		if (swap_info[t])
			free_swap_info(swap_info[t]);
	if (meminfo_extra_provider == swap_meminfo)
		meminfo_extra_provider = NULL;
	publish_swap();
}

/* A new device of max slots, not yet on. NULL with *err set. */
static struct swap_info_struct *alloc_swap_info(unsigned long max, int *err)
{
	unsigned int type;
	for (type = 0; type < MAX_SWAPFILES && swap_info[type]; type++)
		;
	if (type == MAX_SWAPFILES) {
		*err = -EPERM; /* Linux's answer when every swap type is taken */
		return NULL;
	}
	struct swap_info_struct *si = calloc(1, sizeof(*si));
	if (!si) {
		*err = -ENOMEM;
		return NULL;
	}
	si->type = type;
	si->fd = -1;
	si->max = max;
	si->pages = max - 1;
	si->swap_map = vzalloc(max);
	si->swap_cache = vzalloc(max * sizeof(*si->swap_cache));
	if (!si->swap_map || !si->swap_cache) {
		if (si->swap_map)
			vfree(si->swap_map);
		if (si->swap_cache)
			vfree(si->swap_cache);
		free(si);
		*err = -ENOMEM;
		return NULL;
	}
	si->swap_map[0] = SWAP_MAP_MAX; /* the header: never allocated */
	si->lowest_bit = 1;
	si->highest_bit = max - 1;
	si->cluster_next = 1;
	return si;
}

static void enable_swap_info(struct swap_info_struct *si, int prio, bool use_default)
{
	si->prio = use_default ? --least_priority : prio;
	si->flags = SWP_USED | SWP_WRITEOK;
	swap_info[si->type] = si;
	pr_info("Adding %luk swap on %s.  Priority:%d extents:1 across:%luk %s\n",
		si->pages << (PAGE_SHIFT - 10), si->filename, si->prio,
		si->pages << (PAGE_SHIFT - 10), si->backing == SWAP_BACKING_ZRAM ? "SS" : "FS");
	publish_swap();
}

/* mkswap's header page: version 1, last_page, no bad pages, the SWAPSPACE2 magic. */
static void make_swap_header(uint8_t *page, unsigned long max)
{
	memset(page, 0, PAGE_SIZE);
	uint32_t version = 1, last_page = (uint32_t)(max - 1);
	memcpy(page + 1024, &version, 4);
	memcpy(page + 1028, &last_page, 4);
	memcpy(page + PAGE_SIZE - 10, "SWAPSPACE2", 10);
}

int swapon_file(const char *path, uint64_t size_bytes, int prio, bool use_default_prio)
{
	int err;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		err = -EINVAL; /* rvmm swaps to regular files only */
		goto out_close;
	}
	if (size_bytes == 0)
		size_bytes =
		    st.st_size ? (uint64_t)st.st_size : (uint64_t)SWAPFILE_DEFAULT_MIB << 20;
	size_bytes &= PAGE_MASK;
	if (size_bytes < 10 * PAGE_SIZE || (size_bytes >> PAGE_SHIFT) > UINT32_MAX) {
		err = -EINVAL; /* mkswap: "swap area needs to be at least 40 KiB" */
		goto out_close;
	}
	if (ftruncate(fd, (off_t)size_bytes) < 0) {
		err = -errno;
		goto out_close;
	}
	uint8_t header[PAGE_SIZE];
	unsigned long max = (unsigned long)(size_bytes >> PAGE_SHIFT);
	make_swap_header(header, max);
	if (pwrite(fd, header, PAGE_SIZE, 0) != (ssize_t)PAGE_SIZE) {
		err = -EIO;
		goto out_close;
	}
	struct swap_info_struct *si = alloc_swap_info(max, &err);
	if (!si)
		goto out_close;
	si->backing = SWAP_BACKING_FILE;
	si->fd = fd;
	char *abs = realpath(path, NULL);
	snprintf(si->filename, sizeof(si->filename), "%s", abs ? abs : path);
	free(abs);
	enable_swap_info(si, prio, use_default_prio);
	return (int)si->type;
out_close:
	close(fd);
	return err;
}

int swapon_zram(uint64_t size_bytes, int prio, bool use_default_prio)
{
	int err;
	size_bytes &= PAGE_MASK;
	if (size_bytes < 10 * PAGE_SIZE || (size_bytes >> PAGE_SHIFT) > UINT32_MAX)
		return -EINVAL;
	unsigned long max = (unsigned long)(size_bytes >> PAGE_SHIFT);
	struct swap_info_struct *si = alloc_swap_info(max, &err);
	if (!si)
		return err;
	si->backing = SWAP_BACKING_ZRAM;
	si->zram = zram_create(size_bytes);
	if (!si->zram) {
		free_swap_info(si);
		return -ENOMEM;
	}
	uint8_t header[PAGE_SIZE];
	make_swap_header(header, max);
	if ((err = zram_write_page(si->zram, 0, header)) < 0) {
		free_swap_info(si);
		return err;
	}
	snprintf(si->filename, sizeof(si->filename), "/dev/zram0");
	enable_swap_info(si, prio, use_default_prio);
	return (int)si->type;
}

int parse_size(const char *s, uint64_t *out)
{
	char *end;
	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	unsigned shift = 0;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	default: break;
	}
	if (*end == 'i' && end[1] == 'B')
		end += 2;
	else if (*end == 'B')
		end++;
	if (*end || (shift && v > (~0ULL >> shift)))
		return -EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}

int swapon_file_arg(const char *arg)
{
	char path[PATH_MAX];
	uint64_t size = 0;
	const char *comma = strrchr(arg, ',');
	size_t len = comma ? (size_t)(comma - arg) : strlen(arg);
	if (len == 0 || len >= sizeof(path))
		return -EINVAL;
	memcpy(path, arg, len);
	path[len] = '\0';
	if (comma && parse_size(comma + 1, &size) < 0)
		return -EINVAL;
	return swapon_file(path, size, 0, true);
}

int swapon_zram_arg(const char *arg)
{
	uint64_t size;
	if (parse_size(arg, &size) < 0)
		return -EINVAL;
	return swapon_zram(size, SWAP_ZRAM_PRIO, false);
}

int swapoff_type(unsigned int type)
{
	if (type >= MAX_SWAPFILES || !swap_info[type])
		return -EINVAL;
	if (swap_info[type]->inuse_pages)
		return -EBUSY; /* rvmm has no try_to_unuse(): pages must come back first */
	free_swap_info(swap_info[type]);
	publish_swap();
	return 0;
}

struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);
	struct swap_info_struct *si = type < MAX_SWAPFILES ? swap_info[type] : NULL;
	if (!si || swp_offset(entry) == 0 || swp_offset(entry) >= si->max) {
		pr_err("swap_info_get: Bad swap file entry %016lx\n", entry.val);
		return NULL;
	}
	return si;
}

/* Next-fit scan for a free slot; 0 if the device is full. */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	if (si->inuse_pages == si->pages)
		return 0;
	unsigned long off = si->cluster_next;
	if (off < si->lowest_bit || off > si->highest_bit)
		off = si->lowest_bit;
	for (unsigned long n = 0; n <= si->highest_bit - si->lowest_bit; n++) {
		if (!si->swap_map[off])
			return off;
		if (++off > si->highest_bit)
			off = si->lowest_bit;
	}
	return 0;
}

static void swap_range_alloc(struct swap_info_struct *si, unsigned long off)
{
	si->inuse_pages++;
	si->cluster_next = off + 1;
	if (off == si->lowest_bit)
		si->lowest_bit++;
	if (off == si->highest_bit)
		si->highest_bit--;
	if (si->lowest_bit > si->highest_bit) { /* full: reset the (loose) bounds */
		si->lowest_bit = 1;
		si->highest_bit = si->max - 1;
	}
	publish_swap();
}

static void swap_range_free(struct swap_info_struct *si, unsigned long off)
{
	si->inuse_pages--;
	if (off < si->lowest_bit)
		si->lowest_bit = off;
	if (off > si->highest_bit)
		si->highest_bit = off;
	if (si->zram)
		zram_slot_free(si->zram, off);
	publish_swap();
}

swp_entry_t get_swap_page(void)
{
	swp_entry_t none = {0};
	/* try devices from the highest priority down; equal ones in turn from rr_next */
	bool tried[MAX_SWAPFILES] = {false};
	for (;;) {
		struct swap_info_struct *best = NULL;
		for (unsigned int i = 0; i < MAX_SWAPFILES; i++) {
			unsigned int t = (rr_next + i) % MAX_SWAPFILES;
			struct swap_info_struct *si = swap_info[t];
			if (!si || tried[t] || !(si->flags & SWP_WRITEOK))
				continue;
			if (!best || si->prio > best->prio)
				best = si;
		}
		if (!best)
			return none;
		tried[best->type] = true;
		unsigned long off = scan_swap_map(best);
		if (!off)
			continue;
		best->swap_map[off] = SWAP_HAS_CACHE;
		swap_range_alloc(best, off);
		rr_next = (best->type + 1) % MAX_SWAPFILES;
		return swp_entry(best->type, off);
	}
}

/* Store a new map byte; a slot that reaches 0 is freed. */
static void set_swap_map(struct swap_info_struct *si, unsigned long off, unsigned char v)
{
	si->swap_map[off] = v;
	if (!v) {
		si->swap_cache[off] = NULL; /* a shadow dies with its slot */
		swap_range_free(si, off);
	}
}

int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	if (!si)
		return -EINVAL;
	unsigned long off = swp_offset(entry);
	unsigned char v = si->swap_map[off];
	if (!v) {
		pr_err("swap_duplicate: Unused swap offset entry %016lx\n", entry.val);
		return -ENOENT;
	}
	if ((v & SWAP_COUNT_MASK) >= SWAP_MAP_MAX)
		return -ENOSPC; /* Linux chains continuation pages; rvmm does not */
	si->swap_map[off] = (unsigned char)(v + 1);
	return 0;
}

void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	if (!si)
		return;
	unsigned long off = swp_offset(entry);
	unsigned char v = si->swap_map[off];
	if (!(v & SWAP_COUNT_MASK)) {
		pr_err("swap_free: Unused swap offset entry %016lx\n", entry.val);
		return;
	}
	set_swap_map(si, off, (unsigned char)(v - 1));
}

int swapcache_prepare(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	if (!si)
		return -EINVAL;
	unsigned long off = swp_offset(entry);
	unsigned char v = si->swap_map[off];
	if (!v)
		return -ENOENT;
	if (v & SWAP_HAS_CACHE)
		return -EEXIST;
	si->swap_map[off] = (unsigned char)(v | SWAP_HAS_CACHE);
	return 0;
}

void put_swap_page(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	if (!si)
		return;
	unsigned long off = swp_offset(entry);
	unsigned char v = si->swap_map[off];
	if (!(v & SWAP_HAS_CACHE))
		panic("put_swap_page: entry %016lx has no swap cache", entry.val);
	set_swap_map(si, off, (unsigned char)(v & ~SWAP_HAS_CACHE));
}

int swp_swapcount(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	return si ? si->swap_map[swp_offset(entry)] & SWAP_COUNT_MASK : 0;
}

unsigned char swap_map_byte(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	return si ? si->swap_map[swp_offset(entry)] : 0;
}

unsigned long total_swap_pages(void)
{
	unsigned long n = 0;
	for (unsigned int t = 0; t < MAX_SWAPFILES; t++)
		if (swap_info[t] && (swap_info[t]->flags & SWP_WRITEOK))
			n += swap_info[t]->pages;
	return n;
}

unsigned long nr_swap_pages(void)
{
	unsigned long n = 0;
	for (unsigned int t = 0; t < MAX_SWAPFILES; t++)
		if (swap_info[t] && (swap_info[t]->flags & SWP_WRITEOK))
			n += swap_info[t]->pages - swap_info[t]->inuse_pages;
	return n;
}

void si_swapinfo(unsigned long *total, unsigned long *free_pages)
{
	*total = total_swap_pages();
	*free_pages = nr_swap_pages();
}

/* The path as seq_file_path() prints it: space, tab, newline and backslash as octal escapes. */
static int escaped_path(char *out, size_t size, const char *path)
{
	size_t n = 0;
	for (const char *p = path; *p && n + 5 < size; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\\')
			n += (size_t)snprintf(out + n, size - n, "\\%03o", (unsigned char)*p);
		else
			out[n++] = *p;
	}
	out[n] = '\0';
	return (int)n;
}

size_t proc_swaps_show(char *buf, size_t size)
{
	size_t len = 0;
	int n = snprintf(buf, size, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	len += (size_t)n;
	for (unsigned int t = 0; t < MAX_SWAPFILES; t++) {
		struct swap_info_struct *si = swap_info[t];
		if (!si || !(si->flags & SWP_USED))
			continue;
		char path[1024];
		int plen = escaped_path(path, sizeof(path), si->filename);
		unsigned long bytes = si->pages << (PAGE_SHIFT - 10);
		unsigned long inuse = si->inuse_pages << (PAGE_SHIFT - 10);
		n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
			     "%s%*s%s\t%lu\t%s%lu\t%s%d\n", path, plen < 40 ? 40 - plen : 1, " ",
			     si->backing == SWAP_BACKING_ZRAM ? "partition" : "file", bytes,
			     bytes < 10000000 ? "\t" : "", inuse, inuse < 10000000 ? "\t" : "",
			     si->prio);
		len += (size_t)n;
	}
	return len;
}
