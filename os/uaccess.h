/*
 * uaccess.h - the kernel's access to the current task's user memory.
 *
 * Every access goes through the hart's MMU and TLB (hart_vm_read/write, the
 * one translation authority), as privilege U, so permissions are the user's.
 * A page fault on the way is resolved by handle_mm_fault() exactly as if the
 * program had touched the page itself (demand paging, COW), then the copy
 * resumes; an access the program could not make fails with -EFAULT.
 */
#ifndef RVMM_OS_UACCESS_H
#define RVMM_OS_UACCESS_H

#include <stddef.h>
#include <stdint.h>

struct hart;
void uaccess_set_hart(struct hart *h);

/* 0 or -EFAULT. */
int copy_from_user(void *dst, uint64_t src, size_t n);
int copy_to_user(uint64_t dst, const void *src, size_t n);
int clear_user(uint64_t dst, size_t n);
/* Copy a NUL-terminated string of at most size-1 bytes: its length, -EFAULT,
 * or -ENAMETOOLONG when no NUL was found within size bytes. */
long strncpy_from_user(char *dst, uint64_t src, size_t size);
/* A struct timespec at uts as a duration in ns (clamped to INT64_MAX: centuries are
 * as good as none). 0, -EFAULT, or -EINVAL for a negative or unnormalized one. */
long get_timespec_ns(uint64_t uts, int64_t *ns);

#endif
