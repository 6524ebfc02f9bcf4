/*
 * roms/hello.c - bare-metal hello world: prints a greeting and the hart's
 * identity over the UART, then exits through the test finisher with 0.
 *   qemu-system-riscv64 -machine virt -bios none -nographic -kernel hello.elf
 *   rvmm --bare hello.elf
 */
#include "lib/rt.h"

int main(void)
{
	puts_("Hello from a bare-metal RISC-V hart!\n");
	puts_("mhartid ");
	putdec(csr_read(mhartid));
	puts_(", misa ");
	puthex(csr_read(misa));
	putc_('\n');
	return 0;
}
