# fuzz/ - libFuzzer targets, built and run by fuzz/run.sh with clang (not by make).
EXTRA_DIST += fuzz/run.sh fuzz/fuzz_elf.c fuzz/fuzz_insn.c
