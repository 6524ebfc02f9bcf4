/*
 * swapon - `swapon --show` for rvmm: the swap devices from /proc/swaps with
 * sizes in human units, and what meminfo says (SwapTotal, SwapFree,
 * SwapCached).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void human(unsigned long kb, char *out)
{
	if (kb >= 1024 * 1024)
		sprintf(out, "%.1fG", kb / 1048576.0);
	else if (kb >= 1024)
		sprintf(out, "%.1fM", kb / 1024.0);
	else
		sprintf(out, "%luK", kb);
}

int main(void)
{
	char line[512], name[256], type[32], size[16], used[16];
	unsigned long sz, us;
	int prio, n = 0;
	FILE *f = fopen("/proc/swaps", "r");
	if (!f) {
		perror("/proc/swaps");
		return 1;
	}
	if (!fgets(line, sizeof(line), f)) /* the header */
		return 1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %31s %lu %lu %d", name, type, &sz, &us, &prio) != 5)
			continue;
		if (!n++)
			printf("%-24s %-10s %8s %8s %5s\n", "NAME", "TYPE", "SIZE", "USED", "PRIO");
		human(sz, size);
		human(us, used);
		printf("%-24s %-10s %8s %8s %5d\n", name, type, size, used, prio);
	}
	fclose(f);
	if (!n)
		printf("no swap\n");
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "Swap", 4))
			fputs(line, stdout);
	if (f)
		fclose(f);
	return 0;
}
