#!/bin/sh
# demo.sh - rvmm running Linux programs and its built-in demo, end to end:
# the headless tour prints its chapters, writes its final PNG and removes its
# private root; --snapshot-every writes one PNG per N instructions; bad
# snapshot options are refused; under Xvfb the demo's window shows the same
# map as its --snapshot PNG, answers keys (modes differ on screen) and q ends it. Skips (77) without the guest
# programs (no riscv64 Linux compiler); the window part is skipped alone
# without Xvfb/xdotool/xwd.
set -u
RVMM="${RVMM:-${top_builddir:-.}/rvmm}"
PROBE="${top_builddir:-.}/guest/tests/view/probe"
[ -x "$PROBE" ] || { echo "SKIP: guest programs not built"; exit 77; }
case $RVMM in /*) ;; *) RVMM="$PWD/$RVMM" ;; esac
case $PROBE in /*) ;; *) PROBE="$PWD/$PROBE" ;; esac
tmp=$(mktemp -d)
xpid=""
rpid=""
cleanup() {
	[ -n "$rpid" ] && kill "$rpid" 2>/dev/null
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

# 1. The headless demo, with no display at all.
mkdir "$tmp/run" "$tmp/t"
(cd "$tmp/run" && env -u DISPLAY -u WAYLAND_DISPLAY TMPDIR="$tmp/t" "$RVMM" \
	>"$tmp/demo.out" 2>"$tmp/demo.err")
st=$?
[ "$st" -eq 0 ] || fail "demo exited with $st: $(cat "$tmp/demo.err")"
for ch in "== 1. Lazy allocation" "== 2. fork and copy-on-write" "== 3. The page cache" \
	"== 4. Swapping to zram" "== 5. Thrashing" "== 6. The OOM killer" "end of the tour" \
	"final map (kind colours): rvmm-demo.png"; do
	grep -q "$ch" "$tmp/demo.out" || fail "demo output lacks '$ch'"
done
grep -q "child wrote 1024 pages: 1024 COW faults" "$tmp/demo.out" || fail "COW faults not counted"
# The page cache outlives close(): Cached keeps the 8 MiB file, a second read does no I/O,
# and the zram chapter's anonymous pressure reclaims it.
l=$(grep "read 8192 kB of /big.dat and closed it: Cached" "$tmp/demo.out") ||
	fail "page cache chapter: no read line"
c0=$(echo "$l" | sed -E 's/.*Cached ([0-9]+) kB -> .*/\1/')
c1=$(echo "$l" | sed -E 's/.*-> ([0-9]+) kB, .*/\1/')
[ $((c1 - c0)) -ge 8192 ] || fail "Cached did not keep the closed file: $l"
echo "$l" | grep -q "pgpgin +8192 kB$" || fail "first read not counted in pgpgin: $l"
grep -q "read it again: pgpgin +0 kB" "$tmp/demo.out" || fail "second read was not from the cache"
l=$(grep -E "^   Cached [0-9]+ kB -> [0-9]+ kB: reclaim dropped" "$tmp/demo.out") ||
	fail "zram chapter: no Cached line"
c2=$(echo "$l" | sed -E 's/ *Cached ([0-9]+) kB -> .*/\1/')
c3=$(echo "$l" | sed -E 's/.*-> ([0-9]+) kB:.*/\1/')
[ "$c2" -ge 8192 ] && [ $((c2 - c3)) -ge 4096 ] || fail "anon pressure did not shrink Cached: $l"
# The pressure chapters run for real on the tour's zram: anon pages went to swap and came back.
grep -Eq "touched 157 MiB with 126 MiB of RAM: SwapFree [0-9]+ kB of 131068 kB" "$tmp/demo.out" ||
	fail "the zram chapter did not swap"
grep -Eq "3 sweeps over 157 MiB: [1-9][0-9]* major faults" "$tmp/demo.out" ||
	fail "the thrashing chapter saw no major faults"
grep -q "the hog (pid [0-9]*) was killed by signal 9" "$tmp/demo.out" || fail "no OOM kill"
grep -Eq "not yet|skipped" "$tmp/demo.out" && fail "a chapter was skipped"
is_png "$tmp/run/rvmm-demo.png" || fail "no final PNG"
[ -z "$(ls "$tmp/t")" ] || fail "demo left files in TMPDIR: $(ls "$tmp/t")"
grep -q "no window" "$tmp/demo.err" || fail "no line saying why there is no window"

# --headless with --snapshot and a colour mode
(cd "$tmp/run" && DISPLAY=:999 "$RVMM" --headless --snapshot "$tmp/d.png" --colour sharing \
	>"$tmp/demo2.out" 2>&1) || fail "headless demo with --snapshot"
is_png "$tmp/d.png" || fail "--snapshot ignored by the demo"
grep -q "final map (sharing colours): $tmp/d.png" "$tmp/demo2.out" || fail "path not printed"
grep -q "no window" "$tmp/demo2.out" && fail "--headless still tried a window"

# 2. A time-lapse: a frame at every multiple of N up to the --max-insns stop.
mkdir "$tmp/frames"
"$RVMM" --snapshot-every 500000 --snapshot-dir "$tmp/frames" --colour heat \
	--max-insns 5250000 "$PROBE" hammer
st=$?
[ "$st" -eq 124 ] || fail "--max-insns: status $st, want 124"
[ "$(ls "$tmp/frames" | wc -l)" -eq 10 ] || fail "want 10 frames, got: $(ls "$tmp/frames")"
[ -f "$tmp/frames/frame-000001.png" ] && [ -f "$tmp/frames/frame-000010.png" ] ||
	fail "frame names"
is_png "$tmp/frames/frame-000010.png" || fail "frame 10 is not a PNG"
cmp -s "$tmp/frames/frame-000001.png" "$tmp/frames/frame-000010.png" &&
	fail "the time-lapse does not change"
# The status bar of a time-lapse frame (read back from its pixels) gives the
# MIPS and faults/s since the previous frame, by wall time.
SHOTCMP="${top_builddir:-.}/tests/integ/shotcmp"
bar=$("$SHOTCMP" --status "$tmp/frames/frame-000002.png") || fail "cannot read frame 2's status bar"
echo "$bar" | grep -Eq '^MMU  [0-9]+\.[0-9] MIPS \(wall, since last frame\)  pid 1  faults/s [0-9]+  free ' ||
	fail "frame 2's status bar: '$bar'"
echo "$bar" | grep -q '^MMU  0\.0 MIPS' && fail "frame 2: the guest ran 500000 instructions at 0 MIPS"

# --timeout stops a program that never ends
"$RVMM" --timeout 0.3 "$PROBE" spin 2>"$tmp/err"
st=$?
[ "$st" -eq 124 ] || fail "--timeout: status $st, want 124"
grep -q "stopped after 0.3 seconds" "$tmp/err" || fail "--timeout: $(cat "$tmp/err")"

# A program's --snapshot is taken when it exits, with its memory still there.
"$RVMM" --snapshot "$tmp/p.png" "$PROBE" touch 100 || fail "probe touch"
is_png "$tmp/p.png" || fail "program --snapshot"
# ... and its status bar has the whole run's average rates
bar=$("$SHOTCMP" --status "$tmp/p.png") || fail "cannot read the status bar"
echo "$bar" | grep -Eq '^MMU  [0-9]+\.[0-9] MIPS \(wall, whole run\)  pid 1  faults/s [1-9][0-9]*  ' ||
	fail "--snapshot status bar: '$bar'"

# 3. Refused options.
refuse() {
	"$RVMM" "$@" >"$tmp/err" 2>&1
	st=$?
	[ "$st" -eq 2 ] || fail "'$*' exited $st, want 2"
	grep -q "^rvmm: " "$tmp/err" || fail "'$*': no rvmm: line"
}
refuse --colour rainbow "$PROBE" touch 1
refuse --snapshot-every 1000 "$PROBE" touch 1
refuse --snapshot-dir "$tmp" "$PROBE" touch 1
refuse --snapshot-every 1000 --snapshot-dir "$tmp/nodir" "$PROBE" touch 1
refuse --snapshot-every 0 --snapshot-dir "$tmp" "$PROBE" touch 1
refuse --window --headless "$PROBE" touch 1
refuse --snapshot "$tmp/nodir/x.png" "$PROBE" touch 1
refuse --root "$tmp/nodir" "$PROBE" touch 1
refuse --inspect 0x8zz "$PROBE" touch 1

# 4. The demo's window under a private X server.
for t in Xvfb xdotool xwd; do
	command -v "$t" >/dev/null 2>&1 || { echo "window part skipped: no $t"; exit 0; }
done
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
DISPLAY=":$(cat "$tmp/display")"
export DISPLAY SDL_VIDEODRIVER=x11
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # X libraries, see view_window.sh
export ASAN_OPTIONS
(cd "$tmp/run" && TMPDIR="$tmp/t" RVMM_DEMO_BEAT_MS=20 exec "$RVMM" --snapshot "$tmp/final.png" \
	>"$tmp/win.out" 2>&1) &
rpid=$!
wid=$(timeout 10 xdotool search --sync --name '^rvmm$' | head -n1)
[ -n "$wid" ] || fail "no window: $(cat "$tmp/win.out")"
xdotool mousemove 1399 999
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
for _ in $(seq 100); do grep -q "end of the tour" "$tmp/win.out" && break; sleep 0.2; done
grep -q "end of the tour" "$tmp/win.out" || fail "the windowed tour did not finish"
sleep 0.5
key() { xdotool key --delay 50 "$@"; sleep 0.6; }
xwd -silent -id "$wid" >"$tmp/kind.xwd" || fail xwd
# the window's last picture is the offscreen PNG's: the same map, pixel for pixel
"${top_builddir:-.}/tests/integ/shotcmp" "$tmp/kind.xwd" "$tmp/final.png" ||
	fail "the window's map differs from the --snapshot PNG"
key 4
xwd -silent -id "$wid" >"$tmp/sharing.xwd" || fail xwd
key 2
xwd -silent -id "$wid" >"$tmp/owner.xwd" || fail xwd
cmp -s "$tmp/kind.xwd" "$tmp/sharing.xwd" && fail "kind and sharing look the same"
cmp -s "$tmp/sharing.xwd" "$tmp/owner.xwd" && fail "sharing and owner look the same"
# m at the end: the demo needs the MMU, so it runs again in MMU mode, in a new window
key m
for _ in $(seq 150); do [ "$(grep -c "end of the tour" "$tmp/win.out")" -ge 2 ] && break; sleep 0.2; done
[ "$(grep -c "end of the tour" "$tmp/win.out")" -eq 2 ] || fail "m did not run the tour again"
grep -q "restart in the other of MMU/NOMMU requested" "$tmp/win.out" || fail "no restart line"
sleep 0.5
wid=$(timeout 10 xdotool search --sync --name '^rvmm$' | head -n1)
[ -n "$wid" ] || fail "no window after the restart"
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
key q
for _ in $(seq 30); do kill -0 "$rpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$rpid" 2>/dev/null && fail "q did not close the demo's window"
wait "$rpid"
st=$?
rpid=""
[ "$st" -eq 0 ] || fail "windowed demo exited with $st: $(cat "$tmp/win.out")"
[ -z "$(ls "$tmp/t")" ] || fail "windowed demo left files in TMPDIR"
echo "demo.sh: all passed"
