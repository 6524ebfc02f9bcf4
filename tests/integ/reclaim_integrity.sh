#!/bin/sh
# reclaim_integrity.sh - every page written before it was swapped out reads
# back identical: 48 MiB of patterned anonymous memory in 32 MiB of RAM,
# checked several times over, then shared with a forked child (copy-on-write
# and the swap cache) and rewritten by both; on file swap, on zram, and on
# both at once. Every frame must be back at the end (--check-leaks).
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
for swap in "--swap $tmp/swapfile,64M" "--zram 64M" "--zram 8M --swap $tmp/swapfile,64M"; do
	out=$("$run" -m 32 --check-leaks --log "$tmp/log" --root / $swap "$g/swapstress" 40 2 fork stats 2>&1)
	st=$?
	echo "$out" | sed 's/^/  /'
	check "[ $st -eq 0 ]" "$swap: exit status 0"
	check "echo \"\$out\" | grep -qx ok" "$swap: every page read back identical (parent and child)"
	check "[ \"$(val pswpout)\" -gt 12288 ]" "$swap: pages really went out (pswpout > 48 MiB)"
	check "[ \"$(val pswpin)\" -gt 8192 ]" "$swap: and came back in (pswpin)"
	check "[ \"$(val pswpin)\" = \"$(val workingset_refault_anon)\" ]" "$swap: each swap-in counted as a refault"
	check "echo \"\$out\" | grep -q 'leak check: all'" "$swap: every frame back, mm_check clean"
	check "! grep -q 'Bad page' \"$tmp/log\"" "$swap: no bad page state in the kernel log"
done
exit $fail
