/*
 * devfs.h - the virtual /dev (null, zero, full, random, urandom and the
 * fd/stdin/stdout/stderr links); see devfs.c. Its nodes are procfs nodes of
 * types PROC_DEV_DIR and PROC_DEV_NODE, walked and opened through the /proc
 * machinery (os/fs/namei.c, os/fs/open.c, os/proc/procfs.c).
 */
#ifndef RVMM_OS_FS_DEVFS_H
#define RVMM_OS_FS_DEVFS_H

#include <stdbool.h>

#include "os/proc/procfs.h"

#define DEVFS_DEV 0x6 /* st_dev of /dev: an anonymous device (0:6, devtmpfs on a typical Linux) */

struct file;
struct file_operations;
struct kstat;

/* The node name names in /dev. 0 or -ENOENT. */
int devfs_lookup(const char *name, struct proc_node *out);
/* Entry i of the directory (its name, and its DT_* type in *dtype), NULL past the end. */
const char *devfs_entry(int i, unsigned int *dtype);
bool devfs_is_link(int id);
const char *devfs_link_target(int id);
/* The operations of an open device node (not a link). */
const struct file_operations *devfs_fops(int id);
/* stat(2) of /dev or one of its nodes. */
void devfs_getattr(const struct proc_node *pn, struct kstat *k);
/* Is f /dev/zero (whose mappings are anonymous or shared memory)? */
bool devfs_is_zero(const struct file *f);

#endif
