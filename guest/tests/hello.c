/*
 * hello.c - the first program users run: printf with floats, argv, and an
 * exit status of its own.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	double x = 1.0;
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	for (int i = 0; i < 5; i++) {
		printf("%d: %.6f %e %g\n", i, x, x * 1e10, x / 3);
		x *= 3.14159;
	}
	printf("hello, world (argc %d)\n", argc);
	return argc + 40;
}
