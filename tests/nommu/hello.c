/* hello.c - a minimal program, built with glibc as a dynamic program (refused
 * by --nommu) and as a static-pie (accepted); see tests/integ/nommu.sh. */
#include <stdio.h>

int main(void)
{
	printf("hello from a static-pie\n");
	return 0;
}
