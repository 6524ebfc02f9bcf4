#!/bin/sh
# rt-isolation.sh - the isolation demo under qemu-riscv64 (an MMU): the
# attacker dies with SIGSEGV and the victim's data stays intact. The whole
# output is compared with guest/demos/isolation/expected-mmu.txt after
# replacing addresses (0x...) by ADDR. The NOMMU and PMP expectations
# (expected-nommu.txt, expected-pmp.txt) are for rvmm's own tests.
# Skips (77) only without qemu-riscv64 or the cross compiler.
set -u
: "${top_builddir:=.}" "${top_srcdir:=.}" "${QEMU_RISCV64:=}"

# Without a cross compiler configure skips the guest programs (no libc.a).
if [ -z "$QEMU_RISCV64" ] || { [ ! -f "$top_builddir/guest/rt/libc.a" ] &&
	! command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; }; then
	echo "rt-isolation.sh: SKIP: needs qemu-riscv64 and riscv64-linux-gnu-gcc"
	exit 77
fi
prog=$top_builddir/guest/demos/isolation/isolation
if [ ! -x "$prog" ]; then
	echo "FAIL: $prog was not built"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Without binfmt_misc, qemu-riscv64 cannot execve a riscv64 program itself.
RT_EXEC_VIA=$QEMU_RISCV64 "$QEMU_RISCV64" "$prog" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -ne 0 ]; then
	echo "FAIL: isolation exited $st"
	cat "$tmp/err"
	exit 1
fi
# Addresses are where the victim's page happens to be: exactly two, hex.
grep -Eq '^victim: secret ".*" at 0x[0-9a-f]+, counter at 0x[0-9a-f]+$' "$tmp/out" ||
	{ echo "FAIL: the victim did not announce two addresses"; cat "$tmp/out"; exit 1; }
sed -E 's/0x[0-9a-f]+/ADDR/g' "$tmp/out" >"$tmp/norm"
if ! cmp -s "$tmp/norm" "$top_srcdir/guest/demos/isolation/expected-mmu.txt"; then
	echo "FAIL: output differs from expected-mmu.txt (< got, > expected):"
	diff "$tmp/norm" "$top_srcdir/guest/demos/isolation/expected-mmu.txt"
	exit 1
fi
if [ -s "$tmp/err" ]; then
	echo "FAIL: unexpected stderr:"
	cat "$tmp/err"
	exit 1
fi
cat "$tmp/out"
echo "ok: isolation held under an MMU"
