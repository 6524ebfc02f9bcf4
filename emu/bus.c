/*
 * bus.c - physical address space: memories and MMIO regions.
 *
 * Lookups are linear over a handful of regions; the hart never comes here on
 * its fast path (its TLB caches host pointers to memories).
 */
#include "emu/bus.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* No MMIO region (and, unless mmio_overlay, no memory) overlaps [base, base+size). */
static bool region_free(const struct bus *bus, uint64_t base, uint64_t size, bool mmio_overlay)
{
	for (int i = 0; i < bus->nmem && !mmio_overlay; i++)
		if (overlaps(base, size, bus->mem[i].base, bus->mem[i].size))
			return false;
	for (int i = 0; i < bus->nmmio; i++)
		if (overlaps(base, size, bus->mmio[i].base, bus->mmio[i].size))
			return false;
	return true;
}

/*
 * Map size bytes of fd shared at a 2 MiB-aligned host address, so that the
 * host can back whole 2 MiB pieces of RAM with huge pages (see emu/ramhuge.c).
 */
static uint8_t *map_ram(int fd, uint64_t size)
{
	const size_t huge = 2ul << 20;
	size_t len = (size_t)((size + 4095) & ~4095ull);
	uint8_t *r =
	    mmap(NULL, len + huge, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r == MAP_FAILED)
		return MAP_FAILED;
	uint8_t *a = (uint8_t *)(((uintptr_t)r + huge - 1) & ~(uintptr_t)(huge - 1));
	if (mmap(a, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(r, len + huge);
		return MAP_FAILED;
	}
	if (a > r)
		munmap(r, (size_t)(a - r));
	if (r + huge > a)
		munmap(a + len, (size_t)(r + huge - a));
	return a;
}

/*
 * RAM is a shared mapping of an anonymous memory file, so that the kernel can
 * map the same frames a second time at other host addresses (vmalloc's view of
 * scattered frames). It reads as zeroes and costs nothing until touched.
 */
int bus_init(struct bus *bus, uint64_t ram_base, uint64_t ram_size)
{
	memset(bus, 0, sizeof(*bus));
	bus->ram_fd = -1;
	if (ram_size == 0 || ram_size > SIZE_MAX)
		return -1;
	int fd = memfd_create("rvmm-ram", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)ram_size) < 0)
		goto err_fd;
	uint8_t *ram = map_ram(fd, ram_size);
	if (ram == MAP_FAILED)
		goto err_fd;
	/* Registered by hand: bus_destroy() unmaps RAM rather than freeing it. */
	if (bus_add_mem(bus, "ram", ram_base, ram_size, ram, true) < 0) {
		munmap(ram, ram_size);
		goto err_fd;
	}
	bus->ram = ram;
	bus->ram_base = ram_base;
	bus->ram_size = ram_size;
	bus->ram_fd = fd;
	return 0;
err_fd:
	close(fd);
	return -1;
}

void bus_destroy(struct bus *bus)
{
	for (int i = 0; i < bus->nmem; i++) {
		if (bus->mem[i].host == bus->ram)
			munmap(bus->ram, bus->ram_size);
		else
			free(bus->mem[i].host);
	}
	if (bus->ram_fd >= 0)
		close(bus->ram_fd);
	memset(bus, 0, sizeof(*bus));
	bus->ram_fd = -1;
}

int bus_add_mem(struct bus *bus, const char *name, uint64_t base, uint64_t size, uint8_t *host,
		bool writable)
{
	if (bus->nmem == BUS_MAX_MEMS || size == 0 || base + size < base ||
	    !region_free(bus, base, size, false))
		return -1;
	bus->mem[bus->nmem++] = (struct bus_mem){name, base, size, host, writable};
	return 0;
}

int bus_add_mmio(struct bus *bus, const char *name, uint64_t base, uint64_t size,
		 const struct mmio_ops *ops, void *dev)
{
	if (bus->nmmio == BUS_MAX_MMIO || size == 0 || base + size < base ||
	    !region_free(bus, base, size, true))
		return -1;
	bus->mmio[bus->nmmio++] = (struct bus_mmio){name, base, size, ops, dev};
	return 0;
}

bool bus_page_is_plain_ram(const struct bus *bus, uint64_t pa_page)
{
	if (!bus_find_mem(bus, pa_page, 4096))
		return false;
	for (int i = 0; i < bus->nmmio; i++)
		if (overlaps(pa_page, 4096, bus->mmio[i].base, bus->mmio[i].size))
			return false;
	return true;
}

const struct bus_mem *bus_find_mem(const struct bus *bus, uint64_t pa, uint64_t len)
{
	for (int i = 0; i < bus->nmem; i++) {
		const struct bus_mem *m = &bus->mem[i];
		if (pa >= m->base && pa - m->base < m->size && len <= m->size - (pa - m->base))
			return m;
	}
	return NULL;
}

const struct bus_mmio *bus_find_mmio(const struct bus *bus, uint64_t pa, uint64_t len)
{
	for (int i = 0; i < bus->nmmio; i++) {
		const struct bus_mmio *d = &bus->mmio[i];
		if (pa >= d->base && pa - d->base < d->size && len <= d->size - (pa - d->base))
			return d;
	}
	return NULL;
}

int bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *val)
{
	const struct bus_mmio *d = bus_find_mmio(bus, pa, size);
	if (d)
		return d->ops->read ? d->ops->read(d->dev, pa - d->base, size, val) : -1;
	const struct bus_mem *m = bus_find_mem(bus, pa, size);
	if (m) {
		uint64_t v = 0;
		memcpy(&v, m->host + (pa - m->base), size); /* little-endian host */
		*val = v;
		return 0;
	}
	return -1;
}

int bus_write(struct bus *bus, uint64_t pa, unsigned size, uint64_t val)
{
	const struct bus_mmio *d = bus_find_mmio(bus, pa, size);
	if (d)
		return d->ops->write ? d->ops->write(d->dev, pa - d->base, size, val) : -1;
	const struct bus_mem *m = bus_find_mem(bus, pa, size);
	if (m) {
		if (!m->writable)
			return -1;
		memcpy(m->host + (pa - m->base), &val, size);
		return 0;
	}
	return -1;
}
