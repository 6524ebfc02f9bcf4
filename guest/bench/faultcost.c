/*
 * faultcost.c - the cost of minor page faults: touch PAGES fresh anonymous
 * pages once each (every touch is a demand-zero fault).  faultcost PAGES
 */
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	size_t pages = argc > 1 ? strtoul(argv[1], NULL, 0) : 1024;
	if (!pages)
		return 0;
	char *p =
	    mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < pages; i++)
		((volatile char *)p)[i * 4096] = 1;
	return 0;
}
