#!/bin/sh
# tests/integ/diff.sh - differential run: each image in roms/diff (random
# sequences from roms/gen/diffgen.py with fixed seeds, and hand-written
# ones) runs under qemu-system-riscv64 -machine virt -bios none and under
# `rvmm --bare`; their UART output (every register, fcsr and the scratch
# memory) must be identical byte for byte.
# Skips (77) only when qemu-system-riscv64 is not installed.
. "$top_srcdir/tests/integ/roms-common.sh"

: "${RVMM:?}"
if [ -z "$QEMU_SYSTEM_RISCV64" ] || ! command -v "$QEMU_SYSTEM_RISCV64" >/dev/null 2>&1; then
	echo "SKIP: qemu-system-riscv64 not installed"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rvmm-diff.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
for src in "$top_srcdir"/roms/diff/*.S; do
	n=$(basename "$src" .S)
	img=$top_builddir/roms/diff/$n.elf
	roms_qemu "$img" >"$tmp/$n.qemu" 2>&1
	qst=$?
	timeout 60 "$RVMM" --max-insns 100000000 --bare "$img" </dev/null >"$tmp/$n.rvmm" 2>&1
	rst=$?
	if [ "$qst" -ne 0 ]; then
		echo "ERROR $n: qemu exit $qst (a wrong test)"
		fail=1
	elif cmp -s "$tmp/$n.qemu" "$tmp/$n.rvmm" && [ "$rst" -eq 0 ]; then
		echo "PASS $n"
	else
		echo "FAIL $n: rvmm exit $rst; first differences (qemu | rvmm):"
		diff "$tmp/$n.qemu" "$tmp/$n.rvmm" | head -10
		fail=1
	fi
done
exit $fail
