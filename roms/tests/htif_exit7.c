/*
 * roms/tests/htif_exit7.c - exit status through HTIF: writes (7 << 1) | 1
 * to tohost, so the run must end with status 7 (the scripts expect the
 * number after "exit" in the image name).
 */
#include "rt.h"

int main(void)
{
	puts_("exiting with status 7 through tohost\n");
	return 7;
}
