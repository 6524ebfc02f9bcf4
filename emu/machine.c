/*
 * machine.c - the board: builds the bus and devices around one hart, loads a
 * bare-metal image, and runs the hart in chunks between timer events.
 *
 * Invariants of machine_run(): a chunk never runs past the instruction at which
 * mtime reaches mtimecmp (MTIP is raised before the next instruction), nor past
 * --max-insns; after every chunk MTIP reflects mtime >= mtimecmp.
 */
#include "emu/machine.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/elfload.h"
#include "emu/hart.h"

#define CHUNK_INSNS (1ull << 20) /* between wall-clock and exit checks */
#define DEFAULT_IPT 10		 /* the hart's default insns_per_tick */
#define CSR_MIE	    0x304

static uint64_t host_mtime(void *ctx)
{
	struct machine *m = ctx;
	return hart_mtime(m->hart);
}

static void host_skip_time(void *ctx, uint64_t ticks)
{
	struct machine *m = ctx;
	hart_skip_time(m->hart, ticks);
}

static void host_set_irq(void *ctx, uint64_t mask, bool level)
{
	struct machine *m = ctx;
	hart_set_mip(m->hart, mask, level);
}

/* mtimecmp or mtime moved: end the chunk so the next one is sized again. */
static void host_timer_changed(void *ctx)
{
	struct machine *m = ctx;
	hart_request_stop(m->hart);
}

static void host_request_exit(void *ctx, int status)
{
	struct machine *m = ctx;
	if (!m->exit_requested) {
		m->exit_requested = true;
		m->exit_status = status;
	}
	hart_request_stop(m->hart);
}

static void uart_irq_line(void *ctx, bool level)
{
	struct machine *m = ctx;
	plic_set_level(&m->plic, PLIC_IRQ_UART, level);
}

int machine_init(struct machine *m, const struct machine_config *cfg, const char **why)
{
	memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
	if (!m->cfg.ram_size)
		m->cfg.ram_size = RAM_DEFAULT_SIZE;
	if (!m->cfg.insns_per_tick)
		m->cfg.insns_per_tick = DEFAULT_IPT;
	m->host = (struct dev_host){
	    m, host_mtime, host_skip_time, host_set_irq, host_timer_changed, host_request_exit};
	if (bus_init(&m->bus, RAM_BASE, m->cfg.ram_size) < 0) {
		*why = "cannot allocate guest RAM";
		return -1;
	}
	if (clint_attach(&m->clint, &m->bus, &m->host) < 0 ||
	    plic_attach(&m->plic, &m->bus, &m->host) < 0 ||
	    uart_attach(&m->uart, &m->bus, m->cfg.out, m->cfg.in_fd) < 0 ||
	    finisher_attach(&m->finisher, &m->bus, &m->host) < 0) {
		*why = "cannot map the devices";
		goto err;
	}
	m->uart.irq_line = uart_irq_line;
	m->uart.irq_ctx = m;
	struct hart_config hc = {.hartid = 0, .insns_per_tick = m->cfg.insns_per_tick};
	m->hart = hart_create(&m->bus, &hc);
	if (!m->hart) {
		*why = "cannot create the hart";
		goto err;
	}
	return 0;
err:
	bus_destroy(&m->bus);
	return -1;
}

void machine_destroy(struct machine *m)
{
	if (m->hart)
		hart_destroy(m->hart);
	bus_destroy(&m->bus);
	m->hart = NULL;
}

int machine_load_bare(struct machine *m, const char *path, const char **why)
{
	struct elf_image_info info;

	if (elf_load_file(&m->bus, path, &info, why) < 0)
		return -1;
	/* The ROM jumps to the entry point: 0x80000000 for a usual image. */
	if (bootrom_attach(&m->bus, info.entry, m->bus.ram_base, m->bus.ram_size) < 0) {
		*why = "ELF segment overlaps the boot ROM";
		return -1;
	}
	if (info.tohost &&
	    htif_attach(&m->htif, &m->bus, &m->host, info.tohost, info.fromhost, m->cfg.out) < 0) {
		*why = "ELF symbol tohost/fromhost is not in guest RAM";
		return -1;
	}
	hart_reset(m->hart, BOOTROM_BASE);
	return 0;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Instructions to run before mtime reaches mtimecmp, capped at cap (>= 1). */
static uint64_t insns_to_timer(struct machine *m, uint64_t cap)
{
	uint64_t now = hart_mtime(m->hart), cmp = m->clint.mtimecmp;
	uint64_t ipt = m->cfg.insns_per_tick;

	if (now >= cmp)
		return cap; /* MTIP is already pending */
	uint64_t ticks = cmp - now;
	if (ticks > cap / ipt + 1)
		return cap;
	uint64_t n = ticks * ipt - hart_instret(m->hart) % ipt;
	return n == 0 ? 1 : n < cap ? n : cap;
}

/* Could UART input reach the hart as an external interrupt enabled in mie? */
static bool uart_can_wake(struct machine *m, uint64_t mie)
{
	const struct plic *p = &m->plic;
	const struct uart *u = &m->uart;
	const uint32_t bit = 1u << PLIC_IRQ_UART;

	if (u->in_fd < 0 || u->in_eof || u->rx_count || !(u->ier & 1) || (p->claimed & bit))
		return false;
	for (unsigned c = 0; c < PLIC_NCTX; c++) {
		uint64_t eip = c == 0 ? 1ull << IRQ_MEIP : 1ull << IRQ_SEIP;
		if ((mie & eip) && (p->enable[c] & bit) && p->prio[PLIC_IRQ_UART] > p->threshold[c])
			return true;
	}
	return false;
}

/*
 * The hart sleeps in WFI with nothing pending. Let time pass to the timer if
 * that can wake it (deterministic: no wall time passes), else wait for input
 * if a UART interrupt can wake it (until deadline, if any); return false when
 * no interrupt can ever wake it.
 */
static bool wfi_sleep(struct machine *m, double deadline)
{
	uint64_t mie = 0;

	hart_csr_read(m->hart, CSR_MIE, &mie);
	if (hart_get_mip(m->hart) & mie)
		return true;
	uint64_t now = hart_mtime(m->hart), cmp = m->clint.mtimecmp;
	if ((mie & (1ull << IRQ_MTIP)) && cmp != ~0ull && now < cmp) {
		hart_skip_time(m->hart, cmp - now);
		clint_update(&m->clint);
		return true;
	}
	if (uart_can_wake(m, mie)) {
		int ms = -1;
		if (deadline) {
			double left = deadline - now_seconds();
			ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
		}
		struct pollfd pfd = {.fd = m->uart.in_fd, .events = POLLIN};
		poll(&pfd, 1, ms);
		uart_poll(&m->uart);
		return true;
	}
	return false;
}

int machine_run(struct machine *m)
{
	/* What --max-insns counts: retired instructions, and traps, which retire
	 * nothing but use budget (a guest stuck in a trap loop must stop too). */
	uint64_t spent = 0;
	double deadline = m->cfg.timeout > 0 ? now_seconds() + m->cfg.timeout : 0;
	int status;

	clint_update(&m->clint);
	for (;;) {
		if (m->exit_requested) {
			status = m->exit_status;
			break;
		}
		uint64_t budget = CHUNK_INSNS;
		if (m->cfg.max_insns) {
			if (spent >= m->cfg.max_insns) {
				m->stop_reason = "--max-insns reached";
				status = MACHINE_EXIT_LIMIT;
				break;
			}
			if (m->cfg.max_insns - spent < budget)
				budget = m->cfg.max_insns - spent;
		}
		if (deadline && now_seconds() >= deadline) {
			m->stop_reason = "--timeout reached";
			status = MACHINE_EXIT_LIMIT;
			break;
		}
		budget = insns_to_timer(m, budget);
		uint64_t before = hart_instret(m->hart);
		enum hart_exit why = hart_run(m->hart, budget);
		uint64_t ran = hart_instret(m->hart) - before;
		spent += why == HART_BUDGET && ran < budget ? budget : ran;
		clint_update(&m->clint);
		uart_poll(&m->uart);
		if (why == HART_WFI && !m->exit_requested && !wfi_sleep(m, deadline)) {
			m->stop_reason =
			    "the hart waits (WFI) for an interrupt that can never come";
			status = MACHINE_EXIT_LIMIT;
			break;
		}
		if (why == HART_S_TRAP) {
			m->stop_reason = "S-mode trap handed to a kernel, but none is running";
			status = MACHINE_EXIT_ERROR;
			break;
		}
	}
	if (m->cfg.out)
		fflush(m->cfg.out);
	return status;
}
