/*
 * events.h - publishing memory-management events into the observer ring
 * (os/observe.h): one place that stamps and stores them, so /proc, the
 * --trace=mm output and the viewer's ticker see the same stream.
 */
#ifndef RVMM_OS_MM_EVENTS_H
#define RVMM_OS_MM_EVENTS_H

#include <stdint.h>
#include <stdio.h>

#include "os/observe.h"

/* Where the guest instruction count comes from (the kernel's hart); NULL: 0. */
void mm_events_set_clock(uint64_t (*insns)(void *arg), void *arg);
void mm_publish_event(enum mm_event_type type, unsigned long pfn, uint64_t va, int pid);
/* --trace=mm: every event is also printed, one line each, to f (NULL: off). */
void mm_events_set_trace(FILE *f);

#endif
