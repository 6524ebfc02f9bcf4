/*
 * select.h - ppoll, pselect6 and rt_sigsuspend, and the poll table a task
 * waiting in them sleeps on (see select.c).
 */
#ifndef RVMM_OS_SELECT_H
#define RVMM_OS_SELECT_H

#include <stdbool.h>
#include <stdint.h>

struct task_struct;

/* Can t, asleep in ppoll/pselect6/sigsuspend, run again (a descriptor ready, its deadline passed)? */
bool poll_table_ready(struct task_struct *t);
/* Drop t's poll table (and the file references it holds). */
void poll_table_free(struct task_struct *t);

long sys_ppoll(uint64_t ufds, uint64_t nfds, uint64_t utmo, uint64_t usigmask, uint64_t sigsetsize);
long sys_pselect6(int n, uint64_t inp, uint64_t outp, uint64_t exp, uint64_t utmo, uint64_t usig);
long sys_rt_sigsuspend(uint64_t umask, uint64_t size);

#endif
