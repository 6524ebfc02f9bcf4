/*
 * sysfs.c - the little of /sys that memory tools read: the zram device's
 * attributes, /sys/block/zram0/{disksize,comp_algorithm,mm_stat} (present
 * when there is a zram device, --zram), in Linux's formats. zramctl and
 * the like compute the compression ratio from mm_stat: orig_data_size over
 * compr_data_size (the compressor) or over mem_used_total (what RAM
 * gained). Nodes are procfs nodes (PROC_SYSFS, id = index in nodes[]),
 * mounted over the root's "sys" like /proc and /dev.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/mm/swapfile.h"
#include "os/mm/zram.h"
#include "os/proc/procfs.h"
#include "os/uapi.h"

/* The zram swap device, if any. */
static struct zram *zram_dev(void)
{
	for (int i = 0; i < MAX_SWAPFILES; i++)
		if (swap_info[i] && (swap_info[i]->flags & SWP_USED) && swap_info[i]->zram)
			return swap_info[i]->zram;
	return NULL;
}

static size_t show_disksize(int pid, char *b, size_t s)
{
	return (size_t)snprintf(b, s, "%llu\n", (unsigned long long)zram_disksize(zram_dev()));
}

static size_t show_comp_algorithm(int pid, char *b, size_t s)
{
	return (size_t)snprintf(b, s, "[lz4]\n");
}

static size_t show_mm_stat(int pid, char *b, size_t s)
{
	return zram_mm_stat_show(zram_dev(), b, s);
}

static const struct sysfs_node {
	const char *name;
	int parent;		     /* index of the directory it is in (-1: the root) */
	bool zram;		     /* exists only with a zram device */
	struct proc_file_entry file; /* .show NULL: a directory */
} nodes[] = {
    {"", -1, false, {0}},
    {"block", 0, false, {0}},
    {"zram0", 1, true, {0}},
    {"comp_algorithm", 2, true, {.name = "comp_algorithm", .show = show_comp_algorithm}},
    {"disksize", 2, true, {.name = "disksize", .show = show_disksize}},
    {"mm_stat", 2, true, {.name = "mm_stat", .show = show_mm_stat}},
};
#define NR_NODES ((int)(sizeof(nodes) / sizeof(nodes[0])))

static bool visible(int i)
{
	return !nodes[i].zram || zram_dev();
}

int sysfs_lookup(int dir, const char *name, struct proc_node *out)
{
	for (int i = 1; i < NR_NODES; i++) {
		if (nodes[i].parent == dir && visible(i) && !strcmp(nodes[i].name, name)) {
			*out = (struct proc_node){.type = PROC_SYSFS, .id = i};
			return 0;
		}
	}
	return -ENOENT;
}

bool sysfs_is_dir(int id)
{
	return !nodes[id].file.show;
}

const char *sysfs_entry(int dir, int k, unsigned int *dtype)
{
	for (int i = 1; i < NR_NODES; i++) {
		if (nodes[i].parent != dir || !visible(i))
			continue;
		if (k-- == 0) {
			*dtype = sysfs_is_dir(i) ? LINUX_DT_DIR : LINUX_DT_REG;
			return nodes[i].name;
		}
	}
	return NULL;
}

const struct proc_file_entry *sysfs_file(int id)
{
	return &nodes[id].file;
}
