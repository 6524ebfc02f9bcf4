#!/bin/sh
# kernel_proc.sh - /proc as programs read it: the lazy-allocation demo shows
# VmSize growing at malloc and VmRSS growing only when the pages are touched;
# smaps shows copy-on-write sharing after fork and private pages after writes.
set -u
run=$top_builddir/tests/kernel-run
lazy=$top_builddir/guest/demos/lazy
[ -x "$lazy" ] || { echo "no guest programs (cross compiler?)"; exit 77; }
out=$("$run" -m 256 --root "$top_builddir" "$lazy" 64) || { echo "lazy failed: $out"; exit 1; }
echo "$out"
field() { echo "$out" | awk -v w="$1" -v f="$2" 'index($0, w) == 1 { for (i = 1; i <= NF; i++) if ($i == f) print $(i + 1) }'; }
size0=$(field start VmSize); rss0=$(field start VmRSS)
size1=$(field "after malloc" VmSize); rss1=$(field "after malloc" VmRSS)
size2=$(field "after touching" VmSize); rss2=$(field "after touching" VmRSS)
rss3=$(field "after free" VmRSS)
fail=0
check() { if eval "$1"; then echo "ok: $2"; else echo "FAIL: $2 ($1)"; fail=1; fi; }
check "[ $((size1 - size0)) -ge 65536 ]" "VmSize grew by >= 64 MiB at malloc"
check "[ $((rss1 - rss0)) -lt 1024 ]" "VmRSS grew by < 1 MiB at malloc"
check "[ $size2 -eq $size1 ]" "touching does not change VmSize"
check "[ $((rss2 - rss1)) -ge 65528 ]" "VmRSS grew by 64 MiB (less the page malloc had written) after touching"
check "[ $((rss2 - rss3)) -ge 65528 ]" "free (munmap) gave the memory back"

# Copy-on-write as smaps shows it (one page of the block stays shared: malloc's header).
got=$("$run" --root "$top_builddir" "$top_builddir/guest/tests/procself")
want="shared Rss:                1028 kB
shared Pss:                 514 kB
shared Shared_Dirty:       1028 kB
shared Private_Dirty:         0 kB
copied Rss:                1028 kB
copied Pss:                1026 kB
copied Shared_Dirty:          4 kB
copied Private_Dirty:      1024 kB
child minflt >= 256: yes
oom_score readable: yes"
if [ "$got" = "$want" ]; then
	echo "ok: smaps shows sharing before and private copies after the COW writes"
else
	echo "FAIL: procself"; echo "$got"; fail=1
fi

# Virtual to physical: /proc/self/pagemap, /proc/kpagecount, /proc/kpageflags;
# the working set through the accessed bits: /proc/self/clear_refs + smaps Referenced
got=$("$run" --root "$top_builddir" "$top_builddir/guest/tests/pagemap")
want="untouched: present no swapped no file no exclusive no
written: present yes swapped no file no exclusive yes mapcount 1 anon yes swapbacked yes zero no
read only: present yes swapped no file no exclusive no mapcount 0 anon no swapbacked no zero yes
child before write: present yes swapped no file no exclusive no mapcount 2 anon yes swapbacked yes zero no
child sees the parent's frame: yes
child after write: present yes swapped no file no exclusive yes mapcount 1 anon yes swapbacked yes zero no
child has a frame of its own: yes
parent after the child exited: present yes swapped no file no exclusive yes mapcount 1 anon yes swapbacked yes zero no
parent kept its frame: yes
file page: present yes swapped no file yes exclusive no mapcount 2 anon no swapbacked no zero no
unaligned offset: EINVAL
odd size: EINVAL
page 0 mapped: no
frame 0 is no page: yes
frame 0 count: 0
after munmap: not present
all touched: Referenced 256 kB
after clear_refs 1: Referenced 0 kB
10 pages read since: Referenced 40 kB
clear_refs 3 (file mappings only): Referenced 40 kB
clear_refs 2 (anonymous only): Referenced 0 kB
clear_refs 0: Invalid argument
open clear_refs for reading: Permission denied"
if [ "$got" = "$want" ]; then
	echo "ok: pagemap shows demand paging, the zero page, COW frames and the read rules; clear_refs"
else
	echo "FAIL: pagemap"; echo "$got"; fail=1
fi

# Interval timers (alarm, setitimer, CPU-time timers, select's time left):
# the expected text is what the same program prints natively on Linux.
got=$("$run" --check-leaks --root "$top_builddir" "$top_builddir/guest/tests/timers" 2>"$top_builddir/timers.err")
want="alarm(1) + pause: -1 Interrupted system call, SIGALRM 1, after 1 s: yes
periodic 100 ms: 5 SIGALRM after 0.5 s: yes, old interval 100000 us
getitimer after 3 s: value in (2.9, 3]: yes, interval 0
alarm(0) returns the seconds left: 3
then disarmed: yes
ITIMER_VIRTUAL 20 ms x5: CPU used ~0.1 s: yes
ITIMER_PROF 20 ms x5: CPU used ~0.1 s: yes
sleeping uses no CPU time: yes
CLOCK_PROCESS_CPUTIME_ID across a 0.3 s sleep: under 0.05 s: yes, wall 0.3 s: yes
child inherits no timer: yes
child with no handler: killed by signal 14 (SIGALRM)
the parent's alarm(10) runs on: yes
setitimer(3): -1 Invalid argument
select interrupted after 1 s of 2: -1 Interrupted system call, time left ~1 s: yes"
if [ "$got" = "$want" ] && grep -q "mm_check clean" "$top_builddir/timers.err"; then
	echo "ok: interval timers behave as on Linux"
else
	echo "FAIL: timers"; echo "$got"; cat "$top_builddir/timers.err"; fail=1
fi
rm -f "$top_builddir/timers.err"

# ETXTBSY both ways (a running program is not writable, a file open for writing
# does not run); the expected text is what the program prints natively on Linux.
scratch=$(mktemp -d)
cp "$top_builddir/guest/tests/txtbusy" "$scratch/"
got=$(cd "$scratch" && "$run" --check-leaks --root . ./txtbusy 2>"$scratch/err")
want="open itself for writing: Text file busy
truncate itself: Text file busy
open itself O_RDONLY|O_TRUNC: Text file busy
open itself read-only: ok
exec while open for writing: Text file busy
exec after close: ran
open the running copy for writing: Text file busy
and once it has exited: ok
unlink: ok"
if [ "$got" = "$want" ] && grep -q "mm_check clean" "$scratch/err" && [ ! -e "$scratch/copy" ]; then
	echo "ok: text file busy"
else
	echo "FAIL: txtbusy"; echo "$got"; cat "$scratch/err"; fail=1
fi
rm -rf "$scratch"

# Locked memory: mlock, mlock2(MLOCK_ONFAULT), mlockall, munlockall, fork (exact counters)
got=$("$run" --check-leaks --root "$top_builddir" "$top_builddir/guest/tests/mlock" 2>"$top_builddir/mlock.err")
want="mlock: 0, Mlocked +256 kB, VmLck 256 kB
munlock: 0, Mlocked +0 kB, VmLck 0 kB
mlock2 ONFAULT: 0, Mlocked +0 kB, VmLck 256 kB
10 pages touched: Mlocked +40 kB
mlock2 bad flag: -1 Invalid argument
munmap of locked pages: Mlocked +0 kB
mlockall(0): -1 Invalid argument
mlockall(MCL_ONFAULT): -1 Invalid argument
mlockall(CURRENT|FUTURE): 0
VmLck = VmSize: yes
a new mapping is locked and populated: Mlocked +256 kB
child: VmLck 0 kB
munlockall: 0, VmLck 0 kB, Mlocked back: yes"
if [ "$got" = "$want" ] && grep -q "mm_check clean" "$top_builddir/mlock.err"; then
	echo "ok: mlock family, Mlocked and VmLck"
else
	echo "FAIL: mlock"; echo "$got"; cat "$top_builddir/mlock.err"; fail=1
fi
rm -f "$top_builddir/mlock.err"

# madvise: MADV_PAGEOUT (swap out now, drop file pages), MADV_COLD, MADV_DONTFORK;
# the page cache through mincore, posix_fadvise and readahead (exact counts)
scratch=$(mktemp -d)
cp "$top_builddir/guest/tests/madvise" "$scratch/"
got=$(cd "$scratch" && "$run" --check-leaks --zram 64M --root . ./madvise 2>"$scratch/err")
want="written: 64 present, 0 swapped, 0 active
MADV_PAGEOUT: 0
after MADV_PAGEOUT: 0 present, 64 swapped, 0 active
pswpout grew by 64
zram mm_stat: orig_data_size +262144, compressed to less than half: yes
read back: identical, pswpin grew by 64, major faults 64
after reading: 64 present, 0 swapped, 56 active
a page shared with a child, after MADV_PAGEOUT: 1 present, 0 swapped, 0 active
file pages read twice: 8 present, 0 swapped, 8 active
MADV_COLD: 0
after MADV_COLD: 8 present, 0 swapped, 0 active
pgdeactivate grew by 8
MADV_PAGEOUT: 0
after MADV_PAGEOUT: 0 present, 0 swapped, 0 active
written, never touched through the mapping: 64 of 64 resident
POSIX_FADV_DONTNEED: 0
then 0 resident, nr_file_pages -64
POSIX_FADV_WILLNEED: 0, then 64 resident
readahead of 16 pages: 0, then 16 resident
DONTNEED of page 1 alone: 15 resident
bad advice: 22, on a pipe: 29
MADV_DONTFORK: 0
the child touching it: SIGSEGV
bad advice: -1"
if [ "$got" = "$want" ] && grep -q "mm_check clean" "$scratch/err" && [ ! -e "$scratch/madvise.dat" ] && [ ! -e "$scratch/fadvise.dat" ]; then
	echo "ok: madvise PAGEOUT, COLD, DONTFORK"
else
	echo "FAIL: madvise"; echo "$got"; cat "$scratch/err"; fail=1
fi
rm -rf "$scratch"

# POSIX timers (timer_create & co, SIGEV_THREAD through glibc): what native Linux prints
got=$("$run" --check-leaks --root "$top_builddir" "$top_builddir/guest/tests/ptimers" 2>"$top_builddir/ptimers.err")
want="timer_create: 0
timer_settime 100 ms periodic: 0
3 expiries as SI_TIMER with the sigval: yes, after 0.3 s: yes
timer_gettime: interval 100 ms, left <= 100 ms: yes
10 ms timer, signal left pending 105 ms: overrun in [8, 10]: yes, getoverrun agrees: yes
timer_delete: 0, again: -1 Invalid argument
SIGEV_NONE after 0.2 s of 1 s: ~0.8 s left
TIMER_ABSTIME on CLOCK_REALTIME: fired after 0.1 s: yes
CPU timer after a 0.2 s sleep: not fired
fired after ~0.05 s of CPU: yes
SIGEV_THREAD timer_create: 0
the function ran 3 times: yes
bad clock: -1 Invalid argument"
if [ "$got" = "$want" ] && grep -q "mm_check clean" "$top_builddir/ptimers.err"; then
	echo "ok: POSIX timers behave as on Linux"
else
	echo "FAIL: ptimers"; echo "$got"; cat "$top_builddir/ptimers.err"; fail=1
fi
rm -f "$top_builddir/ptimers.err"

# getrandom and AT_RANDOM follow the seed
r1=$("$run" "$top_builddir/guest/tests/random"); r2=$("$run" "$top_builddir/guest/tests/random")
r3=$("$run" --seed 7 "$top_builddir/guest/tests/random")
if [ -n "$r1" ] && [ "$r1" = "$r2" ] && [ "$r1" != "$r3" ]; then
	echo "ok: random bytes reproducible ($r1) and seedable ($r3)"
else
	echo "FAIL: random: '$r1' '$r2' '$r3'"; fail=1
fi

# free and slabtop read /proc/meminfo and /proc/slabinfo
fr=$("$run" -m 64 "$top_builddir/guest/tools/free")
total=$(echo "$fr" | awk '/^Mem:/ { print $2 }')
if [ "$(echo "$fr" | wc -l)" = 3 ] && [ "$total" -gt 60000 ] && [ "$total" -le 65536 ]; then
	echo "ok: free reports $total kB of a 64 MiB machine"
else
	echo "FAIL: free"; echo "$fr"; fail=1
fi
st=$("$run" "$top_builddir/guest/tools/slabtop")
if echo "$st" | grep -q " task_struct$" && echo "$st" | grep -q " vm_area_struct$"; then
	echo "ok: slabtop lists the kernel's caches"
else
	echo "FAIL: slabtop"; echo "$st"; fail=1
fi
# Threads: counts the live threads of the process.
got=$("$run" "$top_builddir/guest/tests/threadcount")
want="alone: Threads:	1
with 3 workers: Threads:	4
joined: Threads:	1"
if [ "$got" = "$want" ]; then
	echo "ok: Threads: counts live threads"
else
	echo "FAIL: Threads:"; echo "$got"; fail=1
fi
# execve from a non-main thread: the other threads die, the process keeps its PID.
got=$("$run" --check-leaks "$top_builddir/guest/tests/execthread" 2>&1)
want="after exec: same pid yes, threads 1
parent: waited for the child's pid: yes, exit status 7
rvmm: leak check: all"
case $got in
"$want"*) echo "ok: exec from a thread (de_thread)" ;;
*) echo "FAIL: exec from a thread"; echo "$got"; fail=1 ;;
esac
# Each usleep is one voluntary context switch.
got=$("$run" "$top_builddir/guest/tests/ctxsw")
if [ "$got" = "voluntary_ctxt_switches:	5" ]; then
	echo "ok: voluntary context switches counted"
else
	echo "FAIL: context switches: $got"; fail=1
fi
exit $fail
