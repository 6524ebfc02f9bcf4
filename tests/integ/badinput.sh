#!/bin/sh
# badinput.sh - every kind of bad input to rvmm gets exactly one line on
# stderr naming the problem, and exit status 2: never a crash, never a run.
set -u
mkelf="$top_builddir/tests/integ/mkelf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect NAME WANTED-TEXT-ON-STDERR RVMM-ARGS...
expect() {
	name=$1 want=$2
	shift 2
	"$RVMM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$st" -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -qF -- "$want" "$tmp/err" ||
		[ -s "$tmp/out" ]; then
		echo "FAIL $name: status $st, $lines line(s) on stderr (want 2, 1, '$want'):"
		cat "$tmp/err"
		fails=$((fails + 1))
	else
		echo "ok   $name: $(cat "$tmp/err")"
	fi
}

"$mkelf" "$tmp/pass.elf" pass || exit 1
"$mkelf" "$tmp/outside.elf" outside || exit 1
"$mkelf" "$tmp/bigbss.elf" bigbss || exit 1
"$mkelf" "$tmp/rv32.elf" rv32 || exit 1
"$mkelf" "$tmp/dyn.elf" dyn || exit 1
head -c 100 "$tmp/pass.elf" >"$tmp/trunc-phdr.elf"
head -c 140 "$tmp/pass.elf" >"$tmp/trunc-seg.elf"
head -c 3 "$tmp/pass.elf" >"$tmp/trunc-magic.elf"
: >"$tmp/empty.elf"
printf 'just some text\n' >"$tmp/text.elf"

expect missing-file "$tmp/nope.elf: No such file or directory" --bare "$tmp/nope.elf"
expect directory "is a directory" --bare "$tmp"
expect empty-file "not an ELF file" --bare "$tmp/empty.elf"
expect non-elf "text.elf: not an ELF file" --bare "$tmp/text.elf"
expect x86-64-elf "ELF for another architecture, not RISC-V" --bare /bin/true
expect truncated-phdr "truncated or corrupt ELF" --bare "$tmp/trunc-phdr.elf"
expect truncated-segment "truncated or corrupt ELF" --bare "$tmp/trunc-seg.elf"
expect truncated-magic "not an ELF file" --bare "$tmp/trunc-magic.elf"
expect outside-ram "ELF segment outside guest RAM and ROM" --bare "$tmp/outside.elf"
expect bss-past-small-ram "ELF segment outside guest RAM and ROM" -m 512K --bare "$tmp/bigbss.elf"
expect rv32-elf "32-bit RISC-V ELF" --bare "$tmp/rv32.elf"
expect et-dyn "ET_DYN" --bare "$tmp/dyn.elf"
expect unknown-long "unknown option '--frobnicate'" --frobnicate --bare "$tmp/pass.elf"
expect unknown-short "unknown option '-q'" -q --bare "$tmp/pass.elf"
expect missing-arg "option '-m' needs an argument" --bare -m
expect missing-long-arg "option '--max-insns' needs an argument" --bare --max-insns
for m in 12Q 0 3K 1.5G -1 '' 64T 99999999999999999999999 0x100 100000 65G; do
	expect "bad-m[$m]" "bad -m size '$m'" -m "$m" --bare "$tmp/pass.elf"
done
for n in abc 0 -5 1e3 12x 18446744073709551616; do
	expect "bad-max-insns[$n]" "bad --max-insns '$n'" --max-insns "$n" --bare "$tmp/pass.elf"
done
for s in abc 0 -1 inf nan 1s 1e10; do
	expect "bad-timeout[$s]" "bad --timeout '$s'" --timeout "$s" --bare "$tmp/pass.elf"
done
expect bare-with-swap "do not apply" --swap /tmp/x --bare "$tmp/pass.elf"
expect bad-zram-size "--zram abc: Invalid argument" --zram abc /bin/true
expect nommu-swap "--nommu has no swap" --nommu --swap=/tmp/x prog
expect pmp-without-nommu "--pmp protects processes without paging: it needs --nommu" --pmp prog
expect nommu-bare "do not apply" --nommu --bare "$tmp/pass.elf"
expect nommu-tour "the built-in tour needs the MMU" --nommu --headless
expect nommu-et-exec "--nommu needs a position-independent static program" --nommu "$tmp/pass.elf"
expect missing-program "prog: No such file or directory" -L /usr prog
expect bad-trace "bad --trace 'io'" --trace=io prog
expect linux-x86-64 "not a RISC-V ELF file" /bin/true
expect bare-with-root "do not apply" --root / --bare "$tmp/pass.elf"
expect bad-colour "bad --colour 'plaid'" --colour plaid /bin/true
expect bare-no-image "--bare needs an IMAGE.elf" --bare
expect bare-extra-arg "unexpected argument 'extra'" --bare "$tmp/pass.elf" extra

if [ "$fails" -ne 0 ]; then
	echo "$fails bad-input case(s) failed"
	exit 1
fi
