/*
 * test_dev.c - unit tests of the board's devices through the bus, with a fake
 * board behind struct dev_host (no hart): boot ROM, CLINT, UART, finisher, HTIF.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/bus.h"
#include "emu/devices.h"
#include "emu/hart.h"

/* The fake board: what the devices asked for. */
static struct fake {
	uint64_t mtime;
	uint64_t mip;
	int exits, status;
	int timer_changes;
} fk;

static uint64_t fk_mtime(void *ctx)
{
	return fk.mtime;
}
static void fk_skip(void *ctx, uint64_t t)
{
	fk.mtime += t;
}
static void fk_irq(void *ctx, uint64_t mask, bool level)
{
	fk.mip = level ? fk.mip | mask : fk.mip & ~mask;
}
static void fk_timer(void *ctx)
{
	fk.timer_changes++;
}
static void fk_exit(void *ctx, int status)
{
	fk.exits++;
	fk.status = status;
}
static const struct dev_host host = {NULL, fk_mtime, fk_skip, fk_irq, fk_timer, fk_exit};

static struct bus bus;

static void setup(void)
{
	memset(&fk, 0, sizeof(fk));
	ck_assert_int_eq(bus_init(&bus, 0x80000000, 1 << 20), 0);
}

static void teardown(void)
{
	bus_destroy(&bus);
}

static uint64_t rd(uint64_t pa, unsigned size)
{
	uint64_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&bus, pa, size, &v), 0);
	return v;
}

static void wr(uint64_t pa, unsigned size, uint64_t v)
{
	ck_assert_int_eq(bus_write(&bus, pa, size, v), 0);
}

START_TEST(test_bootrom)
{
	ck_assert_int_eq(bootrom_attach(&bus, 0x80000000, 0x80000000, 1 << 20), 0);
	ck_assert_uint_eq(rd(0x1000, 4), 0x00000297); /* auipc t0, 0 */
	ck_assert_uint_eq(rd(0x1004, 4), 0xf1402573); /* csrr a0, mhartid */
	ck_assert_uint_eq(rd(0x1010, 4), 0x00028067); /* jr t0 */
	ck_assert_uint_eq(rd(0x1018, 8), 0x80000000);
	ck_assert_uint_eq(rd(0x1020, 8), 0x1100);
	ck_assert_uint_eq(rd(0x1100, 4), 0xedfe0dd0); /* FDT magic, big-endian */
	uint64_t v;
	ck_assert_int_eq(bus_write(&bus, 0x1000, 4, 0), -1); /* ROM */
	ck_assert(bus_page_is_plain_ram(&bus, 0x1000));
	ck_assert_int_eq(bus_read(&bus, 0x10000, 4, &v), -1); /* past the ROM */
}
END_TEST

START_TEST(test_clint)
{
	struct clint c;
	uint64_t v;
	ck_assert_int_eq(clint_attach(&c, &bus, &host), 0);
	/* mtimecmp resets to 0 (as QEMU's): MTIP pends from the start. */
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIMECMP, 8), 0);
	clint_update(&c);
	ck_assert_uint_eq(fk.mip, 1u << IRQ_MTIP);
	wr(CLINT_BASE + CLINT_MTIMECMP, 8, ~0ull);
	ck_assert_uint_eq(fk.mip, 0);
	fk.timer_changes = 0;

	/* msip drives MSIP; only bit 0 is kept. */
	wr(CLINT_BASE, 4, 0xffffffff);
	ck_assert_uint_eq(fk.mip, 1u << IRQ_MSIP);
	ck_assert_uint_eq(rd(CLINT_BASE, 4), 1);
	wr(CLINT_BASE, 4, 0);
	ck_assert_uint_eq(fk.mip, 0);

	/* mtime comes from the board, 64 bits or two halves. */
	fk.mtime = 0x1122334455667788ull;
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIME, 8), 0x1122334455667788ull);
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIME, 4), 0x55667788);
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIME + 4, 4), 0x11223344);

	/* mtimecmp in the future: MTIP low; the board is told to re-plan. */
	wr(CLINT_BASE + CLINT_MTIMECMP, 8, 0x1122334455667789ull);
	ck_assert_uint_eq(fk.mip, 0);
	ck_assert_int_eq(fk.timer_changes, 1);
	fk.mtime++;
	clint_update(&c);
	ck_assert_uint_eq(fk.mip, 1u << IRQ_MTIP);
	/* Writing the high half far ahead lowers MTIP again. */
	wr(CLINT_BASE + CLINT_MTIMECMP + 4, 4, 0x7fffffff);
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIMECMP, 8), 0x7fffffff55667789ull);
	ck_assert_uint_eq(fk.mip, 0);
	wr(CLINT_BASE + CLINT_MTIMECMP, 4, 0);
	ck_assert_uint_eq(rd(CLINT_BASE + CLINT_MTIMECMP, 8), 0x7fffffff00000000ull);

	/* A write to mtime is a skip of new - old (backwards too). */
	fk.mtime = 1000;
	wr(CLINT_BASE + CLINT_MTIME, 8, 400);
	ck_assert_uint_eq(fk.mtime, 400);
	wr(CLINT_BASE + CLINT_MTIME + 4, 4, 1);
	ck_assert_uint_eq(fk.mtime, (1ull << 32) + 400);

	/* Bytes and misaligned words fault; unused offsets read zero. */
	ck_assert_int_eq(bus_read(&bus, CLINT_BASE + CLINT_MTIME, 1, &v), -1);
	ck_assert_int_eq(bus_read(&bus, CLINT_BASE + CLINT_MTIMECMP + 4, 8, &v), -1);
	ck_assert_int_eq(bus_write(&bus, CLINT_BASE + 2, 2, 1), -1);
	ck_assert_uint_eq(rd(CLINT_BASE + 0x100, 4), 0);
	ck_assert(!bus_page_is_plain_ram(&bus, CLINT_BASE));
}
END_TEST

START_TEST(test_finisher)
{
	struct finisher f;
	ck_assert_int_eq(finisher_attach(&f, &bus, &host), 0);
	wr(FINISHER_BASE, 4, 0x1234);
	ck_assert_int_eq(fk.exits, 0);
	ck_assert_uint_eq(rd(FINISHER_BASE, 4), 0);
	wr(FINISHER_BASE, 4, (42 << 16) | 0x3333);
	ck_assert_int_eq(fk.exits, 1);
	ck_assert_int_eq(fk.status, 42);
	wr(FINISHER_BASE, 4, 0x5555);
	ck_assert_int_eq(fk.exits, 2);
	ck_assert_int_eq(fk.status, 0);
	fk.status = 9;
	wr(FINISHER_BASE, 4, 0x7777);
	ck_assert_int_eq(fk.status, 0);
}
END_TEST

/* Read everything written to a tmpfile. */
static size_t slurp(FILE *f, char *buf, size_t len)
{
	fflush(f);
	rewind(f);
	size_t n = fread(buf, 1, len - 1, f);
	buf[n] = 0;
	return n;
}

START_TEST(test_uart_tx_and_regs)
{
	struct uart u;
	FILE *out = tmpfile();
	char got[64];
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(uart_attach(&u, &bus, out, -1), 0);

	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x60); /* THRE | TEMT, no data */
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0x01); /* IIR: nothing pending */
	wr(UART_BASE, 1, 'o');
	wr(UART_BASE, 1, 'k');
	ck_assert_uint_eq(slurp(out, got, sizeof(got)), 2);
	ck_assert_str_eq(got, "ok");

	/* DLAB exposes the divisor latch at 0 and 1 without touching THR/IER. */
	wr(UART_BASE + 3, 1, 0x83);
	wr(UART_BASE + 0, 1, 0x12);
	wr(UART_BASE + 1, 1, 0x34);
	ck_assert_uint_eq(rd(UART_BASE + 0, 1), 0x12);
	ck_assert_uint_eq(rd(UART_BASE + 1, 1), 0x34);
	wr(UART_BASE + 3, 1, 0x03);
	ck_assert_uint_eq(rd(UART_BASE + 3, 1), 0x03);
	ck_assert_uint_eq(rd(UART_BASE + 1, 1), 0x00);	    /* IER untouched */
	ck_assert_uint_eq(slurp(out, got, sizeof(got)), 2); /* no byte sent */

	/* Scratch, FIFO flag in IIR, THRE interrupt identification. */
	wr(UART_BASE + 7, 1, 0xa5);
	ck_assert_uint_eq(rd(UART_BASE + 7, 1), 0xa5);
	wr(UART_BASE + 2, 1, 0x07);
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0xc1);
	wr(UART_BASE + 1, 1, 0x02);
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0xc2);
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0xc1); /* the read acknowledged it */
	wr(UART_BASE, 1, '!');
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0xc2);
	ck_assert_uint_eq(rd(UART_BASE + 6, 1), 0xb0);
	fclose(out);
}
END_TEST

START_TEST(test_uart_rx)
{
	struct uart u;
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(uart_attach(&u, &bus, NULL, p[0]), 0);
	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x60);
	ck_assert_int_eq(write(p[1], "hi", 2), 2);
	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x61);
	wr(UART_BASE + 1, 1, 0x01); /* ERBFI */
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0x04);
	ck_assert_uint_eq(rd(UART_BASE, 1), 'h');
	ck_assert_uint_eq(rd(UART_BASE, 1), 'i');
	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x60);
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0x01);
	ck_assert_uint_eq(rd(UART_BASE, 1), 0); /* empty */
	close(p[1]);
	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x60);
	ck_assert(u.in_eof);
	close(p[0]);

	/* Loopback: THR comes back on RBR, MSR mirrors MCR. */
	wr(UART_BASE + 4, 1, 0x1b);
	wr(UART_BASE, 1, 'x');
	ck_assert_uint_eq(rd(UART_BASE + 5, 1), 0x61);
	ck_assert_uint_eq(rd(UART_BASE, 1), 'x');
	ck_assert_uint_eq(rd(UART_BASE + 6, 1), 0xb0); /* DSR, CTS, DCD from DTR, RTS, OUT2 */
	wr(UART_BASE + 4, 1, 0x14);		       /* loop + OUT1 */
	ck_assert_uint_eq(rd(UART_BASE + 6, 1), 0x40); /* RI */
}
END_TEST

START_TEST(test_htif)
{
	struct htif t;
	FILE *out = tmpfile();
	char got[16];
	uint8_t *ram = bus_ram_ptr(&bus, 0x80001000, 16);

	ck_assert_int_eq(htif_attach(&t, &bus, &host, 0x80001000, 0x80001008, out), 0);
	ck_assert(!bus_page_is_plain_ram(&bus, 0x80001000));
	ck_assert(bus_page_is_plain_ram(&bus, 0x80000000));
	ck_assert(bus_page_is_plain_ram(&bus, 0x80002000));

	/* Console putchar: printed, tohost cleared, fromhost acknowledged. */
	wr(0x80001000, 8, (1ull << 56) | (1ull << 48) | 'A');
	ck_assert_uint_eq(rd(0x80001000, 8), 0);
	ck_assert_uint_eq(rd(0x80001008, 8), 0x0101000000000141ull);
	ck_assert_uint_eq(slurp(out, got, sizeof(got)), 1);
	ck_assert_str_eq(got, "A");
	ck_assert_int_eq(fk.exits, 0);

	/* Exit: odd value, status v >> 1; the word reads back through RAM. */
	wr(0x80001000, 8, (21 << 1) | 1);
	ck_assert_int_eq(fk.exits, 1);
	ck_assert_int_eq(fk.status, 21);
	ck_assert_uint_eq(ram[0], 43);
	ck_assert_uint_eq(rd(0x80001000, 4), 43);

	/* tohost outside RAM is refused. */
	struct htif t2;
	ck_assert_int_eq(htif_attach(&t2, &bus, &host, 0x1000, 0, NULL), -1);
	fclose(out);
}
END_TEST

START_TEST(test_overlay_rules)
{
	struct uart u, u2;
	ck_assert_int_eq(uart_attach(&u, &bus, NULL, -1), 0);
	/* MMIO over MMIO is refused; memory over MMIO too. */
	ck_assert_int_eq(uart_attach(&u2, &bus, NULL, -1), -1);
	uint8_t *m = malloc(4096);
	ck_assert_int_eq(bus_add_mem(&bus, "x", UART_BASE, 4096, m, true), -1);
	free(m);
	/* Not plain: a page with no memory at all. */
	ck_assert(!bus_page_is_plain_ram(&bus, 0x40000000));
	ck_assert(!bus_page_is_plain_ram(&bus, 0x80000000 + (1 << 20) - 2048));
}
END_TEST

#define PLIC_CLAIM(c) (PLIC_BASE + 0x200004 + 0x1000 * (c))
#define MEIP	      (1u << IRQ_MEIP)
#define SEIP	      (1u << IRQ_SEIP)

START_TEST(test_plic)
{
	struct plic p;
	uint64_t v;
	ck_assert_int_eq(plic_attach(&p, &bus, &host), 0);

	/* A source with priority 0 never interrupts. */
	wr(PLIC_BASE + 0x2000, 4, ~0u); /* context 0 enables everything */
	ck_assert_uint_eq(rd(PLIC_BASE + 0x2000, 4), ~1u);
	plic_set_level(&p, 10, true);
	ck_assert_uint_eq(rd(PLIC_BASE + 0x1000, 4), 1u << 10);
	ck_assert_uint_eq(fk.mip, 0);
	wr(PLIC_BASE + 4 * 10, 4, 0xff);
	ck_assert_uint_eq(rd(PLIC_BASE + 4 * 10, 4), 7); /* WARL: 3 bits */
	ck_assert_uint_eq(fk.mip, MEIP);

	/* Threshold 7 masks it; 6 lets priority 7 through. */
	wr(PLIC_BASE + 0x200000, 4, 7);
	ck_assert_uint_eq(fk.mip, 0);
	wr(PLIC_BASE + 0x200000, 4, 6);
	ck_assert_uint_eq(fk.mip, MEIP);

	/* Two sources: the higher priority is claimed first, then ties go to
	 * the lower id. Context 1 (S) sees only what it enables. */
	wr(PLIC_BASE + 4 * 3, 4, 7);
	wr(PLIC_BASE + 4 * 5, 4, 2);
	wr(PLIC_BASE + 0x200000, 4, 0);
	plic_set_level(&p, 3, true);
	plic_set_level(&p, 5, true);
	wr(PLIC_BASE + 0x2080, 4, 1u << 5);
	ck_assert_uint_eq(fk.mip, MEIP | SEIP);
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), 3);
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), 10);
	ck_assert_uint_eq(rd(PLIC_CLAIM(1), 4), 5);
	ck_assert_uint_eq(fk.mip, 0); /* all in service */
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), 0);

	/* Completing a source whose line is still high pends it again; a line
	 * that went low does not. */
	plic_set_level(&p, 3, false);
	wr(PLIC_CLAIM(0), 4, 3);
	ck_assert_uint_eq(fk.mip, 0);
	wr(PLIC_CLAIM(0), 4, 10);
	ck_assert_uint_eq(fk.mip, MEIP);
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), 10);
	/* Completion from a context that does not enable the source is ignored. */
	wr(PLIC_CLAIM(1), 4, 10);
	ck_assert_uint_eq(fk.mip, 0);
	ck_assert_int_eq(bus_read(&bus, PLIC_BASE + 0x1000, 1, &v), -1);
}
END_TEST

static void uart_to_plic(void *ctx, bool level)
{
	plic_set_level(ctx, PLIC_IRQ_UART, level);
}

START_TEST(test_uart_interrupt_via_plic)
{
	struct plic p;
	struct uart u;
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(plic_attach(&p, &bus, &host), 0);
	ck_assert_int_eq(uart_attach(&u, &bus, NULL, fds[0]), 0);
	u.irq_line = uart_to_plic;
	u.irq_ctx = &p;
	wr(PLIC_BASE + 4 * PLIC_IRQ_UART, 4, 1);
	wr(PLIC_BASE + 0x2000, 4, 1u << PLIC_IRQ_UART);

	/* ETBEI with THR empty: an interrupt at once, gone after IIR is read. */
	wr(UART_BASE + 1, 1, 0x02);
	ck_assert_uint_eq(fk.mip, MEIP);
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), PLIC_IRQ_UART);
	ck_assert_uint_eq(rd(UART_BASE + 2, 1), 0x02);
	wr(PLIC_CLAIM(0), 4, PLIC_IRQ_UART);
	ck_assert_uint_eq(fk.mip, 0);

	/* Received data: uart_poll() (the board, between chunks) raises it. */
	wr(UART_BASE + 1, 1, 0x01);
	uart_poll(&u);
	ck_assert_uint_eq(fk.mip, 0);
	ck_assert_int_eq(write(fds[1], "z", 1), 1);
	uart_poll(&u);
	ck_assert_uint_eq(fk.mip, MEIP);
	ck_assert_uint_eq(rd(PLIC_CLAIM(0), 4), PLIC_IRQ_UART);
	ck_assert_uint_eq(rd(UART_BASE, 1), 'z');
	wr(PLIC_CLAIM(0), 4, PLIC_IRQ_UART);
	ck_assert_uint_eq(fk.mip, 0);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

START_TEST(test_board_dtb)
{
	static uint8_t b[8192];
	size_t n = board_dtb(b, sizeof(b), 0x80000000, 128 << 20);
	ck_assert_uint_gt(n, 1000);
	ck_assert_uint_eq(be32(b), 0xd00dfeed);
	ck_assert_uint_eq(be32(b + 4), n);   /* totalsize */
	ck_assert_uint_eq(be32(b + 20), 17); /* version */
	uint32_t off_struct = be32(b + 8), off_strings = be32(b + 12);
	ck_assert_uint_eq(be32(b + 16), 40); /* empty reservation map right after */
	ck_assert_uint_eq(be32(b + 40), 0);
	ck_assert_uint_eq(be32(b + 48), 0);
	ck_assert_uint_eq(off_struct, 56);
	ck_assert_uint_eq(off_strings, off_struct + be32(b + 36));
	ck_assert_uint_eq(off_strings + be32(b + 32), n);
	/* Root node first, FDT_END last. */
	ck_assert_uint_eq(be32(b + off_struct), 1);
	ck_assert_uint_eq(be32(b + off_struct + 4), 0);
	ck_assert_uint_eq(be32(b + off_strings - 4), 9);
	/* The memory node carries the RAM size; property names are interned. */
	ck_assert_ptr_nonnull(memmem(b, n, "memory@80000000", 16));
	static const uint8_t mem_reg[] = {0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x08, 0, 0, 0};
	ck_assert_ptr_nonnull(memmem(b, n, mem_reg, sizeof(mem_reg)));
	ck_assert_ptr_nonnull(memmem(b + off_strings, n - off_strings, "riscv,isa", 10));
	const uint8_t *reg = memmem(b + off_strings, n - off_strings, "reg", 4);
	ck_assert_ptr_nonnull(reg);
	ck_assert_ptr_null(memmem(reg + 4, b + n - reg - 4, "reg", 4));
	/* Too small a buffer: refused, not overrun. */
	ck_assert_uint_eq(board_dtb(b, 512, 0x80000000, 128 << 20), 0);
}
END_TEST

static Suite *dev_suite(void)
{
	Suite *s = suite_create("dev");
	TCase *tc = tcase_create("devices");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_bootrom);
	tcase_add_test(tc, test_clint);
	tcase_add_test(tc, test_finisher);
	tcase_add_test(tc, test_uart_tx_and_regs);
	tcase_add_test(tc, test_uart_rx);
	tcase_add_test(tc, test_htif);
	tcase_add_test(tc, test_overlay_rules);
	tcase_add_test(tc, test_plic);
	tcase_add_test(tc, test_board_dtb);
	tcase_add_test(tc, test_uart_interrupt_via_plic);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(dev_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
