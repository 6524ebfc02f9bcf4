#!/bin/sh
# tests/integ/roms.sh - run every self-checking image in roms/tests under
# `rvmm --bare` with an instruction budget and require its expected exit
# status (0, or N for *_exitN images; the status of a failing image is the
# index of its first failing check, 255 for an unexpected trap).
. "$top_srcdir/tests/integ/roms-common.sh"

: "${RVMM:?}"
fail=0
for img in $(roms_tests); do
	n=$(basename "$img" .elf)
	want=$(roms_expected "$img")
	out=$(timeout 120 "$RVMM" --max-insns 400000000 --bare "$img" </dev/null 2>&1)
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
