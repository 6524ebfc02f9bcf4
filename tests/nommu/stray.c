/*
 * stray.c - touch memory that is not this process's (the first page of RAM,
 * which holds the kernel's data): through a system call, then directly.
 * Under --nommu both work; under --nommu --pmp the call fails with EFAULT
 * and the load is an access fault: SIGSEGV (status 139).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	const volatile unsigned char *ram = (const volatile unsigned char *)0x80000000ul;
	int fd[2];
	unsigned char byte;
	long n;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe(fd) < 0)
		return 2;
	n = write(fd[1], (const void *)ram, 16);
	printf("write from another's memory: %s\n", n == 16 ? "16 bytes" : strerror(errno));
	byte = ram[8];
	(void)byte;
	printf("load from another's memory: done\n");
	return 0;
}
