#!/bin/sh
# reclaim_oom.sh - the OOM killer: the victim is the expected process, its
# parent sees SIGKILL in the wait status, the system keeps running and gets
# back everything the victim held (MemFree), oom_score_adj (written by the
# guest) changes the choice, PID 1 goes only when it is alone; the kernel log
# carries Linux's report.
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
out=$("$run" -m 32 --check-leaks --log "$tmp/log" --root / "$g/oomkill" 4 2>&1)
st=$?
echo "$out"
check "[ $st -eq 0 ]" "PID 1 survives and exits 0"
check "echo \"\$out\" | grep -qx 'first to go: hog, killed by signal 9'" "the hog (largest) is killed, its parent sees SIGKILL"
check "echo \"\$out\" | grep -q '^MemFree back: yes'" "MemFree is back after the victims are reaped"
check "echo \"\$out\" | grep -q 'leak check: all'" "every frame back"
check "grep -q 'oomkill invoked oom-killer: gfp_mask=0x[0-9a-f]*(GFP_HIGHUSER_MOVABLE' \"$tmp/log\"" "report: invoking task and gfp mask"
check "grep -q '^.*\[  pid  \]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name' \"$tmp/log\"" "report: task table header"
check "grep -q 'Out of memory: Killed process 3 (oomkill)' \"$tmp/log\"" "report: victim PID 3"

out=$("$run" -m 32 --root / "$g/oomkill" 4 1000 2>&1)
echo "$out"
check "echo \"\$out\" | grep -qx 'first to go: quiet, killed by signal 9'" "oom_score_adj 1000 makes the small child the victim"

out=$("$run" -m 32 --check-leaks --log "$tmp/log2" --root / "$g/memhog" 8 2>&1)
st=$?
check "[ $st -eq 137 ]" "a lone hog (PID 1) is killed: exit status 128+9 ($st)"
check "grep -q 'Out of memory: Killed process 1 (memhog)' \"$tmp/log2\"" "report names PID 1"
check "! grep -q 'Bad page' \"$tmp/log\" \"$tmp/log2\"" "no bad page state in the kernel logs"
check "echo \"\$out\" | grep -q 'leak check: all'" "every frame back after the kill"

out=$("$run" -m 32 --root / --swap "$tmp/swapfile,32M" "$g/memhog" 8 2>&1)
st=$?
echo "$out"
check "[ $st -eq 137 ]" "with 32 MiB of swap the hog still ends killed"
last=$(echo "$out" | awk '/MiB: VmRSS/ { m = $1 + 0; s = $7 } END { print m, s }')
check "[ \"${last% *}\" -ge 56 ] && [ \"${last#* }\" -ge 20000 ]" "but only after growing past RAM into swap (MiB, VmSwap kB: $last)"
exit $fail
