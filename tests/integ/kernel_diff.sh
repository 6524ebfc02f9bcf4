#!/bin/sh
# kernel_diff.sh - guest programs under the HLE kernel and under qemu-riscv64:
# byte-identical stdout and the same exit status. Skips (77) when the cross
# compiler or qemu-riscv64 is missing.
set -u
run=$top_builddir/tests/kernel-run
[ -x "$top_builddir/guest/tests/hello" ] || { echo "no guest programs (cross compiler?)"; exit 77; }
[ -n "${QEMU_RISCV64:-}" ] || { echo "no qemu-riscv64"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# case NAME PROGRAM ARGS...: run both in $work (the guest's root and cwd)
case_() {
	name=$1; shift
	prog=$1; shift
	cp "$prog" "$work/prog"
	(cd "$work" && "$QEMU_RISCV64" ./prog "$@" >"$work/want.out" 2>/dev/null); want=$?
	# qemu's -L is QEMU_LD_PREFIX; the kernel's default sysroot is the same directory
	(cd "$work" && "$run" --root . ./prog "$@" >"$work/got.out" 2>"$work/got.err"); got=$?
	if [ "$want" != "$got" ] || ! cmp -s "$work/want.out" "$work/got.out"; then
		echo "FAIL $name: status qemu $want rvmm $got"
		diff "$work/want.out" "$work/got.out" | head -20
		head -5 "$work/got.err"
		fail=1
	else
		echo "ok $name (status $got, $(wc -c <"$work/got.out") bytes)"
	fi
}

case_ hello "$top_builddir/guest/tests/hello"
case_ hello-args "$top_builddir/guest/tests/hello" one "two words" 3
case_ files "$top_builddir/guest/tests/files"
case_ forkcow "$top_builddir/guest/tests/forkcow"
case_ mmapops "$top_builddir/guest/tests/mmapops"
case_ forkstress "$top_builddir/guest/tests/forkstress"
case_ threads "$top_builddir/guest/tests/threads"
case_ signals "$top_builddir/guest/tests/signals"
case_ rusage "$top_builddir/guest/tests/rusage"
case_ sharedanon "$top_builddir/guest/tests/sharedanon"
case_ segv-handled "$top_builddir/guest/tests/segv"
case_ segv-killed "$top_builddir/guest/tests/segv" die
case_ sigshare "$top_builddir/guest/tests/sigshare"
case_ procfdpipe "$top_builddir/guest/tests/procfdpipe"
case_ futexshared "$top_builddir/guest/tests/futexshared"
case_ devnodes "$top_builddir/guest/tests/devnodes"
case_ epoll "$top_builddir/guest/tests/epoll"
case_ sigwait "$top_builddir/guest/tests/sigwait"
case_ memfd "$top_builddir/guest/tests/memfd"
case_ sysvshm "$top_builddir/guest/tests/sysvshm"
case_ posixshm "$top_builddir/guest/tests/posixshm"
case_ threadexit "$top_builddir/guest/tests/threadexit"
case_ pipebig "$top_builddir/guest/tests/pipebig"
case_ pgrp "$top_builddir/guest/tests/pgrp"
case_ sleepintr "$top_builddir/guest/tests/sleepintr"
case_ selectpoll "$top_builddir/guest/tests/selectpoll"
case_ protnone "$top_builddir/guest/tests/protnone"
# dynamically linked: the real ld-linux-riscv64-lp64d.so.1 and libc.so.6 from the sysroot
sysroot=/usr/riscv64-linux-gnu
if [ -e "$sysroot/lib/ld-linux-riscv64-lp64d.so.1" ]; then
	QEMU_LD_PREFIX=$sysroot case_ hello-dyn "$top_builddir/guest/tests/hello-dyn" dyn
	# a program nobody in the project wrote: libc.so.6 prints its banner
	QEMU_LD_PREFIX=$sysroot case_ libc-banner "$sysroot/lib/libc.so.6"
	# and the dynamic loader itself, listing a program's libraries (load addresses differ)
	ldso=$sysroot/lib/ld-linux-riscv64-lp64d.so.1
	cp "$top_builddir/guest/tests/hello-dyn" "$work/dyn"
	want=$(cd "$work" && QEMU_LD_PREFIX=$sysroot "$QEMU_RISCV64" "$ldso" --list ./dyn | sed 's/ (0x[0-9a-f]*)//')
	got=$(cd "$work" && "$run" --root . "$ldso" --list ./dyn | sed 's/ (0x[0-9a-f]*)//')
	if [ -z "$got" ] || [ "$want" != "$got" ]; then
		echo "FAIL ld.so --list"; echo "$want"; echo "---"; echo "$got"; fail=1
	else
		echo "ok ld.so --list ($(echo "$got" | wc -l) lines)"
	fi
fi

# pipe + fork + execve + wait (rvmm only: qemu-user cannot execve a riscv64 binary)
cp "$top_builddir/guest/tests/forkcow" "$work/prog"
out=$(cd "$work" && "$run" --root . ./prog pipeline 2>&1); st=$?
want="pipeline read 19 bytes: THROUGH A PIPELINE
exec'd child exited 7"
if [ "$st" != 0 ] || [ "$out" != "$want" ]; then
	echo "FAIL pipeline: status $st"; echo "$out"; fail=1
else
	echo "ok pipeline"
fi

# vfork and posix_spawn (rvmm only: the spawned program is exec'd)
cp "$top_builddir/guest/tests/vfork" "$work/prog"
out=$(cd "$work" && "$run" --root . ./prog 2>&1); st=$?
want="spawned with arg
vfork: child exit 5, saw child's write 2
posix_spawn 0 exit 9"
if [ "$st" != 0 ] || [ "$out" != "$want" ]; then
	echo "FAIL vfork: status $st"; echo "$out"; fail=1
else
	echo "ok vfork and posix_spawn"
fi

# "#!" scripts (rvmm only: the interpreter is a riscv64 program). The
# interpreter is looked up inside the root, argv built as Linux does.
cp "$top_builddir/guest/tests/shebang" "$work/prog"
out=$(cd "$work" && "$run" --root . ./prog 2>&1); st=$?
want="argc 5: [/prog] [-x  y z] [./s1] [a] [b c]
  execfn ./s1, exe /prog
argc 2: [/prog] [/s2]
  execfn /s2, exe /prog
argc 5: [/prog] [-x  y z] [/s1] [s3] [x]
  execfn s3, exe /prog
execv ./s4: No such file or directory
execv ./s5: Exec format error
execv ./s6: Permission denied
argc 3: [/../../../../../prog] [arg] [./s7]
  execfn ./s7, exe /prog"
if [ "$st" != 0 ] || [ "$out" != "$want" ]; then
	echo "FAIL shebang: status $st"; echo "$out"; fail=1
else
	echo "ok #! scripts"
fi

# fsync/sync write back stores made through a MAP_SHARED mapping: the host
# file is read while the program, its mapping still alive, waits on a FIFO.
for mode in fsync sync none; do
	d=$work/fsync-$mode
	mkdir -p "$d"
	cp "$top_builddir/guest/tests/fsyncmap" "$d/prog"
	mkfifo "$d/gate" || { echo "FAIL fsync: mkfifo"; fail=1; break; }
	# (if the program dies before opening the FIFO, opening it read-write after
	# its end releases the writer below instead of hanging the test)
	(cd "$d" && "$run" --root . ./prog $mode >out 2>err; echo $? >status; exec 4<>gate) &
	bg=$!
	exec 3>"$d/gate" # opens once the program, after its fsync, opens the FIFO
	seen=$(tr -d '\000' <"$d/data.txt")
	(trap '' PIPE; echo x >&3) 2>/dev/null
	exec 3>&-
	wait $bg; st=$(cat "$d/status")
	want="first pagesecond page"
	[ $mode = none ] && want=""
	if [ "$st" != 0 ] || [ "$seen" != "$want" ] || [ "$(cat "$d/out")" != "$mode: 0" ] ||
	   [ "$(tr -d '\000' <"$d/data.txt")" != "FIRST pagesecond page" ]; then
		echo "FAIL $mode of a shared mapping: status $st, host file '$seen'"; cat "$d/err"; fail=1
	else
		echo "ok $mode of a shared mapping (host file '$seen')"
	fi
done

# Every frame comes back and the mm invariants hold after each program.
for p in hello files forkcow mmapops segv forkstress threads signals vfork sharedanon sigshare sleepintr selectpoll procfdpipe futexshared threadexit pipebig pgrp protnone devnodes epoll sigwait memfd sysvshm posixshm; do
	cp "$top_builddir/guest/tests/$p" "$work/prog"
	msg=$(cd "$work" && "$run" --check-leaks --root . ./prog 2>&1 >/dev/null | tail -1)
	case $msg in
	*"free pages back, mm_check clean") echo "ok leak check $p";;
	*) echo "FAIL leak check $p: $msg"; fail=1;;
	esac
done

# An interpreter path that climbs out of "/" is resolved inside the root and the
# sysroot, where it does not exist: refused, although the host has that file.
"$run" --root "$work" "$top_builddir/guest/tests/hello-escape" >/dev/null 2>"$work/err"; st=$?
if [ "$st" != 2 ] || ! grep -q "cannot open interpreter" "$work/err"; then
	echo "FAIL interpreter escape: status $st"; cat "$work/err"; fail=1
else
	echo "ok interpreter escape refused: $(cat "$work/err")"
fi

# A file that is not an rv64 ELF: one line on stderr, status 2.
printf 'not an elf' >"$work/bad"
"$run" --root "$work" "$work/bad" >/dev/null 2>"$work/err"; st=$?
if [ "$st" != 2 ] || [ "$(wc -l <"$work/err")" != 1 ]; then
	echo "FAIL bad ELF: status $st"; cat "$work/err"; fail=1
else
	echo "ok bad ELF: $(cat "$work/err")"
fi
exit $fail
