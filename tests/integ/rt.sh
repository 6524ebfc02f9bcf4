#!/bin/sh
# rt.sh - the guest runtime behaves like glibc for what it offers.
#
# Each program in guest/rt/tests/ is built twice from one source: against
# the runtime (static-pie, through rvmm-cc) and against glibc (-static).
# Both run under qemu-riscv64; stdout and the exit status must be
# identical byte for byte. Also checks the shape of the runtime's
# binaries (static-pie, no interpreter) and one printf case where glibc
# itself is wrong. Skips (77) only without qemu-riscv64 or the cross compiler.
set -u
: "${top_builddir:=.}" "${QEMU_RISCV64:=}"

# Without a cross compiler configure skips the guest programs (no libc.a).
if [ -z "$QEMU_RISCV64" ] || { [ ! -f "$top_builddir/guest/rt/libc.a" ] &&
	! command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; }; then
	echo "rt.sh: SKIP: needs qemu-riscv64 and riscv64-linux-gnu-gcc"
	exit 77
fi
dir=$(cd "$top_builddir/guest/rt/tests" 2>/dev/null && pwd) ||
	{ echo "FAIL: $top_builddir/guest/rt/tests not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Exec'ing a riscv64 program from inside qemu-riscv64 needs binfmt_misc;
# the programs fall back to "$RT_EXEC_VIA prog" (see selfexec.h).
RT_EXEC_VIA=$QEMU_RISCV64
export RT_EXEC_VIA

# The text input.c reads on stdin (the others get /dev/null).
cat >"$tmp/input.txt" <<'TEXT'
short
a line longer than the fifteen bytes fgets may take
x
one
two
three#the rest is read by fread, forty bytes at most, and more after
TEXT

for t in printf floats strings malloc forkwait vforkexec pipe files buffering input; do
	in=/dev/null
	[ $t = input ] && in=$tmp/input.txt
	for v in "$t" "$t.glibc"; do
		if [ ! -x "$dir/$v" ]; then
			echo "FAIL: $dir/$v was not built"
			fail=1
			continue 2
		fi
	done
	# files.c works in the current directory: give each run its own.
	mkdir "$tmp/$t.rt.d" "$tmp/$t.glibc.d"
	(cd "$tmp/$t.rt.d" && "$QEMU_RISCV64" "$dir/$t" <"$in" >"$tmp/$t.rt" 2>"$tmp/$t.rt.err")
	rs=$?
	(cd "$tmp/$t.glibc.d" && "$QEMU_RISCV64" "$dir/$t.glibc" <"$in" >"$tmp/$t.glibc" 2>"$tmp/$t.glibc.err")
	gs=$?
	if [ $rs -ne $gs ]; then
		echo "FAIL: $t: exit status $rs with the runtime, $gs with glibc"
		cat "$tmp/$t.rt.err"
		fail=1
	elif ! cmp -s "$tmp/$t.rt" "$tmp/$t.glibc"; then
		echo "FAIL: $t: output differs from glibc's (< runtime, > glibc):"
		diff "$tmp/$t.rt" "$tmp/$t.glibc" | head -20
		fail=1
	elif [ ! -s "$tmp/$t.rt" ]; then
		echo "FAIL: $t: no output"
		fail=1
	else
		echo "ok: $t ($(wc -l <"$tmp/$t.rt") lines, status $rs, same as glibc)"
	fi
done

# The exec tests really exec'ed (not just failed the same way twice).
grep -q '^child 33: argc 3, running after exec$' "$tmp/vforkexec.rt" ||
	{ echo "FAIL: vforkexec: the exec'ed child did not run"; fail=1; }
# Outputs whose exact values are known, not just equal to glibc's.
grep -qx 'bad 0 nulls 0 checksum [0-9a-f]*' "$tmp/malloc.rt" ||
	{ echo "FAIL: malloc: corrupted blocks"; fail=1; }
grep -qx 'SIGSEGV child: killed by signal 11' "$tmp/forkwait.rt" ||
	{ echo "FAIL: forkwait: no SIGSEGV status"; fail=1; }
# stdout buffering as glibc's: full on a pipe, by line on a terminal.
cat >"$tmp/buf.pipe.want" <<'WANT'
err 1
err 2
out 3
out 1
out 2 without newline... ...ended
out 4
WANT
cat >"$tmp/buf.tty.want" <<'WANT'
out 1
err 1
err 2
out 2 without newline... ...ended
out 3
out 4
WANT
for v in buffering buffering.glibc; do
	"$QEMU_RISCV64" "$dir/$v" 2>&1 | cat >"$tmp/$v.pipe"
	if cmp -s "$tmp/$v.pipe" "$tmp/buf.pipe.want"; then
		echo "ok: $v: fully buffered on a pipe"
	else
		echo "FAIL: $v on a pipe (< got, > want):"
		diff "$tmp/$v.pipe" "$tmp/buf.pipe.want"
		fail=1
	fi
	# Only where script(1) can get a pseudo-terminal at all.
	if command -v script >/dev/null 2>&1 && script -qec true /dev/null </dev/null >/dev/null 2>&1; then
		# script(1) gives the program a pseudo-terminal; drop its CRs.
		script -qec "$QEMU_RISCV64 $dir/$v" /dev/null </dev/null | tr -d '\r' >"$tmp/$v.tty"
		if cmp -s "$tmp/$v.tty" "$tmp/buf.tty.want"; then
			echo "ok: $v: line-buffered on a terminal"
		else
			echo "FAIL: $v on a terminal (< got, > want):"
			diff "$tmp/$v.tty" "$tmp/buf.tty.want"
			fail=1
		fi
	fi
done

# Cases checked against fixed text rather than glibc (see known.c).
if "$QEMU_RISCV64" "$dir/known" >"$tmp/known" 2>&1; then
	cat >"$tmp/known.want" <<'WANT'
%#g 999999.5: 1.00000e+06
%.0f 0.5 1.5 2.5: 0 2 2
%.3f 1.0005: 1.000
%.17g 0.1: 0.10000000000000001
%e 4.9406564584124654e-324: 4.940656e-324
%a: %a
table: one two three
self-relocated: yes
AT_PAGESZ 4096, AT_ENTRY set 1, AT_NULL lookup 0 errno 2
errno after failed close: 9
WANT
	if ! cmp -s "$tmp/known" "$tmp/known.want"; then
		echo "FAIL: known: output differs (< got, > want):"
		diff "$tmp/known" "$tmp/known.want"
		fail=1
	else
		echo "ok: known (fixed expected text)"
	fi
else
	echo "FAIL: known: exit status $?"
	cat "$tmp/known"
	fail=1
fi

# Position independence: qemu's -R (a 64 MiB guest address space) makes it
# load the image at a much lower base (0x1ff7000 instead of 0x4000000000
# with qemu 7.2); startup must relocate it there just as well.
if "$QEMU_RISCV64" -R 0x4000000 "$dir/known" >"$tmp/known.low" 2>&1 &&
	cmp -s "$tmp/known.low" "$tmp/known.want"; then
	echo "ok: known at another load base"
else
	echo "FAIL: known at another load base:"
	diff "$tmp/known.low" "$tmp/known.want"
	fail=1
fi

# rvmm-cc compiles and links separately too (-c, then objects).
cat >"$tmp/two.c" <<'SRC'
#include <stdio.h>
int twice(int x);
int main(void) { printf("twice(21) = %d\n", twice(21)); return 0; }
SRC
echo 'int twice(int x) { return 2 * x; }' >"$tmp/one.c"
if "$top_builddir/rvmm-cc" -c -o "$tmp/one.o" "$tmp/one.c" &&
	"$top_builddir/rvmm-cc" -o "$tmp/two" "$tmp/two.c" "$tmp/one.o" &&
	[ "$("$QEMU_RISCV64" "$tmp/two")" = "twice(21) = 42" ]; then
	echo "ok: rvmm-cc separate compile and link"
else
	echo "FAIL: rvmm-cc separate compile and link"
	fail=1
fi

# Binary shape: static-pie with no PT_INTERP, relocations only RELATIVE.
readelf=riscv64-linux-gnu-readelf
if command -v $readelf >/dev/null 2>&1; then
	for t in printf malloc; do
		h=$($readelf -hlr "$dir/$t")
		echo "$h" | grep -q 'Type:.*DYN' || { echo "FAIL: $t is not ET_DYN"; fail=1; }
		if echo "$h" | grep -q INTERP; then
			echo "FAIL: $t has an interpreter"
			fail=1
		fi
		if echo "$h" | grep R_RISCV_ | grep -vq R_RISCV_RELATIVE; then
			echo "FAIL: $t needs relocations other than R_RISCV_RELATIVE"
			fail=1
		fi
	done
fi
exit $fail
