#!/bin/sh
# mm-bench.sh - the memory allocator part of `make bench`: runs bench/mm-bench
# from the build tree (first argument: the build directory, default .).
builddir=${1:-.}
exec "$builddir/bench/mm-bench" "${MM_BENCH_SECONDS:-0.2}"
