/*
 * uart.c - a 16550A UART at 0x10000000 (byte registers, reg-shift 0).
 *
 * Transmit is instantaneous: a byte written to THR goes to u->out at once, so
 * LSR always shows THRE and TEMT. Receive polls u->in_fd without blocking when
 * the guest looks (LSR or RBR) and the receive buffer is empty; end of file
 * leaves DR clear for good. MCR loopback sends THR to the receiver instead.
 * The interrupt output follows IIR (high while IIR reports a cause) and is
 * wired by the board to PLIC source 10, as on QEMU virt; the board calls
 * uart_poll() between chunks so that input arriving raises the interrupt.
 */
#include "emu/devices.h"

#include <poll.h>
#include <unistd.h>

#include "emu/bus.h"

enum {
	UART_RBR_THR = 0, /* DLL when LCR.DLAB */
	UART_IER = 1,	  /* DLM when LCR.DLAB */
	UART_IIR_FCR = 2,
	UART_LCR = 3,
	UART_MCR = 4,
	UART_LSR = 5,
	UART_MSR = 6,
	UART_SCR = 7,
};
#define LCR_DLAB   0x80
#define LSR_DR	   0x01
#define LSR_THRE   0x20
#define LSR_TEMT   0x40
#define IER_ERBFI  0x01
#define IER_ETBEI  0x02
#define IIR_NONE   0x01
#define IIR_THRE   0x02
#define IIR_RDA	   0x04
#define IIR_FIFO   0xc0
#define MCR_LOOP   0x10
#define FCR_ENABLE 0x01
#define FCR_CLR_RX 0x02

static void uart_rx_push(struct uart *u, uint8_t c)
{
	if (u->rx_count == UART_RX_BUF)
		return; /* overrun: the byte is lost, as on the real part */
	u->rx[(u->rx_head + u->rx_count) % UART_RX_BUF] = c;
	u->rx_count++;
}

/* Fill the receive buffer from in_fd if it is empty and input is waiting. */
static void uart_poll_input(struct uart *u)
{
	if (u->rx_count || u->in_fd < 0 || u->in_eof || (u->mcr & MCR_LOOP))
		return;
	struct pollfd pfd = {.fd = u->in_fd, .events = POLLIN};
	if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP)))
		return;
	uint8_t buf[UART_RX_BUF];
	ssize_t n = read(u->in_fd, buf, sizeof(buf));
	if (n <= 0) {
		u->in_eof = true;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		uart_rx_push(u, buf[i]);
}

static uint8_t uart_iir(const struct uart *u)
{
	uint8_t fifo = u->fifo_on ? IIR_FIFO : 0;
	if ((u->ier & IER_ERBFI) && u->rx_count)
		return fifo | IIR_RDA;
	if ((u->ier & IER_ETBEI) && u->thre_irq)
		return fifo | IIR_THRE;
	return fifo | IIR_NONE;
}

/* Drive the interrupt output from the current state. */
static void uart_update_irq(struct uart *u)
{
	bool level = !(uart_iir(u) & IIR_NONE);

	if (level != u->irq_level) {
		u->irq_level = level;
		if (u->irq_line)
			u->irq_line(u->irq_ctx, level);
	}
}

void uart_poll(struct uart *u)
{
	if (u->ier & IER_ERBFI)
		uart_poll_input(u);
	uart_update_irq(u);
}

static int uart_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
	struct uart *u = dev;
	uint8_t v = 0;

	switch (off) {
	case UART_RBR_THR:
		if (u->lcr & LCR_DLAB) {
			v = u->dll;
			break;
		}
		uart_poll_input(u);
		if (u->rx_count) {
			v = u->rx[u->rx_head];
			u->rx_head = (u->rx_head + 1) % UART_RX_BUF;
			u->rx_count--;
		}
		break;
	case UART_IER: v = (u->lcr & LCR_DLAB) ? u->dlm : u->ier; break;
	case UART_IIR_FCR:
		v = uart_iir(u);
		if ((v & 0x0f) == IIR_THRE)
			u->thre_irq = false; /* reading IIR acknowledges THRE */
		break;
	case UART_LCR: v = u->lcr; break;
	case UART_MCR: v = u->mcr; break;
	case UART_LSR:
		uart_poll_input(u);
		v = LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0);
		break;
	case UART_MSR:
		if (u->mcr & MCR_LOOP) /* DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD */
			v = (uint8_t)(((u->mcr & 1) << 5) | ((u->mcr & 2) << 3) |
				      ((u->mcr & 4) << 4) | ((u->mcr & 8) << 4));
		else
			v = 0xb0; /* DCD, DSR, CTS: a peer is connected */
		break;
	case UART_SCR: v = u->scr; break;
	default: break;
	}
	*val = v;
	uart_update_irq(u);
	return 0;
}

static int uart_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
	struct uart *u = dev;
	uint8_t v = (uint8_t)val;

	switch (off) {
	case UART_RBR_THR:
		if (u->lcr & LCR_DLAB) {
			u->dll = v;
		} else if (u->mcr & MCR_LOOP) {
			uart_rx_push(u, v);
			u->thre_irq = true;
		} else {
			if (u->out) {
				fputc(v, u->out);
				if (v == '\n')
					fflush(u->out);
			}
			u->thre_irq = true; /* sent at once: THR is empty again */
		}
		break;
	case UART_IER:
		if (u->lcr & LCR_DLAB) {
			u->dlm = v;
			break;
		}
		if (!(u->ier & IER_ETBEI) && (v & IER_ETBEI))
			u->thre_irq = true; /* enabling ETBEI with THR empty interrupts */
		u->ier = v & 0x0f;
		break;
	case UART_IIR_FCR:
		u->fifo_on = v & FCR_ENABLE;
		if (v & FCR_CLR_RX)
			u->rx_count = 0;
		break;
	case UART_LCR: u->lcr = v; break;
	case UART_MCR: u->mcr = v & 0x1f; break;
	case UART_SCR: u->scr = v; break;
	default: /* LSR, MSR: read-only */ break;
	}
	uart_update_irq(u);
	return 0;
}

static const struct mmio_ops uart_ops = {uart_read, uart_write};

int uart_attach(struct uart *u, struct bus *bus, FILE *out, int in_fd)
{
	*u = (struct uart){.out = out, .in_fd = in_fd};
	return bus_add_mmio(bus, "uart", UART_BASE, UART_SIZE, &uart_ops, u);
}
