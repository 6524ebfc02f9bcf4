/*
 * bus.h - the physical address space of the machine.
 *
 * The bus owns two kinds of regions:
 *   - memories (RAM, the boot ROM): host-backed byte arrays that the hart may
 *     reach through a host pointer (and cache that pointer in its TLB);
 *   - MMIO devices: every access is a call into the device, never cached.
 *     An MMIO region may overlay part of a memory (HTIF's tohost lives inside
 *     RAM): there the device wins, and the pages it touches are not "plain".
 *
 * The layout follows QEMU's `virt` board so that bare-metal images built for
 * it run unchanged (see emu/machine.h for the addresses).
 *
 * Nothing here knows about the hart or the kernel: devices that raise
 * interrupts do so through a callback the machine wires up.
 */
#ifndef RVMM_EMU_BUS_H
#define RVMM_EMU_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUS_MAX_MEMS 4
#define BUS_MAX_MMIO 16

/* An MMIO access: return 0 on success, -1 for an access fault.
 * size is 1, 2, 4 or 8; off is relative to the region base. */
struct mmio_ops {
	int (*read)(void *dev, uint64_t off, unsigned size, uint64_t *val);
	int (*write)(void *dev, uint64_t off, unsigned size, uint64_t val);
};

struct bus_mem {
	const char *name;
	uint64_t base, size;
	uint8_t *host; /* base of the host backing store */
	bool writable; /* false for ROM: stores raise an access fault */
};

struct bus_mmio {
	const char *name;
	uint64_t base, size;
	const struct mmio_ops *ops;
	void *dev;
};

struct bus {
	struct bus_mem mem[BUS_MAX_MEMS];
	int nmem;
	struct bus_mmio mmio[BUS_MAX_MMIO];
	int nmmio;
	/* The RAM region, kept apart because it is the one that matters for speed. */
	uint8_t *ram;
	uint64_t ram_base, ram_size;
	int ram_fd; /* the memory file behind RAM (for second mappings of its frames) */
};

/* Allocate RAM of ram_size bytes at ram_base (zero-filled, backed by a memory
 * file whose descriptor is ram_fd). 0 or -1. */
int bus_init(struct bus *bus, uint64_t ram_base, uint64_t ram_size);
void bus_destroy(struct bus *bus);

/* Register a host-backed memory; the bus takes ownership of host (malloc'd) and
 * frees it in bus_destroy. Returns 0, or -1 when the table is full or regions overlap.
 * An MMIO region may overlap memories (it overlays them) but not another MMIO region. */
int bus_add_mem(struct bus *bus, const char *name, uint64_t base, uint64_t size, uint8_t *host,
		bool writable);
int bus_add_mmio(struct bus *bus, const char *name, uint64_t base, uint64_t size,
		 const struct mmio_ops *ops, void *dev);

/*
 * May the hart cache a host pointer for the 4 KiB page at pa_page (aligned)?
 * True when the page lies wholly inside one memory (RAM or ROM) and no MMIO
 * region overlaps it. The hart asks this before filling a fast TLB entry.
 */
bool bus_page_is_plain_ram(const struct bus *bus, uint64_t pa_page);

/* The memory region containing [pa, pa+len), or NULL. */
const struct bus_mem *bus_find_mem(const struct bus *bus, uint64_t pa, uint64_t len);
/* The MMIO region containing [pa, pa+len), or NULL. */
const struct bus_mmio *bus_find_mmio(const struct bus *bus, uint64_t pa, uint64_t len);

/* Host pointer for [pa, pa+len) if it lies wholly in RAM, else NULL.
 * This is the fast check the kernel and loaders use; it never touches MMIO. */
static inline uint8_t *bus_ram_ptr(const struct bus *bus, uint64_t pa, uint64_t len)
{
	uint64_t off = pa - bus->ram_base;
	if (pa < bus->ram_base || off >= bus->ram_size || len > bus->ram_size - off)
		return NULL;
	return bus->ram + off;
}

/* Slow-path physical access by anything (MMIO first, then memory), little-endian.
 * Return 0 or -1 (access fault: nothing there, ROM write, device refused). */
int bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *val);
int bus_write(struct bus *bus, uint64_t pa, unsigned size, uint64_t val);

#endif
