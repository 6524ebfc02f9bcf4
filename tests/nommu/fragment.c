/*
 * fragment.c - a contiguous allocation failing with plenty of free memory
 * (guest program for rvmm --nommu, built with rvmm-cc).
 *
 * It maps single pages until only about 1 MiB stays free, then unmaps every
 * page whose page number is odd: half of that memory is free again, but no
 * two free pages are buddies, so the buddy allocator has no block larger
 * than what the 1 MiB reserve holds. A 2 MiB anonymous mmap (order 9) then
 * fails with ENOMEM although /proc/meminfo shows far more than 2 MiB free,
 * and /proc/buddyinfo shows why. Fixed lines only (tests compare them).
 * When a Movable zone exists (the NOMMU default), user memory comes from it
 * alone, so the page count and the largest block are that zone's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXPAGES 65536

static char *pages[MAXPAGES];

static long read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return n;
}

static long mem_free_kb(void)
{
	char buf[4096], *l;
	read_file("/proc/meminfo", buf, sizeof(buf));
	l = strstr(buf, "MemFree:");
	return l ? strtol(l + 8, NULL, 10) : -1;
}

/*
 * The highest order with a free block in zone only (or any zone if zone is
 * NULL) of /proc/buddyinfo, -1 if none; *kb gets those zones' free KiB.
 */
static int largest_free_order(const char *zone, long *kb)
{
	char buf[4096];
	int best = -1;
	*kb = 0;
	read_file("/proc/buddyinfo", buf, sizeof(buf));
	for (char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		char *s = strstr(l, "zone");
		char *e = strchr(l, '\n');
		if (!s)
			continue;
		s += 4;
		while (*s == ' ')
			s++;
		if (zone && strncmp(s, zone, strlen(zone)))
			continue;
		while (*s && *s != ' ')
			s++; /* the zone's name */
		for (int order = 0; s && (!e || s < e); order++) {
			char *end;
			long n = strtol(s, &end, 10);
			if (end == s)
				break;
			if (n > 0 && order > best)
				best = order;
			*kb += (n << order) * 4;
			s = end;
		}
	}
	return best;
}

int main(void)
{
	char buf[4096];
	const char *zone = NULL;
	long held = 0, freed = 0, kb;
	char *big;

	read_file("/proc/buddyinfo", buf, sizeof(buf));
	if (strstr(buf, "Movable"))
		zone = "Movable";
	largest_free_order(zone, &kb);
	long want = (kb - 1024) / 4;

	setvbuf(stdout, NULL, _IONBF, 0);
	big = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("fragment: mmap 2 MiB before fragmenting: %s\n",
	       big == MAP_FAILED ? strerror(errno) : "mapped");
	if (big != MAP_FAILED)
		munmap(big, 2 << 20);
	if (want <= 0 || want > MAXPAGES) {
		printf("fragment: unexpected MemFree\n");
		return 1;
	}
	for (; held < want; held++) {
		pages[held] =
		    mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (pages[held] == MAP_FAILED)
			break;
		pages[held][0] = 1;
	}
	for (long i = 0; i < held; i++)
		if (((unsigned long)pages[i] >> 12) & 1) {
			munmap(pages[i], 4096);
			freed++;
		}
	printf("fragment: mapped %s single pages, unmapped every odd-numbered one\n",
	       held > 1000 ? "over 1000" : "few");
	printf("fragment: MemFree above 2 MiB: %s\n", mem_free_kb() > 2048 ? "yes" : "no");
	printf("fragment: largest free block below order 9 (2 MiB): %s\n",
	       largest_free_order(zone, &kb) < 9 ? "yes" : "no");
	big = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("fragment: mmap 2 MiB: %s\n", big == MAP_FAILED ? strerror(errno) : "mapped");
	big = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("fragment: mmap 4 KiB: %s\n", big == MAP_FAILED ? strerror(errno) : "mapped");
	(void)freed;
	return 0;
}
