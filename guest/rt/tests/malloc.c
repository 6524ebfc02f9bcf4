/*
 * malloc.c - malloc/free/calloc/realloc stress with a fixed seed. Every
 * block is filled with a pattern derived from its slot and checked before
 * it is freed or resized; the output is counts and checksums only, so it
 * is the same under any correct allocator.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS  512
#define ROUNDS 40000

static uint64_t seed = 0x2545f4914f6cdd1dULL;

static uint32_t rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed >> 33);
}

static unsigned char *slot[SLOTS];
static size_t len[SLOTS];
static unsigned tag[SLOTS];

static void fill(int i)
{
	for (size_t k = 0; k < len[i]; k++)
		slot[i][k] = (unsigned char)(tag[i] + k * 7);
}

static int check(int i, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (slot[i][k] != (unsigned char)(tag[i] + k * 7))
			return 0;
	return 1;
}

/* Mostly small blocks, some medium, a few large enough for their own mapping. */
static size_t pick_size(void)
{
	uint32_t r = rnd() % 100;

	if (r < 70)
		return rnd() % 128;
	if (r < 95)
		return 128 + rnd() % 4000;
	return 60000 + rnd() % 200000;
}

int main(void)
{
	unsigned long mallocs = 0, frees = 0, reallocs = 0, bad = 0, nulls = 0;
	uint64_t sum = 0;

	for (int r = 0; r < ROUNDS; r++) {
		int i = (int)(rnd() % SLOTS);
		uint32_t op = rnd() % 10;
		if (!slot[i]) {
			len[i] = pick_size();
			slot[i] = op < 3 ? calloc(1, len[i]) : malloc(len[i]);
			if (!slot[i]) {
				nulls++;
				continue;
			}
			if (op < 3)
				for (size_t k = 0; k < len[i]; k++)
					bad += slot[i][k] != 0;
			if ((uintptr_t)slot[i] % 16)
				bad++;
			tag[i] = rnd();
			fill(i);
			mallocs++;
		} else if (op < 6) {
			bad += !check(i, len[i]);
			free(slot[i]);
			slot[i] = NULL;
			frees++;
		} else {
			size_t n = pick_size();
			unsigned char *p = realloc(slot[i], n);
			if (!p && n) {
				nulls++;
				continue;
			}
			slot[i] = p;
			bad += !check(i, len[i] < n ? len[i] : n);
			len[i] = n;
			fill(i);
			reallocs++;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (!slot[i])
			continue;
		bad += !check(i, len[i]);
		for (size_t k = 0; k < len[i]; k++)
			sum = sum * 31 + slot[i][k];
		free(slot[i]);
	}
	printf("mallocs %lu frees %lu reallocs %lu\n", mallocs, frees, reallocs);
	printf("bad %lu nulls %lu checksum %016llx\n", bad, nulls, (unsigned long long)sum);

	/* One large block, freed and allocated again, must come back usable. */
	for (int k = 0; k < 3; k++) {
		char *p = malloc(8 << 20);
		memset(p, k, 8 << 20);
		printf("8 MiB block %d: last byte %d\n", k, p[(8 << 20) - 1]);
		free(p);
	}
	char *s = calloc(3, 5);
	printf("calloc(3, 5) zero: %d\n", s && !memcmp(s, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15));
	s = realloc(s, 100);
	strcpy(s, "grown");
	printf("realloc: %s\n", s);
	free(s);
	free(NULL);
	printf("realloc(NULL, 8) non-NULL: %d\n", (s = realloc(NULL, 8)) != NULL);
	free(s);
	return 0;
}
