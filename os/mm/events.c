/*
 * events.c - the event ring of os/observe.h (see events.h).
 * Invariant: ring_head counts every event ever published; the newest is
 * ring[(ring_head - 1) % MM_EVENT_RING].
 */
#include "os/mm/events.h"

#include "os/mm/page.h"

static uint64_t (*clock_fn)(void *arg);
static void *clock_arg;

void mm_events_set_clock(uint64_t (*insns)(void *arg), void *arg)
{
	clock_fn = insns;
	clock_arg = arg;
}

void mm_publish_event(enum mm_event_type type, unsigned long pfn, uint64_t va, int pid)
{
	struct observe *o = mm_obs;
	struct mm_event *e;

	if (!o)
		return;
	e = &o->ring[o->ring_head % MM_EVENT_RING];
	e->insn = clock_fn ? clock_fn(clock_arg) : 0;
	e->pfn = pfn;
	e->va = va;
	e->pid = (uint16_t)pid;
	e->type = (uint8_t)type;
	o->ring_head++;
	if (type == MMEV_FAULT_MINOR || type == MMEV_FAULT_MAJOR)
		o->c.faults++;
}
