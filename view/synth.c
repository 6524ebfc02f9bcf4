/*
 * synth.c - builds fake struct observe states. Deterministic: the same calls
 * give the same tags, so pictures and pixel tests are reproducible.
 */
#include "view/synth.h"

#include <stdlib.h>
#include <string.h>

#define RAM_BASE_PFN (0x80000000ull >> 12)

struct observe *synth_new(uint64_t nframes)
{
	struct observe *o = calloc(1, sizeof(*o));
	uint64_t b = RAM_BASE_PFN, dma = nframes / 8, dma32 = nframes * 3 / 8;

	if (!o)
		return NULL;
	o->tags = calloc(nframes ? nframes : 1, sizeof(*o->tags));
	if (!o->tags) {
		free(o);
		return NULL;
	}
	o->base_pfn = b;
	o->nframes = nframes;
	o->nzones = 3;
	strcpy(o->zones[0].name, "DMA");
	strcpy(o->zones[1].name, "DMA32");
	strcpy(o->zones[2].name, "Normal");
	o->zones[0].start_pfn = b;
	o->zones[0].end_pfn = o->zones[1].start_pfn = b + dma;
	o->zones[1].end_pfn = o->zones[2].start_pfn = b + dma + dma32;
	o->zones[2].end_pfn = b + nframes;
	for (uint64_t i = 0; i < nframes; i++)
		o->tags[i].zone = i < dma ? 0 : i < dma + dma32 ? 1 : 2;
	synth_count(o);
	return o;
}

void synth_free(struct observe *o)
{
	if (o)
		free(o->tags);
	free(o);
}

void synth_set(struct observe *o, uint64_t pfn, uint64_t n, unsigned kind, unsigned owner,
	       unsigned mapcount, unsigned flags)
{
	for (uint64_t p = pfn; p < pfn + n && p - o->base_pfn < o->nframes; p++) {
		struct frame_tag *t = &o->tags[p - o->base_pfn];
		t->kind = (uint8_t)kind;
		t->owner = (uint16_t)owner;
		t->mapcount = (uint8_t)(mapcount > 255 ? 255 : mapcount);
		t->flags = (uint8_t)flags;
		t->order = 0;
	}
}

void synth_event(struct observe *o, unsigned type, unsigned pid, uint64_t pfn, uint64_t va)
{
	struct mm_event *ev = &o->ring[o->ring_head % MM_EVENT_RING];

	ev->insn = o->c.insns + o->ring_head;
	ev->pfn = pfn;
	ev->va = va;
	ev->pid = (uint16_t)pid;
	ev->type = (uint8_t)type;
	o->ring_head++;
}

void synth_count(struct observe *o)
{
	struct obs_counters *c = &o->c;

	c->total = o->nframes;
	c->free = c->anon = c->file = c->slab = c->pgtables = c->kernel = 0;
	for (uint64_t i = 0; i < o->nframes; i++) {
		switch (o->tags[i].kind) {
		case FK_FREE: c->free++; break;
		case FK_ANON:
		case FK_SWAPCACHE:
		case FK_USER_NOMMU: c->anon++; break;
		case FK_FILE: c->file++; break;
		case FK_SLAB: c->slab++; break;
		case FK_PGTABLE: c->pgtables++; break;
		default: c->kernel++; break;
		}
	}
}

/* A small deterministic generator (xorshift) for scattering frames. */
static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

void synth_scene(struct observe *o)
{
	uint64_t b = o->base_pfn, n = o->nframes, seed = 0x9e3779b97f4a7c15ull;
	uint64_t p = b;

	/* Boot: firmware, kernel image, mem_map at the bottom of RAM. */
	synth_set(o, p, n / 256, FK_RESERVED, 0, 0, 0), p += n / 256;
	synth_set(o, p, n / 64, FK_KERNEL, 0, 0, 0), p += n / 64;
	synth_set(o, p, n / 64, FK_MEMMAP, 0, 0, 0), p += n / 64;
	synth_set(o, p, 1, FK_ZERO, 0, 200, 0), p += 1;
	/* Kernel allocations scattered through DMA32, as a buddy allocator leaves them. */
	for (int i = 0; i < (int)(n / 64); i++) {
		uint64_t q = b + n / 8 + rng(&seed) % (n * 3 / 8);
		static const unsigned kinds[] = {FK_SLAB,   FK_SLAB, FK_PGTABLE,
						 FK_KSTACK, FK_KMEM, FK_VMALLOC};
		synth_set(o, q, 1 + rng(&seed) % 4, kinds[rng(&seed) % 6], 0, 0, 0);
	}
	/* Five processes with anon memory in Normal, in runs. */
	for (unsigned pid = 1; pid <= 5; pid++)
		for (int run = 0; run < 12; run++) {
			uint64_t q = b + n / 2 + rng(&seed) % (n / 2 - 64);
			synth_set(o, q, 8 + rng(&seed) % 48, FK_ANON, pid, 1, FTF_LRU | FTF_ACTIVE);
			synth_set(o, q + 1, 1, FK_PGTABLE, pid, 0, 0);
		}
	/* After fork: pid 6 shares pid 2's pages copy-on-write. */
	uint64_t cow = b + n * 3 / 4;
	synth_set(o, cow, 64, FK_ANON, 2, 2, FTF_COW | FTF_LRU);
	/* Page cache: a file read in, partly dirty. */
	uint64_t fc = b + n / 8 + n / 4;
	synth_set(o, fc, n / 32, FK_FILE, 0, 0, FTF_LRU);
	synth_set(o, fc, n / 256, FK_FILE, 3, 1, FTF_LRU | FTF_DIRTY | FTF_ACTIVE);
	/* zram and the swap cache. */
	synth_set(o, b + n - n / 64, n / 128, FK_ZRAM, 0, 0, 0);
	synth_set(o, b + n - n / 64 + n / 128, n / 512, FK_SWAPCACHE, 4, 0, FTF_LRU);
	/* Heat: hottest around pid 1's first run, decaying with distance. */
	for (uint64_t i = 0; i < n; i++) {
		uint64_t d = i > n / 2 ? i - n / 2 : n / 2 - i;
		o->tags[i].heat = o->tags[i].kind == FK_FREE ? 0 : d < 255 ? (uint8_t)(255 - d) : 1;
	}
	o->c.insns = 123456789;
	o->c.faults = 4321;
	o->c.running_pid = 3;
	o->c.swap_total = 16384;
	o->c.swap_used = 1234;
	synth_event(o, MMEV_PROC_START, 6, 0, 0);
	synth_event(o, MMEV_FAULT_MINOR, 3, fc, 0x3fffff1000ull);
	synth_event(o, MMEV_COW, 6, cow + 5, 0x10000ull);
	synth_event(o, MMEV_FAULT_MAJOR, 4, fc + 7, 0x2000ull);
	synth_event(o, MMEV_SWAPOUT, 4, b + n - n / 64 + 3, 0x7000ull);
	synth_count(o);
}

void synth_detail(void *obs, uint64_t pfn, struct frame_detail *d)
{
	const struct observe *o = obs;

	memset(d, 0, sizeof(*d));
	d->pfn = -1;
	if (pfn < o->base_pfn || pfn - o->base_pfn >= o->nframes)
		return;
	const struct frame_tag *t = &o->tags[pfn - o->base_pfn];
	uint64_t va = 0x10000000u + ((pfn - o->base_pfn) << 12);

	d->pfn = (int64_t)pfn;
	d->mapcount = t->mapcount;
	d->refcount = t->kind == FK_FREE ? 0 : t->mapcount ? t->mapcount : 1;
	if (t->flags & FTF_LRU)
		d->lru = t->kind == FK_FILE
			     ? (t->flags & FTF_ACTIVE ? FLRU_ACTIVE_FILE : FLRU_INACTIVE_FILE)
			     : (t->flags & FTF_ACTIVE ? FLRU_ACTIVE_ANON : FLRU_INACTIVE_ANON);
	if (t->kind == FK_ANON)
		d->flags |= FDF_ANON | FDF_SWAPBACKED;
	if (t->flags & FTF_DIRTY)
		d->flags |= FDF_DIRTY;
	if (t->kind == FK_FILE) {
		d->ino = 4242;
		d->index = pfn & 0xff;
	}
	/* last access stays unknown: a fake guest's instruction count moves */
	if (t->owner && t->mapcount) {
		d->owners[d->nowners++] =
		    (struct frame_owner){.pid = t->owner, .comm = "synth", .va = va};
		if (t->flags & FTF_COW)
			d->owners[d->nowners++] =
			    (struct frame_owner){.pid = 6, .comm = "synth", .va = va};
	}
}
