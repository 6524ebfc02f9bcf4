/*
 * uapi.h - the Linux rv64 user ABI as the guest sees it: open flags, *at
 * flags, fcntl commands, file types, struct stat, struct statx and
 * struct linux_dirent64. Values are riscv64's (asm-generic); they are checked
 * against the cross toolchain's headers in tests/unit/test_fs.c.
 *
 * Guest values are always translated to host values explicitly (never passed
 * through), so the kernel stays correct on a host whose ABI differs.
 * Error numbers are the asm-generic ones, which the host (Linux) shares: the
 * kernel returns -EXXX with the host's <errno.h> names.
 */
#ifndef RVMM_OS_UAPI_H
#define RVMM_OS_UAPI_H

#include <stdint.h>

/* open(2) flags (asm-generic/fcntl.h). */
#define LINUX_O_ACCMODE	  00000003
#define LINUX_O_RDONLY	  00000000
#define LINUX_O_WRONLY	  00000001
#define LINUX_O_RDWR	  00000002
#define LINUX_O_CREAT	  00000100
#define LINUX_O_EXCL	  00000200
#define LINUX_O_NOCTTY	  00000400
#define LINUX_O_TRUNC	  00001000
#define LINUX_O_APPEND	  00002000
#define LINUX_O_NONBLOCK  00004000
#define LINUX_O_DSYNC	  00010000
#define LINUX_FASYNC	  00020000
#define LINUX_O_DIRECT	  00040000
#define LINUX_O_LARGEFILE 00100000
#define LINUX_O_DIRECTORY 00200000
#define LINUX_O_NOFOLLOW  00400000
#define LINUX_O_NOATIME	  01000000
#define LINUX_O_CLOEXEC	  02000000
#define LINUX___O_SYNC	  04000000
#define LINUX_O_PATH	  010000000
#define LINUX___O_TMPFILE 020000000

/* *at() flags. */
#define LINUX_AT_FDCWD		  (-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_EACCESS	  0x200
#define LINUX_AT_REMOVEDIR	  0x200
#define LINUX_AT_SYMLINK_FOLLOW	  0x400
#define LINUX_AT_NO_AUTOMOUNT	  0x800
#define LINUX_AT_EMPTY_PATH	  0x1000

/* renameat2 flags. */
#define LINUX_RENAME_NOREPLACE 1
#define LINUX_RENAME_EXCHANGE  2

/* fcntl commands. */
#define LINUX_F_DUPFD	      0
#define LINUX_F_GETFD	      1
#define LINUX_F_SETFD	      2
#define LINUX_F_GETFL	      3
#define LINUX_F_SETFL	      4
#define LINUX_F_DUPFD_CLOEXEC 1030
#define LINUX_F_SETPIPE_SZ    1031
#define LINUX_F_GETPIPE_SZ    1032
#define LINUX_FD_CLOEXEC      1

/* lseek whence. */
#define LINUX_SEEK_SET 0
#define LINUX_SEEK_CUR 1
#define LINUX_SEEK_END 2

/* File types in st_mode (identical everywhere Linux runs). */
#define LINUX_S_IFMT   0170000
#define LINUX_S_IFSOCK 0140000
#define LINUX_S_IFLNK  0120000
#define LINUX_S_IFREG  0100000
#define LINUX_S_IFBLK  0060000
#define LINUX_S_IFDIR  0040000
#define LINUX_S_IFCHR  0020000
#define LINUX_S_IFIFO  0010000

/* d_type values of getdents64. */
#define LINUX_DT_UNKNOWN 0
#define LINUX_DT_FIFO	 1
#define LINUX_DT_CHR	 2
#define LINUX_DT_DIR	 4
#define LINUX_DT_BLK	 6
#define LINUX_DT_REG	 8
#define LINUX_DT_LNK	 10
#define LINUX_DT_SOCK	 12

/* access(2) modes. */
#define LINUX_F_OK 0
#define LINUX_X_OK 1
#define LINUX_W_OK 2
#define LINUX_R_OK 4

/* struct stat of riscv64: the asm-generic layout, 128 bytes. */
struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t __pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t __pad2;
	int64_t st_blocks;
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t __unused4;
	uint32_t __unused5;
};
_Static_assert(sizeof(struct linux_stat) == 128, "riscv64 struct stat is 128 bytes");

/* struct statx (include/uapi/linux/stat.h), 256 bytes on every architecture. */
struct linux_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct linux_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major;
	uint32_t stx_rdev_minor;
	uint32_t stx_dev_major;
	uint32_t stx_dev_minor;
	uint64_t __spare2[14];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

#define LINUX_STATX_TYPE	0x001u
#define LINUX_STATX_MODE	0x002u
#define LINUX_STATX_NLINK	0x004u
#define LINUX_STATX_UID		0x008u
#define LINUX_STATX_GID		0x010u
#define LINUX_STATX_ATIME	0x020u
#define LINUX_STATX_MTIME	0x040u
#define LINUX_STATX_CTIME	0x080u
#define LINUX_STATX_INO		0x100u
#define LINUX_STATX_SIZE	0x200u
#define LINUX_STATX_BLOCKS	0x400u
#define LINUX_STATX_BASIC_STATS 0x7ffu

/* Header of one getdents64 record; d_name follows, NUL-terminated, and the
 * record is padded to a multiple of 8 bytes (d_reclen). */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

#endif
