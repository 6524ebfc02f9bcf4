# tests/integ/roms-common.sh - shared by roms.sh, roms-qemu.sh and diff.sh
# (sourced): where the images are and what each one must exit with.

: "${top_srcdir:?}" "${top_builddir:?}"

# The self-checking images, one path per line (built from roms/tests/*).
roms_tests() {
	for src in "$top_srcdir"/roms/tests/*.c; do
		n=$(basename "$src" .c)
		echo "$top_builddir/roms/tests/$n.elf"
	done
}

# Expected exit status of an image: N for names ending in _exitN, else 0.
roms_expected() {
	case $(basename "$1" .elf) in
	*_exit[0-9]*) basename "$1" .elf | sed 's/.*_exit//' ;;
	*) echo 0 ;;
	esac
}

# qemu-system-riscv64 IMAGE: run on QEMU's virt board (spike for htif_*).
roms_qemu() {
	machine=virt
	case $(basename "$1") in htif_*) machine=spike ;; esac
	timeout 30 "$QEMU_SYSTEM_RISCV64" -machine "$machine" -bios none -nographic \
		-kernel "$1" </dev/null
}
