/*
 * malloc.c - malloc/free/calloc/realloc on anonymous mmap.
 *
 * Small blocks come from arenas (ARENA_SIZE bytes, mmap'ed on demand) and
 * go back to one free list kept in address order, so free() coalesces a
 * block with its free neighbours in the same arena. Requests of
 * BIG_BLOCK bytes or more get their own mapping and are unmapped on free.
 *
 * Every block starts with a 16-byte header; user pointers are 16-byte
 * aligned. Invariants: free-list blocks are in ascending address order,
 * never adjacent within one arena (they would have been merged), and
 * carry MAGIC_FREE; allocated ones carry MAGIC_USED. A bad free panics.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ALIGN	   16
#define ARENA_SIZE (256 * 1024)
#define BIG_BLOCK  (64 * 1024)
#define MAGIC_USED 0x75736564u /* "used" */
#define MAGIC_FREE 0x66726565u /* "free" */
#define MAGIC_BIG  0x62696721u /* "big!" */

struct block {
	size_t size; /* whole block, header included, multiple of ALIGN */
	uint32_t magic;
	uint32_t arena;	    /* id of the arena it lives in (0 for big blocks) */
	struct block *next; /* free list only: overlaps the user data */
};

#define HDR offsetof(struct block, next)

static struct block *free_list;
static uint32_t arena_count;

static _Noreturn void malloc_panic(const char *fn, const char *why)
{
	fprintf(stderr, "%s: %s\n", fn, why);
	abort();
}

/* Header plus data, rounded to ALIGN, big enough to hold a free-list node. */
static size_t block_size(size_t n)
{
	size_t need = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	return need < sizeof(struct block) ? 2 * ALIGN : need;
}

/* Map a new arena and put it on the free list as one block. */
static int arena_grow(void)
{
	struct block *b =
	    mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		return -1;
	b->size = ARENA_SIZE;
	b->magic = MAGIC_USED;
	b->arena = ++arena_count;
	free((char *)b + HDR);
	return 0;
}

static void *big_alloc(size_t need)
{
	size_t len = (need + 4095) & ~(size_t)4095;
	struct block *b;

	if (len < need) {
		errno = ENOMEM;
		return NULL;
	}
	b = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b == MAP_FAILED)
		return NULL;
	b->size = len;
	b->magic = MAGIC_BIG;
	b->arena = 0;
	return (char *)b + HDR;
}

void *malloc(size_t n)
{
	size_t need = block_size(n);

	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	if (need >= BIG_BLOCK)
		return big_alloc(need);
	for (;;) {
		struct block **pp = &free_list;
		for (struct block *b = *pp; b; pp = &b->next, b = *pp) {
			if (b->size < need)
				continue;
			if (b->size - need >= 2 * ALIGN) { /* split: keep the tail free */
				struct block *rest = (struct block *)((char *)b + need);
				rest->size = b->size - need;
				rest->magic = MAGIC_FREE;
				rest->arena = b->arena;
				rest->next = b->next;
				*pp = rest;
				b->size = need;
			} else {
				*pp = b->next;
			}
			b->magic = MAGIC_USED;
			return (char *)b + HDR;
		}
		if (arena_grow() < 0)
			return NULL;
	}
}

static int adjacent(const struct block *a, const struct block *b)
{
	return a->arena == b->arena && (const char *)a + a->size == (const char *)b;
}

void free(void *ptr)
{
	struct block *b, *prev = NULL, *next;

	if (!ptr)
		return;
	b = (struct block *)((char *)ptr - HDR);
	if (b->magic == MAGIC_BIG) {
		b->magic = 0;
		munmap(b, b->size);
		return;
	}
	if (b->magic == MAGIC_FREE)
		malloc_panic("free", "double free");
	if (b->magic != MAGIC_USED)
		malloc_panic("free", "pointer not from malloc");
	b->magic = MAGIC_FREE;
	for (next = free_list; next && next < b; next = next->next)
		prev = next;
	b->next = next;
	if (next && adjacent(b, next)) {
		b->size += next->size;
		b->next = next->next;
	}
	if (prev && adjacent(prev, b)) {
		prev->size += b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

void *calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

void *realloc(void *ptr, size_t n)
{
	struct block *b;
	size_t have;
	void *q;

	if (!ptr)
		return malloc(n);
	if (!n) {
		free(ptr);
		return NULL;
	}
	b = (struct block *)((char *)ptr - HDR);
	if (b->magic != MAGIC_USED && b->magic != MAGIC_BIG)
		malloc_panic("realloc", "pointer not from malloc");
	have = b->size - HDR;
	if (n <= have && (b->magic == MAGIC_USED || n >= have / 2))
		return ptr;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, ptr, n < have ? n : have);
	free(ptr);
	return q;
}
