#!/bin/sh
# reclaim_sysctl.sh - /proc/sys/vm from a guest program (guest/reclaim/sysctl):
# drop_caches (write-only, 0200) empties the page cache of a 4 MiB file the
# program read, so Cached falls by at least 4096 kB and only mapped pages
# (the program's own text) stay; the knobs read back what was written, the
# kernel command line's swappiness= is the same knob, bad values are EINVAL.
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
out=$("$run" -m 32 --check-leaks --log "$tmp/log" --root / "$g/sysctl" "$tmp/data" 4 2>&1)
check "[ $? -eq 0 ]" "exit status 0"
echo "$out" | sed 's/^/  /'
line() { echo "$out" | grep -qx "$1"; }
check "line 'ls drop_caches min_free_kbytes swappiness watermark_scale_factor'" "/proc/sys/vm lists the four real knobs"
check "line 'drop_caches_mode 100200' && line 'swappiness_mode 100644'" "modes as Linux (0200, 0644)"
check "line 'drop_caches_read EACCES'" "drop_caches cannot be read"
check "line 'drop_caches_1 0' && line 'cached_dropped_at_least_file 1'" "echo 1 drops the file's 4096 kB from Cached"
check "[ \"$(val cached_after)\" -lt 512 ]" "only mapped pages stay cached"
check "line 'drop_caches_0 Invalid argument' && line 'drop_caches_5 Invalid argument' && line 'drop_caches_junk Invalid argument'" "drop_caches: 0, 5 and junk are EINVAL"
check "line 'drop_caches_3 0'" "echo 3 works"
check "grep -q 'sysctl (1): drop_caches: 1' \"$tmp/log\"" "the kernel log names who dropped caches"
sw=$(echo "$out" | grep '^swappiness [0-9]' | tr '\n' ' ')
check "[ \"\$sw\" = 'swappiness 60 swappiness 100 swappiness 100 ' ]" "swappiness reads 60, then 100, and bad writes change nothing"
check "line 'swappiness_201 Invalid argument' && line 'swappiness_neg Invalid argument' && line 'swappiness_empty Invalid argument'" "swappiness: 201, -1 and empty are EINVAL"
check "line 'min_free_kbytes 2048'" "min_free_kbytes reads back"
check "line 'watermark_scale_factor 10' && line 'watermark_scale_factor_0 Invalid argument'" "watermark_scale_factor 10 by default, 0 is EINVAL"
check "echo \"\$out\" | grep -q 'leak check: all'" "every frame back"
out=$("$run" -m 32 --root / --append "swappiness=30" "$g/sysctl" "$tmp/data" 1 2>&1)
check "[ \"$(val swappiness)\" = 30 ]" "swappiness=30 on the command line reads back 30"
exit $fail
