# reclaim-common.sh - sourced by the reclaim_*.sh tests: where things are,
# a scratch directory, and check "CONDITION" "what it means".
run=$top_builddir/tests/kernel-run
g=$top_builddir/guest/reclaim
[ -x "$g/swapstress" ] || { echo "no guest programs (cross compiler?)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rvmm-reclaim.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2 ($1)"; fail=1; fi; }
# The number after NAME on the line that starts with NAME in $out.
val() { echo "$out" | awk -v n="$1" '$1 == n { print $2; exit }'; }
