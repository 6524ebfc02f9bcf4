/*
 * main.c - the rvmm command line: parse options strictly, build the machine,
 * run it, and turn the outcome into an exit status.
 *
 * Exit statuses: the guest's own (finisher code or tohost >> 1, capped at 255
 * so a failure can never read as success), 124 when --max-insns or --timeout
 * (or a WFI that nothing can end) stops the run, 2 for rvmm's own errors, each
 * with one line on stderr. Options of features that do not exist yet are
 * refused by name, never accepted silently. Running a program (or the
 * built-in demo) is cli/run.c's and cli/demo.c's job.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/demo.h"
#include "cli/run.h"
#include "emu/hart.h"
#include "emu/machine.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "view/render.h"

#define EXIT_USAGE 2
#define RAM_MIN	   (4ull << 10)
#define RAM_MAX	   (64ull << 30)

enum {
	OPT_BARE = 256,
	OPT_MAX_INSNS,
	OPT_TIMEOUT,
	OPT_HELP,
	OPT_VERSION,
	OPT_ROOT,
	OPT_APPEND,
	OPT_STRACE,
	OPT_SNAPSHOT,
	OPT_SNAPSHOT_EVERY,
	OPT_SNAPSHOT_DIR,
	OPT_COLOUR,
	OPT_HEADLESS,
	OPT_WINDOW,
	OPT_STATS,
	OPT_NOMMU,
	OPT_PMP,
	OPT_TRACE,
	OPT_SEED,
	OPT_LOG,
	OPT_VERBOSE,
	OPT_SWAP,
	OPT_ZRAM,
	OPT_INSPECT,
};

static const struct option long_options[] = {
    {"bare", no_argument, NULL, OPT_BARE},
    {"max-insns", required_argument, NULL, OPT_MAX_INSNS},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"append", required_argument, NULL, OPT_APPEND},
    {"root", required_argument, NULL, OPT_ROOT},
    {"nommu", no_argument, NULL, OPT_NOMMU},
    {"pmp", no_argument, NULL, OPT_PMP},
    {"swap", required_argument, NULL, OPT_SWAP},
    {"zram", required_argument, NULL, OPT_ZRAM},
    {"strace", no_argument, NULL, OPT_STRACE},
    {"trace", required_argument, NULL, OPT_TRACE},
    {"seed", required_argument, NULL, OPT_SEED},
    {"log", required_argument, NULL, OPT_LOG},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    {"snapshot", required_argument, NULL, OPT_SNAPSHOT},
    {"snapshot-every", required_argument, NULL, OPT_SNAPSHOT_EVERY},
    {"snapshot-dir", required_argument, NULL, OPT_SNAPSHOT_DIR},
    {"colour", required_argument, NULL, OPT_COLOUR},
    {"color", required_argument, NULL, OPT_COLOUR},
    {"headless", no_argument, NULL, OPT_HEADLESS},
    {"window", no_argument, NULL, OPT_WINDOW},
    {"stats", no_argument, NULL, OPT_STATS},
    {"inspect", required_argument, NULL, OPT_INSPECT},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fprintf(
	    f, "usage: rvmm [OPTIONS]                          the built-in demo: a narrated tour\n"
	       "       rvmm [OPTIONS] [--] PROGRAM [ARGS...]   run a Linux rv64 program\n"
	       "       rvmm --bare [OPTIONS] IMAGE.elf          run a bare-metal image from reset\n"
	       "\n"
	       "The demo opens a window when there is a display (DISPLAY or WAYLAND_DISPLAY)\n"
	       "and otherwise runs headless: its narration plus a final PNG (rvmm-demo.png,\n"
	       "or --snapshot). A PROGRAM gets a window only with --window.\n"
	       "\n"
	       "  --root DIR        the guest's \"/\" (default: the current directory)\n"
	       "  -L DIR            where PT_INTERP and shared libraries are looked up after the\n"
	       "                    root (default /usr/riscv64-linux-gnu)\n"
	       "  --append TEXT     the kernel command line (e.g. slab=slub)\n"
	       "  --strace          every system call on stderr\n"
	       "  --trace=mm        every memory-management event on stderr (faults, COW\n"
	       "                    breaks, swap-out/in, reclaim, OOM kills, process start/exit)\n"
	       "  --log FILE        the kernel log (dmesg) into FILE\n"
	       "  --seed N          where getrandom() and AT_RANDOM come from (default: a fixed\n"
	       "                    seed, so runs repeat exactly)\n"
	       "  --verbose         the kernel log on stderr as it happens\n"
	       "  --swap FILE[,SIZE]  swap to a host file (created or resized; default 64M)\n"
	       "  --zram SIZE       compressed swap in guest RAM (LZ4), used before --swap\n"
	       "  --nommu           no address translation: satp stays Bare, programs are\n"
	       "                    static-pie images in physical memory, fork() fails with\n"
	       "                    EINVAL, processes can overwrite each other (docs/nommu.md)\n"
	       "  --pmp             with --nommu: the kernel isolates processes with RISC-V PMP\n"
	       "  --window          show physical memory live in a window (needs a display)\n"
	       "  --headless        never open a window\n"
	       "  --stats           at the end: instructions, page faults, emulation time, MIPS\n"
	       "                    (by wall time and by the emulator thread's CPU time)\n"
	       "  --snapshot FILE.png       write the memory map when the program exits\n"
	       "  --snapshot-every N        write a PNG every N guest instructions ...\n"
	       "  --snapshot-dir DIR        ... as DIR/frame-000001.png, frame-000002.png, ...\n"
	       "  --colour kind|owner|heat|sharing  colours of the PNGs and of the window's\n"
	       "                    first mode (default kind)\n"
	       "  --inspect ADDR    pin the frame at physical address ADDR (0x8...) in the\n"
	       "                    inspector of the PNGs (refcount, LRU, owners, swap slot)\n"
	       "  -m SIZE           guest RAM at 0x80000000: N[K|M|G]; a plain N means MiB\n"
	       "                    (default 128M; a multiple of 4K, from 4K to 64G)\n"
	       "  --bare            IMAGE.elf is a bare-metal rv64 ELF (ET_EXEC) for QEMU's virt\n"
	       "                    board; the boot ROM at 0x1000 jumps to its entry in M-mode\n"
	       "                    with a0 = 0 (hartid), a1 = 0x1100 (a device tree, in ROM)\n"
	       "  --max-insns N     stop after N instructions (exit status 124)\n"
	       "  --timeout SECONDS stop after SECONDS of wall time (exit status 124)\n"
	       "  --help, --version\n"
	       "\n"
	       "Exit status: the program's own (128+N when signal N killed it; for --bare the\n"
	       "SiFive test finisher or HTIF tohost), 124 when a limit stops the run, 130 when\n"
	       "the window is closed first, 2 for rvmm's own errors.\n");
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
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
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

/* --colour NAME: the view mode, or -1. */
static int parse_colour(const char *s)
{
	for (int m = 0; m < VIEW__NMODES; m++)
		if (!strcmp(s, view_mode_name((enum view_mode)m)))
			return m;
	return -1;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * `m` in the window: run again from scratch in a fresh process (the kernel
 * boots once per process), in the other of MMU and NOMMU: --nommu (and --pmp)
 * are dropped from the command line, or --nommu is added.
 */
static int restart_self(int argc, char **argv, bool nommu)
{
	char **nargv = calloc((size_t)argc + 2, sizeof(*nargv));
	int n = 0;

	if (!nargv)
		return fail("cannot restart: out of memory");
	nargv[n++] = argv[0];
	if (!nommu)
		nargv[n++] = "--nommu";
	for (int i = 1; i < argc; i++) {
		if (nommu && (!strcmp(argv[i], "--nommu") || !strcmp(argv[i], "--pmp")))
			continue;
		nargv[n++] = argv[i];
	}
	nargv[n] = NULL;
	setenv("RVMM_RESTARTED", nommu ? "mmu" : "nommu", 1);
	fflush(NULL);
	execv("/proc/self/exe", nargv);
	free(nargv);
	return fail("cannot restart: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	struct machine_config cfg = {
	    .ram_size = RAM_DEFAULT_SIZE, .out = stdout, .in_fd = STDIN_FILENO};
	struct run_opts ro = {.mode = VIEW_KIND, .pin_pfn = -1};
	bool bare = false, headless = false, window = false, stats = false;
	bool kernel_only = false; /* an option that only the kernel uses was given */
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:m:L:", long_options, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (parse_size(optarg, &cfg.ram_size) < 0)
				return fail("bad -m size '%s' (want N[K|M|G], a multiple of 4K "
					    "from 4K to 64G)",
					    optarg);
			break;
		case OPT_BARE: bare = true; break;
		case OPT_MAX_INSNS:
			if (parse_count(optarg, &cfg.max_insns) < 0)
				return fail("bad --max-insns '%s' (want a positive integer)",
					    optarg);
			break;
		case OPT_TIMEOUT:
			if (parse_seconds(optarg, &cfg.timeout) < 0)
				return fail("bad --timeout '%s' (want a positive number of "
					    "seconds)",
					    optarg);
			break;
		case OPT_HELP: usage(stdout); return 0;
		case OPT_VERSION: printf("rvmm %s\n", PACKAGE_VERSION); return 0;
		case 'L': ro.k.sysroot = optarg; break;
		case OPT_ROOT:
			if (!is_dir(optarg))
				return fail("--root %s: not a directory", optarg);
			ro.k.root = optarg;
			break;
		case OPT_APPEND: ro.k.cmdline = optarg; break;
		case OPT_STRACE: ro.k.strace = true; break;
		case OPT_SWAP: ro.k.swap = optarg; break;
		case OPT_ZRAM: ro.k.zram = optarg; break;
		case OPT_SNAPSHOT: ro.snapshot = optarg; break;
		case OPT_SNAPSHOT_EVERY:
			if (parse_count(optarg, &ro.snap_every) < 0)
				return fail("bad --snapshot-every '%s' (want a positive number of "
					    "instructions)",
					    optarg);
			break;
		case OPT_SNAPSHOT_DIR: ro.snap_dir = optarg; break;
		case OPT_COLOUR: {
			int m = parse_colour(optarg);
			if (m < 0)
				return fail("bad --colour '%s' (want kind, owner, heat or sharing)",
					    optarg);
			ro.mode = (enum view_mode)m;
			break;
		}
		case OPT_INSPECT: {
			char *end;
			errno = 0;
			unsigned long long pa = strtoull(optarg, &end, 0);
			if (errno || end == optarg || *end || pa >> 52)
				return fail("bad --inspect '%s' (want a physical address, e.g. "
					    "0x80400000)",
					    optarg);
			ro.pin_pfn = (int64_t)(pa >> 12);
			break;
		}
		case OPT_HEADLESS: headless = true; break;
		case OPT_WINDOW: window = true; break;
		case OPT_STATS: stats = true; break;
		case OPT_NOMMU: ro.k.nommu = true; break;
		case OPT_PMP: ro.k.pmp = true; break;
		case OPT_TRACE:
			if (strcmp(optarg, "mm"))
				return fail("bad --trace '%s' (the one trace is mm)", optarg);
			mm_events_set_trace(stderr);
			kernel_only = true;
			break;
		case OPT_SEED:
			if (parse_count(optarg, &ro.k.random_seed) < 0)
				return fail("bad --seed '%s' (want a positive integer)", optarg);
			kernel_only = true;
			break;
		case OPT_LOG: {
			FILE *f = fopen(optarg, "w");
			if (!f)
				return fail("--log %s: %s", optarg, strerror(errno));
			setvbuf(f, NULL, _IOLBF, 0);
			klog_set_file(f); /* closed at exit */
			kernel_only = true;
			break;
		}
		case OPT_VERBOSE:
			klog_set_console(stderr, LOGLEVEL_DEBUG);
			kernel_only = true;
			break;
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
	if (ro.k.nommu && (ro.k.swap || ro.k.zram))
		return fail("--nommu has no swap: --swap and --zram need the MMU");
	if (bare) {
		if (ro.k.root || ro.k.sysroot || ro.k.cmdline || ro.k.strace || ro.snapshot ||
		    ro.snap_every || ro.snap_dir || window || stats || ro.k.nommu || ro.k.pmp ||
		    kernel_only || ro.k.swap || ro.k.zram || ro.pin_pfn >= 0)
			return fail(
			    "--bare runs an image without the kernel: --root, -L, --append, "
			    "--strace, --trace, --log, --verbose, --nommu, --pmp, --swap, "
			    "--zram, --window, --stats, --inspect and snapshots do not apply");
		if (optind == argc)
			return fail("--bare needs an IMAGE.elf (see rvmm --help)");
		if (optind + 1 < argc)
			return fail("unexpected argument '%s' after the image (options go before "
				    "it)",
				    argv[optind + 1]);
		return run_bare(argv[optind], &cfg);
	}
	if (window && headless)
		return fail("--window and --headless contradict each other");
	if (ro.k.pmp && !ro.k.nommu)
		return fail("--pmp protects processes without paging: it needs --nommu");
	if (!ro.snap_every != !ro.snap_dir)
		return fail("--snapshot-every N and --snapshot-dir DIR go together");
	if (ro.snap_dir && !is_dir(ro.snap_dir))
		return fail("--snapshot-dir %s: not a directory", ro.snap_dir);
	ro.timeout = cfg.timeout;
	ro.k.ram_size = cfg.ram_size;
	ro.k.max_insns = cfg.max_insns;
	const char *restarted = getenv("RVMM_RESTARTED"); /* by `m`, see restart_self() */
	if (restarted) {
		ro.caption = "restarted";
		ro.note = !strcmp(restarted, "nommu") ? "m: restarted in NOMMU mode"
						      : "m: restarted in MMU mode";
		unsetenv("RVMM_RESTARTED");
	}
	int status;
	if (optind < argc) {
		ro.window = window;
		status = run_program(&ro, argc - optind, argv + optind);
	} else {
		if (ro.k.nommu)
			return fail(
			    "the built-in tour needs the MMU (it forks and swaps); for NOMMU "
			    "run a static-pie program, e.g. guest/demos/isolation/isolation");
		ro.window = !headless;
		status = demo_main(&ro);
	}
	if (stats)
		fprintf(stderr,
			"rvmm: %llu instructions, %llu page faults, %.3f s (%.3f s CPU), "
			"%.1f MIPS (%.1f per CPU second)\n",
			(unsigned long long)ro.insns, (unsigned long long)ro.faults, ro.seconds,
			ro.cpu_seconds, ro.seconds > 0 ? (double)ro.insns / ro.seconds / 1e6 : 0.0,
			ro.cpu_seconds > 0 ? (double)ro.insns / ro.cpu_seconds / 1e6 : 0.0);
	if (ro.restart) /* the tour needs the MMU: it restarts as it was */
		return restart_self(argc, argv, optind < argc ? ro.k.nommu : true);
	return status;
}
