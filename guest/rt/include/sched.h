/* sched.h - rvmm guest runtime: clone() with glibc's calling convention. */
#ifndef _RT_SCHED_H
#define _RT_SCHED_H

#include <sys/types.h>

#define CLONE_VM      0x00000100
#define CLONE_FS      0x00000200
#define CLONE_FILES   0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK   0x00004000
#define CLONE_PARENT  0x00008000
#define CLONE_THREAD  0x00010000

/*
 * Run fn(arg) in a new task on the given stack (its highest address).
 * Returns the child's pid in the parent, -1 with errno on failure; the
 * child exits with fn's return value. Extra arguments (ptid, tls, ctid)
 * are passed to the kernel when flags ask for them.
 */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
int sched_yield(void);

#endif
