/*
 * random.c - getrandom() and AT_RANDOM, which rvmm derives from its seed:
 * the same seed gives the same bytes (reproducible runs), another seed others.
 */
#include <stdio.h>
#include <sys/random.h>
#include <sys/auxv.h>
int main(void)
{
	unsigned long r;
	getrandom(&r, sizeof r, 0);
	unsigned char *a = (unsigned char *)getauxval(AT_RANDOM);
	printf("%016lx %02x%02x\n", r, a[0], a[1]);
	return 0;
}
