/*
 * synth.h - synthetic observe states for tests and the viewtool, standing in
 * for the kernel until it publishes real ones.
 */
#ifndef RVMM_VIEW_SYNTH_H
#define RVMM_VIEW_SYNTH_H

#include "os/observe.h"

/* An all-free machine of nframes frames at 0x80000000 with three zones
 * (DMA 1/8, DMA32 3/8, NORMAL the rest). NULL on allocation failure. */
struct observe *synth_new(uint64_t nframes);
void synth_free(struct observe *o);
/* Tag frames [pfn, pfn + n) (absolute pfns). */
void synth_set(struct observe *o, uint64_t pfn, uint64_t n, unsigned kind, unsigned owner,
	       unsigned mapcount, unsigned flags);
/* Append an event to the ring. */
void synth_event(struct observe *o, unsigned type, unsigned pid, uint64_t pfn, uint64_t va);
/* Recompute o->c's page counts from the tags. */
void synth_count(struct observe *o);
/* A plausible busy machine: kernel image, mem_map, slab, page tables, five
 * processes with anon memory, a page cache, COW-shared frames after a fork,
 * the zero page, a heat gradient and some events. */
void synth_scene(struct observe *o);
/* What the kernel's frame_detail_fill() would say about frame pfn of a
 * synthetic machine, made up from its tag (viewer_opts.detail's shape, with
 * the observe as arg): counts and LRU from the tag, the tag's owner mapping
 * it at 0x10000000 + 4 KiB * (pfn - base), and PID 6 too for a COW frame. */
void synth_detail(void *obs, uint64_t pfn, struct frame_detail *d);

#endif
