/*
 * fuzz_elf.c - libFuzzer target: arbitrary bytes through the bare-metal ELF
 * loader into a small bus (1 MiB of RAM and the boot ROM). Any crash, sanitizer
 * report or write outside guest memory is a bug; refusing the input is fine.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "emu/bus.h"
#include "emu/devices.h"
#include "emu/elfload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bus bus;
	static int ready;
	struct elf_image_info info;
	const char *why;

	if (!ready) {
		if (bus_init(&bus, 0x80000000, 1 << 20) < 0 ||
		    bootrom_attach(&bus, 0x80000000, 0x80000000, 1 << 20) < 0)
			abort();
		ready = 1;
	}
	if (elf_load_image(&bus, data, size, &info, &why) < 0 && !why)
		abort(); /* a failure must say why */
	return 0;
}
