/*
 * format.h - the printf engine's output sink, shared by printf.c (the
 * format parser and integer conversions), fpconv.c (floating point) and
 * stdio.c (streams).
 *
 * A sink either counts (no buf, no file), fills a caller's buffer up to
 * cap - 1 bytes (snprintf), or writes into a stream. len counts every
 * byte produced, as printf's return value does.
 */
#ifndef _RT_FORMAT_H
#define _RT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct sink {
	char *buf;
	size_t cap;
	FILE *file;
	size_t len;
	int err;
};

/* A parsed conversion specification (flags, width, precision). */
struct spec {
	int minus, plus, space, alt, zero;
	int width;
	int prec; /* -1: not given */
	char conv;
};

void sink_put(struct sink *s, const char *p, size_t n);
void sink_pad(struct sink *s, char c, long n);

/* Format 'fmt' with 'ap' into s; returns bytes produced or -1. */
int __format(struct sink *s, const char *fmt, va_list ap);

/* %f %F %e %E %g %G of x, exactly rounded (ties to even) as glibc does. */
void __format_double(struct sink *s, const struct spec *sp, double x);

/* stdio.c: append bytes to a stream's buffer, flushing as its mode says. */
int __stream_write(FILE *f, const char *p, size_t n);

#endif
