/*
 * klog.h - the kernel log: printk() with Linux's KERN_* levels, a ring buffer
 * of records stamped with guest time, and sinks (a --log FILE, stderr with
 * --verbose). Readers (dmesg, /dev/kmsg, /proc/kmsg) walk the ring by sequence
 * number, so a slow reader sees a gap, never a torn record.
 *
 * Also the kernel's panic()/BUG_ON()/WARN_ON(): invariant violations name the
 * function and the reason.
 *
 * Invariants: sequence numbers increase by one per record; the ring holds the
 * newest records that fit in KLOG_BUF_SIZE bytes of text; the first record kept
 * is klog_first_seq().
 */
#ifndef RVMM_OS_KLOG_H
#define RVMM_OS_KLOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>

/* A message starts with KERN_SOH and a level digit, as in Linux. */
#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT    KERN_SOH "c"

#define LOGLEVEL_EMERG		 0
#define LOGLEVEL_ERR		 3
#define LOGLEVEL_WARNING	 4
#define LOGLEVEL_NOTICE		 5
#define LOGLEVEL_INFO		 6
#define LOGLEVEL_DEBUG		 7
#define MESSAGE_LOGLEVEL_DEFAULT 4 /* level of a message without a KERN_ prefix */

#define KLOG_BUF_SIZE (64 * 1024) /* bytes of message text the ring keeps */
#define KLOG_LINE_MAX 1024	  /* longest single record */

/* One record as a reader sees it. */
struct klog_record {
	uint64_t seq;
	uint64_t ts_ns; /* guest time in nanoseconds */
	int level;
	char text[KLOG_LINE_MAX]; /* without the trailing newline */
};

/* Log a message; returns the number of characters of text stored. */
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#define pr_emerg(...)  printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)    printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)   printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)   printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)  printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...)   printk(KERN_CONT __VA_ARGS__)

/* Where guest time comes from (the machine's instruction-derived clock).
 * Without a clock every record is stamped 0. */
void klog_set_clock(uint64_t (*now_ns)(void *arg), void *arg);

/* Sinks: every record at or below console_level (numerically) also goes to
 * the console stream (stderr for --verbose); every record goes to the log file
 * (--log FILE). NULL disables a sink. Lines are formatted as dmesg prints them. */
void klog_set_console(FILE *f, int console_level);
void klog_set_file(FILE *f);

/* Sequence number of the oldest record still in the ring, and of the next record to come. */
uint64_t klog_first_seq(void);
uint64_t klog_next_seq(void);

/* Copy the record with sequence number >= *seq (the oldest kept if *seq fell
 * out of the ring) into r and set *seq past it. 1 if a record was read, 0 at the end. */
int klog_read(uint64_t *seq, struct klog_record *r);

/* Format a record like dmesg ("[    1.234567] text\n") or /dev/kmsg
 * ("6,12,1234567,-;text\n"). Return the length as snprintf does. */
int klog_format_dmesg(const struct klog_record *r, char *buf, size_t size);
int klog_format_kmsg(const struct klog_record *r, char *buf, size_t size);

/* Write every kept record into buf as dmesg would print it; returns bytes needed (snprintf-like).
 */
size_t klog_dmesg_show(char *buf, size_t size);

/* Empty the ring (tests, a fresh boot). Sinks and the clock stay. */
void klog_reset(void);

/* Count of records whose text contains needle (tests use it to assert a warning was logged). */
unsigned klog_count_matching(const char *needle);

/* An invariant is broken: log at KERN_EMERG, flush the sinks, write to stderr and abort. */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (cond)                                                                          \
			panic("%s: BUG_ON(%s) at %s:%d", __func__, #cond, __FILE__, __LINE__);     \
	} while (0)

/* Log a warning with its location once per call site and evaluate to cond. */
#define WARN_ON_ONCE(cond)                                                                         \
	({                                                                                         \
		static int __warned;                                                               \
		int __c = !!(cond);                                                                \
		if (__c && !__warned) {                                                            \
			__warned = 1;                                                              \
			printk(KERN_WARNING "WARNING: %s at %s:%d: %s\n", __func__, __FILE__,      \
			       __LINE__, #cond);                                                   \
		}                                                                                  \
		__c;                                                                               \
	})

#endif
