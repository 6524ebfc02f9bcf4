/*
 * plic.c - a small platform-level interrupt controller with the SiFive PLIC
 * register layout of QEMU's virt board, for one hart with two contexts
 * (0: M-mode, drives MEIP; 1: S-mode, drives SEIP), 31 sources.
 *
 *   0x000000 + 4*id   priority of source id (0..7; 0 = never interrupts)
 *   0x001000          pending bits (read-only)
 *   0x002000 + 0x80*c enable bits of context c
 *   0x200000 + 0x1000*c      priority threshold of context c
 *   0x200004 + 0x1000*c      claim (read) / complete (write) of context c
 *
 * Sources are level-triggered through a gateway: a high line sets pending
 * unless the source is in service; a claim clears pending and puts it in
 * service; a complete ends service, and a line still high pends again.
 * Invariant: after every change, each context's interrupt output equals
 * "some pending, enabled source has priority > threshold".
 * 32-bit accesses only; other sizes fault.
 */
#include "emu/devices.h"

#include "emu/bus.h"
#include "emu/hart.h"

#define PLIC_PENDING 0x1000
#define PLIC_ENABLE  0x2000
#define PLIC_CONTEXT 0x200000

static const uint64_t ctx_irq[PLIC_NCTX] = {1ull << IRQ_MEIP, 1ull << IRQ_SEIP};

/* The source context c should be given next: 0 if none beats the threshold. */
static unsigned plic_best(const struct plic *p, unsigned c)
{
	uint32_t cand = p->pending & p->enable[c];
	unsigned best = 0;
	uint32_t best_prio = p->threshold[c];

	for (unsigned id = 1; id < PLIC_NSRC; id++)
		if ((cand >> id & 1) && p->prio[id] > best_prio) {
			best = id;
			best_prio = p->prio[id];
		}
	return best;
}

static void plic_update(struct plic *p)
{
	p->pending |= p->level & ~p->claimed;
	for (unsigned c = 0; c < PLIC_NCTX; c++)
		p->host->set_irq(p->host->ctx, ctx_irq[c], plic_best(p, c) != 0);
}

void plic_set_level(struct plic *p, unsigned src, bool level)
{
	if (src == 0 || src >= PLIC_NSRC)
		return;
	if (level)
		p->level |= 1u << src;
	else
		p->level &= ~(1u << src);
	plic_update(p);
}

static int plic_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct plic *p = dev;
	uint32_t v = 0;

	if (size != 4 || (off & 3))
		return -1;
	if (off < 4 * PLIC_NSRC) {
		v = p->prio[off / 4];
	} else if (off == PLIC_PENDING) {
		v = p->pending;
	} else if (off >= PLIC_ENABLE && off < PLIC_ENABLE + 0x80 * PLIC_NCTX) {
		if ((off - PLIC_ENABLE) % 0x80 == 0)
			v = p->enable[(off - PLIC_ENABLE) / 0x80];
	} else if (off >= PLIC_CONTEXT && off < PLIC_CONTEXT + 0x1000 * PLIC_NCTX) {
		unsigned c = (unsigned)((off - PLIC_CONTEXT) / 0x1000);
		unsigned reg = (unsigned)((off - PLIC_CONTEXT) % 0x1000);
		if (reg == 0) {
			v = p->threshold[c];
		} else if (reg == 4) { /* claim */
			v = plic_best(p, c);
			if (v) {
				p->pending &= ~(1u << v);
				p->claimed |= 1u << v;
			}
			plic_update(p);
		}
	}
	*val = v;
	return 0;
}

static int plic_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct plic *p = dev;
	uint32_t v = (uint32_t)val;

	if (size != 4 || (off & 3))
		return -1;
	if (off < 4 * PLIC_NSRC) {
		if (off)
			p->prio[off / 4] = v & PLIC_PRIO_MASK;
	} else if (off >= PLIC_ENABLE && off < PLIC_ENABLE + 0x80 * PLIC_NCTX) {
		if ((off - PLIC_ENABLE) % 0x80 == 0)
			p->enable[(off - PLIC_ENABLE) / 0x80] =
			    v & ~1u; /* source 0 does not exist */
	} else if (off >= PLIC_CONTEXT && off < PLIC_CONTEXT + 0x1000 * PLIC_NCTX) {
		unsigned c = (unsigned)((off - PLIC_CONTEXT) / 0x1000);
		unsigned reg = (unsigned)((off - PLIC_CONTEXT) % 0x1000);
		if (reg == 0)
			p->threshold[c] = v & PLIC_PRIO_MASK;
		else if (reg == 4 && v > 0 && v < PLIC_NSRC && (p->enable[c] >> v & 1))
			p->claimed &= ~(1u << v); /* complete */
	} else {
		return 0;
	}
	plic_update(p);
	return 0;
}

static const struct mmio_ops plic_ops = {plic_read, plic_write};

int plic_attach(struct plic *p, struct bus *bus, const struct dev_host *host)
{
	*p = (struct plic){.host = host};
	return bus_add_mmio(bus, "plic", PLIC_BASE, PLIC_SIZE, &plic_ops, p);
}
