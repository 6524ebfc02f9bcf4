/*
 * heat.c - frame_tag.heat from TLB fills (see heat.h for the method).
 *
 * Invariants: touched[] and last[] have obs->nframes entries once tags exist;
 * the fill hook only marks, heat_tick() is the only writer of frame_tag.heat
 * and of last[] (the end of the last period a frame was touched in). Each
 * period takes away an eighth (rounded up, so an idle frame reaches 0) and a
 * touch adds HEAT_TOUCH, more than an eighth of 255: a frame touched in every
 * period climbs to 255 and stays there, a frame touched once falls below 1/8
 * of its value after 16 periods.
 */
#include "cli/heat.h"

#include <stdlib.h>

#include "emu/hart.h"
#include "os/observe.h"

#define HEAT_TOUCH 40

struct heat {
	struct observe *obs;
	uint8_t *touched;
	uint64_t *last; /* per frame: end of the last period in which it was touched */
	uint64_t nframes;
	uint64_t period, next;
	struct hart *hooked;
};

struct heat *heat_create(struct observe *obs, uint64_t period)
{
	struct heat *ht = calloc(1, sizeof(*ht));
	if (!ht)
		return NULL;
	ht->obs = obs;
	ht->period = period ? period : HEAT_PERIOD_DEFAULT;
	return ht;
}

void heat_destroy(struct heat *ht)
{
	if (!ht)
		return;
	free(ht->touched); /* the hart that held the hook is gone with its run */
	free(ht->last);
	free(ht);
}

/* The fill hook: a data page entered the TLB. */
static void heat_fill(void *ctx, uint64_t pa_page, char access)
{
	struct heat *ht = ctx;
	uint64_t i = (pa_page >> 12) - ht->obs->base_pfn;

	if (access != 'x' && i < ht->nframes)
		ht->touched[i] = 1;
}

int heat_last_access(const struct heat *ht, uint64_t pfn, uint64_t *insn)
{
	uint64_t i;

	if (!ht || !ht->last || !ht->obs->tags)
		return 0;
	i = pfn - ht->obs->base_pfn;
	if (i < ht->nframes && ht->touched[i]) {
		*insn = ht->next - ht->period;
		return 2;
	}
	*insn = i < ht->nframes ? ht->last[i] : 0;
	return 1;
}

uint64_t heat_tick(struct heat *ht, struct hart *h, uint64_t now)
{
	struct observe *o = ht->obs;

	if (!o->tags)
		return ht->period;
	if (ht->hooked != h) { /* first tick of this run */
		free(ht->touched);
		free(ht->last);
		ht->nframes = o->nframes;
		ht->touched = calloc(ht->nframes, 1);
		ht->last = calloc(ht->nframes, sizeof(*ht->last));
		if (!ht->touched || !ht->last) {
			free(ht->touched);
			free(ht->last);
			ht->touched = NULL;
			ht->last = NULL;
			ht->nframes = 0;
			return UINT64_MAX; /* no heat, but the run goes on */
		}
		hart_set_fill_hook(h, heat_fill, ht);
		hart_sfence_vma(h, false, 0, false, 0);
		ht->hooked = h;
		ht->next = now + ht->period;
	}
	if (now < ht->next)
		return ht->next - now;
	for (uint64_t i = 0; i < ht->nframes; i++) {
		unsigned t = o->tags[i].heat;
		t -= (t + 7) >> 3;
		if (ht->touched[i]) {
			t += HEAT_TOUCH;
			ht->touched[i] = 0;
			ht->last[i] = now;
		}
		o->tags[i].heat = (uint8_t)(t > 255 ? 255 : t);
	}
	hart_sfence_vma(h, false, 0, false, 0); /* each touched page fills again */
	ht->next = now + ht->period;
	return ht->period;
}
