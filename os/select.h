/*
 * select.h - ppoll, pselect6 and rt_sigsuspend, and the poll table a task
 * waiting in them sleeps on (see select.c).
 */
#ifndef RVMM_OS_SELECT_H
#define RVMM_OS_SELECT_H

#include <stdbool.h>
#include <stdint.h>

struct task_struct;

/* Can t, asleep in ppoll/pselect6/sigsuspend, run again (a descriptor ready, its deadline passed)?
 */
bool poll_table_ready(struct task_struct *t);
/* Drop t's poll table (and the file references it holds). */
void poll_table_free(struct task_struct *t);

/* The waiting machinery, for other multiplexers (eventpoll.c): */
struct poll_table;
struct file;
/* Begin or resume a wait: temporary signal mask from usigmask, a deadline
 * timeout_ns from now (-1: none, 0: do not sleep; *expired then), urem the
 * user timespec a handler's EINTR writes the time left to (0: none). */
long wait_begin(uint64_t usigmask, uint64_t sigsetsize, int64_t timeout_ns, uint64_t urem,
		bool *expired);
/* The call ends with ret: the mask comes back, the time left goes to utmo (if any). */
long wait_end(uint64_t utmo, long ret);
/* Sleep until a file in pt is ready (NULL: a signal or the deadline); -ERESTARTNOHAND. */
long wait_sleep(struct poll_table *pt);
/* A poll table for n files; poll_table_add takes a reference on f. */
struct poll_table *poll_table_alloc(int n);
void poll_table_add(struct poll_table *pt, struct file *f, unsigned int events);

long sys_ppoll(uint64_t ufds, uint64_t nfds, uint64_t utmo, uint64_t usigmask, uint64_t sigsetsize);
long sys_pselect6(int n, uint64_t inp, uint64_t outp, uint64_t exp, uint64_t utmo, uint64_t usig);
long sys_rt_sigsuspend(uint64_t umask, uint64_t size);

#endif
