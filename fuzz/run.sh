#!/bin/sh
# fuzz/run.sh - build the libFuzzer targets with clang (ASan + UBSan) and run
# each for a bounded time on a small seed corpus. Exits non-zero on a crash or
# a sanitizer report; skips (exit 0, with a message) when clang or its fuzzer
# runtime is missing.
#
#   fuzz/run.sh [SECONDS]     total time budget, default 30
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
total=${1:-30}
CC=${FUZZ_CC:-clang}
out=${FUZZ_OUT:-$top/_build-fuzz}

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found, skipping the fuzz run"
	exit 0
fi
mkdir -p "$out"
if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
	"$CC" -x c -fsanitize=fuzzer -o "$out/probe" - 2>/dev/null; then
	echo "fuzz: $CC has no libFuzzer runtime (libclang-rt-dev), skipping the fuzz run"
	exit 0
fi

flags="-std=c17 -g -O1 -D_GNU_SOURCE -I$top -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
# config.h, for sources that want it: any configured tree will do.
for d in "$top/_build" "$top/_build-san"; do
	[ -f "$d/config.h" ] && flags="$flags -I$d" && break
done
emu_srcs=$(ls emu/*.c)
libs="$(pkg-config --libs libelf 2>/dev/null || echo -lelf) -lm"

build() { # name, extra flags and sources...
	name=$1
	shift
	echo "fuzz: building $name"
	# shellcheck disable=SC2086
	$CC $flags -o "$out/$name" "$@" $libs || {
		echo "fuzz: cannot build $name"
		exit 1
	}
}
build fuzz_elf fuzz/fuzz_elf.c $emu_srcs
# The hart's TLB flush loops drown in comparison tracing (20x slower), and
# comparison operands guide little for instruction words: edge coverage only.
build fuzz_insn -fno-sanitize-coverage=trace-cmp fuzz/fuzz_insn.c $emu_srcs
$CC -std=c17 -I"$top" -o "$out/mkelf" tests/integ/mkelf.c || exit 1

# Seeds: the test images, a host binary's head, raw instruction streams.
seeds="$out/seeds"
rm -rf "$seeds" "$out/corpus"
mkdir -p "$seeds/elf" "$seeds/insn" "$out/corpus/elf" "$out/corpus/insn"
for k in pass fail7 uart htif loop wfi timer rv32 outside dyn; do
	"$out/mkelf" "$seeds/elf/$k" $k
done
head -c 4096 /bin/true >"$seeds/elf/host"
for k in pass uart htif timer; do
	# header (64 bytes of zeros: Sv39 root in RAM, M-mode) + the image's code
	{ head -c 64 /dev/zero; tail -c +129 "$seeds/elf/$k"; } >"$seeds/insn/$k"
done
head -c 2048 /dev/urandom >"$seeds/insn/random"

half=$((total / 2))
[ "$half" -ge 1 ] || half=1
status=0
for t in elf insn; do
	echo "fuzz: running fuzz_$t for ${half}s"
	"$out/fuzz_$t" -max_total_time="$half" -timeout=10 -rss_limit_mb=2048 \
		-max_len=8192 -print_final_stats=1 -artifact_prefix="$out/"  "$out/corpus/$t" "$seeds/$t" \
		>"$out/fuzz_$t.log" 2>&1 || status=1
	tail -n 3 "$out/fuzz_$t.log"
	if [ "$status" -ne 0 ]; then
		echo "fuzz: fuzz_$t FAILED, see $out/fuzz_$t.log and the crash-* file"
		grep -m 20 -E 'ERROR|SUMMARY|runtime error' "$out/fuzz_$t.log"
		break
	fi
done
exit $status
