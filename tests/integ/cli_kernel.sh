#!/bin/sh
# cli_kernel.sh - the command line's kernel options: --trace=mm, --log, --verbose.
b=$top_builddir
prog=$b/guest/tests/protnone
[ -x "$prog" ] || { echo "no guest programs (cross compiler?)"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# --trace=mm: one line per event, in the documented shape, on stderr only.
"$RVMM" --trace=mm "$prog" >"$tmp/out" 2>"$tmp/trace"
[ $? -eq 0 ] || fail "--trace=mm: exit status"
cmp -s "$tmp/out" "$top_srcdir/tests/integ/protnone.expected" || fail "--trace=mm changed stdout"
bad=$(grep -Ev '^mm: [0-9]+ pid [0-9]+ (minor fault|major fault|COW break|swap out|swap in|reclaim|OOM kill|process start|process exit)( va 0x[0-9a-f]+)?( pfn 0x[0-9a-f]+)?$' "$tmp/trace" | head -3)
[ -z "$bad" ] || fail "--trace=mm: malformed lines: $bad"
[ "$(grep -c ' process start$' "$tmp/trace")" -eq 2 ] || fail "--trace=mm: want 2 process starts (parent, child)"
[ "$(grep -c ' process exit$' "$tmp/trace")" -eq 2 ] || fail "--trace=mm: want 2 process exits"
grep -q ' COW break va ' "$tmp/trace" || fail "--trace=mm: the fork's COW breaks are missing"
echo "ok --trace=mm: $(wc -l <"$tmp/trace") events"

# --log FILE: the kernel log, dmesg-style, with the command line it booted with.
"$RVMM" --log "$tmp/klog" --append slab_allocator=slob "$prog" >/dev/null 2>"$tmp/err" ||
	fail "--log: exit status"
[ -s "$tmp/err" ] && fail "--log wrote to stderr: $(head -2 "$tmp/err")"
grep -q '^\[ *[0-9]*\.[0-9]\{6\}\] Kernel command line: slab_allocator=slob$' "$tmp/klog" ||
	fail "--log: no 'Kernel command line' record"
grep -q '^\[ *[0-9]*\.[0-9]\{6\}\] Memory: [0-9]*K/131072K available' "$tmp/klog" ||
	fail "--log: no 'Memory:' record"
echo "ok --log: $(wc -l <"$tmp/klog") records"

# --verbose: the same records on stderr.
"$RVMM" --verbose "$prog" >/dev/null 2>"$tmp/verbose" || fail "--verbose: exit status"
grep -q 'Built 1 zonelists' "$tmp/verbose" || fail "--verbose: no boot records on stderr"
echo "ok --verbose"

# --seed: the same seed gives the same random bytes, another seed others.
rnd=$b/guest/tests/random
a=$("$RVMM" --seed 42 "$rnd"); a2=$("$RVMM" --seed 42 "$rnd"); c=$("$RVMM" --seed 43 "$rnd")
d=$("$RVMM" "$rnd"); d2=$("$RVMM" "$rnd")
if [ -n "$a" ] && [ "$a" = "$a2" ] && [ "$a" != "$c" ] && [ "$d" = "$d2" ]; then
	echo "ok --seed: $a / $c"
else
	fail "--seed: '$a' '$a2' '$c' '$d' '$d2'"
fi

# Bad values: one line, status 2.
for args in "--trace=io $prog" "--log $tmp/no/such/dir/log $prog" "--seed x $prog"; do
	# shellcheck disable=SC2086
	"$RVMM" $args >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st -ne 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		fail "'$args': status $st, $(wc -l <"$tmp/err") line(s): $(cat "$tmp/err")"
	else
		echo "ok $args: $(cat "$tmp/err")"
	fi
done
[ $fails -eq 0 ]
