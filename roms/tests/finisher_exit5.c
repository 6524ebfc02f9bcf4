/*
 * roms/tests/finisher_exit5.c - a failing exit through the SiFive test
 * finisher: writes (5 << 16) | 0x3333, so the run must end with status 5
 * (the scripts expect the number after "exit" in the image name).
 */
#include "rt.h"

int main(void)
{
	puts_("exiting with status 5 through the test finisher\n");
	return 5;
}
