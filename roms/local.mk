# roms/ - bare-metal images built with the riscv64 bare-metal cross compiler:
# the hello-world demo, the self-checking tests (roms/tests/), the
# differential sequences (roms/diff/) and their shared runtime (roms/lib/).
# Conventions: roms/README.md.
ROM_SRC_TESTS = \
	roms/tests/rv64i.c roms/tests/rv64m.c roms/tests/rv64a.c roms/tests/rvc.c \
	roms/tests/fp.c roms/tests/fp_round.c roms/tests/csr.c roms/tests/trap.c \
	roms/tests/deleg.c roms/tests/intr.c roms/tests/pmp.c roms/tests/sv39.c \
	roms/tests/asid.c roms/tests/misalign.c roms/tests/fencei.c \
	roms/tests/htif_hello.c roms/tests/htif_fail.c roms/tests/rvmm_tlb_stale.c
ROM_SRC_DIFF = \
	roms/diff/rand0.S roms/diff/rand1.S roms/diff/rand2.S roms/diff/rand3.S \
	roms/diff/rand4.S roms/diff/rand5.S roms/diff/hand_int.S roms/diff/hand_fp.S
ROM_RT_SRC = roms/lib/crt.S roms/lib/rt.c roms/lib/dump.c
ROM_RT_DEPS = $(ROM_RT_SRC) roms/lib/rt.h roms/lib/htif.c roms/link.ld

EXTRA_DIST += roms/README.md roms/hello.c $(ROM_SRC_TESTS) $(ROM_SRC_DIFF) $(ROM_RT_DEPS) \
	roms/gen/diffgen.py tests/integ/roms.sh tests/integ/roms-qemu.sh tests/integ/diff.sh

if HAVE_RV_ELF_CC
ROM_IMAGES = $(patsubst %.S,%.elf,$(patsubst %.c,%.elf,$(ROM_SRC_TESTS) $(ROM_SRC_DIFF)))
noinst_DATA += roms/hello.elf $(ROM_IMAGES)
CLEANFILES += roms/hello.elf $(ROM_IMAGES)

ROM_CFLAGS = -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -mno-relax \
	-O2 -g -Wall -Wextra -ffreestanding -fno-builtin -nostdlib -nostartfiles -static \
	-I$(srcdir)/roms/lib -T $(srcdir)/roms/link.ld -Wl,--no-warn-rwx-segments

# Images whose name starts with htif_ end through `tohost`: link htif.c too.
ROM_LINK = mkdir -p $(@D) && $(RV_ELF_CC) $(ROM_CFLAGS) -o $@ $< \
	$(addprefix $(srcdir)/,$(ROM_RT_SRC)) \
	$$(case $@ in */htif_*) echo $(srcdir)/roms/lib/htif.c;; esac)

.c.elf:
	$(AM_V_GEN)$(ROM_LINK)
.S.elf:
	$(AM_V_GEN)$(ROM_LINK)

roms/hello.elf $(ROM_IMAGES): $(addprefix $(srcdir)/,$(ROM_RT_DEPS))

TESTS += tests/integ/roms-qemu.sh tests/integ/roms.sh tests/integ/diff.sh

# Regenerate the checked-in random differential sequences (fixed seeds).
roms-regen-diff:
	for i in 0 1 2 3 4 5; do \
		python3 $(srcdir)/roms/gen/diffgen.py --seed $$i > $(srcdir)/roms/diff/rand$$i.S || exit 1; \
	done
.PHONY: roms-regen-diff
endif
