/*
 * klog.c - the kernel log ring (printk), its readers and sinks, and panic().
 *
 * Storage: record headers in a circular array and their text in a circular
 * byte buffer of KLOG_BUF_SIZE; the oldest records are dropped when either is
 * full. Like Linux's log_buf it is a fixed buffer of the kernel image (static
 * data), not something that grows with guest activity.
 *
 * A printk with several lines stores one record per line; KERN_CONT appends
 * to the newest record. Invariant: records [first_seq, next_seq) are kept,
 * in order, and text_used is the sum of their lengths.
 */
#include "os/klog.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define KLOG_MAX_RECORDS 4096

struct klog_hdr {
	uint64_t ts_ns;
	uint32_t off, len; /* text position in the ring and its length */
	int level;
};

static struct {
	struct klog_hdr hdr[KLOG_MAX_RECORDS];
	char text[KLOG_BUF_SIZE];
	uint64_t first_seq, next_seq;
	uint32_t text_head; /* where the next text byte goes */
	uint32_t text_used;
	uint64_t (*now_ns)(void *arg);
	void *clock_arg;
	FILE *console, *file;
	int console_level;
	bool in_panic;
} klog = {.console_level = LOGLEVEL_WARNING};

static struct klog_hdr *hdr_of(uint64_t seq)
{
	return &klog.hdr[seq % KLOG_MAX_RECORDS];
}

static void drop_oldest(void)
{
	struct klog_hdr *h = hdr_of(klog.first_seq);
	klog.text_used -= h->len;
	klog.first_seq++;
}

static void text_copy_in(uint32_t off, const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		klog.text[(off + i) % KLOG_BUF_SIZE] = s[i];
}

static void text_copy_out(const struct klog_hdr *h, char *out)
{
	for (uint32_t i = 0; i < h->len; i++)
		out[i] = klog.text[(h->off + i) % KLOG_BUF_SIZE];
	out[h->len] = '\0';
}

static void emit_to_sinks(uint64_t seq)
{
	if (!klog.console && !klog.file)
		return;
	struct klog_record r;
	uint64_t s = seq;
	if (!klog_read(&s, &r))
		return;
	char line[KLOG_LINE_MAX + 32];
	klog_format_dmesg(&r, line, sizeof(line));
	if (klog.console && r.level <= klog.console_level)
		fputs(line, klog.console);
	if (klog.file)
		fputs(line, klog.file);
}

/* Store one line (no newline) as a record, or append it to the newest one. */
static void store_line(int level, const char *s, uint32_t len, bool cont)
{
	if (len > KLOG_LINE_MAX - 1)
		len = KLOG_LINE_MAX - 1;
	if (cont && klog.next_seq > klog.first_seq) {
		struct klog_hdr *h = hdr_of(klog.next_seq - 1);
		if (h->len + len > KLOG_LINE_MAX - 1)
			len = KLOG_LINE_MAX - 1 - h->len;
		while (klog.text_used + len > KLOG_BUF_SIZE && klog.first_seq < klog.next_seq - 1)
			drop_oldest();
		text_copy_in(klog.text_head, s, len);
		klog.text_head = (klog.text_head + len) % KLOG_BUF_SIZE;
		klog.text_used += len;
		h->len += len;
		return;
	}
	while (klog.next_seq > klog.first_seq &&
	       (klog.text_used + len > KLOG_BUF_SIZE ||
		klog.next_seq - klog.first_seq >= KLOG_MAX_RECORDS))
		drop_oldest();
	struct klog_hdr *h = hdr_of(klog.next_seq);
	h->ts_ns = klog.now_ns ? klog.now_ns(klog.clock_arg) : 0;
	h->level = level;
	h->off = klog.text_head;
	h->len = len;
	text_copy_in(klog.text_head, s, len);
	klog.text_head = (klog.text_head + len) % KLOG_BUF_SIZE;
	klog.text_used += len;
	klog.next_seq++;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[KLOG_LINE_MAX * 2];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	const char *p = buf;
	int level = MESSAGE_LOGLEVEL_DEFAULT;
	bool cont = false;
	while (p[0] == KERN_SOH[0] && p[1]) {
		if (p[1] >= '0' && p[1] <= '7')
			level = p[1] - '0';
		else if (p[1] == 'c')
			cont = true;
		p += 2;
	}
	if (cont && klog.next_seq > klog.first_seq)
		level = hdr_of(klog.next_seq - 1)->level;
	int stored = 0;
	uint64_t before = klog.next_seq;
	bool appended = cont && klog.next_seq > klog.first_seq;
	while (*p) {
		const char *nl = strchr(p, '\n');
		uint32_t len = nl ? (uint32_t)(nl - p) : (uint32_t)strlen(p);
		store_line(level, p, len, cont);
		stored += (int)len;
		cont = false;
		p += len;
		if (*p == '\n')
			p++;
	}
	/* Sinks get whole new records; an appended continuation was already shown
	 * with its record, so they get it again, complete. */
	for (uint64_t s = appended ? before - 1 : before; s < klog.next_seq; s++)
		emit_to_sinks(s);
	return stored;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void klog_set_clock(uint64_t (*now_ns)(void *arg), void *arg)
{
	klog.now_ns = now_ns;
	klog.clock_arg = arg;
}

void klog_set_console(FILE *f, int console_level)
{
	klog.console = f;
	klog.console_level = console_level;
}

void klog_set_file(FILE *f)
{
	klog.file = f;
}

uint64_t klog_first_seq(void)
{
	return klog.first_seq;
}

uint64_t klog_next_seq(void)
{
	return klog.next_seq;
}

int klog_read(uint64_t *seq, struct klog_record *r)
{
	uint64_t s = *seq < klog.first_seq ? klog.first_seq : *seq;
	if (s >= klog.next_seq)
		return 0;
	const struct klog_hdr *h = hdr_of(s);
	r->seq = s;
	r->ts_ns = h->ts_ns;
	r->level = h->level;
	text_copy_out(h, r->text);
	*seq = s + 1;
	return 1;
}

int klog_format_dmesg(const struct klog_record *r, char *buf, size_t size)
{
	return snprintf(buf, size, "[%5llu.%06llu] %s\n",
			(unsigned long long)(r->ts_ns / 1000000000ULL),
			(unsigned long long)(r->ts_ns % 1000000000ULL / 1000), r->text);
}

int klog_format_kmsg(const struct klog_record *r, char *buf, size_t size)
{
	/* facility 0 (kernel): the prefix is just the level */
	return snprintf(buf, size, "%d,%llu,%llu,-;%s\n", r->level, (unsigned long long)r->seq,
			(unsigned long long)(r->ts_ns / 1000), r->text);
}

size_t klog_dmesg_show(char *buf, size_t size)
{
	size_t len = 0;
	uint64_t seq = klog.first_seq;
	struct klog_record r;
	while (klog_read(&seq, &r)) {
		char line[KLOG_LINE_MAX + 32];
		int n = klog_format_dmesg(&r, line, sizeof(line));
		if (len + (size_t)n < size)
			memcpy(buf + len, line, (size_t)n + 1);
		else if (len < size)
			buf[len] = '\0';
		len += (size_t)n;
	}
	if (len == 0 && size)
		buf[0] = '\0';
	return len;
}

void klog_reset(void)
{
	klog.first_seq = klog.next_seq = 0;
	klog.text_head = klog.text_used = 0;
}

unsigned klog_count_matching(const char *needle)
{
	unsigned n = 0;
	uint64_t seq = klog.first_seq;
	struct klog_record r;
	while (klog_read(&seq, &r))
		if (strstr(r.text, needle))
			n++;
	return n;
}

noreturn void panic(const char *fmt, ...)
{
	char msg[KLOG_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!klog.in_panic) {
		klog.in_panic = true;
		printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	}
	if (klog.file)
		fflush(klog.file);
	if (klog.console != stderr)
		fprintf(stderr, "rvmm: kernel panic: %s\n", msg);
	fflush(stderr);
	abort();
}
