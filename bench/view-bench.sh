#!/bin/sh
# view-bench.sh - the viewer's cost to the guest: guest MIPS of a CPU-bound
# Linux program (guest/tests/view/probe spin, stopped by --max-insns) with
# the window closed (--headless) and open (--window, under a private Xvfb,
# heat measurement on), as reported by rvmm --stats: by wall time of the
# emulation (window setup excluded; on a loaded machine the window thread's
# CPU is taken from everyone, the guest included) and by the emulator
# thread's own CPU time (what the hand-off itself costs the guest).
# Best of VIEW_BENCH_RUNS runs each. Argument: the build directory (default .).
b=${1:-.}
RVMM="$b/rvmm"
PROBE="$b/guest/tests/view/probe"
N=${VIEW_BENCH_INSNS:-2000000000}
RUNS=${VIEW_BENCH_RUNS:-3}
[ -x "$PROBE" ] || { echo "view-bench: $PROBE not built (no riscv64 Linux compiler)"; exit 0; }
command -v Xvfb >/dev/null 2>&1 || { echo "view-bench: no Xvfb, skipped"; exit 0; }

# mips ARGS...: "WALL CPU", the best MIPS of $RUNS runs of rvmm ARGS each way.
mips() {
	bw=0
	bc=0
	for _ in $(seq "$RUNS"); do
		line=$("$RVMM" --stats --max-insns "$N" "$@" "$PROBE" spin 2>&1 >/dev/null | grep MIPS)
		w=$(echo "$line" | sed -n 's/.* \([0-9.]*\) MIPS (.*/\1/p')
		c=$(echo "$line" | sed -n 's/.*(\([0-9.]*\) per CPU second)$/\1/p')
		bw=$(awk -v a="$w" -v b="$bw" 'BEGIN { print (a + 0 > b + 0) ? a : b }')
		bc=$(awk -v a="$c" -v b="$bc" 'BEGIN { print (a + 0 > b + 0) ? a : b }')
	done
	echo "$bw $bc"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xpid=$!
trap 'kill $xpid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$tmp/display")" SDL_VIDEODRIVER=x11

set -- $(mips --headless)
cw=$1
cc=$2
set -- $(mips --window)
ow=$1
oc=$2
printf 'viewer   %-20s %8s MIPS wall %8s MIPS emulator-CPU\n' "window closed" "$cw" "$cc"
printf 'viewer   %-20s %8s MIPS wall %8s MIPS emulator-CPU\n' "window open (Xvfb)" "$ow" "$oc"
echo "viewer: open/closed guest MIPS $(ratio "$ow" "$cw") by wall time," \
	"$(ratio "$oc" "$cc") by the emulator thread's CPU time"
