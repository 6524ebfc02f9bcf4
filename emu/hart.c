/*
 * hart.c - the public API of emu/hart.h over the private state of cpu.h:
 * creation, reset, running, and the accessors the machine, the HLE kernel,
 * the debugger and the tests use.
 */
#include "emu/cpu.h"

#include <string.h>

struct hart *hart_create(struct bus *bus, const struct hart_config *cfg)
{
	struct hart *h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->bus = bus;
	h->mhartid = cfg ? cfg->hartid : 0;
	h->insns_per_tick = cfg && cfg->insns_per_tick ? cfg->insns_per_tick : 10;
	if (mmu_init(h, cfg ? cfg->tlb_entries : 0) < 0 || ramhuge_init(h) < 0) {
		hart_destroy(h);
		return NULL;
	}
	hart_reset(h, 0x1000);
	return h;
}

void hart_destroy(struct hart *h)
{
	if (!h)
		return;
	mmu_destroy(h);
	ramhuge_destroy(h);
	free(h);
}

void hart_reset(struct hart *h, uint64_t pc)
{
	memset(h->x, 0, sizeof(h->x));
	memset(h->f, 0, sizeof(h->f));
	h->pc = pc;
	h->priv = PRIV_M;
	csr_reset(h);
	h->resv_valid = false;
	mmu_sfence(h, false, 0, false, 0);
	h->stats.flushes = 0;
	dcache_flush(h);
}

enum hart_exit hart_run(struct hart *h, uint64_t budget)
{
	return interp_run(h, budget);
}

void hart_request_stop(struct hart *h)
{
	h->stop_req = 1;
	h->limit = 0;
}

uint64_t hart_instret(const struct hart *h)
{
	return h->instret;
}

uint64_t hart_mtime(const struct hart *h)
{
	return hart_time_now(h);
}

void hart_skip_time(struct hart *h, uint64_t ticks)
{
	h->time_offset += ticks;
}

void hart_set_mip(struct hart *h, uint64_t mask, bool level)
{
	if (level)
		h->mip |= mask;
	else
		h->mip &= ~mask;
	h->limit = 0; /* a running hart checks interrupts at its next block end */
}

uint64_t hart_get_mip(const struct hart *h)
{
	return h->mip;
}

uint64_t hart_get_pc(const struct hart *h)
{
	return h->pc;
}

void hart_set_pc(struct hart *h, uint64_t pc)
{
	h->pc = pc;
}

uint64_t hart_get_x(const struct hart *h, unsigned reg)
{
	return reg && reg < 32 ? h->x[reg] : 0;
}

void hart_set_x(struct hart *h, unsigned reg, uint64_t val)
{
	if (reg && reg < 32)
		h->x[reg] = val;
}

uint64_t hart_get_f(const struct hart *h, unsigned reg)
{
	return h->f[reg & 31];
}

void hart_set_f(struct hart *h, unsigned reg, uint64_t val)
{
	h->f[reg & 31] = val;
}

enum priv hart_get_priv(const struct hart *h)
{
	return h->priv;
}

void hart_set_priv(struct hart *h, enum priv p)
{
	set_priv(h, p);
}

int hart_csr_read(struct hart *h, unsigned csr, uint64_t *val)
{
	return csr_read(h, csr, val);
}

int hart_csr_write(struct hart *h, unsigned csr, uint64_t val)
{
	return csr_write(h, csr, val);
}

void hart_set_hle(struct hart *h, bool on)
{
	h->hle = on;
}

const struct hart_trap *hart_trap_info(const struct hart *h)
{
	return &h->trap;
}

void hart_sfence_vma(struct hart *h, bool va_valid, uint64_t va, bool asid_valid, uint64_t asid)
{
	mmu_sfence(h, va_valid, va, asid_valid, asid);
}

void hart_invalidate_code(struct hart *h, uint64_t pa, uint64_t len)
{
	dcache_invalidate(h, pa, len);
}

void hart_tlb_stats(const struct hart *h, struct tlb_stats *out)
{
	*out = h->stats;
}

void hart_set_fill_hook(struct hart *h, hart_fill_hook fn, void *ctx)
{
	h->fill_hook = fn;
	h->fill_ctx = ctx;
}
