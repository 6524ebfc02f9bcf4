/*
 * roms/tests/htif_hello.c - console and exit through HTIF (tohost/fromhost,
 * linked with lib/htif.c): prints through device 1 command 1, runs a few
 * checks, exits with (0 << 1) | 1, i.e. status 0.  Runs on QEMU's spike
 * machine and on rvmm, which finds `tohost` by ELF symbol.
 */
#include "rt.h"

extern volatile u64 tohost, fromhost;

int main(void)
{
	puts_("hello through HTIF\n");
	CHECK("tohost is 8-byte aligned", (u64)&tohost & 7, 0);
	CHECK("host cleared tohost after putchar", tohost, 0);
	CHECK("fromhost cleared by us", fromhost, 0);
	for (int i = 0; i < 3; i++)
		putc_('0' + i);
	putc_('\n');
	return checks_done();
}
