#!/bin/sh
# nommu-rt.sh - every guest runtime test program (guest/rt/tests/) gives the
# same stdout and exit status under rvmm with the MMU, under rvmm --nommu,
# and (when qemu-riscv64 is there) under qemu-riscv64, an MMU on Linux's
# terms. Two programs cannot, by design, and are checked for that instead:
#   forkwait  uses fork(): under --nommu its first fork fails with EINVAL;
#   malloc    allocates 8 MiB blocks: more than the buddy allocator's largest
#             block (order 10, 4 MiB), so under --nommu malloc returns NULL,
#             as it would on Linux without an MMU.
set -u
: "${top_builddir:=.}" "${QEMU_RISCV64:=}"
dir=$(cd "$top_builddir/guest/rt/tests" 2>/dev/null && pwd)
run=$(cd "$top_builddir/tests" 2>/dev/null && pwd)/kernel-run
if [ -z "$dir" ] || [ ! -x "$dir/printf" ]; then
	if ! command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; then
		echo "nommu-rt.sh: SKIP: needs riscv64-linux-gnu-gcc"
		exit 77
	fi
	echo "FAIL: guest/rt/tests not built"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
printf 'first line\na second, longer line of input text\n\nlast line without newline' >"$tmp/input.txt"

# run MODE PROG: stdout in $tmp/PROG.MODE, status in $tmp/PROG.MODE.st
# (each run in its own directory: files.c works in the current one).
runmode() {
	in=/dev/null
	[ "$2" = input ] && in=$tmp/input.txt
	d=$tmp/$2.$1.d
	mkdir "$d"
	case $1 in
	mmu) (cd "$d" && "$run" --root / "$dir/$2" <"$in" >"$tmp/$2.$1" 2>"$tmp/$2.$1.err") ;;
	nommu) (cd "$d" && "$run" --root / --nommu "$dir/$2" <"$in" >"$tmp/$2.$1" 2>"$tmp/$2.$1.err") ;;
	qemu) (cd "$d" && RT_EXEC_VIA=$QEMU_RISCV64 "$QEMU_RISCV64" "$dir/$2" <"$in" >"$tmp/$2.$1" \
		2>"$tmp/$2.$1.err") ;;
	esac
	echo $? >"$tmp/$2.$1.st"
}

for t in printf floats strings vforkexec pipe files buffering input known; do
	runmode mmu $t
	runmode nommu $t
	modes="mmu nommu"
	if [ -n "$QEMU_RISCV64" ]; then
		runmode qemu $t
		modes="$modes qemu"
	fi
	ok=1
	for m in $modes; do
		if ! cmp -s "$tmp/$t.mmu.st" "$tmp/$t.$m.st" || ! cmp -s "$tmp/$t.mmu" "$tmp/$t.$m"; then
			echo "FAIL: $t: $m differs from rvmm with the MMU (status $(cat "$tmp/$t.$m.st")" \
				"vs $(cat "$tmp/$t.mmu.st"); < mmu, > $m):"
			diff "$tmp/$t.mmu" "$tmp/$t.$m" | head -10
			head -5 "$tmp/$t.$m.err"
			ok=0
			fail=1
		fi
	done
	if [ ! -s "$tmp/$t.mmu" ]; then
		echo "FAIL: $t: no output"
		fail=1
	elif [ $ok = 1 ]; then
		echo "ok: $t ($(wc -l <"$tmp/$t.mmu") lines, status $(cat "$tmp/$t.mmu.st"): $modes agree)"
	fi
done
grep -q '^child 33: argc 3, running after exec$' "$tmp/vforkexec.nommu" ||
	{ echo "FAIL: vforkexec: the exec'ed child did not run under --nommu"; fail=1; }

# forkwait: fork works with the MMU, fails with EINVAL without.
runmode mmu forkwait
runmode nommu forkwait
grep -qx 'SIGSEGV child: killed by signal 11' "$tmp/forkwait.mmu" ||
	{ echo "FAIL: forkwait (mmu): no SIGSEGV status"; fail=1; }
grep -qx 'fork: Invalid argument' "$tmp/forkwait.nommu.err" "$tmp/forkwait.nommu" ||
	{ echo "FAIL: forkwait (nommu): fork did not fail with EINVAL"; cat "$tmp/forkwait.nommu"; fail=1; }
# malloc: the same up to the 8 MiB blocks, which NOMMU cannot have.
runmode mmu malloc
runmode nommu malloc
grep -qx 'bad 0 nulls 0 checksum [0-9a-f]*' "$tmp/malloc.mmu" ||
	{ echo "FAIL: malloc (mmu): corrupted blocks"; fail=1; }
[ "$(cat "$tmp/malloc.nommu.st")" = 139 ] ||
	{ echo "FAIL: malloc (nommu): status $(cat "$tmp/malloc.nommu.st"), want 139 (NULL for 8 MiB)"; fail=1; }
[ $fail = 0 ] && echo "ok: forkwait and malloc differ exactly where NOMMU must"
exit $fail
