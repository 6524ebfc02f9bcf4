/*
 * demo.c - the built-in demo: write the embedded tour and a data file into a
 * private temporary directory, run the tour there as init, show its "== "
 * lines as captions, remove the directory.
 *
 * The guest's stdout is a pipe read by a thread here, which copies every
 * line to the real stdout and turns caption lines into the window's caption;
 * each line is also a beat: with a window the run loop holds the guest for a
 * moment on each one so a person can follow (run_opts.beats).
 */
#include "cli/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "view/viewer.h"

/* cli/tour_blob.c, generated at build time from guest/demos/tour/tour */
extern const unsigned char tour_elf[];
extern const size_t tour_elf_size;

#define BIG_FILE_SIZE	  (8u << 20)
#define BEAT_MS		  1200
#define DEMO_ZRAM_DEFAULT "128M" /* the tour swaps to zram unless told otherwise */

struct tee {
	int in, out;
	struct run_opts *ro;
	atomic_uint beats;
};

/* The private root, for cleanup_on_signal (async-signal-safe calls only). */
static char root_dir[PATH_MAX - 16], root_tour[PATH_MAX], root_big[PATH_MAX];

/* Ctrl-C or a kill during the demo: remove the private root, then die of the signal. */
static void cleanup_on_signal(int sig)
{
	unlink(root_tour);
	unlink(root_big);
	rmdir(root_dir);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Write all of buf to fd: 0, or -1. */
static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The reader thread: copy lines to the terminal, captions to the window. */
static void *tee_thread(void *arg)
{
	struct tee *t = arg;
	char buf[4096], line[256];
	size_t len = 0;
	ssize_t n;

	while ((n = read(t->in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		write_all(t->out, buf, (size_t)n);
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (len < sizeof(line) - 1)
					line[len++] = buf[i];
				continue;
			}
			line[len] = 0;
			if (!strncmp(line, "== ", 3))
				run_set_caption(t->ro, line + 3);
			if (len)
				atomic_fetch_add(&t->beats, 1);
			len = 0;
		}
	}
	return NULL;
}

/* Create path with n bytes of data: 0, or -1 with errno. */
static int write_file(const char *path, const void *data, size_t n, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, n) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* /big.dat: text the page-cache chapter reads (generated, not random). */
static int write_big_file(const char *path)
{
	char *data = malloc(BIG_FILE_SIZE + 1); /* + the last line's NUL from snprintf */
	if (!data)
		return -1;
	for (size_t i = 0; i < BIG_FILE_SIZE; i += 64)
		snprintf(data + i, 65, "%-63zu\n", i / 64);
	int r = write_file(path, data, BIG_FILE_SIZE, 0644);
	free(data);
	return r;
}

int demo_main(struct run_opts *ro)
{
	char *dir = root_dir, *tour = root_tour, *big = root_big;
	const char *tmp = getenv("TMPDIR");
	struct tee t = {.ro = ro};
	pthread_t th;
	int status = KERNEL_EXIT_ERROR, pfd[2] = {-1, -1};

	if (!tour_elf_size) {
		fprintf(stderr, "rvmm: this rvmm was built without the demo (no riscv64 Linux "
				"compiler at configure time); run a program: rvmm PROGRAM\n");
		return KERNEL_EXIT_ERROR;
	}
	snprintf(dir, sizeof(root_dir), "%s/rvmm-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "rvmm: cannot create a directory for the demo: %s\n",
			strerror(errno));
		return KERNEL_EXIT_ERROR;
	}
	snprintf(tour, sizeof(root_tour), "%s/tour", dir);
	snprintf(big, sizeof(root_big), "%s/big.dat", dir);
	signal(SIGINT, cleanup_on_signal);
	signal(SIGTERM, cleanup_on_signal);
	signal(SIGHUP, cleanup_on_signal);
	signal(SIGPIPE, SIG_IGN); /* `rvmm | head`: the tee keeps draining the guest */
	if (write_file(tour, tour_elf, tour_elf_size, 0755) < 0 || write_big_file(big) < 0) {
		fprintf(stderr, "rvmm: cannot write the demo's files in %s: %s\n", dir,
			strerror(errno));
		goto out;
	}
	fflush(stdout);
	t.out = dup(STDOUT_FILENO);
	if (t.out < 0 || pipe(pfd) < 0 || dup2(pfd[1], STDOUT_FILENO) < 0) {
		fprintf(stderr, "rvmm: demo: %s\n", strerror(errno));
		goto out;
	}
	close(pfd[1]);
	pfd[1] = -1;
	t.in = pfd[0];
	if (pthread_create(&th, NULL, tee_thread, &t)) {
		dup2(t.out, STDOUT_FILENO);
		fprintf(stderr, "rvmm: demo: cannot start a thread\n");
		goto out;
	}
	char *argv[] = {tour, NULL};
	ro->k.root = dir;
	/* The swapping and thrashing chapters need swap: zram unless the user
	 * chose a swap device. */
	if (!ro->k.swap && !ro->k.zram)
		ro->k.zram = DEMO_ZRAM_DEFAULT;
	ro->linger = true;
	ro->beats = &t.beats;
	ro->beat_ms = BEAT_MS;
	const char *beat = getenv("RVMM_DEMO_BEAT_MS"); /* tests: a faster tour */
	if (beat && *beat)
		ro->beat_ms = (unsigned)strtoul(beat, NULL, 10);
	ro->headless_snapshot = DEMO_SNAPSHOT_DEFAULT;
	status = run_program(ro, 1, argv);
	/* end of the guest's output: the pipe's last writer was our fd 1 */
	dup2(t.out, STDOUT_FILENO);
	pthread_join(th, NULL);
	printf("\nrvmm: the tour ran %llu guest instructions with %llu page faults",
	       (unsigned long long)ro->insns, (unsigned long long)ro->faults);
	if (ro->snapshot_written)
		printf("; final map (%s colours): %s", view_mode_name(ro->mode), ro->snapshot);
	printf("\n");
	fflush(stdout);
out:
	if (t.out >= 0)
		close(t.out);
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	unlink(tour);
	unlink(big);
	if (rmdir(dir) < 0)
		fprintf(stderr, "rvmm: could not remove %s: %s\n", dir, strerror(errno));
	return status;
}
