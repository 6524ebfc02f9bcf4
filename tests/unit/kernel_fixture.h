/*
 * kernel_fixture.h - a booted memory manager and one task, for the kernel's
 * unit tests: guest RAM is a malloc'd array, the sandbox root a temporary
 * directory tree. kfix_free_pages() lets tests assert that nothing leaked.
 */
#ifndef RVMM_TESTS_KERNEL_FIXTURE_H
#define RVMM_TESTS_KERNEL_FIXTURE_H

#include "os/fs/fs.h"
#include "os/task.h"

extern struct fs_ctx kfix_ctx;
extern char kfix_top[]; /* the temporary directory; the root is kfix_top/root */

/* Boot mm (RAM of 16 MiB), the file layer and a task whose root is a fresh tree. */
void kfix_setup(void);
void kfix_teardown(void);
/* Host path of a name under kfix_top. */
const char *kfix_path(const char *rel);
/* Write a host file under kfix_top with the given contents. */
void kfix_write(const char *rel, const char *text);
/* Read a whole guest file through the kernel into buf (NUL-terminated); the length or -errno. */
long kfix_slurp(int dirfd, const char *path, char *buf, size_t size);

#endif
