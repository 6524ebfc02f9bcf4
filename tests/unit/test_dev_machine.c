/*
 * test_dev_machine.c - unit tests of the board's run loop (emu/machine.c) with
 * a scripted fake hart in place of the real one: the timer interrupt must
 * arrive at exactly the instruction where mtime reaches mtimecmp, WFI must let
 * time pass to the timer, limits must stop at exactly N instructions, and the
 * finisher must end the run with its status.
 *
 * The fake implements the part of emu/hart.h that the board uses; this test
 * links machine.c and the devices directly, not libemu.a.
 */
#include <check.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu/hart.h"
#include "emu/machine.h"

/* An action the fake program performs when it retires instruction `at`. */
struct action {
	uint64_t at;
	enum { ACT_WRITE8, ACT_WRITE4, ACT_WFI, ACT_SET_MIE, ACT_TRAP_LOOP } kind;
	uint64_t pa, val;
};

struct hart {
	struct bus *bus;
	uint64_t ipt, instret, skip, mip, mie;
	bool stop, trap_loop;
	const struct action *script;
	unsigned nscript;
	uint64_t irq_at;    /* instret when an enabled interrupt was first seen */
	uint64_t irq_mtime; /* mtime then */
};

static struct hart *the_hart;
static const struct action *next_script;
static unsigned next_nscript;

struct hart *hart_create(struct bus *bus, const struct hart_config *cfg)
{
	struct hart *h = calloc(1, sizeof(*h));
	h->bus = bus;
	h->ipt = cfg->insns_per_tick ? cfg->insns_per_tick : 10;
	h->irq_at = ~0ull;
	h->script = next_script;
	h->nscript = next_nscript;
	the_hart = h;
	return h;
}
void hart_destroy(struct hart *h)
{
	free(h);
}
void hart_reset(struct hart *h, uint64_t pc)
{
	h->instret = 0;
}
void hart_request_stop(struct hart *h)
{
	h->stop = true;
}
uint64_t hart_instret(const struct hart *h)
{
	return h->instret;
}
uint64_t hart_mtime(const struct hart *h)
{
	return h->instret / h->ipt + h->skip;
}
void hart_skip_time(struct hart *h, uint64_t t)
{
	h->skip += t;
}
void hart_set_mip(struct hart *h, uint64_t mask, bool level)
{
	h->mip = level ? h->mip | mask : h->mip & ~mask;
}
uint64_t hart_get_mip(const struct hart *h)
{
	return h->mip;
}
int hart_csr_read(struct hart *h, unsigned csr, uint64_t *val)
{
	if (csr != 0x304)
		return -1;
	*val = h->mie;
	return 0;
}

/* One instruction at a time; an enabled pending interrupt is "taken" (recorded
 * and masked) at the boundary before the next instruction, as a hart would. */
enum hart_exit hart_run(struct hart *h, uint64_t budget)
{
	h->stop = false;
	if (h->trap_loop)
		return HART_BUDGET; /* every step traps: the budget goes, nothing retires */
	for (uint64_t i = 0; i < budget; i++) {
		if ((h->mip & h->mie) && h->irq_at == ~0ull) {
			h->irq_at = h->instret;
			h->irq_mtime = hart_mtime(h);
			h->mie = 0;
		}
		h->instret++;
		for (unsigned k = 0; k < h->nscript; k++) {
			const struct action *a = &h->script[k];
			if (a->at != h->instret)
				continue;
			switch (a->kind) {
			case ACT_WRITE8:
				ck_assert_int_eq(bus_write(h->bus, a->pa, 8, a->val), 0);
				break;
			case ACT_WRITE4:
				ck_assert_int_eq(bus_write(h->bus, a->pa, 4, a->val), 0);
				break;
			case ACT_SET_MIE: h->mie = a->val; break;
			case ACT_TRAP_LOOP: h->trap_loop = true; return HART_BUDGET;
			case ACT_WFI:
				if (!(h->mip & h->mie))
					return HART_WFI;
				break;
			}
		}
		if (h->stop)
			return HART_STOPPED;
	}
	return HART_BUDGET;
}

#define MTIE	 (1ull << IRQ_MTIP)
#define MTIMECMP (CLINT_BASE + CLINT_MTIMECMP)

static int run(const struct action *script, unsigned n, uint64_t max_insns, struct machine *m)
{
	struct machine_config cfg = {.ram_size = 1 << 20, .max_insns = max_insns, .in_fd = -1};
	const char *why;
	next_script = script;
	next_nscript = n;
	ck_assert_int_eq(machine_init(m, &cfg, &why), 0);
	hart_reset(m->hart, 0x1000);
	return machine_run(m);
}

START_TEST(test_timer_exact)
{
	/* mtimecmp = 1000 ticks = instruction 10000 at 10 per tick; the program
	 * arms it at instruction 5, far inside the board's first chunk. */
	static const struct action s[] = {
	    {5, ACT_WRITE8, MTIMECMP, 1000},
	    {6, ACT_SET_MIE, 0, MTIE},
	    {20000, ACT_WRITE4, FINISHER_BASE, FINISHER_PASS},
	};
	struct machine m;
	ck_assert_int_eq(run(s, 3, 0, &m), 0);
	ck_assert_uint_eq(the_hart->irq_at, 10000);
	ck_assert_uint_eq(the_hart->irq_mtime, 1000);
	ck_assert_uint_eq(the_hart->instret, 20000);
	ck_assert_ptr_null(m.stop_reason);
	machine_destroy(&m);
}
END_TEST

START_TEST(test_timer_rearm_halves)
{
	/* Armed at 300 ticks with a 32-bit write at instruction 2997: exactly at
	 * instruction 3000. Not ipt-aligned start either. */
	static const struct action s[] = {
	    {1, ACT_WRITE8, MTIMECMP, ~0ull},
	    {2, ACT_SET_MIE, 0, MTIE},
	    {2996, ACT_WRITE4, MTIMECMP + 4, 0},
	    {2997, ACT_WRITE4, MTIMECMP, 300},
	    {3500, ACT_WRITE4, FINISHER_BASE, (5 << 16) | FINISHER_FAIL},
	};
	struct machine m;
	ck_assert_int_eq(run(s, 5, 0, &m), 5);
	ck_assert_uint_eq(the_hart->irq_at, 3000);
	machine_destroy(&m);
}
END_TEST

START_TEST(test_wfi_sleeps_until_timer)
{
	static const struct action s[] = {
	    {3, ACT_WRITE8, MTIMECMP, 5000},
	    {4, ACT_SET_MIE, 0, MTIE},
	    {10, ACT_WFI, 0, 0},
	    {12, ACT_WRITE4, FINISHER_BASE, FINISHER_PASS},
	};
	struct machine m;
	ck_assert_int_eq(run(s, 4, 0, &m), 0);
	ck_assert_uint_eq(the_hart->irq_at, 10);
	ck_assert_uint_eq(the_hart->irq_mtime, 5000);
	ck_assert_uint_eq(the_hart->instret, 12);
	machine_destroy(&m);
}
END_TEST

START_TEST(test_wfi_forever)
{
	static const struct action s[] = {{10, ACT_WFI, 0, 0}};
	struct machine m;
	ck_assert_int_eq(run(s, 1, 0, &m), MACHINE_EXIT_LIMIT);
	ck_assert_uint_eq(the_hart->instret, 10);
	ck_assert_ptr_nonnull(strstr(m.stop_reason, "WFI"));
	machine_destroy(&m);
}
END_TEST

START_TEST(test_max_insns_exact)
{
	struct machine m;
	ck_assert_int_eq(run(NULL, 0, 3 * (1 << 20) + 12345, &m), MACHINE_EXIT_LIMIT);
	ck_assert_uint_eq(the_hart->instret, 3 * (1 << 20) + 12345);
	ck_assert_str_eq(m.stop_reason, "--max-insns reached");
	machine_destroy(&m);
}
END_TEST

START_TEST(test_mtime_write_skips)
{
	/* Writing mtime = 7000 at instruction 100 (mtime 10): the timer at 7000
	 * fires at once, at the next boundary. */
	static const struct action s[] = {
	    {1, ACT_WRITE8, MTIMECMP, 7000},
	    {2, ACT_SET_MIE, 0, MTIE},
	    {100, ACT_WRITE8, CLINT_BASE + CLINT_MTIME, 7000},
	    {200, ACT_WRITE4, FINISHER_BASE, FINISHER_PASS},
	};
	struct machine m;
	ck_assert_int_eq(run(s, 4, 0, &m), 0);
	ck_assert_uint_eq(the_hart->irq_at, 100);
	ck_assert_uint_eq(the_hart->irq_mtime, 7000);
	machine_destroy(&m);
}
END_TEST

START_TEST(test_mtip_pending_at_reset)
{
	/* mtimecmp resets to 0, so enabling MTIE takes the interrupt at once. */
	static const struct action s[] = {
	    {7, ACT_SET_MIE, 0, MTIE},
	    {9, ACT_WRITE4, FINISHER_BASE, FINISHER_PASS},
	};
	struct machine m;
	ck_assert_int_eq(run(s, 2, 0, &m), 0);
	ck_assert_uint_eq(the_hart->irq_at, 7);
	machine_destroy(&m);
}
END_TEST

START_TEST(test_wfi_waits_for_uart_input)
{
	/* The UART interrupt is routed to M-mode through the PLIC; WFI with no
	 * timer blocks until input arrives (from a child, 50 ms later). */
	static const struct action s[] = {
	    {1, ACT_WRITE8, MTIMECMP, ~0ull},
	    {2, ACT_WRITE4, PLIC_BASE + 4 * PLIC_IRQ_UART, 1},
	    {3, ACT_WRITE4, PLIC_BASE + 0x2000, 1u << PLIC_IRQ_UART},
	    {4, ACT_SET_MIE, 0, 1ull << IRQ_MEIP},
	    {5, ACT_WFI, 0, 0},
	    {9, ACT_WRITE4, FINISHER_BASE, FINISHER_PASS},
	};
	struct machine_config cfg = {.ram_size = 1 << 20, .in_fd = -1};
	struct machine m;
	const char *why;
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	cfg.in_fd = fds[0];
	next_script = s;
	next_nscript = 6;
	ck_assert_int_eq(machine_init(&m, &cfg, &why), 0);
	ck_assert_int_eq(bus_write(&m.bus, UART_BASE + 1, 1, 1), 0); /* ERBFI */
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		usleep(50000);
		_exit(write(fds[1], "k", 1) == 1 ? 0 : 1);
	}
	ck_assert_int_eq(machine_run(&m), 0);
	ck_assert_uint_eq(the_hart->irq_at, 5);
	ck_assert_uint_eq(m.uart.rx_count, 1);
	machine_destroy(&m);
	int st;
	ck_assert_int_eq(waitpid(child, &st, 0), child);
	ck_assert_int_eq(st, 0);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

START_TEST(test_max_insns_stops_trap_loop)
{
	/* A guest that only traps retires nothing; --max-insns still ends it. */
	static const struct action s[] = {{100, ACT_TRAP_LOOP, 0, 0}};
	struct machine m;
	ck_assert_int_eq(run(s, 1, 5000000, &m), MACHINE_EXIT_LIMIT);
	ck_assert_uint_eq(the_hart->instret, 100);
	ck_assert_str_eq(m.stop_reason, "--max-insns reached");
	machine_destroy(&m);
}
END_TEST

static Suite *machine_suite(void)
{
	Suite *s = suite_create("machine");
	TCase *tc = tcase_create("run");
	tcase_add_test(tc, test_timer_exact);
	tcase_add_test(tc, test_timer_rearm_halves);
	tcase_add_test(tc, test_wfi_sleeps_until_timer);
	tcase_add_test(tc, test_wfi_forever);
	tcase_add_test(tc, test_max_insns_exact);
	tcase_add_test(tc, test_mtime_write_skips);
	tcase_add_test(tc, test_mtip_pending_at_reset);
	tcase_add_test(tc, test_wfi_waits_for_uart_input);
	tcase_add_test(tc, test_max_insns_stops_trap_loop);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(machine_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
