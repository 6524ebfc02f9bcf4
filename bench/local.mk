# bench/ - `make bench`: our CPU-bound guest kernels (bench/intmix.c, an
# integer CoreMark-class mix; bench/memwalk.c, 20 M random reads over
# 256 MiB) as bare-metal images with Sv39 on (4 KiB pages) and off, run under
# rvmm (bench/runbare), under qemu-system-riscv64 and natively. See run.sh.
EXTRA_DIST += bench/NOTES.md bench/run.sh bench/view-bench.sh bench/link.ld bench/start.S bench/rt.c bench/bench.h bench/host.c \
	bench/intmix.c bench/memwalk.c

EXTRA_PROGRAMS = bench/runbare bench/intmix-native bench/memwalk-native
bench_runbare_SOURCES = bench/runbare.c
bench_runbare_LDADD = libemu.a $(LIBELF_LIBS) -lm
bench_intmix_native_SOURCES = bench/host.c bench/intmix.c bench/bench.h
bench_memwalk_native_SOURCES = bench/host.c bench/memwalk.c bench/bench.h

BENCH_IMAGES = bench/intmix-sv39.elf bench/intmix-bare.elf \
	bench/memwalk-sv39.elf bench/memwalk-bare.elf
BENCH_TARGETS += bench/runbare bench/intmix-native bench/memwalk-native $(BENCH_IMAGES)
CLEANFILES += $(BENCH_IMAGES) bench/runbare bench/intmix-native bench/memwalk-native

BENCH_RV_FLAGS = -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -O2 \
	-ffreestanding -fno-builtin -nostdlib -nostartfiles -static \
	-T $(srcdir)/bench/link.ld -Wl,--no-warn-rwx-segments
BENCH_RT = $(srcdir)/bench/start.S $(srcdir)/bench/rt.c
BENCH_DEPS = $(BENCH_RT) $(srcdir)/bench/bench.h $(srcdir)/bench/link.ld

bench/intmix-sv39.elf: $(srcdir)/bench/intmix.c $(BENCH_DEPS)
	$(AM_V_GEN)mkdir -p bench && $(RV_ELF_CC) $(BENCH_RV_FLAGS) -DVM=1 -o $@ $(BENCH_RT) $(srcdir)/bench/intmix.c
bench/intmix-bare.elf: $(srcdir)/bench/intmix.c $(BENCH_DEPS)
	$(AM_V_GEN)mkdir -p bench && $(RV_ELF_CC) $(BENCH_RV_FLAGS) -DVM=0 -o $@ $(BENCH_RT) $(srcdir)/bench/intmix.c
bench/memwalk-sv39.elf: $(srcdir)/bench/memwalk.c $(BENCH_DEPS)
	$(AM_V_GEN)mkdir -p bench && $(RV_ELF_CC) $(BENCH_RV_FLAGS) -DVM=1 -o $@ $(BENCH_RT) $(srcdir)/bench/memwalk.c
bench/memwalk-bare.elf: $(srcdir)/bench/memwalk.c $(BENCH_DEPS)
	$(AM_V_GEN)mkdir -p bench && $(RV_ELF_CC) $(BENCH_RV_FLAGS) -DVM=0 -o $@ $(BENCH_RT) $(srcdir)/bench/memwalk.c
EXTRA_DIST += bench/guest-swap-bench.sh
