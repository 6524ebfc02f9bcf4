#!/bin/sh
# guest-swap-bench.sh - swap throughput measured from a guest program, the
# swap part of `make bench` next to bench/swap-bench (the standalone layer).
#   sh bench/guest-swap-bench.sh BUILDDIR
# guest/reclaim/swapmix fills MIB of anonymous memory with a mixed workload
# (text, zeros, random, integers, records, half-random pages) and reads it
# back PASSES times, in too little RAM with file swap or zram, and again in
# RAM enough to need no swap. Time: CPU seconds (user + sys) of the rvmm
# process, the best of 3 runs; the swap cost is the difference between the
# two (the kernel's swap work runs on the host and takes no guest time, so
# guest clocks cannot see it). "out+in" is the guest data (pswpout + pswpin
# pages of 4 KiB) moved by a fill and two checking passes over that extra
# time; "fill" the swap-outs of the fill alone over its extra time, shown
# only when that time is measurable (>= 0.05 s). zram's ratio is
# zram's Used (/proc/swaps) over the frames its store holds (nr_zspages),
# Linux's orig_data_size / mem_used_total. The same pages are then handed to
# bench/swap-bench --load (host liblz4 page by page) and to the lz4 CLI.
set -u
b=${1:-.}
run=$b/tests/kernel-run
g=$b/guest/reclaim/swapmix
[ -x "$run" ] && [ -x "$g" ] && [ -x /usr/bin/time ] || { echo "guest-swap-bench: not built (or no /usr/bin/time)"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rvmm-gswap.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# best RUNARGS...: the lowest user+sys of 3 runs; the last run's output in $tmp/out
best() {
	m=
	for i in 1 2 3; do
		/usr/bin/time -f '%U %S' -o "$tmp/t" "$run" --root / "$@" >"$tmp/out" 2>/dev/null || return 1
		s=$(awk '{ print $1 + $2 }' "$tmp/t")
		m=$(awk -v a="$s" -v b="${m:-$s}" 'BEGIN { print (a < b ? a : b) }')
	done
	echo "$m"
}
val() { awk -v n="$1" '$1 == n { print $2 }' "$tmp/out"; }
# mbs PAGES SECONDS: MB/s; "-" below 0.05 s, which the noise of a shared
# machine swamps (the fill's swap-outs usually are)
mbs() { awk -v p="$1" -v s="$2" 'BEGIN { if (s >= 0.05) printf "%.0f", p * 4096 / s / 1e6; else print "-" }'; }

for dev in file zram; do
	# the baseline has RAM enough for the workload and little more, so that
	# booting a bigger machine costs next to nothing
	if [ $dev = file ]; then mib=128; opts="-m 32 --swap $tmp/swapfile,160M"; ram=160
	else mib=96; opts="-m 64 --zram 128M"; ram=128; fi
	t0=$(best $opts "$g" $mib 0) || { echo "guest-swap-bench: $dev run failed"; continue; }
	out0=$(val pswpout)
	[ $dev = zram ] && ratio=$(awk -v u="$(val zram_used_kb)" -v f="$(val nr_zspages)" 'BEGIN { if (f > 0) printf "%.2f", u / 4 / f; else print "-" }')
	r0=$(best -m $ram "$g" $mib 0)
	t2=$(best $opts "$g" $mib 2)
	out2=$(val pswpout); in2=$(val pswpin)
	r2=$(best -m $ram "$g" $mib 2)
	d0=$(awk -v t="$t0" -v r="$r0" 'BEGIN { printf "%+.2f", t - r }')
	d2=$(awk -v t="$t2" -v r="$r2" 'BEGIN { printf "%+.2f", t - r }')
	printf 'guest %-4s out+in %6s MB/s   fill (swap-out only) %6s MB/s   [%s MiB in %s vs -m %s]\n' \
		$dev "$(mbs $((out2 + in2)) "$d2")" "$(mbs "$out0" "$d0")" $mib "$(echo "$opts" | sed "s|$tmp/||")" $ram
	printf '  2 passes: %s pages out + %s in, %s s CPU; fill: %s out, %s s CPU\n' \
		"$out2" "$in2" "$d2" "$out0" "$d0"
done
echo "guest zram ratio on the mixed workload: ${ratio:--} (data / frames used)"
"$run" -m 512 --root / "$g" 96 0 "$tmp/dump" >/dev/null 2>&1
if [ -s "$tmp/dump" ] && [ -x "$b/bench/swap-bench" ]; then
	echo "the same pages in the standalone layer and host liblz4:"
	"$b/bench/swap-bench" --load "$tmp/dump" | sed 's/^/  /'
	if command -v lz4 >/dev/null 2>&1; then
		printf '  host lz4 CLI (lz4 -b1 -B4, 64 KiB blocks): '
		lz4 -b1 -B4 -i1 "$tmp/dump" 2>&1 | tr '\r' '\n' | grep 'MB/s ,' | tail -n 1 | sed 's/^ *[^ ]* *: *//'
	fi
fi
