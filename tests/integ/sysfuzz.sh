#!/bin/sh
# sysfuzz.sh - random system calls with hostile arguments (guest/tests/sysfuzz)
# from 4 seeds x 150 children x 40 calls, in a scratch root: rvmm must not
# crash (the suite runs this again under ASan and UBSan), the fuzzing parent
# (init) must survive every child and report, and every frame must come back
# with mm_check clean.
set -u
prog=$top_builddir/guest/tests/sysfuzz
[ -x "$prog" ] || { echo "no guest programs (cross compiler?)"; exit 77; }
fail=0
for seed in 1 2 3 4; do
	root=$(mktemp -d)
	cp "$prog" "$root/sysfuzz"
	out=$(cd "$root" && "$top_builddir/tests/kernel-run" --check-leaks --root . ./sysfuzz "$seed" 150 40 2>&1)
	st=$?
	if [ $st -eq 0 ] && echo "$out" | grep -q "^exited: " &&
	   echo "$out" | grep -q "free pages back, mm_check clean$"; then
		echo "ok seed $seed: $(echo "$out" | tr '\n' ' ')"
	else
		echo "FAIL seed $seed (status $st):"; echo "$out"; fail=1
	fi
	rm -rf "$root"
done
exit $fail
