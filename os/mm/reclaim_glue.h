/*
 * reclaim_glue.h - memory pressure wired into the running kernel: the
 * reverse-map side of reclaim (reclaim_ops.h), the task side of the OOM
 * killer (oom_kill.h), swap devices from the command line, and kswapd run
 * from the scheduler loop.
 */
#ifndef RVMM_OS_MM_RECLAIM_GLUE_H
#define RVMM_OS_MM_RECLAIM_GLUE_H

#include <stdint.h>

/*
 * Bring up the LRU lists, swap (swap_arg: --swap FILE[,SIZE], zram_arg:
 * --zram SIZE, either NULL), reclaim and the OOM killer. Call after
 * mm_caches_init(), before the first user page. 0, or -errno with one line
 * on stderr.
 */
int reclaim_boot(const char *swap_arg, const char *zram_arg);
/* Undo reclaim_boot() once every task is gone (swap devices off). */
void reclaim_shutdown(void);
/* Between time slices: do kswapd's pending work, if the allocator woke it. */
void reclaim_tick(void);

#endif
