/*
 * finisher.c - SiFive's test finisher at 0x100000 (QEMU's "sifive_test"):
 * a 32-bit write of 0x5555 ends the run with status 0; (code << 16) | 0x3333
 * ends it with status code; 0x7777 (reset) is treated as a clean end, status 0.
 * Other values are ignored; reads return zero.
 */
#include "emu/devices.h"

#include "emu/bus.h"

static int finisher_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	*val = 0;
	return 0;
}

static int finisher_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct finisher *f = dev;

	if (off != 0)
		return 0;
	switch (val & 0xffff) {
	case FINISHER_PASS:
	case FINISHER_RESET: f->host->request_exit(f->host->ctx, 0); break;
	case FINISHER_FAIL: f->host->request_exit(f->host->ctx, (int)((val >> 16) & 0xffff)); break;
	default: break;
	}
	return 0;
}

static const struct mmio_ops finisher_ops = {finisher_read, finisher_write};

int finisher_attach(struct finisher *f, struct bus *bus, const struct dev_host *host)
{
	f->host = host;
	return bus_add_mmio(bus, "finisher", FINISHER_BASE, FINISHER_SIZE, &finisher_ops, f);
}
