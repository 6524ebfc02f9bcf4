/*
 * trap.c - taking exceptions and interrupts (with delegation and the HLE
 * intercept), and returning from them with mret/sret.
 *
 * Invariant: every trap goes through trap_raise(), the one place that writes
 * xepc/xcause/xtval and switches privilege; h->pc is the trapping pc on entry.
 */
#include "emu/cpu.h"

void set_priv(struct hart *h, enum priv p)
{
	if (h->priv != p) {
		h->priv = p;
		mmu_flush_fast(h);
	}
}

bool trap_raise(struct hart *h, uint64_t cause, uint64_t tval)
{
	bool irq = cause & CAUSE_INTERRUPT;
	unsigned code = (unsigned)(cause & 63);
	uint64_t deleg = irq ? h->mideleg : h->medeleg;

	h->resv_valid = false;
	if (h->priv <= PRIV_S && ((deleg >> code) & 1)) {
		if (h->hle) {
			h->trap = (struct hart_trap){.cause = cause, .tval = tval, .epc = h->pc};
			h->hle_trap_pending = true;
			return true;
		}
		uint64_t s = h->mstatus;
		s = (s & ~MSTATUS_SPIE) | ((s & MSTATUS_SIE) ? MSTATUS_SPIE : 0);
		s &= ~(MSTATUS_SIE | MSTATUS_SPP);
		if (h->priv == PRIV_S)
			s |= MSTATUS_SPP;
		h->mstatus = s;
		h->sepc = h->pc;
		h->scause = cause;
		h->stval = tval;
		h->pc = (h->stvec & ~3ull) + ((irq && (h->stvec & 1)) ? 4ull * code : 0);
		set_priv(h, PRIV_S);
	} else {
		uint64_t s = h->mstatus;
		s = (s & ~MSTATUS_MPIE) | ((s & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
		s &= ~(MSTATUS_MIE | MSTATUS_MPP);
		s |= (uint64_t)h->priv << 11;
		h->mstatus = s;
		h->mepc = h->pc;
		h->mcause = cause;
		h->mtval = tval;
		h->pc = (h->mtvec & ~3ull) + ((irq && (h->mtvec & 1)) ? 4ull * code : 0);
		set_priv(h, PRIV_M);
	}
	mmu_flush_fast(h); /* MPP/SPP feed the effective data privilege */
	return false;
}

/* Highest-priority interrupt in mask: MEI, MSI, MTI, SEI, SSI, STI. */
static int irq_pick(uint64_t mask)
{
	static const int order[] = {IRQ_MEIP, IRQ_MSIP, IRQ_MTIP, IRQ_SEIP, IRQ_SSIP, IRQ_STIP};
	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (mask & (1ull << order[i]))
			return order[i];
	return -1;
}

int trap_check_irq(struct hart *h)
{
	uint64_t pending = h->mip & h->mie;
	if (!pending)
		return 0;
	uint64_t m = pending & ~h->mideleg, s = pending & h->mideleg;
	bool m_on = h->priv < PRIV_M || (h->mstatus & MSTATUS_MIE);
	bool s_on = h->priv < PRIV_S || (h->priv == PRIV_S && (h->mstatus & MSTATUS_SIE));
	int code = m_on ? irq_pick(m) : -1;
	if (code < 0 && s_on)
		code = irq_pick(s);
	if (code < 0)
		return 0;
	return trap_raise(h, CAUSE_INTERRUPT | (uint64_t)code, 0) ? 2 : 1;
}

bool trap_irq_wakeup(const struct hart *h)
{
	return (h->mip & h->mie) != 0;
}

/* mret: -1 (illegal) outside M-mode, else 0 with pc = mepc. */
int trap_mret(struct hart *h)
{
	if (h->priv != PRIV_M)
		return -1;
	uint64_t s = h->mstatus;
	enum priv p = (enum priv)((s & MSTATUS_MPP) >> 11);
	s = (s & ~MSTATUS_MIE) | ((s & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
	s |= MSTATUS_MPIE;
	s &= ~MSTATUS_MPP; /* U, the least-privileged mode */
	if (p != PRIV_M)
		s &= ~MSTATUS_MPRV;
	h->mstatus = s;
	h->pc = h->mepc;
	set_priv(h, p);
	mmu_flush_fast(h);
	return 0;
}

/* sret: -1 (illegal) in U-mode or in S-mode with TSR, else 0 with pc = sepc. */
int trap_sret(struct hart *h)
{
	if (h->priv == PRIV_U || (h->priv == PRIV_S && (h->mstatus & MSTATUS_TSR)))
		return -1;
	uint64_t s = h->mstatus;
	enum priv p = (s & MSTATUS_SPP) ? PRIV_S : PRIV_U;
	s = (s & ~MSTATUS_SIE) | ((s & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
	s |= MSTATUS_SPIE;
	s &= ~(MSTATUS_SPP | MSTATUS_MPRV);
	h->mstatus = s;
	h->pc = h->sepc;
	set_priv(h, p);
	mmu_flush_fast(h);
	return 0;
}
