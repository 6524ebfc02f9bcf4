#!/bin/sh
# bench/run.sh - run the bench kernels and print MIPS and ratios.
# Called by `make bench` from the build directory (images in ./bench).
# Each kernel runs: under rvmm with Sv39 on (4 KiB pages) and off (satp Bare,
# both in S-mode), under qemu-system-riscv64 -machine virt -bios none (Sv39
# image), and natively (same C, host compiler). The instruction count is the
# guest's minstret, reported by rvmm; qemu's MIPS uses the same count.
# rvmm times are CPU seconds of the run (steadier on a shared machine);
# qemu and native times are wall seconds. BENCH_QUICK=1 skips qemu.
B=bench
QEMU=${QEMU_SYSTEM_RISCV64:-$(command -v qemu-system-riscv64)}
RAM_MIB=512

now() { date +%s.%N; }
# fmt A B [SCALE]: A / B / SCALE with one decimal, "-" when B is not a number > 0.
fmt() { awk -v a="$1" -v b="$2" -v s="${3:-1}" 'BEGIN { if (b + 0 > 0) printf "%.1f", a / b / s; else print "-" }'; }

for k in intmix memwalk; do
	for m in sv39 bare; do
		if [ ! -f $B/$k-$m.elf ]; then
			echo "bench: $B/$k-$m.elf missing (no riscv64-unknown-elf-gcc?)" >&2
			exit 1
		fi
	done
done

printf '%-8s %-10s %10s %9s %9s\n' kernel runner insns seconds MIPS
for k in intmix memwalk; do
	echo "bench: $k: rvmm (Sv39) ..." >&2
	out=$($B/runbare $B/$k-sv39.elf $RAM_MIB 2>&1) || { echo "$out" >&2; exit 1; }
	n=$(echo "$out" | sed -n 's/.*insns \([0-9]*\) secs.*/\1/p')
	t_sv=$(echo "$out" | sed -n 's/.*secs \([0-9.]*\).*/\1/p')
	sum=$(echo "$out" | sed -n 's/^checksum \([0-9]*\).*/\1/p')
	printf '%-8s %-10s %10s %9s %9s\n' $k rvmm-sv39 $n $t_sv $(fmt $n $t_sv 1e6)
	echo "bench: $k: rvmm (Bare) ..." >&2
	out=$($B/runbare $B/$k-bare.elf $RAM_MIB 2>&1) || { echo "$out" >&2; exit 1; }
	nb=$(echo "$out" | sed -n 's/.*insns \([0-9]*\) secs.*/\1/p')
	t_bare=$(echo "$out" | sed -n 's/.*secs \([0-9.]*\).*/\1/p')
	printf '%-8s %-10s %10s %9s %9s\n' $k rvmm-bare $nb $t_bare $(fmt $nb $t_bare 1e6)
	t_q=-
	if [ -n "$QEMU" ] && [ -z "$BENCH_QUICK" ]; then
		echo "bench: $k: qemu-system-riscv64 ..." >&2
		t0=$(now)
		qsum=$(timeout 300 $QEMU -machine virt -bios none -m ${RAM_MIB}M -nographic \
			-kernel $B/$k-sv39.elf 2>/dev/null | sed -n 's/^checksum \([0-9]*\).*/\1/p')
		t_q=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')
		[ "$qsum" = "$sum" ] || echo "bench: $k: qemu checksum $qsum differs from rvmm's $sum" >&2
		printf '%-8s %-10s %10s %9s %9s\n' $k qemu-sv39 $n $t_q $(fmt $n $t_q 1e6)
	fi
	echo "bench: $k: native ..." >&2
	nout=$($B/$k-native)
	t_n=$(echo "$nout" | sed -n 's/.*secs \([0-9.]*\).*/\1/p')
	nsum=$(echo "$nout" | sed -n 's/^checksum \([0-9]*\).*/\1/p')
	[ "$nsum" = "$sum" ] || echo "bench: $k: native checksum $nsum differs from rvmm's $sum" >&2
	printf '%-8s %-10s %10s %9s %9s\n' $k native - $t_n -
	echo "$k: Sv39/Bare time $(fmt $t_sv $t_bare)x, rvmm-sv39/qemu $(fmt $t_sv $t_q)x," \
		"rvmm-sv39/native $(fmt $t_sv $t_n)x"
done

# The memory manager's allocator benchmark (os/local.mk builds it).
if [ -x bench/mm-bench ]; then
	echo "bench: mm allocators ..." >&2
	sh "$(dirname "$0")/mm-bench.sh" .
fi

# Swap-out/swap-in throughput and zram's compression ratio (os/mm/swap.mk builds it).
if [ -x bench/swap-bench ]; then
	echo "bench: swap and zram ..." >&2
	sh "$(dirname "$0")/swap-bench.sh" .
fi

# The kernel: fork+exit latency by resident size, the cost of a minor fault (os/kernel.mk).
if [ -x guest/bench/forklat ] && [ -x tests/kernel-run ]; then
	echo "bench: kernel (fork latency, minor fault) ..." >&2
	sh "$(dirname "$0")/kernel-bench.sh" . "$(dirname "$0")/.."
fi

# The viewer's cost to the guest (window open under Xvfb vs closed).
if [ -x rvmm ]; then
	echo "bench: viewer window open vs closed ..." >&2
	sh "$(dirname "$0")/view-bench.sh" .
fi

# The MMU's cost for a Linux program: the same static-pie with and without
# paging under the built-in kernel (os/nommu.mk builds it).
if [ -x bench/nommu/cpubound ]; then
	echo "bench: MMU vs NOMMU ..." >&2
	sh "$(dirname "$0")/nommu-bench.sh" .
fi

# Swap throughput from a guest program and zram's ratio on its pages, next to
# host lz4 on the same pages (guest/reclaim.mk builds swapmix).
if [ -x guest/reclaim/swapmix ] && [ -x tests/kernel-run ]; then
	echo "bench: swap from a guest program ..." >&2
	sh "$(dirname "$0")/guest-swap-bench.sh" .
fi
