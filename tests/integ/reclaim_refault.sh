#!/bin/sh
# reclaim_refault.sh - shadow entries and refault accounting (docs/swap.md
# "Refaults"). guest/reclaim/refault reads an 8 MiB file, pushes it out of
# the page cache with anonymous memory, reads it again, then sweeps the
# anonymous memory twice. Deterministic: exact counters.
#  - no swap, 26 MiB of anon in 32 MiB: all 2048 file pages refault; none is
#    activated (without swap the workingset a file page competes with is the
#    active file list only, and the whole cache went round since);
#  - zram, 40 MiB of anon: the 2048 file pages refault and are all activated
#    (with swap the anon lists count as workingset too); the anon sweep is a
#    cycle larger than RAM, so its refault distances exceed the workingset:
#    every swap-in is a refault, none is activated.
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
fval() { echo "$out" | awk -v k="$1" -v n="$2" '$1 == k && $2 == n { print $3; exit }'; }

out=$("$run" -m 32 --check-leaks --root / "$g/refault" "$tmp/file" 8 26 2>&1)
check "[ $? -eq 0 ]" "no swap: exit status 0"
echo "$out" | sed 's/^/  /'
check "[ \"$(fval file: workingset_refault_file)\" = 2048 ]" "no swap: 2048 file refaults"
check "[ \"$(fval file: workingset_activate_file)\" = 0 ]" "no swap: no file page activated"
check "[ \"$(fval file: workingset_refault_anon)\" = 0 ]" "no swap: no anon refault"
check "[ \"$(fval anon: pswpin)\" = 0 ] && [ \"$(fval anon: workingset_refault_anon)\" = 0 ]" "no swap: the anon sweep stays resident"

out=$("$run" -m 32 --check-leaks --root / --zram 64M "$g/refault" "$tmp/file" 8 40 2>&1)
check "[ $? -eq 0 ]" "zram: exit status 0"
echo "$out" | sed 's/^/  /'
check "[ \"$(fval file: workingset_refault_file)\" = 2048 ]" "zram: 2048 file refaults"
check "[ \"$(fval file: workingset_activate_file)\" = 2048 ]" "zram: all 2048 activated"
check "[ \"$(fval anon: workingset_refault_anon)\" = 20488 ]" "zram: 20488 anon refaults in two sweeps of 10240 pages"
check "[ \"$(fval anon: workingset_refault_anon)\" = \"$(fval anon: pswpin)\" ]" "zram: every swap-in had a shadow"
check "[ \"$(fval anon: workingset_activate_anon)\" = 0 ]" "zram: no anon page of the cycle activated"
check "echo \"\$out\" | grep -q 'leak check: all'" "zram: every frame back, shadows freed with their slots"
exit $fail
