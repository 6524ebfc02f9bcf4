/*
 * test_fs.c - files, descriptor tables, pipes and stat layouts: the
 * descriptor-level behaviour of Linux that guest programs rely on.
 */
#include <check.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/fs/pipe.h"
#include "os/mm/filemap.h"
#include "os/mm/vmscan.h"
#include "os/mm/vmstat.h"
#include "os/uapi.h"
#include "tests/unit/kernel_fixture.h"

#define C   (&kfix_ctx)
#define CWD LINUX_AT_FDCWD

/* Offsets measured with riscv64-linux-gnu-gcc on <sys/stat.h>. */
START_TEST(stat_layout_is_riscv64)
{
	ck_assert_uint_eq(sizeof(struct linux_stat), 128);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_ino), 8);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_mode), 16);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_nlink), 20);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_uid), 24);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_gid), 28);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_rdev), 32);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_size), 48);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_blksize), 56);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_blocks), 64);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_atime_sec), 72);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_mtime_sec), 88);
	ck_assert_uint_eq(offsetof(struct linux_stat, st_ctime_sec), 104);
	ck_assert_uint_eq(offsetof(struct linux_statx, stx_ino), 32);
	ck_assert_uint_eq(offsetof(struct linux_statx, stx_atime), 64);
	ck_assert_uint_eq(offsetof(struct linux_statx, stx_rdev_major), 128);
}
END_TEST

START_TEST(stat_values)
{
	struct kstat k;
	struct linux_stat ls;
	struct linux_statx lx;
	struct stat hst;

	kfix_write("root/f", "0123456789");
	ck_assert_int_eq(stat(kfix_path("root/f"), &hst), 0);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/f", 0, &k), 0);
	cp_new_stat(&k, &ls);
	ck_assert_uint_eq(ls.st_ino, hst.st_ino);
	ck_assert_uint_eq(ls.st_dev, hst.st_dev);
	ck_assert_uint_eq(ls.st_mode, LINUX_S_IFREG | (hst.st_mode & 07777));
	ck_assert_int_eq(ls.st_size, 10);
	ck_assert_int_eq(ls.st_mtime_sec, hst.st_mtim.tv_sec);
	ck_assert_uint_eq(ls.st_mtime_nsec, (uint64_t)hst.st_mtim.tv_nsec);
	cp_statx(&k, &lx);
	ck_assert_uint_eq(lx.stx_mask, LINUX_STATX_BASIC_STATS);
	ck_assert_uint_eq(lx.stx_size, 10);
	ck_assert_uint_eq(lx.stx_mode, ls.st_mode);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/nope", 0, &k), -ENOENT);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/f/", 0, &k), -ENOTDIR);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "", 0, &k), -ENOENT);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "", LINUX_AT_EMPTY_PATH, &k), 0);
	ck_assert_uint_eq(k.mode & LINUX_S_IFMT, LINUX_S_IFDIR);
}
END_TEST

START_TEST(read_write_seek)
{
	char buf[32];
	int fd = do_sys_openat(C, CWD, "/g", LINUX_O_RDWR | LINUX_O_CREAT | LINUX_O_TRUNC, 0600);
	ck_assert_int_eq(fd, 0); /* the table is empty: lowest descriptor */
	ck_assert_int_eq(vfs_write(C, fd, "hello world", 11), 11);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_CUR), 11);
	ck_assert_int_eq(vfs_read(C, fd, buf, sizeof(buf)), 0);
	ck_assert_int_eq(vfs_lseek(C, fd, 6, LINUX_SEEK_SET), 6);
	ck_assert_int_eq(vfs_read(C, fd, buf, 5), 5);
	ck_assert_int_eq(memcmp(buf, "world", 5), 0);
	ck_assert_int_eq(vfs_pread(C, fd, buf, 5, 0), 5);
	ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_CUR), 11); /* pread kept the offset */
	ck_assert_int_eq(vfs_pwrite(C, fd, "HELLO", 5, 0), 5);
	ck_assert_int_eq(vfs_lseek(C, fd, -5, LINUX_SEEK_END), 6);
	ck_assert_int_eq(vfs_lseek(C, fd, -20, LINUX_SEEK_END), -EINVAL);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, 7), -EINVAL);
	ck_assert_int_eq(vfs_pread(C, fd, buf, 11, 0), 11);
	ck_assert_int_eq(memcmp(buf, "HELLO world", 11), 0);
	ck_assert_int_eq(vfs_ftruncate(C, fd, 5), 0);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_END), 5);
	ck_assert_int_eq(vfs_fsync(C, fd), 0);
	ck_assert_int_eq(close_fd(C->files, fd), 0);
	ck_assert_int_eq(close_fd(C->files, fd), -EBADF);

	/* O_APPEND writes at the end whatever the offset */
	fd = do_sys_openat(C, CWD, "/g", LINUX_O_WRONLY | LINUX_O_APPEND, 0);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_SET), 0);
	ck_assert_int_eq(vfs_write(C, fd, "!", 1), 1);
	ck_assert_int_eq(vfs_read(C, fd, buf, 1), -EBADF); /* write-only */
	ck_assert_int_eq(vfs_pread(C, fd, buf, 1, 0), -EBADF);
	close_fd(C->files, fd);
	ck_assert_int_eq(kfix_slurp(CWD, "/g", buf, sizeof(buf)), 6);
	ck_assert_str_eq(buf, "HELLO!");
	ck_assert_int_eq(do_sys_openat(C, CWD, "/g/", LINUX_O_RDONLY, 0), -ENOTDIR);
	ck_assert_int_eq(do_sys_openat(C, CWD, "/g", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0),
			 -ENOTDIR);
	ck_assert_int_eq(do_sys_openat(C, CWD, "/new/", LINUX_O_RDWR | LINUX_O_CREAT, 0600),
			 -EISDIR);
}
END_TEST

START_TEST(dup_and_fcntl)
{
	int fd = do_sys_openat(C, CWD, "/h", LINUX_O_RDWR | LINUX_O_CREAT | LINUX_O_CLOEXEC, 0600);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_GETFD, 0), LINUX_FD_CLOEXEC);
	/* F_GETFL: access mode plus O_LARGEFILE, as a 64-bit Linux reports it */
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_GETFL, 0),
			 LINUX_O_RDWR | LINUX_O_LARGEFILE);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_SETFL, LINUX_O_APPEND | LINUX_O_NONBLOCK),
			 0);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_GETFL, 0),
			 LINUX_O_RDWR | LINUX_O_LARGEFILE | LINUX_O_APPEND | LINUX_O_NONBLOCK);
	int d = do_fcntl(C->files, fd, LINUX_F_DUPFD, 10);
	ck_assert_int_eq(d, 10);
	ck_assert_int_eq(do_fcntl(C->files, d, LINUX_F_GETFD, 0), 0); /* dup clears cloexec */
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_DUPFD_CLOEXEC, 0), 1);
	ck_assert_int_eq(do_fcntl(C->files, 1, LINUX_F_GETFD, 0), LINUX_FD_CLOEXEC);
	/* duplicates share the offset */
	ck_assert_int_eq(vfs_write(C, fd, "abc", 3), 3);
	ck_assert_int_eq(vfs_lseek(C, d, 0, LINUX_SEEK_CUR), 3);
	ck_assert_int_eq(do_dup3(C->files, fd, 200, true), 200);
	ck_assert_int_eq(do_fcntl(C->files, 200, LINUX_F_GETFD, 0), LINUX_FD_CLOEXEC);
	ck_assert_uint_eq(C->files->max_fds, 256); /* grew past the first 64 */
	ck_assert_int_eq(do_dup3(C->files, 5, 6, false), -EBADF);
	ck_assert_int_eq(do_dup3(C->files, fd, NR_OPEN_MAX, false), -EBADF);
	ck_assert_int_eq(do_fcntl(C->files, fd, 999, 0), -EINVAL);
	ck_assert_int_eq(do_fcntl(C->files, 77, LINUX_F_GETFD, 0), -EBADF);
	/* closing frees the lowest slot for reuse */
	ck_assert_int_eq(close_fd(C->files, 1), 0);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_DUPFD, 0), 1);
	/* close-on-exec closes exactly the marked ones */
	do_close_on_exec(C->files);
	ck_assert_ptr_null(fget_raw(C->files, 0));
	ck_assert_ptr_null(fget_raw(C->files, 200));
	ck_assert_ptr_nonnull(fget_raw(C->files, 1));
	ck_assert_ptr_nonnull(fget_raw(C->files, 10));
}
END_TEST

START_TEST(fd_limit)
{
	int fd = do_sys_openat(C, CWD, "/", LINUX_O_RDONLY, 0), i;
	ck_assert_int_eq(fd, 0);
	for (i = 1; i < NR_OPEN_MAX; i++)
		ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_DUPFD, 0), i);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_DUPFD, 0), -EMFILE);
	ck_assert_int_eq(do_fcntl(C->files, fd, LINUX_F_DUPFD, NR_OPEN_MAX), -EINVAL);
}
END_TEST

START_TEST(fork_shares_files_not_table)
{
	int fd = do_sys_openat(C, CWD, "/k", LINUX_O_RDWR | LINUX_O_CREAT, 0600);
	struct files_struct *child = dup_fd(C->files);
	struct fs_ctx cc = {C->fs, child};
	ck_assert_ptr_nonnull(child);
	ck_assert_int_eq(vfs_write(&cc, fd, "xy", 2), 2);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_CUR), 2); /* shared struct file */
	ck_assert_int_eq(close_fd(child, fd), 0);
	ck_assert_ptr_nonnull(fget_raw(C->files, fd)); /* parent's descriptor survives */
	put_files_struct(child);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_CUR), 2);
}
END_TEST

START_TEST(pipes)
{
	int fds[2];
	char buf[PIPE_BUF + 10];
	struct kstat k;
	static char big[PIPE_SIZE + 100];

	ck_assert_int_eq(do_pipe2(C, fds, LINUX_O_CLOEXEC), 0);
	ck_assert_int_eq(fds[0], 0);
	ck_assert_int_eq(fds[1], 1);
	ck_assert_int_eq(do_fcntl(C->files, 1, LINUX_F_GETFD, 0), LINUX_FD_CLOEXEC);
	ck_assert_int_eq(vfs_read(C, fds[0], buf, 10), -EAGAIN); /* empty, writer alive */
	ck_assert_int_eq(vfs_write(C, fds[1], "ping", 4), 4);
	ck_assert_int_eq(vfs_read(C, fds[0], buf, 2), 2);
	ck_assert_int_eq(memcmp(buf, "pi", 2), 0);
	ck_assert_int_eq(vfs_read(C, fds[0], buf, 10), 2);
	ck_assert_int_eq(memcmp(buf, "ng", 2), 0);
	ck_assert_int_eq(vfs_write(C, fds[0], "x", 1), -EBADF);
	ck_assert_int_eq(vfs_lseek(C, fds[0], 0, LINUX_SEEK_SET), -ESPIPE);
	ck_assert_int_eq(vfs_pread(C, fds[0], buf, 1, 0), -ESPIPE);
	/* capacity 64 KiB, wrapping around the ring; big writes may be partial */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	ck_assert_int_eq(vfs_write(C, fds[1], big, sizeof(big)), PIPE_SIZE);
	ck_assert_int_eq(vfs_write(C, fds[1], big, 1), -EAGAIN);
	ck_assert_int_eq(vfs_read(C, fds[0], buf, 100), 100);
	ck_assert_int_eq(memcmp(buf, big, 100), 0);
	/* 100 bytes free: a PIPE_BUF-sized write is atomic, so it must wait */
	ck_assert_int_eq(vfs_write(C, fds[1], big, PIPE_BUF), -EAGAIN);
	ck_assert_int_eq(vfs_write(C, fds[1], big + PIPE_SIZE, 100), 100);
	/* the ring now holds big[100 .. PIPE_SIZE + 100), wrapped around its end */
	for (size_t got = 0; got < PIPE_SIZE; got += PIPE_BUF) {
		ck_assert_int_eq(vfs_read(C, fds[0], buf, PIPE_BUF), PIPE_BUF);
		ck_assert_int_eq(memcmp(buf, big + 100 + got, PIPE_BUF), 0);
	}
	ck_assert_int_eq(vfs_read(C, fds[0], buf, sizeof(buf)), -EAGAIN);
	ck_assert_int_eq(vfs_fstat(C, fds[0], &k), 0);
	ck_assert_uint_eq(k.mode, LINUX_S_IFIFO | 0600);
	ck_assert_str_eq(fget_raw(C->files, fds[1])->path, fget_raw(C->files, fds[0])->path);
	/* writer gone: EOF; reader gone: EPIPE */
	ck_assert_int_eq(close_fd(C->files, fds[1]), 0);
	ck_assert_int_eq(vfs_read(C, fds[0], buf, 10), 0);
	ck_assert_int_eq(do_pipe2(C, fds, 0), 0);
	ck_assert_int_eq(fds[0], 1);
	ck_assert_int_eq(fds[1], 2);
	ck_assert_int_eq(close_fd(C->files, fds[0]), 0);
	ck_assert_int_eq(vfs_write(C, fds[1], "x", 1), -EPIPE);
	ck_assert_int_eq(do_pipe2(C, fds, 0x1), -EINVAL);
}
END_TEST

START_TEST(getdents_host_dir)
{
	char buf[256], names[256] = "";
	ssize_t n;
	ck_assert_int_eq(do_mkdirat(C, CWD, "/dir", 0755), 0);
	kfix_write("root/dir/a", "1");
	ck_assert_int_eq(do_mkdirat(C, CWD, "/dir/sub", 0700), 0);
	int fd = do_sys_openat(C, CWD, "/dir", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	int seen = 0;
	while ((n = vfs_getdents64(C, fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			if (!strcmp(d->d_name, "a")) {
				ck_assert_uint_eq(d->d_type, LINUX_DT_REG);
				seen |= 1;
			}
			if (!strcmp(d->d_name, "sub")) {
				ck_assert_uint_eq(d->d_type, LINUX_DT_DIR);
				seen |= 2;
			}
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				seen += 4;
			ck_assert_uint_eq(d->d_reclen % 8, 0);
			strcat(names, d->d_name);
			off += d->d_reclen;
		}
	}
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(seen, 3 + 8);
	ck_assert_int_eq(vfs_lseek(C, fd, 0, LINUX_SEEK_SET), 0);
	ck_assert_int_gt(vfs_getdents64(C, fd, buf, sizeof(buf)), 0);
	ck_assert_int_eq(vfs_read(C, fd, buf, 1), -EISDIR);
	ck_assert_int_eq(vfs_getdents64(C, 55, buf, sizeof(buf)), -EBADF);
	int f = do_sys_openat(C, CWD, "/dir/a", LINUX_O_RDONLY, 0);
	ck_assert_int_eq(vfs_getdents64(C, f, buf, sizeof(buf)), -ENOTDIR);
	ck_assert_int_eq(do_unlinkat(C, CWD, "/dir", LINUX_AT_REMOVEDIR), -ENOTEMPTY);
	ck_assert_int_eq(do_faccessat(C, CWD, "/dir/a", LINUX_R_OK, 0), 0);
	ck_assert_int_eq(do_faccessat(C, CWD, "/dir/a", LINUX_X_OK, 0), -EACCES);
	ck_assert_int_eq(do_faccessat(C, CWD, "/dir/zz", LINUX_F_OK, 0), -ENOENT);
}
END_TEST

/*
 * The page cache outlives close(): a second read of a closed file is served
 * from the cache (no pgpgin), Cached stays up, a file changed on the host
 * between the two is read again, and reclaim empties and frees the unused inode.
 */
START_TEST(page_cache_outlives_close)
{
	static char text[3 * 4096 + 1];
	char buf[4096];
	memset(text, 'a', sizeof(text) - 1);
	kfix_write("root/pc", text);
	unsigned long cached0 = global_node_page_state(NR_FILE_PAGES);
	unsigned long in0 = vm_event_count(PGPGIN);

	int fd = do_sys_openat(C, CWD, "/pc", LINUX_O_RDONLY, 0);
	for (int k = 0; k < 3; k++)
		ck_assert_int_eq(vfs_read(C, fd, buf, sizeof(buf)), 4096);
	ck_assert_int_eq(close_fd(C->files, fd), 0);
	ck_assert_uint_eq(vm_event_count(PGPGIN) - in0, 12); /* 3 pages, in kB */
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES) - cached0, 3);
	ck_assert_uint_eq(nr_unused_inodes(), 1);

	/* reopened: all three pages from the cache, no I/O */
	fd = do_sys_openat(C, CWD, "/pc", LINUX_O_RDONLY, 0);
	ck_assert_uint_eq(nr_unused_inodes(), 0);
	for (int k = 0; k < 3; k++)
		ck_assert_int_eq(vfs_read(C, fd, buf, sizeof(buf)), 4096);
	ck_assert_int_eq(buf[4095], 'a');
	ck_assert_int_eq(close_fd(C->files, fd), 0);
	ck_assert_uint_eq(vm_event_count(PGPGIN) - in0, 12);

	/* rewritten behind rvmm's back while closed: the stale pages go */
	text[0] = 'b';
	text[sizeof(text) - 2] = 'c';
	usleep(10000); /* a different mtime even on coarse host clocks */
	kfix_write("root/pc", text);
	fd = do_sys_openat(C, CWD, "/pc", LINUX_O_RDONLY, 0);
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES) - cached0, 0);
	ck_assert_int_eq(vfs_read(C, fd, buf, sizeof(buf)), 4096);
	ck_assert_int_eq(buf[0], 'b');
	ck_assert_int_eq(vfs_pread(C, fd, buf, sizeof(buf), 2 * 4096), 4096);
	ck_assert_int_eq(buf[4095], 'c');
	ck_assert_int_eq(close_fd(C->files, fd), 0);
	ck_assert_uint_eq(vm_event_count(PGPGIN) - in0, 12 + 8);
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES) - cached0, 2);
	ck_assert_uint_eq(nr_unused_inodes(), 1);

	/* reclaim takes the clean pages; the emptied unused inode is freed */
	for (int k = 0; k < 50 && nr_unused_inodes(); k++)
		try_to_free_pages(GFP_KERNEL, 0);
	ck_assert_uint_eq(nr_unused_inodes(), 0);
	ck_assert_uint_eq(global_node_page_state(NR_FILE_PAGES), cached0);
}
END_TEST

static Suite *fs_suite(void)
{
	Suite *s = suite_create("fs");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, kfix_setup, kfix_teardown);
	tcase_add_test(tc, stat_layout_is_riscv64);
	tcase_add_test(tc, stat_values);
	tcase_add_test(tc, read_write_seek);
	tcase_add_test(tc, dup_and_fcntl);
	tcase_add_test(tc, fd_limit);
	tcase_add_test(tc, fork_shares_files_not_table);
	tcase_add_test(tc, pipes);
	tcase_add_test(tc, getdents_host_dir);
	tcase_add_test(tc, page_cache_outlives_close);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fs_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
