#!/bin/sh
# reclaim_dirty.sh - no dirty file page is lost: a guest writes 48 MiB of a
# MAP_SHARED file with 32 MiB of RAM (reclaim must write dirty pages back to
# free them), exits without msync (the rest is written at exit), and the host
# file is checked word by word after rvmm has exited.
set -u
. "$top_srcdir/tests/integ/reclaim-common.sh"
f=$tmp/data
: > "$f" && truncate -s 48M "$f" || exit 1
out=$("$run" -m 32 --check-leaks --root / "$g/dirtyfile" "$f" 48 2>&1)
st=$?
echo "$out"
check "[ $st -eq 0 ]" "exit status 0"
check "echo \"\$out\" | grep -q 'leak check: all'" "every frame back"
# word w (0, 64, ... 448) of page p holds 5a5a followed by p << 12 | w in 12 hex digits
bad=$(od -An -v -tx8 -w4096 "$f" | awk '{
	for (w = 0; w < 512; w += 64)
		if ($(w + 1) != sprintf("5a5a%012x", (NR - 1) * 4096 + w)) bad++
	n++ } END { print n == 12288 ? bad + 0 : "pages:" n }')
check "[ \"$bad\" = 0 ]" "all 12288 pages of the host file hold what the guest wrote ($bad bad words)"
exit $fail
