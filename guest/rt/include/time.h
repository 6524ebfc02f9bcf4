/* time.h - rvmm guest runtime: timespec, nanosleep and clock_gettime. */
#ifndef _RT_TIME_H
#define _RT_TIME_H

#include <sys/types.h>

#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC 1

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clk, struct timespec *ts);
time_t time(time_t *t);

#endif
