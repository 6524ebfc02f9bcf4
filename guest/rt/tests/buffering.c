/*
 * buffering.c - when stdout reaches the file descriptor. Lines through
 * stdout interleave with direct writes to stderr: on a terminal stdout is
 * line-buffered (each line leaves at its '\n'), anywhere else it is fully
 * buffered (everything leaves at exit). tests/integ/rt.sh runs it with
 * both streams on one pipe and on one pseudo-terminal.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void raw(const char *s)
{
	write(2, s, strlen(s));
}

int main(void)
{
	printf("out 1\n");
	raw("err 1\n");
	printf("out 2 without newline...");
	raw("err 2\n");
	printf(" ...ended\n");
	fputs("out 3\n", stderr); /* stderr is unbuffered */
	printf("out 4\n");
	return 0;
}
