/* roms/lib/fops.c - the result+flags check of fops.h. */
#include "fops.h"

u64 fl;

void fcheck(const char *name, u64 got, u64 want, u64 flags)
{
	u64 f = fl;

	check(name, got, want);
	check("  fflags", f, flags);
}
