#!/bin/sh
# reclaim_shmem.sh - shmem is swappable: a 40 MiB MAP_SHARED|MAP_ANONYMOUS
# region in 32 MiB of RAM, written by a parent, checked and rewritten by its
# forked child, checked again by the parent; on file swap and on zram. Every
# page of the object is either resident (meminfo Shmem) or on swap (smaps
# Swap of the mapping), VmSwap leaves shmem out (Linux's rule), and munmap
# frees every slot the object held.
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
for swap in "--swap $tmp/swapfile,64M" "--zram 64M"; do
	out=$("$run" -m 32 --check-leaks --log "$tmp/log" --root / $swap "$g/shmstress" 40 2 2>&1)
	st=$?
	echo "$out" | sed 's/^/  /'
	check "[ $st -eq 0 ]" "$swap: exit status 0"
	check "echo \"\$out\" | grep -qx ok" "$swap: every page read back identical (parent and child)"
	check "[ \"$(val Swap)\" -gt 4096 ]" "$swap: more than 4 MiB of the region went to swap"
	check "[ $(( $(val Shmem) + $(val Swap) )) -eq 40960 ]" "$swap: Shmem + smaps Swap = the 40960 kB object"
	check "[ \"$(val SwapUsed)\" -eq $(( $(val Swap) + $(val VmSwap) )) ]" "$swap: swap in use = shmem's + the process's VmSwap"
	check "[ \"$(val ShmemAfter)\" -eq 0 ]" "$swap: Shmem 0 after munmap"
	check "[ \"$(val SwapUsedAfter)\" -eq \"$(val VmSwap)\" ]" "$swap: munmap freed every shmem slot"
	check "echo \"\$out\" | grep -q 'leak check: all'" "$swap: every frame back, mm_check clean"
	check "! grep -q 'Bad page' \"$tmp/log\"" "$swap: no bad page state in the kernel log"
done
exit $fail
