/*
 * events.c - the event ring of os/observe.h (see events.h).
 * Invariant: ring_head counts every event ever published; the newest is
 * ring[(ring_head - 1) % MM_EVENT_RING].
 */
#include "os/mm/events.h"

#include "os/mm/page.h"

static uint64_t (*clock_fn)(void *arg);
static void *clock_arg;
static FILE *trace;

void mm_events_set_trace(FILE *f)
{
	trace = f;
}

/*
 * One --trace=mm line: the guest instruction count, the pid, the event, and
 * the virtual address and frame involved where there are ones, e.g.
 *   mm: 1234567 pid 3 COW break va 0x3ffffff000 pfn 0x81234
 */
static void trace_event(uint64_t insn, enum mm_event_type type, unsigned long pfn, uint64_t va,
			int pid)
{
	fprintf(trace, "mm: %llu pid %d %s", (unsigned long long)insn, pid, mm_event_name(type));
	if (va)
		fprintf(trace, " va %#llx", (unsigned long long)va);
	if (pfn)
		fprintf(trace, " pfn %#lx", pfn);
	fputc('\n', trace);
}

void mm_events_set_clock(uint64_t (*insns)(void *arg), void *arg)
{
	clock_fn = insns;
	clock_arg = arg;
}

void mm_publish_event(enum mm_event_type type, unsigned long pfn, uint64_t va, int pid)
{
	struct observe *o = mm_obs;
	struct mm_event *e;
	uint64_t insn = clock_fn ? clock_fn(clock_arg) : 0;

	if (trace)
		trace_event(insn, type, pfn, va, pid);
	if (!o)
		return;
	e = &o->ring[o->ring_head % MM_EVENT_RING];
	e->insn = insn;
	e->pfn = pfn;
	e->va = va;
	e->pid = (uint16_t)pid;
	e->type = (uint8_t)type;
	o->ring_head++;
	if (type == MMEV_FAULT_MINOR || type == MMEV_FAULT_MAJOR)
		o->c.faults++;
}
