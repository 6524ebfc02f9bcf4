#!/bin/sh
# reclaim_stallclock.sh - a full memory stall advances the guest clock
# (docs/swap.md "Pressure stall information"): guest/reclaim/stallclock
# times one sweep over 40 MiB with clock_gettime and reads the "full" stall
# of /proc/pressure/memory around it. In 128 MiB nothing stalls; in 32 MiB
# with zram or file swap the sweep thrashes, and its clock time is the
# in-RAM time plus the stall, to within the microsecond the times are read
# in (same instructions, and the hart idles through each modelled stall
# since nothing else could run).
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
out=$("$run" -m 128 --root / "$g/stallclock" 40 2>&1)
echo "$out" | sed 's/^/  /'
fit=$(val clock_us)
check "[ \"$(val stall_us)\" = 0 ] && [ \"$fit\" -gt 0 ]" "in RAM: no stall, $fit us"
for swap in "--zram 96M" "--swap $tmp/swapfile,96M"; do
	out=$("$run" -m 32 --root / $swap "$g/stallclock" 40 2>&1)
	echo "$out" | sed 's/^/  /'
	check "[ \"$(val stall_us)\" -gt 100000 ]" "$swap: the sweep thrashes (more than 100 ms of full stall)"
	d=$(( $(val clock_us) - fit - $(val stall_us) ))
	check "[ $d -ge -1 ] && [ $d -le 1 ]" "$swap: clock_gettime shows the in-RAM time plus the stall (to the us the clock is read in)"
done
exit $fail
