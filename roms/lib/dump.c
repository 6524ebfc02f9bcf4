/*
 * roms/lib/dump.c - the end of a differential image (roms/diff/): the
 * epilogue (diff.h's DIFF_EPILOGUE) stores x1..x31, f0..f31 and fcsr into
 * diff_regs and calls diff_dump(), which prints them and the scratch area
 * as hex, one value per line, and exits with 0.  Two machines agree on an
 * image exactly when this output is byte-for-byte the same.
 */
#include "rt.h"

u64 diff_regs[65];
u64 diff_scratch[64] __attribute__((aligned(64)));

static void line(const char *tag, int n, u64 v)
{
	puts_(tag);
	putc_((char)('0' + n / 10));
	putc_((char)('0' + n % 10));
	putc_(' ');
	puthex(v);
	putc_('\n');
}

void diff_dump(void) __attribute__((noreturn));
void diff_dump(void)
{
	for (int i = 1; i < 32; i++)
		line("x", i, diff_regs[i]);
	for (int i = 0; i < 32; i++)
		line("f", i, diff_regs[32 + i]);
	puts_("fcsr ");
	puthex(diff_regs[64]);
	putc_('\n');
	for (int i = 0; i < 64; i++)
		line("m", i, diff_scratch[i]);
	rt_exit(0);
}
