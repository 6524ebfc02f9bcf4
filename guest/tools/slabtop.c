/*
 * slabtop.c - a one-shot `slabtop -o` for rvmm guests: the caches of
 * /proc/slabinfo sorted by the memory their slabs hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cache {
	char name[64];
	unsigned long active, objs, objsize, perslab, pagesperslab, slabs;
};

static int by_size(const void *a, const void *b)
{
	const struct cache *x = a, *y = b;
	unsigned long sx = x->slabs * x->pagesperslab, sy = y->slabs * y->pagesperslab;
	return sx < sy ? 1 : sx > sy ? -1 : strcmp(x->name, y->name);
}

int main(void)
{
	static struct cache c[512];
	char line[512];
	int n = 0;
	unsigned long objs = 0, active = 0, kb = 0;
	FILE *f = fopen("/proc/slabinfo", "r");
	if (!f) {
		perror("slabtop: /proc/slabinfo");
		return 1;
	}
	while (fgets(line, sizeof(line), f) && n < 512) {
		struct cache *e = &c[n];
		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line,
			   "%63s %lu %lu %lu %lu %lu : tunables %*u %*u %*u : slabdata %*u %lu",
			   e->name, &e->active, &e->objs, &e->objsize, &e->perslab,
			   &e->pagesperslab, &e->slabs) == 7) {
			objs += e->objs;
			active += e->active;
			kb += e->slabs * e->pagesperslab * 4;
			n++;
		}
	}
	fclose(f);
	qsort(c, (size_t)n, sizeof(c[0]), by_size);
	printf(" Active / Total Objects (%% used)    : %lu / %lu (%.1f%%)\n", active, objs,
	       objs ? 100.0 * (double)active / (double)objs : 0.0);
	printf(" Total Size of all caches           : %lu.00K\n\n", kb);
	printf("  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME\n");
	for (int i = 0; i < n; i++)
		printf("%6lu %6lu %3lu%% %7.2fK %6lu %8lu %9luK %s\n", c[i].objs, c[i].active,
		       c[i].objs ? c[i].active * 100 / c[i].objs : 0, (double)c[i].objsize / 1024.0,
		       c[i].slabs, c[i].perslab, c[i].slabs * c[i].pagesperslab * 4, c[i].name);
	return 0;
}
