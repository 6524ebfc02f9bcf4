/*
 * stdlib.c - number conversions, the environment, atexit and exit.
 *
 * exit() runs atexit handlers newest first, then flushes every stdio
 * stream, then ends the whole process (exit_group), as glibc does.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rt.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__stdio_flush_all();
	_exit(status);
}

/* SIGABRT with the default action, whatever the program installed. */
_Noreturn void abort(void)
{
	struct sigaction sa = {.sa_handler = SIG_DFL};

	raise(SIGABRT);
	sigaction(SIGABRT, &sa, NULL);
	raise(SIGABRT);
	_exit(127);
}

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/*
 * The common parser: skip space, read a sign, a base prefix (0x for 16 or
 * 0), digits. Returns the magnitude clamped to 'limit' (ERANGE when
 * clamped), stores the sign in *neg and the end in *end (s if no digits).
 */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit,
				int *neg)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0, overflow = 0;

	*neg = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);
		if (d >= base)
			break;
		any = 1;
		if (v > (limit - (unsigned)d) / (unsigned)base)
			overflow = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (overflow) {
		errno = ERANGE;
		return limit;
	}
	return v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg;
	unsigned long long v = parse(s, end, base, (unsigned long long)LLONG_MAX + 1, &neg);

	if (!neg && v > LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)strtoll(s, end, base);
}

/* As C says: a leading '-' negates the unsigned value. */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg;
	int saved = errno;
	unsigned long long v;

	errno = 0;
	v = parse(s, end, base, ULLONG_MAX, &neg);
	if (errno == ERANGE)
		return ULLONG_MAX;
	if (!errno)
		errno = saved;
	return neg ? 0 - v : v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}
