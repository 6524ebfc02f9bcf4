#!/bin/sh
# fpu_oracle.sh - regenerate tests/data/fpu_vectors.txt, the reference table
# that tests/unit/test_fpu.c checks emu/fpu.c against: tests/fpu_oracle.c is
# cross-compiled for riscv64 Linux and run under qemu-riscv64, whose softfloat
# is exact. Needs riscv64-linux-gnu-gcc and qemu-riscv64.
#
# Usage: tests/fpu_oracle.sh [SEED [VECTORS_PER_OP [OUTPUT]]]
#   defaults: seed 2026, 80 vectors per operation (48 operations, rounding
#   modes 0..4 in turn), output tests/data/fpu_vectors.txt.
# For a long offline check of the emulator:
#   tests/fpu_oracle.sh 7 100000 /tmp/v.txt && FPU_VECTORS=/tmp/v.txt _build/tests/unit/test_fpu
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seed=${1:-2026}
count=${2:-80}
out=${3:-$here/data/fpu_vectors.txt}
CC=${RV_LINUX_CC:-riscv64-linux-gnu-gcc}
QEMU=${QEMU_RISCV64:-qemu-riscv64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$CC" -O2 -static -Wall -Wextra -o "$tmp/fpu_oracle" "$here/fpu_oracle.c"
"$QEMU" "$tmp/fpu_oracle" "$seed" "$count" > "$tmp/out"
mv "$tmp/out" "$out"
echo "$out: $(wc -l < "$out") vectors"
