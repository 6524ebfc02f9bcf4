/*
 * mm-bench.c - allocator throughput: alloc/free pairs per second for
 * order-0 and order-3 pages, kmalloc-64 and kmalloc-4k, under each slab
 * allocator, next to host glibc malloc/free on the same pattern (batches of
 * BATCH allocations, then their frees) as the reference ratio. glibc is told
 * not to trim its heap between batches (M_TRIM_THRESHOLD), so the reference
 * measures the allocator, not page faults of a heap that shrinks and regrows.
 * Usage: mm-bench [SECONDS_PER_CELL] (default 0.2).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "os/mm/mm_init.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"

#define BATCH 256
#define RAM   (256UL << 20)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

enum what { ORDER0, ORDER3, KM64, KM4K, NWHAT };
static const char *const what_name[NWHAT] = {"order-0", "order-3", "kmalloc-64", "kmalloc-4k"};
static const size_t malloc_size[NWHAT] = {4096, 32768, 64, 4096};

/* Pairs per second for one cell: repeat batches until secs have passed. */
static double run(enum what w, int use_malloc, double secs)
{
	void *p[BATCH];
	unsigned long pairs = 0;
	double t0 = now(), t;
	do {
		for (int rep = 0; rep < 16; rep++) {
			for (int i = 0; i < BATCH; i++) {
				if (use_malloc)
					p[i] = malloc(malloc_size[w]);
				else if (w == ORDER0 || w == ORDER3)
					p[i] = alloc_pages(GFP_KERNEL, w == ORDER0 ? 0 : 3);
				else
					p[i] = kmalloc(w == KM64 ? 64 : 4096, GFP_KERNEL);
				if (!p[i]) {
					fprintf(stderr, "mm-bench: allocation failed\n");
					exit(1);
				}
				*(volatile char *)(use_malloc || w >= KM64 ? p[i]
									   : page_address(p[i])) =
				    1;
			}
			for (int i = 0; i < BATCH; i++) {
				if (use_malloc)
					free(p[i]);
				else if (w == ORDER0 || w == ORDER3)
					__free_pages(p[i], w == ORDER0 ? 0 : 3);
				else
					kfree(p[i]);
			}
			pairs += BATCH;
		}
		t = now();
	} while (t - t0 < secs);
	return pairs / (t - t0);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 0.2;
	static const char *const alloc[] = {"slub", "slab", "slob"};
	double host[NWHAT];
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	for (int w = 0; w < NWHAT; w++)
		host[w] = run(w, 1, secs);
	uint8_t *ram = mmap(NULL, RAM, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		return 1;
	printf("allocator throughput, alloc/free pairs per second (batches of %d)\n", BATCH);
	printf("%-8s %-11s %14s %14s %8s\n", "slab", "pattern", "rvmm", "glibc", "ratio");
	for (int a = 0; a < 3; a++) {
		char cmdline[64];
		snprintf(cmdline, sizeof(cmdline), "slab_allocator=%s", alloc[a]);
		if (mm_init(ram, 0x80000000ULL, RAM, -1, cmdline, NULL)) {
			fprintf(stderr, "mm-bench: mm_init failed\n");
			return 1;
		}
		for (int w = 0; w < NWHAT; w++) {
			if (a && w < KM64)
				continue; /* the page allocator does not depend on the slab
					     allocator */
			double r = run(w, 0, secs);
			printf("%-8s %-11s %14.0f %14.0f %8.2f\n", w < KM64 ? "-" : alloc[a],
			       what_name[w], r, host[w], r / host[w]);
		}
		mm_exit();
	}
	munmap(ram, RAM);
	return 0;
}
