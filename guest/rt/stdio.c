/*
 * stdio.c - the three standard streams, their buffers, and character I/O.
 *
 * Buffering follows glibc: stdout is line-buffered when it is a terminal
 * and fully buffered (BUFSIZ) otherwise, decided at its first use; stderr
 * is unbuffered; reading stdin first flushes a line-buffered stdout.
 * exit() flushes everything through __stdio_flush_all(). Buffers are
 * static arrays, so printing never calls malloc or mmap.
 *
 * There is no fopen(): the runtime offers the standard streams only.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "format.h"
#include "rt.h"

#define MODE_UNSET (-1)

struct rt_file {
	int fd;
	int mode; /* _IOFBF, _IOLBF, _IONBF, or MODE_UNSET until first use */
	char *buf;
	size_t size; /* capacity of buf */
	size_t len;  /* output: bytes waiting; input: bytes held */
	size_t pos;  /* input: next byte to hand out */
	int eof, err;
};

static char outbuf[BUFSIZ], inbuf[BUFSIZ];

static struct rt_file files[3] = {
    {.fd = 0, .mode = MODE_UNSET, .buf = inbuf, .size = BUFSIZ},
    {.fd = 1, .mode = MODE_UNSET, .buf = outbuf, .size = BUFSIZ},
    {.fd = 2, .mode = _IONBF},
};

FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];

int __write_all(int fd, const char *p, unsigned long n)
{
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (unsigned long)r;
	}
	return 0;
}

static void decide_mode(FILE *f)
{
	if (f->mode == MODE_UNSET)
		f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
}

static int flush_out(FILE *f)
{
	int r = 0;

	if (f->len && f->fd != 0) {
		r = __write_all(f->fd, f->buf, f->len);
		if (r < 0)
			f->err = 1;
		f->len = 0;
	}
	return r;
}

int fflush(FILE *f)
{
	if (!f) {
		__stdio_flush_all();
		return 0;
	}
	return flush_out(f) < 0 ? EOF : 0;
}

void __stdio_flush_all(void)
{
	flush_out(stdout);
	flush_out(stderr);
}

int __stream_write(FILE *f, const char *p, size_t n)
{
	if (f == stdin) { /* an input stream */
		f->err = 1;
		errno = EBADF;
		return -1;
	}
	decide_mode(f);
	if (f->mode == _IONBF || !f->buf) {
		if (flush_out(f) < 0 || __write_all(f->fd, p, n) < 0) {
			f->err = 1;
			return -1;
		}
		return 0;
	}
	while (n) {
		size_t room = f->size - f->len, k = n < room ? n : room;
		memcpy(f->buf + f->len, p, k);
		f->len += k;
		p += k;
		n -= k;
		if (f->len == f->size && flush_out(f) < 0)
			return -1;
	}
	if (f->mode == _IOLBF && f->len && memchr(f->buf, '\n', f->len))
		return flush_out(f);
	return 0;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	flush_out(f);
	f->mode = mode;
	if (buf && size) {
		f->buf = buf;
		f->size = size;
	}
	return 0;
}

int fileno(FILE *f)
{
	return f->fd;
}

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	return __stream_write(f, p, size * n) < 0 ? 0 : n;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	return __stream_write(f, &ch, 1) < 0 ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	return __stream_write(f, s, strlen(s)) < 0 ? EOF : 0;
}

int puts(const char *s)
{
	if (__stream_write(stdout, s, strlen(s)) < 0 || __stream_write(stdout, "\n", 1) < 0)
		return EOF;
	return 0;
}

void perror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}

/* Refill an input stream's buffer; 0 when bytes are available, EOF otherwise. */
static int refill(FILE *f)
{
	ssize_t r;

	if (f->pos < f->len)
		return 0;
	decide_mode(stdout);
	if (stdout->mode == _IOLBF)
		flush_out(stdout);
	do
		r = read(f->fd, f->buf, f->size);
	while (r < 0 && errno == EINTR);
	f->pos = 0;
	f->len = r > 0 ? (size_t)r : 0;
	if (r == 0)
		f->eof = 1;
	if (r < 0)
		f->err = 1;
	return r > 0 ? 0 : EOF;
}

int fgetc(FILE *f)
{
	if (f != stdin || refill(f) == EOF)
		return EOF;
	return (unsigned char)f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *d = p;
	size_t want = size * n, got = 0;

	if (!size || !n)
		return 0;
	while (got < want) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		d[got++] = (unsigned char)c;
	}
	return got / size;
}

int feof(FILE *f)
{
	return f->eof;
}

int ferror(FILE *f)
{
	return f->err;
}

extern const char *__progname;

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line,
			     const char *func)
{
	fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", __progname, file, line, func,
		expr);
	abort();
}
