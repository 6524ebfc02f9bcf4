/*
 * bootrom.c - the reset vector at 0x1000 (MROM), as on QEMU's virt board:
 * a0 = mhartid, a1 = the device tree's address, then jump to the image's
 * entry point (0x80000000 for a -bios none image).
 *
 * Layout: five instructions and a nop at 0x1000..0x1017, the entry address
 * at 0x1018 and the dtb address at 0x1020 (both 64-bit, little-endian), the
 * device tree blob at 0x1100. Unlike QEMU, which puts the DTB near the top of
 * RAM, rvmm keeps it in the ROM: it can never overlap the image, but it is
 * read-only (an image that edits its DTB must copy it first).
 */
#include "emu/devices.h"

#include <stdlib.h>
#include <string.h>

#include "emu/bus.h"

static const uint32_t bootrom_code[] = {
    0x00000297, /* auipc t0, 0          t0 = 0x1000 */
    0xf1402573, /* csrr  a0, mhartid */
    0x0202b583, /* ld    a1, 32(t0)     dtb */
    0x0182b283, /* ld    t0, 24(t0)     entry */
    0x00028067, /* jr    t0 */
    0x00000013, /* nop (pads the data to 8 bytes) */
};

int bootrom_attach(struct bus *bus, uint64_t entry, uint64_t ram_base, uint64_t ram_size)
{
	uint8_t *rom = calloc(1, BOOTROM_SIZE);
	uint64_t dtb = BOOTROM_BASE + BOOTROM_DTB_OFF;

	if (!rom)
		return -1;
	if (!board_dtb(rom + BOOTROM_DTB_OFF, BOOTROM_SIZE - BOOTROM_DTB_OFF, ram_base, ram_size)) {
		free(rom);
		return -1;
	}
	memcpy(rom, bootrom_code, sizeof(bootrom_code)); /* little-endian host */
	memcpy(rom + 0x18, &entry, 8);
	memcpy(rom + 0x20, &dtb, 8);
	if (bus_add_mem(bus, "mrom", BOOTROM_BASE, BOOTROM_SIZE, rom, false) < 0) {
		free(rom);
		return -1;
	}
	return 0;
}
