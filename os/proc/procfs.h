/*
 * procfs.h - the virtual /proc: nodes are (type, pid) pairs computed from
 * the task table on every lookup, so a node never outlives what it names
 * incorrectly (a dead PID simply stops resolving).
 *
 * The symlinks here (/proc/self, /proc/PID/root, cwd, exe) hold guest paths;
 * the path walker (os/fs/namei.c) walks their targets inside the sandbox root
 * like any other symlink, so /proc/self/root/.. is still the guest's "/".
 */
#ifndef RVMM_OS_PROC_PROCFS_H
#define RVMM_OS_PROC_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

enum proc_type {
	PROC_ROOT,	    /* /proc */
	PROC_SELF,	    /* /proc/self -> "PID" of the current task */
	PROC_PID_DIR,	    /* /proc/PID */
	PROC_PID_ROOT,	    /* /proc/PID/root -> "/" */
	PROC_PID_CWD,	    /* /proc/PID/cwd -> the task's working directory */
	PROC_PID_EXE,	    /* /proc/PID/exe -> the task's executable */
	PROC_FILE,	    /* /proc/NAME: a text file about the system (id) */
	PROC_PID_FILE,	    /* /proc/PID/NAME: a text file about the task (id) */
	PROC_PID_FD_DIR,    /* /proc/PID/fd */
	PROC_PID_FD,	    /* /proc/PID/fd/N -> the open file's path (id = N) */
	PROC_PRESSURE_DIR,  /* /proc/pressure */
	PROC_PRESSURE_FILE, /* /proc/pressure/NAME (id) */
	PROC_SYS_DIR,	    /* /proc/sys */
	PROC_SYS_VM_DIR,    /* /proc/sys/vm */
	PROC_SYS_VM_FILE,   /* /proc/sys/vm/NAME (id): a sysctl (proc_sysctl.c) */
	PROC_DEV_DIR,	    /* /dev (os/fs/devfs.c) */
	PROC_DEV_NODE,	    /* /dev/NAME: a device or a link (id) */
	PROC_DEV_SHM_DIR,   /* /dev/shm (os/fs/shmfs.c) */
	PROC_SYSFS,	    /* /sys and below (os/proc/sysfs.c; id: the node) */
	PROC_DEV_SHM_FILE,  /* /dev/shm/NAME: a named shmem object (id: its slot) */
};

struct proc_node {
	enum proc_type type;
	int pid; /* for PROC_PID_*: the task */
	int id;	 /* for PROC_FILE / PROC_PID_FILE: which file */
};

/* Is name, in the root directory, where a virtual filesystem is mounted
 * ("proc": /proc, "dev": /dev)? Then *root is its root node. */
bool procfs_mount_point(const char *name, struct proc_node *root);
/* Look name up in directory dir. 0, -ENOENT, or -ENOTDIR when dir is not a directory. */
int procfs_lookup(const struct proc_node *dir, const char *name, struct proc_node *out);
/* A symlink's target into buf (NUL-terminated). Its length, -EINVAL if not a link,
 * -ENOENT if its task is gone, -ENAMETOOLONG if buf is too small. */
int procfs_readlink(const struct proc_node *n, char *buf, size_t size);
bool procfs_is_dir(const struct proc_node *n);
bool procfs_is_link(const struct proc_node *n);
/* The open file a /proc/PID/fd/N node names (no reference taken), or NULL. */
struct file *procfs_fd_file(const struct proc_node *n);
/* Is name in dir a /proc/PID/fd link to a file with no path (a pipe)? Opening
 * it reopens that file instead of following the link (Linux's magic links). */
bool procfs_is_pathless_fd(const struct proc_node *dir, const char *name);

/* Operations of an open /proc directory (getdents64 lists it). */
struct file_operations;
extern const struct file_operations proc_dir_ops;

/* The text files (proc_files.c). */
struct proc_file_entry {
	const char *name;
	/* Write the text into buf (at most size bytes); return the length needed.
	 * NULL: a write-only file (clear_refs), or a binary one (fops). */
	size_t (*show)(int pid, char *buf, size_t size);
	/* A write(2) of n bytes (the whole text); 0 or -errno. NULL: read-only. */
	int (*store)(int pid, const char *buf, size_t n);
	/* A binary file read at any offset through its own operations (show is NULL). */
	const struct file_operations *fops;
	bool mmu_only; /* a page-monitoring file: absent in NOMMU mode, as in Linux */
};
/* sysfs.c: the /sys tree (zram's attributes). */
int sysfs_lookup(int dir, const char *name, struct proc_node *out);
bool sysfs_is_dir(int id);
/* The k-th entry of directory dir (its DT_* type in *dtype), NULL past the end. */
const char *sysfs_entry(int dir, int k, unsigned int *dtype);
const struct proc_file_entry *sysfs_file(int id);
/* Does the entry exist on this machine (the page-monitoring files need an MMU)? */
bool proc_entry_visible(const struct proc_file_entry *e);
/* proc_pagemap.c: /proc/PID/pagemap, /proc/kpagecount, /proc/kpageflags */
bool proc_page_monitor_exists(void);
int proc_store_clear_refs(int pid, const char *buf, size_t n);
extern const struct file_operations proc_pagemap_ops, proc_kpagecount_ops, proc_kpageflags_ops;
/* proc_reclaim.c */
size_t proc_show_swaps(int pid, char *buf, size_t size);
size_t proc_show_oom_score(int pid, char *buf, size_t size);
size_t proc_show_oom_score_adj(int pid, char *buf, size_t size);
int proc_store_oom_score_adj(int pid, const char *buf, size_t n);
/* The entry of a file node. */
const struct proc_file_entry *proc_file_entry_of(const struct proc_node *n);
extern const struct proc_file_entry proc_root_files[];
extern const int proc_root_nfiles;
extern const struct proc_file_entry proc_pid_files[];
extern const int proc_pid_nfiles;
extern const struct proc_file_entry proc_pressure_files[];
extern const int proc_pressure_nfiles;
extern const struct proc_file_entry proc_sys_vm_files[]; /* proc_sysctl.c */
extern const int proc_sys_vm_nfiles;
/* The permission bits of a file node: 0444, 0644 with store, 0200 without show. */
unsigned int proc_file_mode(const struct proc_node *n);
extern const struct file_operations proc_file_ops;
/* Produce the text of a file node into a new kmalloc'd buffer (*len bytes). NULL on error. */
char *proc_file_text(const struct proc_node *n, size_t *len);
/* Give a new file (ops proc_file_ops) its text. 0 or -ENOMEM. */
struct file;
int proc_file_attach(struct file *f, const struct proc_node *n);

#endif
