/*
 * pmp.c - physical memory protection: CSR write rules and the access check.
 *
 * Invariant: lo[]/hi[] and nactive always describe the current cfg[]/addr[];
 * every write goes through pmp_decode(), so the checks never decode anything.
 */
#include "emu/pmp.h"

#include <string.h>

#define PMPADDR_MASK ((1ull << 54) - 1) /* 56-bit physical addresses, >> 2 */
#define PAGE_SIZE    4096u

static unsigned pmp_mode(uint8_t cfg)
{
	return (cfg & PMP_A) >> 3;
}

/* Recompute entry i's byte range [lo, hi) from cfg and addr. */
static void pmp_decode_entry(struct pmp *p, unsigned i)
{
	uint64_t a = p->addr[i], lo = 0, hi = 0;

	switch (pmp_mode(p->cfg[i])) {
	case PMP_A_TOR:
		lo = i ? p->addr[i - 1] << 2 : 0;
		hi = a << 2;
		if (lo >= hi)
			lo = hi = 0; /* matches nothing */
		break;
	case PMP_A_NA4:
		lo = a << 2;
		hi = lo + 4;
		break;
	case PMP_A_NAPOT: {
		/* k trailing ones select a region of 2^(k+3) bytes; a is masked
		 * to 54 bits, so k <= 54 and the size fits. */
		unsigned k = (unsigned)__builtin_ctzll(~a);
		uint64_t size = 1ull << (k + 3);
		lo = (a << 2) & ~(size - 1);
		hi = lo + size;
		break;
	}
	default: /* OFF */ break;
	}
	p->lo[i] = lo;
	p->hi[i] = hi;
}

static void pmp_decode(struct pmp *p)
{
	p->nactive = 0;
	for (unsigned i = 0; i < PMP_ENTRIES; i++) {
		pmp_decode_entry(p, i);
		if (pmp_mode(p->cfg[i]) != PMP_A_OFF)
			p->nactive = i + 1;
	}
}

void pmp_reset(struct pmp *p)
{
	memset(p, 0, sizeof(*p));
	pmp_decode(p);
}

/* The R/W/X bits entry cfg grants to priv once it matches. */
static unsigned pmp_grant(uint8_t cfg, enum priv priv)
{
	if (priv == PRIV_M && !(cfg & PMP_L))
		return PMP_R | PMP_W | PMP_X;
	return cfg & (PMP_R | PMP_W | PMP_X);
}

/*
 * The entry deciding [pa, end): its index, or -1 when none matches, or -2 when
 * the lowest matching entry covers only part of the range.
 */
static int pmp_match(const struct pmp *p, uint64_t pa, uint64_t end)
{
	for (unsigned i = 0; i < p->nactive; i++) {
		if (!(pa < p->hi[i] && end > p->lo[i]))
			continue;
		if (pa >= p->lo[i] && end <= p->hi[i])
			return (int)i;
		return -2;
	}
	return -1;
}

int pmp_check(const struct pmp *p, uint64_t pa, unsigned len, unsigned access, enum priv priv)
{
	uint64_t end = pa + len;

	if (end < pa)
		return -1;
	int i = pmp_match(p, pa, end);
	if (i == -1)
		return priv == PRIV_M ? 0 : -1;
	if (i < 0)
		return -1;
	return (pmp_grant(p->cfg[i], priv) & access) == access ? 0 : -1;
}

bool pmp_page_uniform(const struct pmp *p, uint64_t pa_page, enum priv priv, unsigned *perms)
{
	int i = pmp_match(p, pa_page, pa_page + PAGE_SIZE);

	if (i == -2)
		return false;
	if (i == -1)
		*perms = priv == PRIV_M ? PMP_R | PMP_W | PMP_X : 0;
	else
		*perms = pmp_grant(p->cfg[i], priv);
	return true;
}

int pmp_read_cfg(const struct pmp *p, unsigned n, uint64_t *val)
{
	if (n > 15 || (n & 1))
		return -1;
	uint64_t v = 0;
	for (unsigned b = 0; b < 8; b++) {
		unsigned i = n / 2 * 8 + b;
		if (i < PMP_ENTRIES)
			v |= (uint64_t)p->cfg[i] << (8 * b);
	}
	*val = v;
	return 0;
}

int pmp_write_cfg(struct pmp *p, unsigned n, uint64_t val)
{
	if (n > 15 || (n & 1))
		return -1;
	for (unsigned b = 0; b < 8; b++) {
		unsigned i = n / 2 * 8 + b;
		if (i >= PMP_ENTRIES || (p->cfg[i] & PMP_L))
			continue;
		uint8_t c = (uint8_t)(val >> (8 * b)) & (PMP_L | PMP_A | PMP_X | PMP_W | PMP_R);
		if ((c & (PMP_R | PMP_W)) == PMP_W)
			c &= (uint8_t)~PMP_W; /* reserved R=0,W=1: keep neither */
		p->cfg[i] = c;
	}
	pmp_decode(p);
	return 0;
}

int pmp_read_addr(const struct pmp *p, unsigned n, uint64_t *val)
{
	if (n > 63)
		return -1;
	*val = n < PMP_ENTRIES ? p->addr[n] : 0;
	return 0;
}

int pmp_write_addr(struct pmp *p, unsigned n, uint64_t val)
{
	if (n > 63)
		return -1;
	if (n >= PMP_ENTRIES || (p->cfg[n] & PMP_L))
		return 0;
	if (n + 1 < PMP_ENTRIES && (p->cfg[n + 1] & PMP_L) && pmp_mode(p->cfg[n + 1]) == PMP_A_TOR)
		return 0;
	p->addr[n] = val & PMPADDR_MASK;
	pmp_decode(p);
	return 0;
}
