/*
 * kernel_fixture.c - see kernel_fixture.h.
 */
#include "tests/unit/kernel_fixture.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/mm/mm.h"
#include "os/mm/mm_init.h"
#include "os/mm/page_alloc.h"
#include "os/mm/reclaim_glue.h"
#include "os/mm/slab.h"
#include "os/uapi.h"

#define RAM_SIZE (16u << 20)
#define RAM_BASE 0x80000000ull

struct fs_ctx kfix_ctx;
char kfix_top[256];
static uint8_t *ram;
static unsigned long free_at_start;

const char *kfix_path(const char *rel)
{
	static char buf[2][512];
	static int which;
	which ^= 1;
	snprintf(buf[which], sizeof(buf[which]), "%s/%s", kfix_top, rel);
	return buf[which];
}

void kfix_write(const char *rel, const char *text)
{
	FILE *f = fopen(kfix_path(rel), "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

void kfix_setup(void)
{
	strcpy(kfix_top, "/tmp/rvmm-kfix-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(kfix_top));
	ck_assert_int_eq(mkdir(kfix_path("root"), 0755), 0);
	ram = calloc(1, RAM_SIZE);
	ck_assert_ptr_nonnull(ram);
	ck_assert_int_eq(mm_init(ram, RAM_BASE, RAM_SIZE, -1, NULL, NULL), 0);
	ck_assert_int_eq(files_cache_init(), 0);
	ck_assert_int_eq(task_cache_init(), 0);
	ck_assert_int_eq(mm_caches_init(), 0);
	ck_assert_int_eq(reclaim_boot(NULL, NULL), 0); /* the LRU lists, no swap */
	ck_assert_int_eq(fs_root_init(kfix_path("root")), 0);
	drain_all_pages();
	free_at_start = nr_free_pages();

	current = task_alloc();
	ck_assert_ptr_nonnull(current);
	set_task_comm(current, "kfix");
	current->fs = fs_struct_alloc();
	current->files = files_alloc();
	current->exe_path = kstrdup("/bin/kfix", GFP_KERNEL);
	ck_assert_ptr_nonnull(current->fs);
	ck_assert_ptr_nonnull(current->files);
	kfix_ctx.fs = current->fs;
	kfix_ctx.files = current->files;
}

void kfix_teardown(void)
{
	char cmd[600];

	task_free(current);
	/* Every frame the test used must be back (slab pages may stay cached: shrink them). */
	kmem_cache_shrink_all();
	drain_all_pages();
	ck_assert_uint_eq(nr_free_pages(), free_at_start);
	ck_assert_ptr_null(mm_check());
	fs_root_exit();
	reclaim_shutdown();
	task_cache_exit();
	files_cache_exit();
	mm_caches_exit();
	mm_exit();
	free(ram);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", kfix_top);
	ck_assert_int_eq(system(cmd), 0);
}

long kfix_slurp(int dirfd, const char *path, char *buf, size_t size)
{
	int fd = do_sys_openat(&kfix_ctx, dirfd, path, LINUX_O_RDONLY, 0);
	long n;
	if (fd < 0)
		return fd;
	n = vfs_read(&kfix_ctx, fd, buf, size - 1);
	close_fd(kfix_ctx.files, fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}
