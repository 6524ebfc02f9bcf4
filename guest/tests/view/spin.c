/*
 * spin.c - a program that runs until it is stopped, built with rvmm's own
 * runtime (rvmm-cc: static-pie), so it runs both with the MMU and in NOMMU
 * mode. tests/integ/view_restart.sh restarts it with the window's `m` key.
 * It says it started, then keeps 64 KiB of static data busy.
 */
#include <unistd.h>

static volatile long data[8192];

int main(void)
{
	static const char hello[] = "spin: running\n";

	write(1, hello, sizeof(hello) - 1);
	for (unsigned long i = 0;; i++)
		data[(i * 67) & 8191] += (long)i;
}
