#!/bin/sh
# fpu_qemu.sh - a larger differential run than the checked-in table: fresh
# vectors from qemu-riscv64 (tests/fpu_oracle.sh, another seed, 500 per
# operation), checked by the fpu unit test. Skips when qemu-riscv64 or the
# riscv64 Linux cross compiler is absent.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
QEMU_RISCV64=${QEMU_RISCV64:-}
[ -n "$QEMU_RISCV64" ] || QEMU_RISCV64=$(command -v qemu-riscv64) || {
	echo "fpu_qemu: no qemu-riscv64, skipped"; exit 77; }
command -v "${RV_LINUX_CC:-riscv64-linux-gnu-gcc}" >/dev/null || {
	echo "fpu_qemu: no riscv64-linux-gnu-gcc, skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
QEMU_RISCV64=$QEMU_RISCV64 sh "$top_srcdir/tests/fpu_oracle.sh" 7 500 "$tmp/v.txt" || exit 1
FPU_VECTORS=$tmp/v.txt "$top_builddir/tests/unit/test_fpu"
