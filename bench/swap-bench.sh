#!/bin/sh
# swap-bench.sh - the swap part of `make bench`: bench/swap-bench from the build
# tree (first argument: the build directory, default .), then the lz4 command-line
# tool's own benchmark on the same workload when lz4 is installed.
builddir=${1:-.}
pages=${SWAP_BENCH_PAGES:-8192}
dump=$(mktemp /tmp/rvmm-swap-workload-XXXXXX) || exit 1
trap 'rm -f "$dump"' EXIT
"$builddir/bench/swap-bench" "$pages" --dump "$dump" || exit 1
if command -v lz4 >/dev/null 2>&1; then
	printf 'host lz4 CLI (lz4 -b1 -B4, 64 KiB blocks): '
	lz4 -b1 -B4 -i1 "$dump" 2>&1 | tr '\r' '\n' | grep 'MB/s ,' | tail -n 1 | sed 's/^ *[^ ]* *: *//'
fi
