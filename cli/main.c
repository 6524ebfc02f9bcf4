/*
 * main.c - the rvmm command line.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("rvmm %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "rvmm: nothing to run yet\n");
	return 2;
}
