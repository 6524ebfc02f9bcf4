/*
 * sysctl - /proc/sys/vm from a guest program: drop_caches empties the page
 * cache of a file it has read (Cached in /proc/meminfo falls), the knobs
 * read back what was written, and bad values are EINVAL.
 *   sysctl PATH MIB
 * Prints one line per check ("name value"), then "ok".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VM "/proc/sys/vm/"

static long meminfo(const char *key)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':')
			v = atol(line + strlen(key) + 1);
	if (f)
		fclose(f);
	return v;
}

/* write(2) s to VM name: 0 or the errno. */
static int put(const char *name, const char *s)
{
	char path[64];
	snprintf(path, sizeof(path), VM "%s", name);
	int fd = open(path, O_WRONLY), err = 0;
	if (fd < 0)
		return errno;
	if (write(fd, s, strlen(s)) < 0)
		err = errno;
	close(fd);
	return err;
}

static long get(const char *name)
{
	char path[64], buf[32] = "";
	snprintf(path, sizeof(path), VM "%s", name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atol(buf) : -1;
}

int main(int argc, char **argv)
{
	static char buf[4096];
	size_t bytes = (argc > 2 ? strtoul(argv[2], NULL, 0) : 4) << 20;
	struct stat st;
	struct dirent *d;
	DIR *dir = opendir(VM);

	printf("ls");
	while (dir && (d = readdir(dir)))
		if (d->d_name[0] != '.')
			printf(" %s", d->d_name);
	printf("\n");
	if (dir)
		closedir(dir);
	if (stat(VM "drop_caches", &st) == 0)
		printf("drop_caches_mode %o\n", st.st_mode);
	if (stat(VM "swappiness", &st) == 0)
		printf("swappiness_mode %o\n", st.st_mode);
	printf("drop_caches_read %s\n", get("drop_caches") == -EACCES ? "EACCES" : "allowed");

	int fd = open(argc > 1 ? argv[1] : "/tmp/sysctl.data", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 2;
	for (size_t o = 0; o < bytes; o += sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return 3;
	lseek(fd, 0, SEEK_SET);
	for (size_t o = 0; o < bytes; o += sizeof(buf))
		if (read(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return 3;
	close(fd);
	long before = meminfo("Cached");
	printf("drop_caches_1 %d\n", put("drop_caches", "1\n"));
	long after = meminfo("Cached");
	printf("cached_dropped_at_least_file %d\n", before - after >= (long)(bytes >> 10));
	printf("cached_after %ld\n", after);
	printf("drop_caches_0 %s\n", strerror(put("drop_caches", "0")));
	printf("drop_caches_5 %s\n", strerror(put("drop_caches", "5")));
	printf("drop_caches_junk %s\n", strerror(put("drop_caches", "1x")));
	printf("drop_caches_3 %d\n", put("drop_caches", "3"));

	printf("swappiness %ld\n", get("swappiness"));
	printf("swappiness_set %d\n", put("swappiness", "100\n"));
	printf("swappiness %ld\n", get("swappiness"));
	printf("swappiness_201 %s\n", strerror(put("swappiness", "201")));
	printf("swappiness_neg %s\n", strerror(put("swappiness", "-1")));
	printf("swappiness_empty %s\n", strerror(put("swappiness", "\n")));
	printf("swappiness %ld\n", get("swappiness"));

	long mfk = get("min_free_kbytes");
	printf("min_free_kbytes_set %d\n", put("min_free_kbytes", "2048"));
	printf("min_free_kbytes %ld\n", get("min_free_kbytes"));
	put("min_free_kbytes", mfk > 0 ? (snprintf(buf, 32, "%ld", mfk), buf) : "1024");
	printf("watermark_scale_factor %ld\n", get("watermark_scale_factor"));
	printf("watermark_scale_factor_0 %s\n", strerror(put("watermark_scale_factor", "0")));
	printf("ok\n");
	unlink(argc > 1 ? argv[1] : "/tmp/sysctl.data");
	return 0;
}
