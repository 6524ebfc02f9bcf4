/*
 * elfgen.h - build small ELF images in memory for the loader's tests, the
 * mkelf test tool and the fuzzer's seeds: one PT_LOAD segment holding the
 * given code, optionally a symbol table with tohost/fromhost.
 */
#ifndef RVMM_TESTS_ELFGEN_H
#define RVMM_TESTS_ELFGEN_H

#include <elf.h>
#include <stdint.h>
#include <string.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

struct elfgen {
	unsigned class32; /* build an ELFCLASS32 header instead */
	uint16_t machine; /* 0: EM_RISCV */
	uint16_t type;	  /* 0: ET_EXEC */
	uint64_t addr;	  /* segment address (paddr = vaddr); 0: 0x80000000 */
	uint64_t entry;	  /* 0: addr */
	const void *code; /* segment file bytes */
	uint64_t code_size;
	uint64_t bss;		   /* extra zeroed bytes after the code */
	uint64_t tohost, fromhost; /* symbols to emit (0: none) */
};

#define ELFGEN_MAX 8192 /* buffer size enough for code_size <= 4096 */

/* Write the image into buf (ELFGEN_MAX bytes); return its size. */
static inline size_t elfgen_build(uint8_t *buf, const struct elfgen *g)
{
	uint64_t addr = g->addr ? g->addr : 0x80000000ull;
	size_t code_off = 128, off;

	memset(buf, 0, ELFGEN_MAX);
	if (g->class32) {
		Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
		Elf32_Phdr *ph = (Elf32_Phdr *)(buf + sizeof(*eh));
		memcpy(eh->e_ident, ELFMAG, SELFMAG);
		eh->e_ident[EI_CLASS] = ELFCLASS32;
		eh->e_ident[EI_DATA] = ELFDATA2LSB;
		eh->e_ident[EI_VERSION] = EV_CURRENT;
		eh->e_type = g->type ? g->type : ET_EXEC;
		eh->e_machine = g->machine ? g->machine : EM_RISCV;
		eh->e_version = EV_CURRENT;
		eh->e_entry = (uint32_t)(g->entry ? g->entry : addr);
		eh->e_phoff = sizeof(*eh);
		eh->e_ehsize = sizeof(*eh);
		eh->e_phentsize = sizeof(*ph);
		eh->e_phnum = 1;
		ph->p_type = PT_LOAD;
		ph->p_offset = (uint32_t)code_off;
		ph->p_vaddr = ph->p_paddr = (uint32_t)addr;
		ph->p_filesz = (uint32_t)g->code_size;
		ph->p_memsz = (uint32_t)(g->code_size + g->bss);
		ph->p_flags = PF_R | PF_X;
		memcpy(buf + code_off, g->code, g->code_size);
		return code_off + g->code_size;
	}
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = g->type ? g->type : ET_EXEC;
	eh->e_machine = g->machine ? g->machine : EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = g->entry ? g->entry : addr;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_offset = code_off;
	ph->p_vaddr = ph->p_paddr = addr;
	ph->p_filesz = g->code_size;
	ph->p_memsz = g->code_size + g->bss;
	ph->p_flags = PF_R | PF_W | PF_X;
	ph->p_align = 8;
	memcpy(buf + code_off, g->code, g->code_size);
	off = (code_off + g->code_size + 7) & ~(size_t)7;
	if (!g->tohost && !g->fromhost)
		return off;

	/* Sections: null, .symtab, .strtab, .shstrtab. */
	static const char strtab[] = "\0tohost\0fromhost";
	static const char shstrtab[] = "\0.symtab\0.strtab\0.shstrtab";
	size_t sym_off = off, str_off, shstr_off, sh_off;
	Elf64_Sym *sym = (Elf64_Sym *)(buf + sym_off);
	sym[1] = (Elf64_Sym){.st_name = 1,
			     .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT),
			     .st_shndx = SHN_ABS,
			     .st_value = g->tohost,
			     .st_size = 8};
	sym[2] = (Elf64_Sym){.st_name = 8,
			     .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT),
			     .st_shndx = SHN_ABS,
			     .st_value = g->fromhost,
			     .st_size = 8};
	str_off = sym_off + 3 * sizeof(Elf64_Sym);
	memcpy(buf + str_off, strtab, sizeof(strtab));
	shstr_off = str_off + sizeof(strtab);
	memcpy(buf + shstr_off, shstrtab, sizeof(shstrtab));
	sh_off = (shstr_off + sizeof(shstrtab) + 7) & ~(size_t)7;
	Elf64_Shdr *sh = (Elf64_Shdr *)(buf + sh_off);
	sh[1] = (Elf64_Shdr){.sh_name = 1,
			     .sh_type = SHT_SYMTAB,
			     .sh_offset = sym_off,
			     .sh_size = 3 * sizeof(Elf64_Sym),
			     .sh_link = 2,
			     .sh_info = 1,
			     .sh_addralign = 8,
			     .sh_entsize = sizeof(Elf64_Sym)};
	sh[2] = (Elf64_Shdr){.sh_name = 9,
			     .sh_type = SHT_STRTAB,
			     .sh_offset = str_off,
			     .sh_size = sizeof(strtab),
			     .sh_addralign = 1};
	sh[3] = (Elf64_Shdr){.sh_name = 17,
			     .sh_type = SHT_STRTAB,
			     .sh_offset = shstr_off,
			     .sh_size = sizeof(shstrtab),
			     .sh_addralign = 1};
	eh->e_shoff = sh_off;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = 4;
	eh->e_shstrndx = 3;
	return sh_off + 4 * sizeof(Elf64_Shdr);
}

#endif
