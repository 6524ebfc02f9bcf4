#!/bin/sh
# reclaim_order.sh - what reclaim takes first, what /proc shows of it:
#  - with a 24 MiB file in the page cache and swap available, allocating
#    anonymous memory shrinks Cached and swaps nothing (default swappiness);
#  - a working set that fits in RAM costs no faults per pass, one larger than
#    RAM faults its whole self back in every pass (thrashing);
#  - the swapon tool reads /proc/swaps: zram (priority 100) and a file (-2).
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
head -c 25165824 /dev/zero | tr '\0' 'x' > "$tmp/big" || exit 1
out=$("$run" -m 32 --check-leaks --root / --swap "$tmp/swapfile,32M" "$g/pagecache" "$tmp/big" 16 2>&1)
st=$?
echo "$out"
c1=$(echo "$out" | awk '/^after read/ { print $4 }'); c2=$(echo "$out" | awk '/^after anon/ { print $4 }')
s2=$(echo "$out" | awk '/^after anon/ { print $NF }')
check "[ $st -eq 0 ]" "exit status 0"
check "[ \"$c1\" -ge 24576 ]" "reading the file filled the page cache (Cached $c1 kB)"
check "[ \"$c2\" -le $((c1 - 8192)) ]" "anonymous memory took its room from the cache (Cached $c2 kB)"
check "[ \"$s2\" = 0 ]" "and nothing was swapped out (pswpout $s2)"

out=$("$run" -m 32 --root / --zram 64M "$g/wsweep" 8 40 16 2 2>&1)
echo "$out"
f8=$(echo "$out" | awk '$1 == 8 { print $2 }'); f24=$(echo "$out" | awk '$1 == 24 { print $2 }')
f40=$(echo "$out" | awk '$1 == 40 { print $2 }')
check "[ \"$f8\" = 0 ] && [ \"$f24\" = 0 ]" "8 and 24 MiB sets: no major faults per pass"
check "[ \"$f40\" -ge 10240 ]" "40 MiB set (> 32 MiB RAM): the whole set faults back every pass ($f40)"

out=$("$run" -m 32 --root / --zram 16M --swap "$tmp/swapfile,32M" "$g/swapon" 2>&1)
echo "$out"
check "echo \"\$out\" | grep -q '^/dev/zram0  *partition  *16.0M  *0K  *100$'" "zram listed first, priority 100"
check "echo \"\$out\" | grep -q 'swapfile  *file  *32.0M  *0K  *-2$'" "the file at -2"
check "echo \"\$out\" | grep -qx 'SwapTotal:         49144 kB'" "SwapTotal (16 MiB + 32 MiB less two header pages)"
exit $fail
