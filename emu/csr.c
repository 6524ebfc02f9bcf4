/*
 * csr.c - the control and status registers: the Zicsr instructions'
 * privilege and read-only rules, WARL masks, the mstatus/sstatus and
 * mip/sip/mie/sie views, counters and their enables, satp, PMP.
 *
 * Invariants: mstatus never holds SD (it is computed from FS on read);
 * UXL and SXL are always 2 (64-bit); misa is read-only RV64IMAFDCSU.
 */
#include "emu/cpu.h"

enum {
	CSR_FFLAGS = 0x001,
	CSR_FRM = 0x002,
	CSR_FCSR = 0x003,
	CSR_SSTATUS = 0x100,
	CSR_SIE = 0x104,
	CSR_STVEC = 0x105,
	CSR_SCOUNTEREN = 0x106,
	CSR_SENVCFG = 0x10a,
	CSR_SSCRATCH = 0x140,
	CSR_SEPC = 0x141,
	CSR_SCAUSE = 0x142,
	CSR_STVAL = 0x143,
	CSR_SIP = 0x144,
	CSR_SATP = 0x180,
	CSR_MSTATUS = 0x300,
	CSR_MISA = 0x301,
	CSR_MEDELEG = 0x302,
	CSR_MIDELEG = 0x303,
	CSR_MIE = 0x304,
	CSR_MTVEC = 0x305,
	CSR_MCOUNTEREN = 0x306,
	CSR_MENVCFG = 0x30a,
	CSR_MCOUNTINHIBIT = 0x320,
	CSR_MSCRATCH = 0x340,
	CSR_MEPC = 0x341,
	CSR_MCAUSE = 0x342,
	CSR_MTVAL = 0x343,
	CSR_MIP = 0x344,
	CSR_MCYCLE = 0xb00,
	CSR_MINSTRET = 0xb02,
	CSR_CYCLE = 0xc00,
	CSR_TIME = 0xc01,
	CSR_INSTRET = 0xc02,
	CSR_MVENDORID = 0xf11,
	CSR_MARCHID = 0xf12,
	CSR_MIMPID = 0xf13,
	CSR_MHARTID = 0xf14,
	CSR_MCONFIGPTR = 0xf15,
};

#define MSTATUS_WMASK                                                                              \
	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |     \
	 MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |        \
	 MSTATUS_TSR)
#define SSTATUS_MASK                                                                               \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR |       \
	 MSTATUS_UXL | MSTATUS_SD)
#define MIP_S_MASK   ((1ull << IRQ_SSIP) | (1ull << IRQ_STIP) | (1ull << IRQ_SEIP))
#define MIE_MASK     (MIP_S_MASK | (1ull << IRQ_MSIP) | (1ull << IRQ_MTIP) | (1ull << IRQ_MEIP))
#define MEDELEG_MASK 0xb3ffull /* all synchronous causes except ecall from M */

void csr_reset(struct hart *h)
{
	h->mstatus = (2ull << 32) | (2ull << 34);
	h->misa = (2ull << 62) | (1u << 0) | (1u << 2) | (1u << 3) | (1u << 5) | (1u << 8) |
		  (1u << 12) | (1u << 18) | (1u << 20); /* A C D F I M S U */
	h->medeleg = h->mideleg = h->mie = 0;
	h->mip &= (1ull << IRQ_MSIP) | (1ull << IRQ_MTIP) | (1ull << IRQ_MEIP) | (1ull << IRQ_SEIP);
	h->mtvec = h->stvec = h->mepc = h->sepc = h->mcause = h->scause = 0;
	h->mtval = h->stval = h->mscratch = h->sscratch = 0;
	h->mcounteren = h->scounteren = h->menvcfg = h->senvcfg = h->mcountinhibit = 0;
	h->satp = 0;
	h->fflags = h->frm = 0;
	pmp_reset(&h->pmp);
}

static uint64_t mstatus_read(const struct hart *h)
{
	uint64_t s = h->mstatus;
	if ((s & MSTATUS_FS) == FS_DIRTY)
		s |= MSTATUS_SD;
	return s;
}

static void mstatus_write(struct hart *h, uint64_t val, uint64_t mask)
{
	uint64_t old = h->mstatus;
	uint64_t s = (old & ~mask) | (val & mask);
	if (((s & MSTATUS_MPP) >> 11) == 2)
		s = (s & ~MSTATUS_MPP) | (old & MSTATUS_MPP); /* reserved mode: keep */
	h->mstatus = s & ~MSTATUS_SD;
	mmu_flush_fast(h); /* MPRV, MPP, SUM, MXR change the data translation */
}

int csr_read(struct hart *h, unsigned csr, uint64_t *val)
{
	uint64_t v;
	switch (csr) {
	case CSR_FFLAGS: v = h->fflags; break;
	case CSR_FRM: v = h->frm; break;
	case CSR_FCSR: v = h->fflags | h->frm << 5; break;
	case CSR_SSTATUS: v = mstatus_read(h) & SSTATUS_MASK; break;
	case CSR_SIE: v = h->mie & h->mideleg; break;
	case CSR_STVEC: v = h->stvec; break;
	case CSR_SCOUNTEREN: v = h->scounteren; break;
	case CSR_SENVCFG: v = h->senvcfg; break;
	case CSR_SSCRATCH: v = h->sscratch; break;
	case CSR_SEPC: v = h->sepc; break;
	case CSR_SCAUSE: v = h->scause; break;
	case CSR_STVAL: v = h->stval; break;
	case CSR_SIP: v = h->mip & h->mideleg; break;
	case CSR_SATP: v = h->satp; break;
	case CSR_MSTATUS: v = mstatus_read(h); break;
	case CSR_MISA: v = h->misa; break;
	case CSR_MEDELEG: v = h->medeleg; break;
	case CSR_MIDELEG: v = h->mideleg; break;
	case CSR_MIE: v = h->mie; break;
	case CSR_MTVEC: v = h->mtvec; break;
	case CSR_MCOUNTEREN: v = h->mcounteren; break;
	case CSR_MENVCFG: v = h->menvcfg; break;
	case CSR_MCOUNTINHIBIT: v = h->mcountinhibit; break;
	case CSR_MSCRATCH: v = h->mscratch; break;
	case CSR_MEPC: v = h->mepc; break;
	case CSR_MCAUSE: v = h->mcause; break;
	case CSR_MTVAL: v = h->mtval; break;
	case CSR_MIP: v = h->mip; break;
	case CSR_MCYCLE:
	case CSR_CYCLE:
		v = (h->mcountinhibit & 1) ? h->cycle_frozen : h->instret + h->cycle_offset;
		break;
	case CSR_MINSTRET:
	case CSR_INSTRET:
		v = (h->mcountinhibit & 4) ? h->instret_frozen : h->instret + h->instret_offset;
		break;
	case CSR_TIME: v = hart_time_now(h); break;
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MCONFIGPTR: v = 0; break;
	case CSR_MHARTID: v = h->mhartid; break;
	default:
		if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xc03 && csr <= 0xc1f) ||
		    (csr >= 0x323 && csr <= 0x33f)) {
			v = 0; /* hpm counters and events: not implemented, read zero */
			break;
		}
		if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG0 + 15)
			return pmp_read_cfg(&h->pmp, csr - CSR_PMPCFG0, val);
		if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR0 + 63)
			return pmp_read_addr(&h->pmp, csr - CSR_PMPADDR0, val);
		return -1;
	}
	*val = v;
	return 0;
}

/* The value of a counter write is what the *next* instruction reads: a CSR
 * instruction retires after its write; a debug-interface write does not. */
static uint64_t counter_offset(const struct hart *h, uint64_t val)
{
	return val - (h->instret + (h->csr_insn ? 1 : 0));
}

/* mcountinhibit: CY (bit 0) and IR (bit 2) freeze mcycle/minstret at their
 * current value; clearing the bit resumes counting from there. (time is
 * derived from the real instruction count and keeps running.) */
static void countinhibit_write(struct hart *h, uint64_t val)
{
	uint64_t old = h->mcountinhibit;
	if ((val & 1) && !(old & 1))
		h->cycle_frozen = h->instret + h->cycle_offset;
	if (!(val & 1) && (old & 1))
		h->cycle_offset = h->cycle_frozen - h->instret;
	if ((val & 4) && !(old & 4))
		h->instret_frozen = h->instret + h->instret_offset;
	if (!(val & 4) && (old & 4))
		h->instret_offset = h->instret_frozen - h->instret;
	h->mcountinhibit = val;
}

int csr_write(struct hart *h, unsigned csr, uint64_t val)
{
	switch (csr) {
	case CSR_FFLAGS:
		h->fflags = val & 0x1f;
		h->mstatus |= FS_DIRTY;
		break;
	case CSR_FRM:
		h->frm = val & 7;
		h->mstatus |= FS_DIRTY;
		break;
	case CSR_FCSR:
		h->fflags = val & 0x1f;
		h->frm = (val >> 5) & 7;
		h->mstatus |= FS_DIRTY;
		break;
	case CSR_SSTATUS: mstatus_write(h, val, SSTATUS_MASK & MSTATUS_WMASK); break;
	case CSR_SIE: h->mie = (h->mie & ~h->mideleg) | (val & h->mideleg & MIE_MASK); break;
	case CSR_STVEC: h->stvec = val & ~2ull; break;
	case CSR_SCOUNTEREN: h->scounteren = val & 0xffffffffull; break;
	case CSR_SENVCFG: h->senvcfg = val & 1; break;
	case CSR_SSCRATCH: h->sscratch = val; break;
	case CSR_SEPC: h->sepc = val & ~1ull; break;
	case CSR_SCAUSE: h->scause = val; break;
	case CSR_STVAL: h->stval = val; break;
	case CSR_SIP: {
		uint64_t m = h->mideleg & (1ull << IRQ_SSIP);
		h->mip = (h->mip & ~m) | (val & m);
		break;
	}
	case CSR_SATP: {
		uint64_t mode = val >> 60;
		if (mode != 0 && mode != 8)
			break; /* unsupported mode: the write is ignored */
		bool flush = mode != (h->satp >> 60);
		h->satp = val & ((0xfull << 60) | (0xffffull << 44) | ((1ull << 44) - 1));
		if (flush)
			mmu_sfence(h, false, 0, false, 0);
		else
			mmu_flush_fast(h); /* fast entries are not ASID-tagged */
		break;
	}
	case CSR_MSTATUS: mstatus_write(h, val, MSTATUS_WMASK); break;
	case CSR_MISA: break;
	case CSR_MEDELEG: h->medeleg = val & MEDELEG_MASK; break;
	case CSR_MIDELEG: h->mideleg = val & MIP_S_MASK; break;
	case CSR_MIE: h->mie = val & MIE_MASK; break;
	case CSR_MTVEC: h->mtvec = val & ~2ull; break;
	case CSR_MCOUNTEREN: h->mcounteren = val & 0xffffffffull; break;
	case CSR_MENVCFG: h->menvcfg = val & 1; break;
	case CSR_MCOUNTINHIBIT: countinhibit_write(h, val & 5); break;
	case CSR_MSCRATCH: h->mscratch = val; break;
	case CSR_MEPC: h->mepc = val & ~1ull; break;
	case CSR_MCAUSE: h->mcause = val; break;
	case CSR_MTVAL: h->mtval = val; break;
	case CSR_MIP: h->mip = (h->mip & ~MIP_S_MASK) | (val & MIP_S_MASK); break;
	case CSR_MCYCLE:
		h->cycle_frozen = val;
		h->cycle_offset = counter_offset(h, val);
		break;
	case CSR_MINSTRET:
		h->instret_frozen = val;
		h->instret_offset = counter_offset(h, val);
		break;
	default:
		if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f))
			break;
		if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG0 + 15) {
			mmu_flush_fast(h);
			return pmp_write_cfg(&h->pmp, csr - CSR_PMPCFG0, val);
		}
		if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR0 + 63) {
			mmu_flush_fast(h);
			return pmp_write_addr(&h->pmp, csr - CSR_PMPADDR0, val);
		}
		uint64_t dummy;
		if (csr_read(h, csr, &dummy) == 0)
			break; /* read-only CSR written through the debug interface */
		return -1;
	}
	return 0;
}

/* The rules that depend on who executes the instruction. */
static bool csr_allowed(const struct hart *h, unsigned csr)
{
	if (((csr >> 8) & 3) > (unsigned)h->priv)
		return false;
	if (csr >= CSR_CYCLE && csr <= 0xc1f) {
		unsigned bit = csr - CSR_CYCLE;
		if (h->priv < PRIV_M && !((h->mcounteren >> bit) & 1))
			return false;
		if (h->priv == PRIV_U && !((h->scounteren >> bit) & 1))
			return false;
	}
	if (csr == CSR_SATP && h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM))
		return false;
	if (csr >= CSR_FFLAGS && csr <= CSR_FCSR && !(h->mstatus & MSTATUS_FS))
		return false;
	return true;
}

/*
 * Execute the Zicsr instruction raw: 0 with *old the value for rd, or -1 for
 * an illegal instruction. CSRRW with rd = x0 does not read (no side effects
 * here either way); CSRRS/CSRRC with rs1/uimm = 0 do not write.
 */
int csr_access(struct hart *h, uint32_t raw, uint64_t *old)
{
	unsigned csr = raw >> 20, rs1 = (raw >> 15) & 31, f3 = (raw >> 12) & 7;
	uint64_t src = (f3 & 4) ? rs1 : h->x[rs1];
	bool write = (f3 & 3) == 1 || rs1 != 0;
	uint64_t v;

	if (!csr_allowed(h, csr) || csr_read(h, csr, &v) < 0)
		return -1;
	if (write && (csr >> 10) == 3)
		return -1;
	*old = v;
	if (!write)
		return 0;
	switch (f3 & 3) {
	case 1: v = src; break;
	case 2: v |= src; break;
	default: v &= ~src; break;
	}
	h->csr_insn = true;
	int r = csr_write(h, csr, v);
	h->csr_insn = false;
	return r;
}
