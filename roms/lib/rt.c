/*
 * roms/lib/rt.c - console, checks and the default trap policy of the
 * bare-metal test images.
 *
 * The console and the machine exit are weak: they drive the UART 16550 and
 * the SiFive test finisher of the virt board; htif.c replaces both for the
 * images that end through `tohost`.
 *
 * Trap policy: the escape request (ecall/ebreak with a7 = RT_ESCAPE from S
 * or U) returns the hart to M-mode; every other trap is recorded in `trap`,
 * offered to trap_hook, and then an interrupt is masked in mie/sie while an
 * exception resumes at trap_resume or after the faulting instruction.
 * A trap that nobody armed the recorder for ends the run with exit code 255.
 */
#include "rt.h"

volatile struct trapinfo trap;
trap_hook_fn trap_hook;
volatile u64 trap_resume;
volatile int rt_priv = PRV_M;

static volatile int trap_armed;
static int nchecks, first_fail;

__attribute__((weak)) void rt_console_putc(int c)
{
	while (!(*(volatile uint8_t *)(UART_BASE + 5) & 0x20))
		;
	*(volatile uint8_t *)UART_BASE = (uint8_t)c;
}

__attribute__((weak, noreturn)) void rt_console_exit(int code)
{
	mmio_write32(FINISHER_BASE, code ? ((u32)code << 16) | 0x3333 : 0x5555);
	for (;;)
		asm volatile("wfi");
}

void putc_(int c)
{
	rt_console_putc(c);
}

void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

void puthex(u64 v)
{
	puts_("0x");
	for (int i = 60; i >= 0; i -= 4)
		putc_("0123456789abcdef"[(v >> i) & 15]);
}

void putdec(u64 v)
{
	char buf[24];
	int n = 0;
	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		putc_(buf[--n]);
}

void rt_exit(int code)
{
	rt_console_exit(code & 0xff);
}

int check(const char *name, u64 got, u64 want)
{
	nchecks++;
	if (got == want) {
		puts_("ok ");
		putdec((u64)nchecks);
		putc_(' ');
		puts_(name);
		putc_('\n');
		return 1;
	}
	if (!first_fail)
		first_fail = nchecks;
	puts_("FAIL ");
	putdec((u64)nchecks);
	putc_(' ');
	puts_(name);
	puts_(": got ");
	puthex(got);
	puts_(" want ");
	puthex(want);
	putc_('\n');
	return 0;
}

int checks_done(void)
{
	if (first_fail) {
		puts_("FAILED: first failing check ");
		putdec((u64)first_fail);
		putc_('\n');
		return first_fail > 254 ? 254 : first_fail;
	}
	puts_("PASSED ");
	putdec((u64)nchecks);
	puts_(" checks\n");
	return 0;
}

void trap_expect(void)
{
	trap.count = 0;
	trap.cause = ~0UL;
	trap.epc = 0;
	trap.tval = 0;
	trap.from = -1;
	trap.handler = -1;
	trap.vec = -1;
	trap_armed = 1;
}

void trap_reset(void)
{
	trap_armed = 0;
	trap_resume = 0;
	trap_hook = 0;
}

static void unexpected(struct trapframe *tf, int handler)
{
	puts_(handler == PRV_M ? "UNEXPECTED M-trap" : "UNEXPECTED S-trap");
	puts_(" cause ");
	puthex(tf->cause);
	puts_(" epc ");
	puthex(tf->epc);
	puts_(" tval ");
	puthex(tf->tval);
	puts_(" after check ");
	putdec((u64)nchecks);
	putc_('\n');
	rt_exit(255);
}

/* Length of the instruction at pc, read through the handler's own view. */
static u64 insn_len(u64 pc)
{
	return (*(volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

/* Common policy; returns after editing tf for the resume. */
static void handle(struct trapframe *tf, int handler, int from)
{
	u64 cause = tf->cause;

	if (!trap_armed)
		unexpected(tf, handler);
	trap.count++;
	trap.cause = cause;
	trap.epc = tf->epc;
	trap.tval = tf->tval;
	trap.from = from;
	trap.handler = handler;
	trap.vec = (int)tf->vec;
	if (trap_hook && trap_hook(tf, handler))
		return;
	if (cause & CAUSE_INTR) {
		if (handler == PRV_M)
			csr_clear(mie, 1UL << (cause & 63));
		else
			csr_clear(sie, 1UL << (cause & 63));
		return;
	}
	if (trap_resume) {
		tf->epc = trap_resume;
		trap_resume = 0;
		return;
	}
	if (cause == CAUSE_FETCH_ACCESS || cause == CAUSE_FETCH_PAGE ||
	    cause == CAUSE_MISALIGNED_FETCH)
		unexpected(tf, handler);
	tf->epc += insn_len(tf->epc);
}

static int is_escape(struct trapframe *tf)
{
	u64 c = tf->cause;

	return (c == CAUSE_ECALL_U || c == CAUSE_ECALL_S || c == CAUSE_BREAKPOINT) &&
	       tf->x[17] == RT_ESCAPE;
}

void rt_mtrap(struct trapframe *tf);
void rt_mtrap(struct trapframe *tf)
{
	int from = (int)((tf->status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);

	if (from != PRV_M && is_escape(tf)) {
		tf->status |= MSTATUS_MPP;
		tf->epc += 4;
		rt_priv = PRV_M;
		return;
	}
	handle(tf, PRV_M, from);
}

void rt_strap(struct trapframe *tf);
void rt_strap(struct trapframe *tf)
{
	int from = (tf->status & MSTATUS_SPP) ? PRV_S : PRV_U;

	if (from == PRV_U && is_escape(tf)) {
		/* Delegated escape from U: continue in S, rt_escape asks again. */
		tf->status |= MSTATUS_SPP;
		tf->epc += 4;
		rt_priv = PRV_S;
		return;
	}
	handle(tf, PRV_S, from);
}
