/*
 * start.c - the C half of process startup: self-relocation, then argc,
 * argv, envp and auxv from the initial stack, then main() and exit().
 *
 * Self-relocation is what lets a NOMMU kernel place a static-pie image at
 * any physical address: the image is linked at 0, so every absolute
 * pointer it stores (GOT entries, pointer tables, string arrays) carries
 * an R_RISCV_RELATIVE relocation whose value is base + addend. We walk
 * _DYNAMIC to find DT_RELA/DT_RELASZ and apply them before any code
 * touches a global through a pointer. Under an MMU the kernel may load
 * the image anywhere too; the same code covers both.
 *
 * Invariant: until __rt_relocate() returns, code in this file uses only
 * its arguments and locals (no globals, no calls into the rest of libc).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "rt.h"

/* The few ELF64 shapes we read (layouts from the ELF specification). */
typedef struct {
	unsigned char e_ident[16];
} Elf64_Ehdr;

typedef struct {
	int64_t d_tag;
	union {
		uint64_t d_val;
		uint64_t d_ptr;
	} d_un;
} Elf64_Dyn;

typedef struct {
	uint64_t r_offset;
	uint64_t r_info;
	int64_t r_addend;
} Elf64_Rela;

#define DT_NULL		 0
#define DT_RELA		 7
#define DT_RELASZ	 8
#define DT_RELAENT	 9
#define ELF64_R_TYPE(i)	 ((i)&0xffffffffu)
#define R_RISCV_RELATIVE 3

char **environ;
unsigned long *__auxv;
const char *__progname = "";

int main(int argc, char **argv, char **envp);
_Noreturn void __rt_start(long *sp, const Elf64_Ehdr *base, const Elf64_Dyn *dyn);

/* Die without libc: before relocation nothing else is safe to call. */
static _Noreturn void early_die(void)
{
	for (;;)
		__syscall1(SYS_exit_group, 127);
}

/* Apply the image's RELA relocations for load base 'base'. */
static void __rt_relocate(unsigned long base, const Elf64_Dyn *dyn)
{
	unsigned long rela = 0, relasz = 0, relaent = sizeof(Elf64_Rela);

	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_RELA)
			rela = dyn->d_un.d_ptr;
		else if (dyn->d_tag == DT_RELASZ)
			relasz = dyn->d_un.d_val;
		else if (dyn->d_tag == DT_RELAENT)
			relaent = dyn->d_un.d_val;
	}
	if (relaent != sizeof(Elf64_Rela))
		early_die();
	for (unsigned long off = 0; off < relasz; off += relaent) {
		const Elf64_Rela *r = (const Elf64_Rela *)(base + rela + off);
		if (ELF64_R_TYPE(r->r_info) == R_RISCV_RELATIVE)
			*(unsigned long *)(base + r->r_offset) = base + r->r_addend;
		else if (ELF64_R_TYPE(r->r_info) != 0)
			early_die(); /* a static-pie needs nothing else */
	}
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

_Noreturn void __rt_start(long *sp, const Elf64_Ehdr *base, const Elf64_Dyn *dyn)
{
	const unsigned char *m = base->e_ident;

	if (m[0] != 0x7f || m[1] != 'E' || m[2] != 'L' || m[3] != 'F')
		early_die();
	__rt_relocate((unsigned long)base, dyn);

	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;
	while (*p)
		p++;
	environ = envp;
	if (argc > 0 && argv[0]) {
		__progname = argv[0];
		for (const char *c = argv[0]; *c; c++)
			if (*c == '/')
				__progname = c + 1;
	}
	__auxv = (unsigned long *)(p + 1);
	exit(main(argc, argv, envp));
}
