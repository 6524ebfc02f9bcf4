#!/bin/sh
# tests/integ/roms-qemu.sh - validate the self-checking images against the
# oracle: every roms/tests image except the rvmm_* ones must pass under
# qemu-system-riscv64 (a test that fails there is a wrong test).
# Skips (77) only when qemu-system-riscv64 is not installed.
. "$top_srcdir/tests/integ/roms-common.sh"

if [ -z "$QEMU_SYSTEM_RISCV64" ] || ! command -v "$QEMU_SYSTEM_RISCV64" >/dev/null 2>&1; then
	echo "SKIP: qemu-system-riscv64 not installed"
	exit 77
fi
fail=0
for img in $(roms_tests); do
	n=$(basename "$img" .elf)
	case $n in rvmm_*) echo "skip $n (rvmm-specific)"; continue ;; esac
	want=$(roms_expected "$img")
	out=$(roms_qemu "$img" 2>&1)
	st=$?
	if [ "$st" -eq "$want" ]; then
		echo "PASS $n"
	else
		echo "FAIL $n: exit $st, want $want"
		printf '%s\n' "$out" | grep -v '^ok ' | tail -5
		fail=1
	fi
done
exit $fail
