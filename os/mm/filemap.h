/*
 * filemap.h - inodes of host files and their page cache, keyed by
 * (inode, page index): every mapping of the same file (a program's text in
 * every process that runs it, a shared library) uses the same frames.
 *
 * An inode is found by the host's (st_dev, st_ino). Its address_space keeps
 * its cached pages sorted by index (binary search). The cache holds one
 * reference on each page; every PTE mapping a page holds another.
 *
 * Lifetime: an inode lives while an open file refers to it (i_count); when
 * the last goes, its clean pages are dropped (reclaim of unused cache comes
 * with issue 5; dirty pages are written back first).
 */
#ifndef RVMM_OS_MM_FILEMAP_H
#define RVMM_OS_MM_FILEMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct page;

struct address_space {
	struct inode *host;
	struct page **pages; /* sorted by page->index */
	unsigned long nrpages, cap;
};

struct inode {
	uint64_t i_dev, i_ino;
	int i_count;
	struct address_space i_data;
	struct inode *hash_next;
};

int filemap_init(void);
void filemap_exit(void);

/* The inode for a host file (a new reference). NULL on ENOMEM. */
struct inode *iget(uint64_t dev, uint64_t ino);
void iput(struct inode *inode);

/*
 * The cached page at index of f's inode, read from the host file on a miss
 * (*major set). A new reference for the caller. NULL on ENOMEM or I/O error.
 */
struct page *filemap_get_page(struct file *f, unsigned long index, bool *major);
/* write() wrote [pos, pos+len) to the host file: update the cached pages. */
void filemap_update_range(struct inode *inode, int64_t pos, const void *buf, size_t len);
/* The file was truncated to len: zero the cached bytes beyond it. */
void filemap_truncate(struct inode *inode, int64_t len);
/*
 * shmem: the object behind MAP_SHARED|MAP_ANONYMOUS, a file with no host
 * file (host_fd -1) whose pages exist only in the page cache (zero-filled
 * when first touched, counted in Shmem), so that processes sharing the
 * mapping after fork see each other's pages, including ones touched later.
 */
#define SHMEM_DEV 0x1 /* the device number of shmem inodes */
struct file *shmem_file_setup(uint64_t len);
extern const struct file_operations shmem_file_ops;

/* Write back the pages of inode dirtied through shared mappings (writeback.c). 0 or -EIO. */
int filemap_fdatawrite(struct inode *inode);
/* Reclaim: take a clean, unmapped page out of its page cache, dropping the
 * cache's reference (not shmem: its pages are the only copy). true on success. */
bool filemap_remove_page(struct page *page);
/* Write a dirty page back to f's host file (at most the file's size). 0 or -errno. */
int filemap_write_page(struct file *f, struct page *page);

#endif
