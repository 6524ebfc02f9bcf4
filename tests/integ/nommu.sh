#!/bin/sh
# nommu.sh - rvmm's NOMMU mode and PMP isolation (issue 6), through the
# kernel's driver (tests/kernel-run; the rvmm command line forwards --nommu
# and --pmp to the same kernel_opts).
#   - the isolation demo's three outcomes, exactly (expected-*.txt with the
#     addresses replaced by ADDR), and no leak in either NOMMU mode;
#   - NOMMU semantics (fork/clone EINVAL, vfork, contiguous mmap, refused
#     MAP_FIXED / MAP_SHARED file / mprotect, brk limit, signals), the same
#     under --pmp;
#   - a 2 MiB mmap failing with ENOMEM under fragmentation while MemFree is
#     far above 2 MiB;
#   - the refusal of an ET_EXEC and of a dynamic program: one line, status 2.
# Skips (77) only when the guest programs could not be built (no cross gcc).
set -u
: "${top_builddir:=.}" "${top_srcdir:=.}"
b=$top_builddir
run=$b/tests/kernel-run
if [ ! -x "$b/guest/demos/isolation/isolation" ] || [ ! -x "$b/tests/nommu/semantics" ]; then
	if ! command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; then
		echo "nommu.sh: SKIP: needs riscv64-linux-gnu-gcc"
		exit 77
	fi
	echo "FAIL: guest programs not built"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# 1. The isolation demo, three modes.
for m in mmu nommu pmp; do
	case $m in
	mmu) opts= ;;
	nommu) opts=--nommu ;;
	pmp) opts="--nommu --pmp" ;;
	esac
	# shellcheck disable=SC2086
	# through the rvmm command line, as the README tells users to run it
	(cd "$b" && "$RVMM" $opts guest/demos/isolation/isolation) >"$tmp/$m" 2>"$tmp/$m.err"
	st=$?
	sed -E 's/0x[0-9a-f]+/ADDR/g' "$tmp/$m" >"$tmp/$m.norm"
	if [ $st -ne 0 ]; then
		bad "isolation ($m): exit status $st"; cat "$tmp/$m.err"
	elif ! cmp -s "$tmp/$m.norm" "$top_srcdir/guest/demos/isolation/expected-$m.txt"; then
		bad "isolation ($m) differs from expected-$m.txt (< got, > expected):"
		diff "$tmp/$m.norm" "$top_srcdir/guest/demos/isolation/expected-$m.txt"
	elif [ -s "$tmp/$m.err" ]; then
		bad "isolation ($m): stderr:"; cat "$tmp/$m.err"
	else
		echo "ok: isolation ($m) as expected-$m.txt"
	fi
done
# NOMMU addresses are physical (RAM at 0x80000000), MMU ones are not.
grep -Eq '^victim: secret .* at 0x8[0-9a-f]{7}, counter at 0x8[0-9a-f]{7}$' "$tmp/nommu" ||
	bad "isolation (nommu): the victim's addresses are not physical"
grep -Eq '^victim: secret .* at 0x8[0-9a-f]{7},' "$tmp/mmu" &&
	bad "isolation (mmu): the victim's address looks physical"
for opts in --nommu "--nommu --pmp"; do
	# shellcheck disable=SC2086
	(cd "$b" && tests/kernel-run --check-leaks $opts guest/demos/isolation/isolation) \
		>/dev/null 2>"$tmp/leak"
	grep -q '^rvmm: leak check: all [0-9]* free pages back, mm_check clean$' "$tmp/leak" ||
		{ bad "isolation ($opts): leak check"; cat "$tmp/leak"; }
done

# 2. Semantics, the same with and without PMP.
cat >"$tmp/sem.want" <<'TEXT'
fork: -1 Invalid argument
vfork: child exited 7
clone(CLONE_VM|CLONE_VFORK): child exited 9
clone without CLONE_VM: -1 Invalid argument
mmap 64 KiB: physical yes, aligned to 64 KiB yes, zeroed yes
munmap half of it: -1 Invalid argument
munmap all of it: 0
mmap MAP_FIXED: -1 Invalid argument
mprotect: -1 Function not implemented
mmap MAP_SHARED of a file: -1 No such device
mmap MAP_PRIVATE of a file: a copy, same bytes yes
sbrk(4096): grew
sbrk(64 MiB): failed
SIGUSR1 handler ran and returned: yes
/proc/self/maps: 4 regions, 4 physical, [stack] listed
open /proc/self/pagemap: -1 No such file or directory
open /proc/kpageflags: -1 No such file or directory
TEXT
for opts in --nommu "--nommu --pmp"; do
	# shellcheck disable=SC2086
	(cd "$b" && tests/kernel-run --check-leaks $opts tests/nommu/semantics) >"$tmp/sem" 2>"$tmp/sem.err"
	st=$?
	if [ $st -ne 0 ] || ! cmp -s "$tmp/sem" "$tmp/sem.want"; then
		bad "semantics ($opts): status $st, output (< got, > expected):"
		diff "$tmp/sem" "$tmp/sem.want"; cat "$tmp/sem.err"
	else
		echo "ok: semantics ($opts)"
	fi
done

# PMP: the kernel's copies obey it too (EFAULT), a stray load faults. The
# first page of RAM is the kernel's: out of reach in both NOMMU modes (plain
# --nommu lets U-mode reach ZONE_MOVABLE only).
echo "write from another's memory: Bad address" >"$tmp/stray.want"
for opts in --nommu "--nommu --pmp"; do
	# shellcheck disable=SC2086
	(cd "$b" && tests/kernel-run $opts tests/nommu/stray) >"$tmp/stray" 2>&1
	st=$?
	if [ $st = 139 ] && cmp -s "$tmp/stray" "$tmp/stray.want"; then
		echo "ok: stray ($opts): EFAULT from the kernel, SIGSEGV on the load"
	else
		bad "stray ($opts): status $st"; cat "$tmp/stray"
	fi
done

# The kernel's own memory (mem_map, just below ZONE_MOVABLE): EFAULT for
# write() and read(), SIGSEGV for a store; rvmm survives, pages all back.
printf '%s\n' "guard: Movable zone: found" "guard: write() from mem_map: Bad address" \
	"guard: read() into mem_map: Bad address" "guard: storing into mem_map" >"$tmp/guard.want"
for opts in --nommu "--nommu --pmp"; do
	# shellcheck disable=SC2086
	(cd "$b" && tests/kernel-run --check-leaks $opts tests/nommu/guard) >"$tmp/guard" 2>"$tmp/guard.err"
	st=$?
	if [ $st = 139 ] && cmp -s "$tmp/guard" "$tmp/guard.want" &&
		grep -q "mm_check clean" "$tmp/guard.err"; then
		echo "ok: guard ($opts): the kernel's memory out of U-mode's reach"
	else
		bad "guard ($opts): status $st"; cat "$tmp/guard" "$tmp/guard.err"
	fi
done

# 3. Fragmentation: free memory, but no contiguous 2 MiB.
cat >"$tmp/frag.want" <<'TEXT'
fragment: mmap 2 MiB before fragmenting: mapped
fragment: mapped over 1000 single pages, unmapped every odd-numbered one
fragment: MemFree above 2 MiB: yes
fragment: largest free block below order 9 (2 MiB): yes
fragment: mmap 2 MiB: Cannot allocate memory
fragment: mmap 4 KiB: mapped
TEXT
(cd "$b" && tests/kernel-run --check-leaks -m 16 --nommu tests/nommu/fragment) >"$tmp/frag" 2>"$tmp/frag.err"
st=$?
if [ $st -ne 0 ] || ! cmp -s "$tmp/frag" "$tmp/frag.want"; then
	bad "fragment: status $st, output (< got, > expected):"
	diff "$tmp/frag" "$tmp/frag.want"; cat "$tmp/frag.err"
else
	echo "ok: fragment (2 MiB mmap refused with MemFree > 2 MiB)"
fi

# 4. What --nommu refuses: one line, status 2.
hint="--nommu needs a position-independent static program (static-pie); rebuild it with rvmm-cc"
for p in guest/rt/tests/printf.glibc:"this one is ET_EXEC, linked at fixed addresses" \
	tests/nommu/hello-dyn:"this one is dynamically linked: it has an interpreter"; do
	prog=${p%%:*}
	why=${p#*:}
	[ -x "$b/$prog" ] || { bad "$prog not built"; continue; }
	(cd "$b" && tests/kernel-run --nommu "$prog") >"$tmp/out" 2>"$tmp/err"
	st=$?
	want="rvmm: $prog: $hint ($why)"
	if [ $st -ne 2 ] || [ -s "$tmp/out" ] || [ "$(cat "$tmp/err")" != "$want" ]; then
		bad "refusal of $prog: status $st, stderr:"; cat "$tmp/err"
	else
		echo "ok: $prog refused ($why)"
	fi
	# the same program runs in MMU mode
	(cd "$b" && tests/kernel-run "$prog") >/dev/null 2>&1 || bad "$prog does not run with the MMU"
done
exit $fail
