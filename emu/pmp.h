/*
 * pmp.h - RISC-V physical memory protection (privileged spec 1.12, section 3.7),
 * as a pure data structure: no hart, no bus. The hart owns a struct pmp, routes
 * the pmpcfg/pmpaddr CSRs to pmp_read_*()/pmp_write_*() and calls pmp_check()
 * on every physical access it does not serve from its TLB.
 *
 * What is implemented: 16 entries (pmp0..pmp15), granularity G = 0 (4 bytes),
 * physical addresses of 56 bits (pmpaddr bits 53:0 writable), address-matching
 * modes OFF, TOR, NA4 and NAPOT, permissions R/W/X and the lock bit L.
 *
 * Rules (the spec's):
 *   - the lowest-numbered entry that matches any byte of an access decides it;
 *     if that entry does not cover every byte of the access, the access fails;
 *   - a matching entry grants M-mode everything unless it is locked (L = 1),
 *     then R/W/X apply to M-mode as well; S and U always get R/W/X;
 *   - no matching entry: M-mode succeeds, S/U fail (16 entries are implemented,
 *     even when all are OFF). Note: QEMU 7.2 lets S/U through when no entry is
 *     active at all; rvmm follows the spec, so S/U code needs a PMP entry.
 *   - writes to a locked entry's pmpcfg byte and pmpaddr are ignored, and so are
 *     writes to pmpaddr[i-1] when entry i is locked TOR; locks clear only on reset;
 *   - WARL: pmpcfg bits 6:5 read as zero; the reserved R=0,W=1 combination is
 *     stored as R=0,W=0; pmpaddr bits 63:54 read as zero.
 *
 * The caller passes the effective privilege of the access (mstatus.MPRV/MPP
 * already applied). After any pmp_write_*() the hart must drop TLB entries
 * whose permissions it derived from pmp_page_uniform().
 */
#ifndef RVMM_EMU_PMP_H
#define RVMM_EMU_PMP_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/hart.h"

#define PMP_ENTRIES 16

/* pmpcfg byte fields. */
#define PMP_R	    0x01
#define PMP_W	    0x02
#define PMP_X	    0x04
#define PMP_A	    0x18 /* address-matching mode, one of PMP_A_* << 3 */
#define PMP_L	    0x80
#define PMP_A_OFF   0
#define PMP_A_TOR   1
#define PMP_A_NA4   2
#define PMP_A_NAPOT 3

/* CSR numbers, for the hart's CSR decoder. */
#define CSR_PMPCFG0  0x3a0 /* pmpcfg0..pmpcfg15: 0x3a0..0x3af (odd ones absent on RV64) */
#define CSR_PMPADDR0 0x3b0 /* pmpaddr0..pmpaddr63: 0x3b0..0x3ef */

struct pmp {
	uint8_t cfg[PMP_ENTRIES];   /* the pmpcfg bytes, as read back */
	uint64_t addr[PMP_ENTRIES]; /* the pmpaddr registers, as read back */
	/* Decoded from cfg/addr on every write: entry i matches [lo[i], hi[i]),
	 * an empty range when OFF. hi may be 1 << 57 for a NAPOT covering all. */
	uint64_t lo[PMP_ENTRIES], hi[PMP_ENTRIES];
	/* 1 + the highest entry that is not OFF (0: none); bounds the scans. */
	unsigned nactive;
};

/* Reset: every entry OFF and unlocked, every address zero. */
void pmp_reset(struct pmp *p);

/*
 * Is an access of len bytes (1..8, or up to 4096 for a whole-page check) at
 * physical address pa allowed for access kind (one of PMP_R, PMP_W, PMP_X)
 * at privilege priv? Returns 0 if allowed, -1 for an access fault.
 */
int pmp_check(const struct pmp *p, uint64_t pa, unsigned len, unsigned access, enum priv priv);

/*
 * Does the 4 KiB page at pa_page (4 KiB aligned) have the same PMP outcome for
 * every byte at privilege priv? If so, store in *perms the PMP_R|PMP_W|PMP_X
 * bits that priv is granted on the whole page and return true; the hart may
 * then cache the page in its TLB with those permissions. If not (an entry
 * boundary falls inside the page), return false: check every access.
 */
bool pmp_page_uniform(const struct pmp *p, uint64_t pa_page, enum priv priv, unsigned *perms);

/*
 * CSR access. n is the CSR's index: pmpcfg<n> (0..15) or pmpaddr<n> (0..63).
 * On RV64 odd pmpcfg CSRs do not exist: these return -1 (the hart raises an
 * illegal-instruction trap). Entries 16..63 are not implemented: their CSRs
 * read as zero and ignore writes. Otherwise return 0 (a write to a locked
 * field is silently ignored, as the spec wants).
 */
int pmp_read_cfg(const struct pmp *p, unsigned n, uint64_t *val);
int pmp_write_cfg(struct pmp *p, unsigned n, uint64_t val);
int pmp_read_addr(const struct pmp *p, unsigned n, uint64_t *val);
int pmp_write_addr(struct pmp *p, unsigned n, uint64_t val);

#endif
