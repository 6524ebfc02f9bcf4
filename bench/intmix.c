/*
 * bench/intmix.c - a CoreMark-class integer kernel (our own): linked-list
 * walking and reversal, a small matrix multiply, a character-class state
 * machine and CRC-16 over the results, repeated ITERS times.
 */
#include <stdint.h>

#include "bench.h"

#ifndef ITERS
#define ITERS 10000
#endif

#define NODES 256
#define N     16

struct node {
	struct node *next;
	int32_t key, val;
};

static struct node nodes[NODES];
static int32_t ma[N][N], mb[N][N], mc[N][N];
static char text[512];

static uint16_t crc16(uint16_t crc, uint32_t v, int bits)
{
	for (int i = 0; i < bits; i++) {
		unsigned b = (v ^ crc) & 1;
		crc >>= 1;
		v >>= 1;
		if (b)
			crc ^= 0xa001;
	}
	return crc;
}

static struct node *list_reverse(struct node *h)
{
	struct node *prev = 0;
	while (h) {
		struct node *n = h->next;
		h->next = prev;
		prev = h;
		h = n;
	}
	return prev;
}

static int32_t list_work(struct node *h, int32_t seed)
{
	int32_t found = 0;
	for (struct node *p = h; p; p = p->next) {
		if ((p->key & 15) == (seed & 15))
			found += p->val;
		p->val = p->val * 3 + seed;
	}
	return found;
}

static int32_t matrix_work(int32_t k)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			ma[i][j] += k ^ (i * j);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int32_t s = 0;
			for (int l = 0; l < N; l++)
				s += ma[i][l] * mb[l][j];
			mc[i][j] = s;
		}
	int32_t r = 0;
	for (int i = 0; i < N; i++)
		r += mc[i][(i + k) & (N - 1)] >> 3;
	return r;
}

enum state { START, INT, FRAC, EXP, WORD, BAD, NSTATES };

static uint32_t state_work(void)
{
	uint32_t counts[NSTATES] = {0};
	enum state s = START;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (c == ' ' || c == ',') {
			counts[s]++;
			s = START;
			continue;
		}
		switch (s) {
		case START:
			s = (c >= '0' && c <= '9') ? INT : (c >= 'a' && c <= 'z') ? WORD : BAD;
			break;
		case INT:
			s = c == '.' ? FRAC : (c >= '0' && c <= '9') ? INT : c == 'e' ? EXP : BAD;
			break;
		case FRAC: s = (c >= '0' && c <= '9') ? FRAC : c == 'e' ? EXP : BAD; break;
		case EXP: s = ((c >= '0' && c <= '9') || c == '-') ? EXP : BAD; break;
		case WORD: s = (c >= 'a' && c <= 'z') ? WORD : BAD; break;
		default: break;
		}
	}
	uint32_t r = 0;
	for (int i = 0; i < NSTATES; i++)
		r = r * 31 + counts[i];
	return r;
}

uint64_t bench_kernel(uint8_t *mem, uint64_t mem_size)
{
	(void)mem;
	(void)mem_size;
	static const char *words[] = {"12", "3.5", "7e-3", "abc", "x9", "100.25", "zz", "4e"};
	uint32_t seed = 12345;
	for (int i = 0; i < NODES; i++) {
		seed = seed * 1103515245 + 12345;
		nodes[i].key = (int32_t)(seed >> 8);
		nodes[i].val = i;
		nodes[i].next = i + 1 < NODES ? &nodes[i + 1] : 0;
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			ma[i][j] = i + j;
			mb[i][j] = i - j;
		}
	unsigned t = 0;
	for (int i = 0; t < sizeof(text) - 8; i++)
		for (const char *w = words[(i * 5) & 7]; *w;)
			text[t++] = *w++, text[t] = t % 3 ? 0 : 0, text[t++] = ',';
	text[t] = 0;

	struct node *head = nodes;
	uint16_t crc = 0;
	for (int it = 0; it < ITERS; it++) {
		crc = crc16(crc, (uint32_t)list_work(head, it), 32);
		head = list_reverse(head);
		crc = crc16(crc, (uint32_t)matrix_work(it), 32);
		crc = crc16(crc, state_work(), 32);
	}
	return crc;
}
