#!/bin/sh
# view_restart.sh - the window's `m` key under a private X server: a program
# run with --window restarts in NOMMU mode, and `m` again brings it back to
# the MMU. The mode is read back from the window's own pixels: the status
# bar's text (shotcmp --status decodes rvmm's fixed-width font) of an xwd
# screenshot starts with "MMU  " or "NOMMU  ". Skips (77) when Xvfb, xdotool
# or xwd is absent, or without the guest programs.
set -u
RVMM="${RVMM:-${top_builddir:-.}/rvmm}"
SPIN="${top_builddir:-.}/guest/tests/view/spin"
SHOTCMP="${top_builddir:-.}/tests/integ/shotcmp"
[ -x "$SPIN" ] || { echo "SKIP: guest programs not built"; exit 77; }
for t in Xvfb xdotool xwd; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not installed"; exit 77; }
done
case $RVMM in /*) ;; *) RVMM="$PWD/$RVMM" ;; esac
case $SPIN in /*) ;; *) SPIN="$PWD/$SPIN" ;; esac

tmp=$(mktemp -d)
xpid=""
rpid=""
cleanup() {
	[ -n "$rpid" ] && kill "$rpid" 2>/dev/null
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/rvmm.err" ] && cat "$tmp/rvmm.err"; exit 1; }

Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
DISPLAY=":$(cat "$tmp/display")"
export DISPLAY SDL_VIDEODRIVER=x11
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # X libraries, see view_window.sh
export ASAN_OPTIONS

# wait_mode MODE: until rvmm's (current) window shows MODE first in its status bar.
wait_mode() {
	for _ in $(seq 60); do
		wid=$(xdotool search --name '^rvmm$' 2>/dev/null | tail -n1)
		if [ -n "$wid" ] && xwd -silent -id "$wid" >"$tmp/shot.xwd" 2>/dev/null; then
			bar=$("$SHOTCMP" --status "$tmp/shot.xwd" 2>/dev/null)
			case $bar in "$1  "*) return 0 ;; esac
		fi
		sleep 0.25
	done
	fail "the window never showed $1 (last status bar: '${bar:-}')"
}
# runs N: until the program has started N times (its first output line)
runs() {
	for _ in $(seq 100); do
		[ "$(grep -c '^spin: running' "$tmp/rvmm.out")" -ge "$1" ] && break
		sleep 0.1
	done
	[ "$(grep -c '^spin: running' "$tmp/rvmm.out")" -eq "$1" ] ||
		fail "want $1 runs of the program, saw $(grep -c '^spin: running' "$tmp/rvmm.out")"
}
press() {
	xdotool mousemove 1399 999
	xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
	xdotool key --window "$wid" "$1" 2>/dev/null || xdotool key "$1"
}

(cd "$tmp" && exec "$RVMM" --window --timeout 60 "$SPIN" >"$tmp/rvmm.out" 2>"$tmp/rvmm.err") &
rpid=$!
wait_mode MMU
runs 1
press m
wait_mode NOMMU
grep -q "restart in the other of MMU/NOMMU requested" "$tmp/rvmm.err" || fail "no restart line"
runs 2
press m
wait_mode MMU
runs 3
press q
for _ in $(seq 50); do kill -0 "$rpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$rpid" 2>/dev/null && fail "q did not end rvmm"
wait "$rpid"
st=$?
rpid=""
[ "$st" -eq 130 ] || fail "rvmm exited with $st after q, want 130"
echo "PASS: m restarts MMU -> NOMMU -> MMU (read from the window's status bar)"
exit 0
