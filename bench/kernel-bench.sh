#!/bin/sh
# kernel-bench.sh - the HLE kernel's part of `make bench`: fork+exit latency
# for a parent with 1, 16 and 64 MiB resident, and the cost of a minor page
# fault, each under rvmm, under qemu-riscv64 and natively on the host.
#   sh bench/kernel-bench.sh BUILDDIR [SRCDIR]
# Times are host wall-clock differences between a run doing the work and one
# that does not, so start-up costs cancel out.
set -u
b=${1:-.}; src=${2:-$(dirname "$0")/..}
run=$b/tests/kernel-run
[ -x "$run" ] && [ -x "$b/guest/bench/forklat" ] || { echo "kernel-bench: not built"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -O2 -o "$tmp/forklat" "$src/guest/bench/forklat.c" 2>/dev/null
${CC:-cc} -O2 -o "$tmp/faultcost" "$src/guest/bench/faultcost.c" 2>/dev/null
QEMU=${QEMU_RISCV64:-$(command -v qemu-riscv64 || true)}

now() { date +%s%N; }
# t CMD...: nanoseconds the command takes
t() { s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo $((e - s)); }
# per HOW WORK BASE N: (WORK - BASE) / N, printed with one decimal
per() { awk -v a="$1" -v b="$2" -v n="$3" -v d="$4" 'BEGIN { printf "%.1f", (a - b) / n / d }'; }

ITERS=100
printf '%-22s %12s %12s %12s\n' "fork+exit+wait (us)" rvmm qemu native
for mib in 1 16 64; do
	r=$(per "$(t "$run" -m 256 "$b/guest/bench/forklat" $mib $ITERS)" \
		"$(t "$run" -m 256 "$b/guest/bench/forklat" $mib 0)" $ITERS 1000)
	q=-; [ -n "$QEMU" ] && q=$(per "$(t "$QEMU" "$b/guest/bench/forklat" $mib $ITERS)" \
		"$(t "$QEMU" "$b/guest/bench/forklat" $mib 0)" $ITERS 1000)
	n=-; [ -x "$tmp/forklat" ] && n=$(per "$(t "$tmp/forklat" $mib $ITERS)" \
		"$(t "$tmp/forklat" $mib 0)" $ITERS 1000)
	printf '%-22s %12s %12s %12s\n' "  ${mib} MiB resident" "$r" "$q" "$n"
done
PAGES=32768
r=$(per "$(t "$run" -m 256 "$b/guest/bench/faultcost" $PAGES)" "$(t "$run" -m 256 "$b/guest/bench/faultcost" 0)" $PAGES 1)
q=-; [ -n "$QEMU" ] && q=$(per "$(t "$QEMU" "$b/guest/bench/faultcost" $PAGES)" "$(t "$QEMU" "$b/guest/bench/faultcost" 0)" $PAGES 1)
n=-; [ -x "$tmp/faultcost" ] && n=$(per "$(t "$tmp/faultcost" $PAGES)" "$(t "$tmp/faultcost" 0)" $PAGES 1)
printf '%-22s %12s %12s %12s\n' "minor fault (ns)" "$r" "$q" "$n"
