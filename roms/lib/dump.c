/*
 * roms/lib/dump.c - the two ends of a differential image (roms/diff/).
 *
 * Start (paged images only): diff_vm_enter() maps the scratch window at
 * DIFF_VA through Sv39 - two virtual pages onto two physical pages in
 * swapped order, so the window's page crossing needs both translations -
 * maps RAM and the devices identity, and continues in S or U.
 * End: DIFF_EPILOGUE (diff.h) stores x1..x31, f0..f31 and fcsr into
 * diff_regs and calls diff_dump(), which prints them and the scratch window
 * as hex, one value per line, and exits with 0.  Two machines agree on an
 * image exactly when this output is byte-for-byte the same.
 */
#include "rt.h"
#include "vm.h"
#include "diff.h"

u64 diff_regs[65];
u64 diff_scratch[64 + 1] __attribute__((aligned(64))); /* + spill slot */

static unsigned char diff_pages[2][4096] __attribute__((aligned(4096)));
static pagetable_t diff_root, diff_l1, diff_l0;
/* Physical homes of the window's two halves (M images: diff_scratch). */
static unsigned char *win_lo = (unsigned char *)diff_scratch;
static unsigned char *win_hi = (unsigned char *)diff_scratch + 256;

void diff_vm_enter(int priv);
void diff_vm_enter(int priv)
{
	u64 u = priv == PRV_U ? PTE_U : 0;
	u64 page = (DIFF_VA >> 12) & 511;

	diff_root[0] = PTE(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | u);
	diff_root[1] = PTE(diff_l1, PTE_V);
	diff_root[2] = PTE(0x80000000UL, PTE_V | PTE_RWX | PTE_A | PTE_D | u);
	diff_l1[(DIFF_VA >> 21) & 511] = PTE(diff_l0, PTE_V);
	diff_l0[page] = PTE(diff_pages[1], PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | u);
	diff_l0[page + 1] = PTE(diff_pages[0], PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | u);
	win_lo = diff_pages[1] + (DIFF_VA & 4095);
	win_hi = diff_pages[0];
	csr_write(satp, SATP(diff_root, 0));
	sfence_all();
	to_mode(priv);
}

static void line(const char *tag, int n, u64 v)
{
	puts_(tag);
	putc_((char)('0' + n / 10));
	putc_((char)('0' + n % 10));
	putc_(' ');
	puthex(v);
	putc_('\n');
}

static u64 window_word(int i)
{
	unsigned char *p = i < 32 ? win_lo + 8 * i : win_hi + 8 * (i - 32);
	u64 v = 0;
	for (int b = 7; b >= 0; b--)
		v = v << 8 | p[b];
	return v;
}

void diff_dump(void) __attribute__((noreturn));
void diff_dump(void)
{
	to_m();
	csr_write(satp, 0);
	for (int i = 1; i < 32; i++)
		line("x", i, diff_regs[i]);
	for (int i = 0; i < 32; i++)
		line("f", i, diff_regs[32 + i]);
	puts_("fcsr ");
	puthex(diff_regs[64]);
	putc_('\n');
	for (int i = 0; i < 64; i++)
		line("m", i, window_word(i));
	rt_exit(0);
}
