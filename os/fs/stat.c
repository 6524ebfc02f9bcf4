/*
 * stat.c - file attributes in the guest's layouts: struct stat of riscv64
 * (asm-generic, 128 bytes) and struct statx.
 *
 * Device numbers are encoded as Linux's new_encode_dev() does for 64-bit
 * stat (major in bits 8..19 and 32.., minor in bits 0..7 and 20..31), which
 * is also the host C library's dev_t encoding, so values pass unchanged.
 */
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "os/fs/file.h"
#include "os/uapi.h"

void kstat_from_host(struct kstat *k, const struct stat *st)
{
	memset(k, 0, sizeof(*k));
	k->dev = st->st_dev;
	k->ino = st->st_ino;
	k->rdev = st->st_rdev;
	k->mode = st->st_mode;
	k->nlink = (uint32_t)st->st_nlink;
	k->uid = st->st_uid;
	k->gid = st->st_gid;
	k->size = st->st_size;
	k->blocks = st->st_blocks;
	k->blksize = (uint32_t)st->st_blksize;
	k->atime_sec = st->st_atim.tv_sec;
	k->atime_nsec = (uint32_t)st->st_atim.tv_nsec;
	k->mtime_sec = st->st_mtim.tv_sec;
	k->mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
	k->ctime_sec = st->st_ctim.tv_sec;
	k->ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
}

void cp_new_stat(const struct kstat *k, struct linux_stat *o)
{
	memset(o, 0, sizeof(*o));
	o->st_dev = k->dev;
	o->st_ino = k->ino;
	o->st_mode = k->mode;
	o->st_nlink = k->nlink;
	o->st_uid = k->uid;
	o->st_gid = k->gid;
	o->st_rdev = k->rdev;
	o->st_size = k->size;
	o->st_blksize = (int32_t)k->blksize;
	o->st_blocks = k->blocks;
	o->st_atime_sec = k->atime_sec;
	o->st_atime_nsec = k->atime_nsec;
	o->st_mtime_sec = k->mtime_sec;
	o->st_mtime_nsec = k->mtime_nsec;
	o->st_ctime_sec = k->ctime_sec;
	o->st_ctime_nsec = k->ctime_nsec;
}

void cp_statx(const struct kstat *k, struct linux_statx *o)
{
	memset(o, 0, sizeof(*o));
	o->stx_mask = LINUX_STATX_BASIC_STATS;
	o->stx_blksize = k->blksize;
	o->stx_nlink = k->nlink;
	o->stx_uid = k->uid;
	o->stx_gid = k->gid;
	o->stx_mode = (uint16_t)k->mode;
	o->stx_ino = k->ino;
	o->stx_size = (uint64_t)k->size;
	o->stx_blocks = (uint64_t)k->blocks;
	o->stx_atime.tv_sec = k->atime_sec;
	o->stx_atime.tv_nsec = k->atime_nsec;
	o->stx_mtime.tv_sec = k->mtime_sec;
	o->stx_mtime.tv_nsec = k->mtime_nsec;
	o->stx_ctime.tv_sec = k->ctime_sec;
	o->stx_ctime.tv_nsec = k->ctime_nsec;
	o->stx_rdev_major = major(k->rdev);
	o->stx_rdev_minor = minor(k->rdev);
	o->stx_dev_major = major(k->dev);
	o->stx_dev_minor = minor(k->dev);
}
