/*
 * htif.c - spike's host-target interface, the part bare-metal test suites use:
 * a 64-bit `tohost` word in RAM, located through the image's ELF symbol.
 *
 * The 8 bytes of tohost are overlaid with this MMIO device (their page is then
 * never cached by the hart, see bus_page_is_plain_ram()); reads and writes go
 * to the RAM word, and a write that leaves a non-zero value there is a command:
 *   - bit 0 set, device 0: the program is done, exit status value >> 1
 *     (so 1 means pass);
 *   - device 1 (bits 63:56), command 1 (bits 55:48): console putchar of the low
 *     byte; acknowledged by clearing tohost and writing fromhost (if present)
 *     with the device/command bits and 0x100 | the byte, as spike does;
 *   - anything else (the syscall proxy, console input): not supported; a
 *     warning once on stderr and the command is dropped (tohost cleared).
 */
#include "emu/devices.h"

#include <string.h>

#include "emu/bus.h"

static uint8_t *htif_word(struct htif *t, uint64_t pa)
{
	return bus_ram_ptr(t->bus, pa, 8);
}

static int htif_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct htif *t = dev;
	uint64_t v = 0;

	memcpy(&v, htif_word(t, t->tohost) + off, size);
	*val = v;
	return 0;
}

static void htif_command(struct htif *t, uint64_t cmd)
{
	unsigned device = cmd >> 56, what = (cmd >> 48) & 0xff;
	uint64_t zero = 0;

	if (device == 0 && (cmd & 1)) {
		t->host->request_exit(t->host->ctx, (int)(cmd >> 1));
		return;
	}
	memcpy(htif_word(t, t->tohost), &zero, 8);
	if (device == 1 && what == 1) {
		if (t->out) {
			fputc((int)(cmd & 0xff), t->out);
			if ((cmd & 0xff) == '\n')
				fflush(t->out);
		}
		if (t->fromhost) {
			uint64_t ack = (cmd & 0xffff000000000000ull) | 0x100 | (cmd & 0xff);
			memcpy(htif_word(t, t->fromhost), &ack, 8);
		}
		return;
	}
	if (!t->warned) {
		fprintf(stderr, "rvmm: HTIF command %#llx not supported (dropped)\n",
			(unsigned long long)cmd);
		t->warned = true;
	}
}

static int htif_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct htif *t = dev;
	uint8_t *w = htif_word(t, t->tohost);
	uint64_t cmd;

	memcpy(w + off, &val, size);
	memcpy(&cmd, w, 8);
	if (cmd)
		htif_command(t, cmd);
	return 0;
}

static const struct mmio_ops htif_ops = {htif_read, htif_write};

int htif_attach(struct htif *t, struct bus *bus, const struct dev_host *host, uint64_t tohost,
		uint64_t fromhost, FILE *out)
{
	*t = (struct htif){
	    .host = host, .bus = bus, .tohost = tohost, .fromhost = fromhost, .out = out};
	if (!bus_ram_ptr(bus, tohost, 8) || (fromhost && !bus_ram_ptr(bus, fromhost, 8)))
		return -1;
	return bus_add_mmio(bus, "htif", tohost, 8, &htif_ops, t);
}
