/*
 * heat.h - access heat for the viewer: frame_tag.heat from real guest loads
 * and stores, measured with the hart's TLB-fill hook.
 *
 * Every `period` guest instructions heat_tick() ages every frame's heat and
 * flushes the TLB, so each data page the guest touches in the next period
 * enters the TLB again and is reported once by the fill hook: a frame's heat
 * is a decaying count of the periods in which it was read or written (an
 * accessed-bit scan done by the TLB itself). Instruction fetches are not
 * counted: the code a loop runs from would otherwise tie with its data.
 */
#ifndef RVMM_CLI_HEAT_H
#define RVMM_CLI_HEAT_H

#include <stdint.h>

struct hart;
struct observe;
struct heat;

#define HEAT_PERIOD_DEFAULT 4000000 /* instructions: ~5 ms of guest time at full speed */

/* NULL on allocation failure. obs must outlive the heat (tags may come later);
 * destroy it only after the hart it hooked is gone (kernel_main() returned). */
struct heat *heat_create(struct observe *obs, uint64_t period);
void heat_destroy(struct heat *ht);
/* At a run-loop chunk boundary: hooks h on first use; ages and flushes once a
 * period. Returns how many instructions may run before the next tick is due. */
uint64_t heat_tick(struct heat *ht, struct hart *h, uint64_t now);
/* When frame pfn was last read or written, in guest instructions: 2 when it
 * was during the period under way (*insn: when that period began), 1 when
 * not (*insn: the end of the last period in which it was; 0: not since heat
 * started), 0 when heat is not being measured (no heat, or not started yet).
 * The values are frame_detail.last_access_known's. */
int heat_last_access(const struct heat *ht, uint64_t pfn, uint64_t *insn);

#endif
