/* /proc/self/status counts voluntary context switches: each sleep is one. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	char line[256];
	if (pipe(p) < 0)
		return 1;
	if (fork() == 0) {
		char c;
		for (int i = 0; i < 5; i++)
			if (read(p[0], &c, 1) != 1)
				break;
		_exit(0);
	}
	for (int i = 0; i < 5; i++) {
		usleep(1000);
		if (write(p[1], "x", 1) != 1)
			return 1;
	}
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "voluntary_ctxt_switches:", 24))
			fputs(line, stdout);
	wait(NULL);
	return 0;
}
