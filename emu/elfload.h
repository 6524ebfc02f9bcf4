/*
 * elfload.h - loading a bare-metal RISC-V ELF image into the machine's memory.
 *
 * Accepted: ELFCLASS64, little-endian, EM_RISCV, ET_EXEC. Every PT_LOAD
 * segment is copied to its physical address (p_paddr) and its bss zeroed; the
 * whole of [p_paddr, p_paddr + p_memsz) must lie inside one host-backed memory
 * of the bus (RAM or the boot ROM). The symbols `tohost`/`fromhost`, if the
 * image has a symbol table, are reported for HTIF.
 */
#ifndef RVMM_EMU_ELFLOAD_H
#define RVMM_EMU_ELFLOAD_H

#include <stddef.h>
#include <stdint.h>

struct bus;

struct elf_image_info {
	uint64_t entry;
	uint64_t tohost, fromhost; /* 0 when the symbol is absent */
	unsigned nloaded;	   /* PT_LOAD segments copied */
};

/*
 * Load the ELF image held in buf[0..size) into bus memory. Return 0, or -1
 * with *why set to a one-line reason (a static string, no trailing newline),
 * e.g. "not an ELF file". Memory may be partly written on failure.
 */
int elf_load_image(struct bus *bus, const void *buf, size_t size, struct elf_image_info *info,
		   const char **why);

/* The same for a file: also fails with strerror's text if it cannot be read. */
int elf_load_file(struct bus *bus, const char *path, struct elf_image_info *info, const char **why);

#endif
