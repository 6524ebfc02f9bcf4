#!/bin/sh
# view_window.sh - the live viewer window under a virtual X server (Xvfb):
# keys switch colour modes and pause the (fake) emulator, the window resizes,
# the mouse hovers and pins frames; window screenshots
# (xwd) differ between modes and their map areas match the offscreen renderer
# pixel for pixel. Skips (77) only when Xvfb or the X tools are absent.
set -u
VT="${top_builddir:-.}/view/viewtool"
for t in Xvfb xdotool xwd; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not installed"; exit 77; }
done

tmp=$(mktemp -d)
xpid=""
vpid=""
cleanup() {
	[ -n "$vpid" ] && kill "$vpid" 2>/dev/null
	[ -n "$xpid" ] && kill "$xpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A private X server; it writes its display number when ready.
Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
DISPLAY=":$(cat "$tmp/display")"
export DISPLAY SDL_VIDEODRIVER=x11
# Under --enable-sanitizers, LeakSanitizer reports allocations that libdbus,
# Xlib and Mesa keep until exit (inside libraries SDL has already unloaded, so
# they cannot be suppressed by name). The renderer's own allocations are
# leak-checked by test_render; here leak checking is off for the window only.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# start_window ARGS...: start viewtool's window, set $vpid and $wid.
start_window() {
	"$VT" --window --size 1000x700 "$@" 2>"$tmp/viewtool.log" &
	vpid=$!
	wid=$(timeout 10 xdotool search --sync --name '^rvmm viewtool$' | head -n1)
	[ -n "$wid" ] || fail "no window: $(cat "$tmp/viewtool.log")"
	xdotool mousemove 1399 999 # keep the pointer off the map (no hover box)
	xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
	sleep 1
}
shot() { xwd -silent -id "$wid" >"$tmp/$1.xwd" || fail "xwd $1"; }
key() { xdotool key --delay 50 "$@"; sleep 0.5; }
stop_window() {
	key q
	for _ in $(seq 30); do kill -0 "$vpid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$vpid" 2>/dev/null && fail "q did not close the window"
	wait "$vpid"
	st=$?
	vpid=""
	[ "$st" -eq 0 ] || fail "viewtool exited with $st: $(cat "$tmp/viewtool.log")"
}

# 1. Modes: the window matches the offscreen rendering, and modes differ.
start_window --no-events
shot kind
"$VT" --diff-xwd "$tmp/kind.xwd" --mode kind --no-events || fail "kind: window != offscreen"
key 3
shot heat
"$VT" --diff-xwd "$tmp/heat.xwd" --mode heat --no-events || fail "heat: window != offscreen"
cmp -s "$tmp/kind.xwd" "$tmp/heat.xwd" && fail "kind and heat screenshots are identical"
key c
shot sharing
"$VT" --diff-xwd "$tmp/sharing.xwd" --mode sharing --no-events || fail "c did not cycle to sharing"
key 2
shot owner
"$VT" --diff-xwd "$tmp/owner.xwd" --mode owner --no-events || fail "owner: window != offscreen"

# Resizing re-lays out the map at the new size (integer cells, same renderer).
xdotool windowsize --sync "$wid" 800 560 2>/dev/null || xdotool windowsize "$wid" 800 560
sleep 0.7
shot resized
"$VT" --diff-xwd "$tmp/resized.xwd" --mode owner --no-events | grep -q '^size 800x560 ' ||
	fail "window did not resize to 800x560"
"$VT" --diff-xwd "$tmp/resized.xwd" --mode owner --no-events || fail "resized: window != offscreen"
xdotool windowsize --sync "$wid" 1000 700 2>/dev/null || xdotool windowsize "$wid" 1000 700
sleep 0.7

# 2. Mouse: hovering a cell shows it in the inspector, with the description the
#    emulator side fills (synth_detail); a click pins it.
pfn=0x86004 # COW-shared by PIDs 2 and 6 (synth_scene): the inspector lists both
set -- $("$VT" --cell $pfn --size 1000x700)
xdotool mousemove --window "$wid" "$1" "$2"
sleep 0.5
shot hover
"$VT" --diff-xwd "$tmp/hover.xwd" --mode owner --no-events --hover $pfn || fail "hover: window != offscreen"
xdotool click 1
xdotool mousemove 1399 999
sleep 0.5
shot pinned
"$VT" --diff-xwd "$tmp/pinned.xwd" --mode owner --no-events --pinned $pfn || fail "pin: window != offscreen"
stop_window

# 3. Pause: an animated machine changes while running, freezes when paused,
#    and a single step changes it once more.
start_window --animate
shot run1
sleep 0.5
shot run2
cmp -s "$tmp/run1.xwd" "$tmp/run2.xwd" && fail "running machine did not change"
key space
sleep 1.2 # let the MIPS figure settle at 0
shot pause1
sleep 0.8
shot pause2
cmp -s "$tmp/pause1.xwd" "$tmp/pause2.xwd" || fail "paused machine still changes"
key s
shot step
cmp -s "$tmp/pause2.xwd" "$tmp/step.xwd" && fail "single step changed nothing"
stop_window
echo "PASS: window modes, hover and pin match offscreen rendering; pause and step work"
exit 0
