/*
 * roms/lib/htif.c - console and exit through the Berkeley HTIF `tohost`
 * mailbox, for the images that run on spike-style machines (QEMU's
 * `-machine spike`, rvmm's HTIF support).  Linked instead of nothing: its
 * strong definitions replace the weak UART/finisher ones of rt.c.
 *
 * Protocol: tohost = device << 56 | command << 48 | payload.  Device 1
 * command 1 writes the payload byte to the console; the host clears tohost
 * when it has consumed a request and may answer in fromhost.  Device 0
 * with an odd payload v ends the run with exit status v >> 1.
 */
#include "rt.h"

volatile u64 tohost __attribute__((section(".tohost"), aligned(8)));
volatile u64 fromhost __attribute__((section(".tohost"), aligned(8)));

static void htif_send(u64 cmd)
{
	tohost = cmd;
	while (tohost)
		;
	fromhost = 0;
}

void rt_console_putc(int c)
{
	htif_send(1UL << 56 | 1UL << 48 | (uint8_t)c);
}

void rt_console_exit(int code)
{
	for (;;)
		tohost = ((u64)code << 1) | 1;
}
