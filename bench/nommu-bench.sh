#!/bin/sh
# nommu-bench.sh - the MMU's cost, as `make bench` reports it: the same
# static-pie (bench/nommu/cpubound, built with rvmm-cc) under rvmm's kernel
# with Sv39 paging and with --nommu (satp Bare), best of three runs each.
# First argument: the build directory (default .).
builddir=${1:-.}
run=$builddir/tests/kernel-run
prog=$builddir/bench/nommu/cpubound
if [ ! -x "$run" ] || [ ! -x "$prog" ]; then
	echo "nommu-bench: $prog or $run not built (no riscv64-linux-gnu-gcc?)" >&2
	exit 0
fi
now() { date +%s.%N; }
best() { # best MODE...: the fastest of three runs, in seconds; the checksum in $sum
	b=
	for r in 1 2 3; do
		t0=$(now)
		sum=$("$run" "$@" "$prog") || { echo "nommu-bench: run failed: $*" >&2; exit 1; }
		t1=$(now)
		b=$(awk -v a="$t0" -v z="$t1" -v b="$b" 'BEGIN { d = z - a; if (b == "" || d < b) b = d; printf "%.3f", b }')
	done
	echo "$b"
}
t_mmu=$(best)
s_mmu=$sum
t_nommu=$(best --nommu)
s_nommu=$sum
t_pmp=$(best --nommu --pmp)
[ "$s_mmu" = "$s_nommu" ] && [ "$s_mmu" = "$sum" ] ||
	echo "nommu-bench: checksums differ: mmu '$s_mmu' nommu '$s_nommu' pmp '$sum'" >&2
printf '%-10s %-12s %9s\n' program mode seconds
printf '%-10s %-12s %9s\n' cpubound mmu-sv39 "$t_mmu"
printf '%-10s %-12s %9s\n' cpubound nommu "$t_nommu"
printf '%-10s %-12s %9s\n' cpubound nommu+pmp "$t_pmp"
echo "cpubound: MMU/NOMMU time $(awk -v a="$t_mmu" -v b="$t_nommu" 'BEGIN { printf "%.2f", a / b }')x," \
	"PMP/NOMMU $(awk -v a="$t_pmp" -v b="$t_nommu" 'BEGIN { printf "%.2f", a / b }')x"
