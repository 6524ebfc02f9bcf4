/*
 * main.c - the rvmm command line: parse options strictly, build the machine,
 * run it, and turn the outcome into an exit status.
 *
 * Exit statuses: the guest's own (finisher code or tohost >> 1, capped at 255
 * so a failure can never read as success), 124 when --max-insns or --timeout
 * (or a WFI that nothing can end) stops the run, 2 for rvmm's own errors, each
 * with one line on stderr. Options of features that do not exist yet are
 * refused by name, never accepted silently.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/hart.h"
#include "emu/machine.h"

#define EXIT_USAGE 2
#define RAM_MIN    (4ull << 10)
#define RAM_MAX    (64ull << 30)

enum {
	OPT_BARE = 256,
	OPT_MAX_INSNS,
	OPT_TIMEOUT,
	OPT_HELP,
	OPT_VERSION,
	OPT_LATER, /* a feature of a later milestone: refused */
};

static const struct option long_options[] = {
	{"bare", no_argument, NULL, OPT_BARE},
	{"max-insns", required_argument, NULL, OPT_MAX_INSNS},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{"append", required_argument, NULL, OPT_LATER},
	{"root", required_argument, NULL, OPT_LATER},
	{"nommu", no_argument, NULL, OPT_LATER},
	{"pmp", no_argument, NULL, OPT_LATER},
	{"swap", required_argument, NULL, OPT_LATER},
	{"zram", required_argument, NULL, OPT_LATER},
	{"strace", no_argument, NULL, OPT_LATER},
	{"trace", required_argument, NULL, OPT_LATER},
	{"log", required_argument, NULL, OPT_LATER},
	{"verbose", no_argument, NULL, OPT_LATER},
	{"snapshot", required_argument, NULL, OPT_LATER},
	{"snapshot-every", required_argument, NULL, OPT_LATER},
	{"snapshot-dir", required_argument, NULL, OPT_LATER},
	{"headless", no_argument, NULL, OPT_LATER},
	{NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rvmm [OPTIONS] [--] PROGRAM [ARGS...]   run a Linux rv64 program (not yet)\n"
		"       rvmm --bare [OPTIONS] IMAGE.elf          run a bare-metal image from reset\n"
		"\n"
		"  -m SIZE           guest RAM at 0x80000000: N[K|M|G]; a plain N means MiB\n"
		"                    (default 128M; a multiple of 4K, from 4K to 64G)\n"
		"  --bare            IMAGE.elf is a bare-metal rv64 ELF (ET_EXEC) for QEMU's virt\n"
		"                    board; the boot ROM at 0x1000 jumps to its entry in M-mode\n"
		"                    with a0 = 0 (hartid), a1 = 0x1100 (a device tree, in ROM)\n"
		"  --max-insns N     stop after N instructions (exit status 124)\n"
		"  --timeout SECONDS stop after SECONDS of wall time (exit status 124)\n"
		"  --help, --version\n"
		"\n"
		"Exit status: the image's own (SiFive test finisher or HTIF tohost), 124 when\n"
		"a limit stops the run, 2 for rvmm's own errors.\n");
}

/* Parse a guest RAM size: 0, or -1 if s is not a valid size. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	uint64_t shift = 20; /* a plain number is MiB, as qemu's -m */

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end || v > (RAM_MAX >> shift))
		return -1;
	v <<= shift;
	if (v < RAM_MIN || v % 4096)
		return -1;
	*out = v;
	return 0;
}

/* Parse a positive decimal integer: 0, or -1. */
static int parse_count(const char *s, uint64_t *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v == 0)
		return -1;
	*out = v;
	return 0;
}

/* Parse a positive number of seconds (fractions allowed): 0, or -1. */
static int parse_seconds(const char *s, double *out)
{
	char *end;

	if ((*s < '0' || *s > '9') && *s != '.')
		return -1;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v <= 0 || v > 1e9)
		return -1;
	*out = v;
	return 0;
}

/* One line "rvmm: ..." on stderr; returns the usage-error status. */
__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("rvmm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_USAGE;
}

static int run_bare(const char *image, const struct machine_config *cfg)
{
	struct machine m;
	const char *why;

	if (machine_init(&m, cfg, &why) < 0)
		return fail("%s", why);
	if (machine_load_bare(&m, image, &why) < 0) {
		machine_destroy(&m);
		return fail("%s: %s", image, why);
	}
	int status = machine_run(&m);
	if (m.stop_reason)
		fprintf(stderr, "rvmm: stopped after %llu instructions: %s\n",
			(unsigned long long)hart_instret(m.hart), m.stop_reason);
	machine_destroy(&m);
	return status < 0 ? EXIT_USAGE : status > 255 ? 255 : status;
}

int main(int argc, char **argv)
{
	struct machine_config cfg = {.ram_size = RAM_DEFAULT_SIZE, .out = stdout,
				     .in_fd = STDIN_FILENO};
	bool bare = false;
	int c;

	opterr = 0;
	int idx = -1;
	while ((c = getopt_long(argc, argv, "+:m:L:", long_options, &idx)) != -1) {
		switch (c) {
		case 'm':
			if (parse_size(optarg, &cfg.ram_size) < 0)
				return fail("bad -m size '%s' (want N[K|M|G], a multiple of 4K "
					    "from 4K to 64G)", optarg);
			break;
		case OPT_BARE:
			bare = true;
			break;
		case OPT_MAX_INSNS:
			if (parse_count(optarg, &cfg.max_insns) < 0)
				return fail("bad --max-insns '%s' (want a positive integer)", optarg);
			break;
		case OPT_TIMEOUT:
			if (parse_seconds(optarg, &cfg.timeout) < 0)
				return fail("bad --timeout '%s' (want a positive number of "
					    "seconds)", optarg);
			break;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("rvmm %s\n", PACKAGE_VERSION);
			return 0;
		case 'L':
			return fail("-L is not implemented yet");
		case OPT_LATER:
			return fail("--%s is not implemented yet", long_options[idx].name);
		case ':':
			if (optopt == 'm' || optopt == 'L')
				return fail("option '-%c' needs an argument", optopt);
			return fail("option '%s' needs an argument", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return fail("unknown option '-%c' (see rvmm --help)", optopt);
			return fail("unknown option '%s' (see rvmm --help)", argv[optind - 1]);
		}
	}
	if (!bare) {
		if (optind < argc)
			return fail("running Linux programs needs the built-in kernel, not "
				    "implemented yet");
		return fail("the built-in demo needs the built-in kernel, not implemented yet; "
			    "try --bare IMAGE.elf");
	}
	if (optind == argc)
		return fail("--bare needs an IMAGE.elf (see rvmm --help)");
	if (optind + 1 < argc)
		return fail("unexpected argument '%s' after the image (options go before "
			    "it)", argv[optind + 1]);
	return run_bare(argv[optind], &cfg);
}
