/*
 * shmfs.h - /dev/shm, the named shmem objects of POSIX shared memory
 * (shm_open/shm_unlink); see shmfs.c. Its nodes are procfs nodes
 * (PROC_DEV_SHM_DIR, PROC_DEV_SHM_FILE with id = the name's slot).
 */
#ifndef RVMM_OS_FS_SHMFS_H
#define RVMM_OS_FS_SHMFS_H

#include "os/proc/procfs.h"

#define SHMFS_DEV 0x17 /* st_dev of /dev/shm: an anonymous device (a tmpfs on Linux) */

struct file;
struct kstat;

/* The object name names. 0 or -ENOENT. */
int shmfs_lookup(const char *name, struct proc_node *out);
/* The name in slot i (NULL: the slot is free), for getdents over shmfs_slots() slots. */
const char *shmfs_entry(int i);
int shmfs_slots(void);
/* A new empty object called name (mode: the creat mode). 0, -EINVAL, -ENAMETOOLONG,
 * -ENOSPC or -ENOMEM. */
int shmfs_create(const char *name, unsigned int mode, struct proc_node *out);
/* A new open file on object id (O_TRUNC with write access empties it). 0 or -errno. */
int shmfs_open(int id, unsigned int f_flags, unsigned int fmode, struct file **out);
/* shm_unlink: the name goes; the object lives while files or mappings hold it. */
int shmfs_unlink(const char *name);
void shmfs_getattr(const struct proc_node *pn, struct kstat *k);
/* Shutdown: every name goes (after the tasks). */
void shmfs_exit(void);

#endif
