/*
 * psi.c - memory pressure stall accounting (see psi.h).
 *
 * Invariants: total[FULL] <= total[SOME]; the averages cover whole 2 s
 * periods of guest time up to period_start, each period's share of stall
 * capped at 100% (a full stall advances the guest clock, a partial one does
 * not, so a period's share can exceed its length only in theory).
 */
#include "os/mm/psi.h"

#include <stdbool.h>
#include <stdio.h>

enum { PSI_SOME, PSI_FULL, NR_PSI_STATES };

#define PSI_PERIOD_NS 2000000000ull /* Linux's PSI_FREQ: averages every 2 s */

static uint64_t (*psi_now)(void);
static int (*psi_others)(void);
static void (*psi_advance)(uint64_t ns);
static uint64_t total[NR_PSI_STATES];		/* us */
static uint64_t total_at_period[NR_PSI_STATES]; /* total when the current period began */
static double avg[NR_PSI_STATES][3];		/* avg10, avg60, avg300 in percent */
static uint64_t period_start;
/* exp(-2 s / window) for the 10 s, 60 s and 300 s windows */
static const double decay[3] = {0.8187307530779818, 0.9672161004820059, 0.9933555062550974};

void psi_set_hooks(uint64_t (*now_ns)(void), int (*others_runnable)(void))
{
	psi_now = now_ns;
	psi_others = others_runnable;
	period_start = now_ns ? now_ns() : 0;
}

void psi_set_clock_advance(void (*advance_ns)(uint64_t ns))
{
	psi_advance = advance_ns;
}

void psi_reset(void)
{
	for (int s = 0; s < NR_PSI_STATES; s++) {
		total[s] = total_at_period[s] = 0;
		for (int w = 0; w < 3; w++)
			avg[s][w] = 0;
	}
	period_start = psi_now ? psi_now() : 0;
}

/* Fold every whole period that ended by now into the averages. */
static void psi_update_averages(void)
{
	if (!psi_now)
		return;
	uint64_t now = psi_now();
	while (now - period_start >= PSI_PERIOD_NS) {
		for (int s = 0; s < NR_PSI_STATES; s++) {
			double pct = (double)(total[s] - total_at_period[s]) * 1000.0 /
				     (double)PSI_PERIOD_NS * 100.0;
			if (pct > 100.0)
				pct = 100.0;
			for (int w = 0; w < 3; w++) {
				avg[s][w] = avg[s][w] * decay[w] + pct * (1.0 - decay[w]);
			}
			total_at_period[s] = total[s]; /* later periods saw no new stall */
		}
		period_start += PSI_PERIOD_NS;
	}
}

void psi_memstall(uint64_t us)
{
	bool full = !psi_others || !psi_others();

	psi_update_averages();
	total[PSI_SOME] += us;
	if (!full)
		return;
	total[PSI_FULL] += us;
	if (psi_advance) /* nobody else could run: the hart idles through the stall */
		psi_advance(us * 1000);
}

uint64_t psi_total_some(void)
{
	return total[PSI_SOME];
}

uint64_t psi_total_full(void)
{
	return total[PSI_FULL];
}

size_t psi_show(char *b, size_t size)
{
	static const char *const names[NR_PSI_STATES] = {"some", "full"};
	size_t n = 0;

	psi_update_averages();
	for (int s = 0; s < NR_PSI_STATES; s++) {
		int k = snprintf(b + (n < size ? n : size), n < size ? size - n : 0,
				 "%s avg10=%.2f avg60=%.2f avg300=%.2f total=%llu\n", names[s],
				 avg[s][0], avg[s][1], avg[s][2], (unsigned long long)total[s]);
		n += (size_t)k;
	}
	return n;
}
