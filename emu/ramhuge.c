/*
 * ramhuge.c - host huge pages behind guest RAM.
 *
 * Guest RAM is a shared mapping of a memory file (bus.c), and the host's
 * transparent huge pages cover such mappings only where its shmem setting
 * allows (often "never"). On 4 KiB host pages every guest access that
 * strays over a large RAM also misses the host TLB: random reads over
 * 256 MiB take ~200 ns instead of ~160 ns, and every first touch of a page
 * is a page fault. MADV_COLLAPSE (Linux 6.1+) asks the kernel for huge
 * pages whatever that setting says. It needs a present page in each 2 MiB
 * region and costs a fixed few milliseconds (of CPU, and more of waiting on
 * a busy host) per call, so it is asked once per 32 MiB chunk of RAM, after
 * the hart has filled its fast TLB from that chunk CHUNK_USES times: runs
 * that touch a few pages never pay for it, and a guest sweeping the chunk
 * takes half of it in 4 KiB page faults and the rest already mapped.
 *
 * Invariants: a hint only; the guest sees the same bytes whether the kernel
 * obliges or not; each chunk is asked for at most once per hart.
 */
#include "emu/cpu.h"

#include <sys/mman.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux UAPI value; older headers lack the name */
#endif

#define HUGE_SIZE  (2ul << 20)
#define CHUNK_SIZE (32ul << 20)
#define CHUNK_USES 2048

int ramhuge_init(struct hart *h)
{
	const struct bus *bus = h->bus;
	if (!bus->ram || !bus->ram_size)
		return 0;
	h->ram_chunks = (size_t)((bus->ram_size + CHUNK_SIZE - 1) / CHUNK_SIZE);
	h->ram_uses = calloc(h->ram_chunks, sizeof(*h->ram_uses));
	if (!h->ram_uses)
		return -1;
	/* Where the host's shmem setting is "advise", this alone is enough. */
	uintptr_t lo = ((uintptr_t)bus->ram + HUGE_SIZE - 1) & ~(HUGE_SIZE - 1);
	uintptr_t hi = ((uintptr_t)bus->ram + bus->ram_size) & ~(HUGE_SIZE - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	return 0;
}

void ramhuge_destroy(struct hart *h)
{
	free(h->ram_uses);
	h->ram_uses = NULL;
	h->ram_chunks = 0;
}

/* Ask for huge pages behind the whole 2 MiB regions of chunk c. */
static void collapse(const struct bus *bus, size_t c)
{
	uintptr_t ram = (uintptr_t)bus->ram, end = ram + bus->ram_size;
	uintptr_t lo = ram + c * CHUNK_SIZE, hi = lo + CHUNK_SIZE;
	lo = (lo + HUGE_SIZE - 1) & ~(HUGE_SIZE - 1);
	if (hi > end)
		hi = end;
	hi &= ~(HUGE_SIZE - 1);
	if (hi <= lo)
		return;
	for (uintptr_t a = lo; a < hi; a += HUGE_SIZE)
		(void)*(volatile const uint8_t *)a;  /* the kernel collapses only present pages */
	madvise((void *)lo, hi - lo, MADV_COLLAPSE); /* a hint: failure changes nothing */
}

void ramhuge_note(struct hart *h, const uint8_t *host)
{
	const struct bus *bus = h->bus;
	uintptr_t off = (uintptr_t)host - (uintptr_t)bus->ram;
	if (!h->ram_uses || off >= bus->ram_size)
		return;
	size_t c = off / CHUNK_SIZE;
	if (h->ram_uses[c] < CHUNK_USES && ++h->ram_uses[c] == CHUNK_USES)
		collapse(bus, c);
}
