/*
 * test_namei.c - the sandboxed root: no guest path, symlink or /proc trick
 * reaches a host file outside --root. The tree has a decoy: a host file
 * TOP/outside/secret outside the root and ROOT/outside/secret inside it; every
 * escape attempt must read the decoy (or fail), never the secret.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/uapi.h"
#include "tests/unit/kernel_fixture.h"

#define C   (&kfix_ctx)
#define CWD LINUX_AT_FDCWD

static void tree(void)
{
	char host_outside[600];

	kfix_setup();
	ck_assert_int_eq(mkdir(kfix_path("outside"), 0755), 0);
	kfix_write("outside/secret", "HOST SECRET");
	ck_assert_int_eq(mkdir(kfix_path("root/outside"), 0755), 0);
	kfix_write("root/outside/secret", "decoy");
	ck_assert_int_eq(mkdir(kfix_path("root/etc"), 0755), 0);
	kfix_write("root/etc/passwd", "guest passwd");
	ck_assert_int_eq(mkdir(kfix_path("root/d"), 0755), 0);
	ck_assert_int_eq(mkdir(kfix_path("root/d/e"), 0755), 0);
	ck_assert_int_eq(symlink("/", kfix_path("root/abs")), 0);
	ck_assert_int_eq(symlink("/etc", kfix_path("root/abs_etc")), 0);
	ck_assert_int_eq(symlink("../../..", kfix_path("root/rel_up")), 0);
	ck_assert_int_eq(symlink("../../../../outside", kfix_path("root/d/up4")), 0);
	snprintf(host_outside, sizeof(host_outside), "%s/outside", kfix_top);
	ck_assert_int_eq(symlink(host_outside, kfix_path("root/hostabs")), 0);
	ck_assert_int_eq(symlink("loop", kfix_path("root/loop")), 0);
	ck_assert_int_eq(symlink("/newfile", kfix_path("root/dangling")), 0);
	ck_assert_int_eq(symlink("../../etc/passwd", kfix_path("root/d/e/pw")), 0);
}

static void expect(const char *path, const char *want)
{
	char buf[64];
	long n = kfix_slurp(CWD, path, buf, sizeof(buf));
	ck_assert_msg(n >= 0, "%s: error %ld", path, n);
	ck_assert_str_eq(buf, want);
}

static void expect_err(const char *path, int err)
{
	char buf[64];
	long n = kfix_slurp(CWD, path, buf, sizeof(buf));
	ck_assert_msg(n == -err, "%s: got %ld (%s), want -%d", path, n, n >= 0 ? buf : "", err);
}

START_TEST(dotdot_stays_at_root)
{
	expect("/etc/passwd", "guest passwd");
	expect("/../../outside/secret", "decoy");
	expect("../outside/secret", "decoy");
	expect("/etc/../../../../outside/secret", "decoy");
	expect_err("..", EISDIR);
	expect_err("/", EISDIR);
}
END_TEST

START_TEST(dotdot_from_cwd)
{
	char buf[64];
	ck_assert_int_eq(do_chdir(C, "/d/e"), 0);
	ck_assert_int_eq(do_getcwd(C, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "/d/e");
	expect("../../../../../outside/secret", "decoy");
	expect("../../etc/passwd", "guest passwd");
	ck_assert_int_eq(do_chdir(C, "../../../.."), 0);
	ck_assert_int_eq(do_getcwd(C, buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "/");
	ck_assert_int_eq(do_getcwd(C, buf, 1), -ERANGE);
}
END_TEST

START_TEST(symlinks_resolve_inside_root)
{
	expect("/abs/etc/passwd", "guest passwd");
	expect("abs/abs/abs/outside/secret", "decoy");
	expect("abs_etc/passwd", "guest passwd");
	expect("rel_up/outside/secret", "decoy");
	expect("d/up4/secret", "decoy");
	expect("d/e/pw", "guest passwd");
	/* an absolute host path in a link means that path inside the root */
	expect_err("hostabs/secret", ENOENT);
	expect_err("loop", ELOOP);
	expect_err("loop/x", ELOOP);
	expect_err("d/e/pw/", ENOTDIR);
	expect_err("", ENOENT);
}
END_TEST

START_TEST(nofollow_and_readlink)
{
	char buf[64];
	ck_assert_int_eq(do_sys_openat(C, CWD, "abs_etc", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0),
			 -ELOOP);
	ck_assert_int_eq(do_readlinkat(C, CWD, "d/up4", buf, sizeof(buf)), 19);
	buf[19] = '\0';
	ck_assert_str_eq(buf, "../../../../outside");
	ck_assert_int_eq(do_readlinkat(C, CWD, "etc/passwd", buf, sizeof(buf)), -EINVAL);
	/* lstat sees the link, stat the target */
	struct kstat st;
	ck_assert_int_eq(vfs_fstatat(C, CWD, "abs_etc", LINUX_AT_SYMLINK_NOFOLLOW, &st), 0);
	ck_assert_uint_eq(st.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "abs_etc", 0, &st), 0);
	ck_assert_uint_eq(st.mode & LINUX_S_IFMT, LINUX_S_IFDIR);
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/rel_up/etc/passwd", 0, &st), 0);
	ck_assert_int_eq(st.size, 12);
}
END_TEST

START_TEST(creation_stays_inside)
{
	struct stat hst;
	/* create through a dangling absolute link */
	int fd = do_sys_openat(C, CWD, "dangling", LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(vfs_write(C, fd, "made", 4), 4);
	ck_assert_int_eq(close_fd(C->files, fd), 0);
	ck_assert_int_eq(stat(kfix_path("root/newfile"), &hst), 0);
	ck_assert_int_eq(hst.st_size, 4);
	ck_assert_int_eq(stat(kfix_path("newfile"), &hst), -1);
	/* O_CREAT|O_EXCL does not follow the link: EEXIST */
	ck_assert_int_eq(
	    do_sys_openat(C, CWD, "dangling", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL, 0644),
	    -EEXIST);
	ck_assert_int_eq(do_mkdirat(C, CWD, "/../../evil", 0755), 0);
	ck_assert_int_eq(stat(kfix_path("root/evil"), &hst), 0);
	ck_assert_int_eq(stat(kfix_path("evil"), &hst), -1);
	ck_assert_int_eq(do_mkdirat(C, CWD, "/", 0755), -EEXIST);
	ck_assert_int_eq(do_renameat2(C, CWD, "etc/passwd", CWD, "../../../stolen", 0), 0);
	ck_assert_int_eq(stat(kfix_path("root/stolen"), &hst), 0);
	ck_assert_int_eq(stat(kfix_path("stolen"), &hst), -1);
	/* a link the guest makes is walked inside the root too */
	ck_assert_int_eq(do_symlinkat(C, "/../../..", CWD, "esc"), 0);
	expect("esc/outside/secret", "decoy");
	ck_assert_int_eq(do_unlinkat(C, CWD, "esc", 0), 0);
	ck_assert_int_eq(do_unlinkat(C, CWD, "evil", LINUX_AT_REMOVEDIR), 0);
	ck_assert_int_eq(do_unlinkat(C, CWD, "/", LINUX_AT_REMOVEDIR), -EBUSY);
	ck_assert_int_eq(do_unlinkat(C, CWD, "d/.", LINUX_AT_REMOVEDIR), -EINVAL);
	ck_assert_int_eq(do_linkat(C, CWD, "stolen", CWD, "/../hard", 0), 0);
	ck_assert_int_eq(stat(kfix_path("root/hard"), &hst), 0);
	ck_assert_int_eq(hst.st_nlink, 2);
}
END_TEST

START_TEST(dirfd_relative)
{
	int dfd = do_sys_openat(C, CWD, "/d", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	char buf[64];
	ck_assert_int_ge(dfd, 0);
	ck_assert_int_eq(kfix_slurp(dfd, "../../../outside/secret", buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "decoy");
	ck_assert_int_eq(kfix_slurp(dfd, "e/pw", buf, sizeof(buf)), 12);
	ck_assert_int_eq(do_fchdir(C, dfd), 0);
	ck_assert_int_eq(do_getcwd(C, buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "/d");
	int ffd = do_sys_openat(C, CWD, "/etc/passwd", LINUX_O_RDONLY, 0);
	ck_assert_int_eq(kfix_slurp(ffd, "x", buf, sizeof(buf)), -ENOTDIR);
	ck_assert_int_eq(kfix_slurp(99, "x", buf, sizeof(buf)), -EBADF);
	close_fd(C->files, ffd);
	close_fd(C->files, dfd);
}
END_TEST

START_TEST(proc_tricks_contained)
{
	char buf[64], want[16];
	ck_assert_int_eq(do_chdir(C, "/d"), 0);
	expect("/proc/self/root/../../outside/secret", "decoy");
	expect("/proc/self/root/etc/passwd", "guest passwd");
	expect("/proc/self/cwd/e/pw", "guest passwd");
	expect("/proc/self/cwd/../../../outside/secret", "decoy");
	snprintf(want, sizeof(want), "%d", current->pid);
	ck_assert_int_eq(do_readlinkat(C, CWD, "/proc/self", buf, sizeof(buf)), (long)strlen(want));
	ck_assert_int_eq(memcmp(buf, want, strlen(want)), 0);
	ck_assert_int_eq(do_readlinkat(C, CWD, "/proc/self/exe", buf, sizeof(buf)), 9);
	ck_assert_int_eq(memcmp(buf, "/bin/kfix", 9), 0);
	ck_assert_int_eq(do_readlinkat(C, CWD, "/proc/self/root", buf, sizeof(buf)), 1);
	ck_assert_int_eq(do_readlinkat(C, CWD, "/proc/99999/root", buf, sizeof(buf)), -ENOENT);
	/* "proc" at the root is the virtual one, even if the host root has a proc dir */
	ck_assert_int_eq(mkdir(kfix_path("root/proc"), 0755), 0);
	kfix_write("root/proc/fake", "host file");
	expect_err("/proc/fake", ENOENT);
	ck_assert_int_eq(do_mkdirat(C, CWD, "/proc/new", 0755), -EACCES);
	ck_assert_int_eq(do_chdir(C, "/proc/self"), 0);
	ck_assert_int_eq(do_getcwd(C, buf, sizeof(buf)), (long)strlen(want) + 7);
	expect("root/etc/passwd", "guest passwd");
	expect("../../etc/passwd", "guest passwd");
}
END_TEST

START_TEST(proc_getdents)
{
	char buf[512];
	int fd = do_sys_openat(C, CWD, "/proc", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	ssize_t n;
	char names[256] = "";
	ck_assert_int_ge(fd, 0);
	while ((n = vfs_getdents64(C, fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			strcat(names, d->d_name);
			strcat(names, " ");
			off += d->d_reclen;
		}
	}
	ck_assert_int_eq(n, 0);
	char want[128];
	snprintf(want, sizeof(want),
		 ". .. self buddyinfo cpuinfo kpagecount kpageflags meminfo slabinfo swaps uptime "
		 "vmallocinfo vmstat zoneinfo "
		 "pressure sys %d ",
		 current->pid);
	ck_assert_str_eq(names, want);
	close_fd(C->files, fd);

	/* /proc/pressure holds memory, in Linux's format */
	fd = do_sys_openat(C, CWD, "/proc/pressure", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	ck_assert_int_ge(fd, 0);
	names[0] = 0;
	while ((n = vfs_getdents64(C, fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;
		     off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			strcat(names, ((struct linux_dirent64 *)(buf + off))->d_name);
			strcat(names, " ");
		}
	ck_assert_str_eq(names, ". .. memory ");
	close_fd(C->files, fd);
	ck_assert_int_eq(kfix_slurp(CWD, "/proc/pressure/memory", buf, sizeof(buf)), 94);
	ck_assert_str_eq(buf, "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
			      "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
	expect_err("/proc/pressure/cpu", ENOENT);
}
END_TEST

/* /dev is virtual too: the device nodes, whatever the host root holds under "dev". */
START_TEST(dev_nodes)
{
	char buf[512], names[256] = "";
	struct kstat st;
	ssize_t n;
	int fd;

	ck_assert_int_eq(mkdir(kfix_path("root/dev"), 0755), 0);
	kfix_write("root/dev/null", "host file");
	fd = do_sys_openat(C, CWD, "/dev", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	ck_assert_int_ge(fd, 0);
	while ((n = vfs_getdents64(C, fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;
		     off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			strcat(names, ((struct linux_dirent64 *)(buf + off))->d_name);
			strcat(names, " ");
		}
	ck_assert_str_eq(names, ". .. fd full null random shm stderr stdin stdout urandom zero ");
	close_fd(C->files, fd);
	ck_assert_int_eq(kfix_slurp(CWD, "/dev/null", buf, sizeof(buf)), 0); /* not the host file */
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/dev/zero", 0, &st), 0);
	ck_assert_uint_eq(st.mode, LINUX_S_IFCHR | 0666);
	ck_assert_uint_eq(st.rdev, makedev(1, 5));
	ck_assert_int_eq(do_readlinkat(C, CWD, "/dev/stdout", buf, sizeof(buf)), 15);
	ck_assert_int_eq(memcmp(buf, "/proc/self/fd/1", 15), 0);
	ck_assert_int_eq(do_faccessat(C, CWD, "/dev/null", LINUX_W_OK, 0), 0);
	ck_assert_int_eq(do_faccessat(C, CWD, "/proc/meminfo", LINUX_W_OK, 0), -EACCES);
	fd = do_sys_openat(C, CWD, "/dev/full", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC,
			   0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(vfs_write(C, fd, "x", 1), -ENOSPC);
	close_fd(C->files, fd);
	expect_err("/dev/shm/x", ENOENT); /* (POSIX shared memory: guest/tests/posixshm) */
	ck_assert_int_eq(do_mkdirat(C, CWD, "/dev/new", 0755), -EACCES);
	expect_err("/dev/../etc/passwd/x", ENOTDIR); /* ".." from /dev is the root */
}
END_TEST

START_TEST(sysroot_overlay_is_read_only_and_contained)
{
	ck_assert_int_eq(mkdir(kfix_path("sysroot"), 0755), 0);
	ck_assert_int_eq(mkdir(kfix_path("sysroot/lib"), 0755), 0);
	kfix_write("sysroot/lib/libx.so", "sys lib");
	ck_assert_int_eq(mkdir(kfix_path("sysroot/etc"), 0755), 0);
	kfix_write("sysroot/etc/passwd", "sysroot passwd");
	ck_assert_int_eq(symlink("/../../../outside", kfix_path("sysroot/lib/esc")), 0);
	ck_assert_int_eq(fs_sysroot_init(kfix_path("sysroot")), 0);
	expect("/lib/libx.so", "sys lib");     /* not in the root: found in the sysroot */
	expect("/etc/passwd", "guest passwd"); /* the root comes first */
	expect_err("lib/libx.so", ENOENT);     /* relative paths stay in the root */
	expect_err("/lib/../../../outside/secret", ENOENT);
	expect_err("/lib/esc/secret", ENOENT); /* links in the sysroot stay in it */
	ck_assert_int_eq(do_sys_openat(C, CWD, "/lib/libx.so", LINUX_O_WRONLY, 0), -ENOENT);
	struct kstat st;
	ck_assert_int_eq(vfs_fstatat(C, CWD, "/lib/libx.so", 0, &st), 0);
	ck_assert_int_eq(st.size, 7);
	ck_assert_int_eq(do_faccessat(C, CWD, "/lib/libx.so", LINUX_W_OK, 0), -ENOENT);
	fs_sysroot_init(NULL);
	expect_err("/lib/libx.so", ENOENT);
}
END_TEST

START_TEST(proc_fd_links)
{
	char buf[64], names[128] = "";
	int fd = do_sys_openat(C, CWD, "/etc/passwd", LINUX_O_RDONLY, 0);
	int d = do_fcntl(C->files, fd, LINUX_F_DUPFD, 5);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(d, 5);
	ck_assert_int_eq(do_readlinkat(C, CWD, "/proc/self/fd/5", buf, sizeof(buf)), 11);
	ck_assert_int_eq(memcmp(buf, "/etc/passwd", 11), 0);
	expect("/proc/self/fd/0", "guest passwd");
	expect_err("/proc/self/fd/3", ENOENT);
	expect_err("/proc/self/fd/00", ENOENT);
	int dir = do_sys_openat(C, CWD, "/proc/self/fd", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	ck_assert_int_eq(dir, 1);
	ssize_t n;
	while ((n = vfs_getdents64(C, dir, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
			strcat(names, e->d_name);
			strcat(names, " ");
			off += e->d_reclen;
		}
	ck_assert_str_eq(names, ". .. 0 1 5 ");
}
END_TEST

static Suite *namei_suite(void)
{
	Suite *s = suite_create("namei");
	TCase *tc = tcase_create("sandbox");
	tcase_add_checked_fixture(tc, tree, kfix_teardown);
	tcase_add_test(tc, dotdot_stays_at_root);
	tcase_add_test(tc, dotdot_from_cwd);
	tcase_add_test(tc, symlinks_resolve_inside_root);
	tcase_add_test(tc, nofollow_and_readlink);
	tcase_add_test(tc, creation_stays_inside);
	tcase_add_test(tc, dirfd_relative);
	tcase_add_test(tc, proc_tricks_contained);
	tcase_add_test(tc, proc_getdents);
	tcase_add_test(tc, dev_nodes);
	tcase_add_test(tc, sysroot_overlay_is_read_only_and_contained);
	tcase_add_test(tc, proc_fd_links);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(namei_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
