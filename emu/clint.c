/*
 * clint.c - the core-local interruptor of one hart (SiFive CLINT layout):
 * msip at +0 (bit 0 drives MSIP), mtimecmp at +0x4000, mtime at +0xbff8.
 * 32-bit and 64-bit accesses, naturally aligned; other sizes fault. Unused
 * offsets read as zero and ignore writes.
 *
 * mtime itself lives in the hart (derived from its instruction count); a
 * write to mtime becomes a time skip of new - old. Invariant: after every
 * access MTIP equals (mtime >= mtimecmp) and MSIP equals msip bit 0.
 * mtimecmp resets to 0, as on QEMU's virt board (7.2), so MTIP is pending
 * from reset until the guest moves mtimecmp: an image that enables MTIE first
 * takes the same interrupt under rvmm as under QEMU.
 */
#include "emu/devices.h"

#include "emu/bus.h"
#include "emu/hart.h"

void clint_update(struct clint *c)
{
	const struct dev_host *h = c->host;

	h->set_irq(h->ctx, 1ull << IRQ_MTIP, h->mtime(h->ctx) >= c->mtimecmp);
}

/* Replace the bytes [off%8, off%8+size) of the 64-bit register *reg by val. */
static uint64_t merge(uint64_t reg, uint64_t off, unsigned size, uint64_t val)
{
	if (size == 8)
		return val;
	unsigned shift = (off & 4) * 8;
	uint64_t mask = 0xffffffffull << shift;
	return (reg & ~mask) | ((val & 0xffffffffull) << shift);
}

static int clint_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct clint *c = dev;
	uint64_t reg;

	if ((size != 4 && size != 8) || (off & (size - 1)))
		return -1;
	if (off < 4)
		reg = c->msip;
	else if ((off & ~7ull) == CLINT_MTIMECMP)
		reg = c->mtimecmp;
	else if ((off & ~7ull) == CLINT_MTIME)
		reg = c->host->mtime(c->host->ctx);
	else
		reg = 0;
	*val = size == 8 ? reg : (reg >> ((off & 4) * 8)) & 0xffffffffull;
	return 0;
}

static int clint_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct clint *c = dev;
	const struct dev_host *h = c->host;

	if ((size != 4 && size != 8) || (off & (size - 1)))
		return -1;
	if (off < 4) {
		c->msip = val & 1;
		h->set_irq(h->ctx, 1ull << IRQ_MSIP, c->msip);
	} else if ((off & ~7ull) == CLINT_MTIMECMP) {
		c->mtimecmp = merge(c->mtimecmp, off, size, val);
		clint_update(c);
		h->timer_changed(h->ctx);
	} else if ((off & ~7ull) == CLINT_MTIME) {
		uint64_t now = h->mtime(h->ctx);
		h->skip_time(h->ctx, merge(now, off, size, val) - now);
		clint_update(c);
		h->timer_changed(h->ctx);
	}
	return 0;
}

static const struct mmio_ops clint_ops = {clint_read, clint_write};

int clint_attach(struct clint *c, struct bus *bus, const struct dev_host *host)
{
	c->host = host;
	c->msip = 0;
	c->mtimecmp = 0;
	return bus_add_mmio(bus, "clint", CLINT_BASE, CLINT_SIZE, &clint_ops, c);
}
