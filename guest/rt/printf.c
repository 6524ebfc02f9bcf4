/*
 * printf.c - the printf family: the format parser, integers, strings,
 * characters and pointers. Floating point lives in fpconv.c.
 *
 * Conversions: d i u o x X c s p % n-less; lengths hh h l ll z j t L;
 * flags - + space # 0; width and precision, both also as '*'.
 * Output matches glibc for all of these, including "(nil)" for a NULL %p
 * and "(null)" for a NULL %s.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "format.h"

void sink_put(struct sink *s, const char *p, size_t n)
{
	if (s->file) {
		if (__stream_write(s->file, p, n) < 0)
			s->err = 1;
	} else if (s->buf && s->len + 1 < s->cap) {
		size_t room = s->cap - 1 - s->len;
		memcpy(s->buf + s->len, p, n < room ? n : room);
	}
	s->len += n;
}

void sink_pad(struct sink *s, char c, long n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	for (; n > 0; n -= (long)sizeof(chunk))
		sink_put(s, chunk, n < (long)sizeof(chunk) ? (size_t)n : sizeof(chunk));
}

/* Emit body (prefix + zeros + digits) padded to the spec's width. */
static void emit_padded(struct sink *s, const struct spec *sp, const char *prefix, long zeros,
			const char *body, size_t bodylen)
{
	size_t plen = strlen(prefix);
	long pad = sp->width - (long)(plen + (size_t)zeros + bodylen);

	if (!sp->minus)
		sink_pad(s, ' ', pad);
	sink_put(s, prefix, plen);
	sink_pad(s, '0', zeros);
	sink_put(s, body, bodylen);
	if (sp->minus)
		sink_pad(s, ' ', pad);
}

static void format_int(struct sink *s, const struct spec *sp, uintmax_t v, int neg)
{
	char digits[32], prefix[4] = "";
	const char *set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->conv == 'o'						  ? 8
			: (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16
										  : 10;
	int n = 0;
	long zeros = 0;

	for (uintmax_t t = v; t; t /= base)
		digits[sizeof(digits) - 1 - n++] = set[t % base];
	if (sp->conv == 'd' || sp->conv == 'i') {
		if (neg)
			strcpy(prefix, "-");
		else if (sp->plus)
			strcpy(prefix, "+");
		else if (sp->space)
			strcpy(prefix, " ");
	} else if (sp->alt && v && (base == 16)) {
		strcpy(prefix, sp->conv == 'X' ? "0X" : "0x");
	}
	if (sp->prec >= 0) {
		zeros = sp->prec > n ? sp->prec - n : 0;
	} else {
		if (n == 0) /* the value 0 prints as "0" unless precision is 0 */
			digits[sizeof(digits) - 1 - n++] = '0';
		if (sp->zero && !sp->minus) {
			long body = (long)strlen(prefix) + n;
			zeros = sp->width > body ? sp->width - body : 0;
		}
	}
	if (base == 8 && sp->alt && zeros == 0 && (n == 0 || digits[sizeof(digits) - n] != '0'))
		zeros = 1; /* %#o: the first digit is a 0 */
	emit_padded(s, sp, prefix, zeros, digits + sizeof(digits) - n, (size_t)n);
}

static void format_str(struct sink *s, const struct spec *sp, const char *str)
{
	size_t n;

	if (!str)
		str = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
	n = sp->prec >= 0 ? strnlen(str, (size_t)sp->prec) : strlen(str);
	emit_padded(s, sp, "", 0, str, n);
}

static int parse_num(const char **fmt)
{
	long v = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		if (v < INT_MAX / 10)
			v = v * 10 + (*(*fmt)++ - '0');
		else
			(*fmt)++;
	}
	return (int)v;
}

int __format(struct sink *s, const char *fmt, va_list ap)
{
	while (*fmt) {
		const char *start = fmt;
		struct spec sp = {.prec = -1};
		int len = 0; /* 'H' hh, 'h', 'l', 'q' ll, 'z', 'j', 't', 'L' */

		if (*fmt != '%') {
			const char *e = strchr(fmt, '%');
			size_t n = e ? (size_t)(e - fmt) : strlen(fmt);
			sink_put(s, fmt, n);
			fmt += n;
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '-')
				sp.minus = 1;
			else if (*fmt == '+')
				sp.plus = 1;
			else if (*fmt == ' ')
				sp.space = 1;
			else if (*fmt == '#')
				sp.alt = 1;
			else if (*fmt == '0')
				sp.zero = 1;
			else
				break;
		}
		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.minus = 1;
				sp.width = sp.width == INT_MIN ? INT_MAX : -sp.width;
			}
		} else {
			sp.width = parse_num(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else {
				sp.prec = parse_num(&fmt);
			}
		}
		switch (*fmt) {
		case 'h':
			len = fmt[1] == 'h' ? (fmt++, 'H') : 'h';
			fmt++;
			break;
		case 'l':
			len = fmt[1] == 'l' ? (fmt++, 'q') : 'l';
			fmt++;
			break;
		case 'z':
		case 'j':
		case 't':
		case 'L': len = *fmt++; break;
		}
		sp.conv = *fmt;
		if (*fmt)
			fmt++;
		switch (sp.conv) {
		case 'd':
		case 'i': {
			intmax_t v;
			if (len == 'l' || len == 'q' || len == 'z' || len == 'j' || len == 't')
				v = va_arg(ap, long);
			else
				v = va_arg(ap, int);
			if (len == 'h')
				v = (short)v;
			else if (len == 'H')
				v = (signed char)v;
			format_int(s, &sp, v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v,
				   v < 0);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			uintmax_t v;
			if (len == 'l' || len == 'q' || len == 'z' || len == 'j' || len == 't')
				v = va_arg(ap, unsigned long);
			else
				v = va_arg(ap, unsigned int);
			if (len == 'h')
				v = (unsigned short)v;
			else if (len == 'H')
				v = (unsigned char)v;
			format_int(s, &sp, v, 0);
			break;
		}
		case 'p': {
			void *p = va_arg(ap, void *);
			if (!p) {
				sp.prec = -1;
				format_str(s, &sp, "(nil)");
			} else {
				sp.alt = 1;
				format_int(s, &sp, (uintptr_t)p, 0);
			}
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_padded(s, &sp, "", 0, &c, 1);
			break;
		}
		case 's': format_str(s, &sp, va_arg(ap, const char *)); break;
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
			if (len == 'L')
				__format_double(s, &sp, (double)va_arg(ap, long double));
			else
				__format_double(s, &sp, va_arg(ap, double));
			break;
		case '%': sink_put(s, "%", 1); break;
		default: /* unknown conversion: print it as written, as glibc does */
			sink_put(s, start, (size_t)(fmt - start));
			break;
		}
	}
	if (s->err)
		return -1;
	return s->len > INT_MAX ? -1 : (int)s->len;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct sink s = {.buf = buf, .cap = size};
	int r = __format(&s, fmt, ap);

	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return r;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, SIZE_MAX, fmt, ap);
	va_end(ap);
	return r;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct sink s = {.file = f};

	return __format(&s, fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}
