/*
 * forkstress.c - 200 processes fork, touch, map, unmap and exit in an order
 * decided by a fixed seed, some while sharing copy-on-write pages with their
 * parent. Each child exits with a checksum of what it saw; the parent
 * predicts every checksum and checks it. Run with the kernel's leak check,
 * every frame must come back at the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL	     200
#define LIVE	     12
#define SHARED_PAGES 32

static uint64_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33);
}

static uint8_t *shared; /* written by the parent before each fork: COW-shared */

/* What child k does; returns its exit status. Deterministic in (k, shared). */
static int child_work(int k, uint32_t seed)
{
	uint32_t sum = 0, r = seed;
	for (int round = 0; round < 3; round++) {
		r = r * 1103515245u + 12345u;
		size_t pages = 1 + (r >> 8) % 24;
		uint8_t *m = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return 255;
		for (size_t p = 0; p < pages; p += 1 + (r >> 4) % 3)
			m[p * 4096 + (p % 4096)] = (uint8_t)(k + p);
		for (size_t p = 0; p < pages; p++)
			sum = sum * 33 + m[p * 4096 + (p % 4096)];
		munmap(m, pages * 4096);
	}
	/* read some shared pages, write others (COW breaks) */
	for (int p = 0; p < SHARED_PAGES; p++) {
		if ((r >> p) & 1)
			shared[p * 4096] ^= (uint8_t)k;
		sum = sum * 31 + shared[p * 4096];
	}
	char *brk0 = sbrk(0);
	if (sbrk(8192) != (void *)-1) {
		memset(brk0, k, 8192);
		sum += (uint8_t)brk0[4000];
	}
	return (int)(sum % 251);
}

int main(void)
{
	pid_t pids[TOTAL];
	int expect[TOTAL], started = 0, done = 0, bad = 0, alive = 0;

	shared = mmap(NULL, SHARED_PAGES * 4096, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(shared, 7, SHARED_PAGES * 4096);
	while (done < TOTAL) {
		if (started < TOTAL && (alive < LIVE && (next_rand() % 4 || alive == 0))) {
			uint32_t seed = next_rand();
			shared[(started % SHARED_PAGES) * 4096] = (uint8_t)started;
			/* predict in the parent: run the same work in a scratch copy of the state
			 */
			uint8_t save[SHARED_PAGES];
			for (int p = 0; p < SHARED_PAGES; p++)
				save[p] = shared[p * 4096];
			char *brk_before = sbrk(0);
			expect[started] = child_work(started, seed);
			for (int p = 0; p < SHARED_PAGES; p++)
				shared[p * 4096] = save[p];
			brk(brk_before);
			pid_t pid = fork();
			if (pid == 0)
				_exit(child_work(started, seed));
			if (pid < 0) {
				printf("fork failed at %d\n", started);
				return 1;
			}
			pids[started++] = pid;
			alive++;
		} else {
			int status;
			pid_t w = wait(&status);
			int k = -1;
			for (int i = 0; i < started; i++)
				if (pids[i] == w)
					k = i;
			if (k < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != expect[k])
				bad++;
			done++;
			alive--;
		}
	}
	printf("%d processes, %d with a wrong status, wait after all: %d\n", TOTAL, bad,
	       (int)wait(NULL));
	return bad != 0;
}
