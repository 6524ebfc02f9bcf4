/*
 * nommu_exec.c - execve without an MMU: a static-pie placed in physical memory.
 *
 * The program must be position independent and static (ET_DYN without
 * PT_INTERP): its PT_LOAD segments are copied into one contiguous block at
 * their linked offsets from the block's start, the bss is zero (the block
 * comes zeroed), and no relocation is applied: the program relocates
 * itself, as glibc's static-pie and rvmm's guest runtime do. The stack is a
 * separate fixed block of NOMMU_STACK_SIZE whose top 16 bytes hold the
 * sigreturn trampoline (there is no vdso page to put it in); brk grows up
 * from the bottom of the same block, as with Linux's binfmt_elf_fdpic. The auxiliary
 * vector is the usual one, with AT_BASE, AT_PHDR and AT_ENTRY physical.
 *
 * Anything else (ET_EXEC, a dynamic program) is refused with -ENOEXEC and a
 * one-line reason saying how to rebuild it.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os/exec.h"
#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/kernel_internal.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/slab.h"
#include "os/nommu_internal.h"
#include "os/signal.h"
#include "os/task.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif
#define MAX_PHDRS	 64
#define ELF_HWCAP_IMAFDC 0x112dull

#define REBUILD_HINT                                                                               \
	"--nommu needs a position-independent static program (static-pie); rebuild it with "       \
	"rvmm-cc"

/* li a7, 139 (rt_sigreturn); ecall */
static const uint32_t trampoline_code[] = {0x08b00893, 0x00000073};

struct nommu_elf {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[MAX_PHDRS];
	uint64_t lo, hi; /* page-aligned span of the PT_LOADs (link addresses) */
};

/* Read and check the headers: an rv64 static-pie. 0 or -ENOEXEC with the reason in err. */
static int read_elf(int fd, struct nommu_elf *e, char *err, size_t errlen)
{
	bool interp = false, any = false;
	size_t phsize;

	if (pread(fd, &e->eh, sizeof(e->eh), 0) != (ssize_t)sizeof(e->eh) ||
	    memcmp(e->eh.e_ident, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "not an ELF file");
		return -ENOEXEC;
	}
	if (e->eh.e_ident[EI_CLASS] != ELFCLASS64 || e->eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    e->eh.e_machine != EM_RISCV) {
		snprintf(err, errlen, "not a 64-bit RISC-V ELF file");
		return -ENOEXEC;
	}
	if (e->eh.e_type == ET_EXEC) {
		snprintf(err, errlen, "%s (this one is ET_EXEC, linked at fixed addresses)",
			 REBUILD_HINT);
		return -ENOEXEC;
	}
	if (e->eh.e_type != ET_DYN) {
		snprintf(err, errlen, "not an executable (e_type %u)", e->eh.e_type);
		return -ENOEXEC;
	}
	phsize = (size_t)e->eh.e_phnum * sizeof(Elf64_Phdr);
	if (!e->eh.e_phnum || e->eh.e_phnum > MAX_PHDRS ||
	    e->eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    pread(fd, e->ph, phsize, (off_t)e->eh.e_phoff) != (ssize_t)phsize) {
		snprintf(err, errlen, "bad program headers");
		return -ENOEXEC;
	}
	e->lo = UINT64_MAX;
	e->hi = 0;
	for (unsigned i = 0; i < e->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &e->ph[i];
		if (p->p_type == PT_INTERP)
			interp = true;
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_filesz > p->p_memsz || p->p_vaddr + p->p_memsz < p->p_vaddr ||
		    p->p_vaddr + p->p_memsz > TASK_SIZE ||
		    p->p_offset + p->p_filesz < p->p_offset) {
			snprintf(err, errlen, "bad PT_LOAD segment");
			return -ENOEXEC;
		}
		any = true;
		if ((p->p_vaddr & PAGE_MASK) < e->lo)
			e->lo = p->p_vaddr & PAGE_MASK;
		if (PAGE_ALIGN(p->p_vaddr + p->p_memsz) > e->hi)
			e->hi = PAGE_ALIGN(p->p_vaddr + p->p_memsz);
	}
	if (interp) {
		snprintf(err, errlen, "%s (this one is dynamically linked: it has an interpreter)",
			 REBUILD_HINT);
		return -ENOEXEC;
	}
	if (!any) {
		snprintf(err, errlen, "no PT_LOAD segment");
		return -ENOEXEC;
	}
	return 0;
}

/* Copy the segments into the image block; mm's code/data bounds follow. 0 or -ENOEXEC. */
static int place_segments(struct mm_struct *mm, int fd, const struct nommu_elf *e,
			  struct nommu_region *img, char *err, size_t errlen)
{
	uint64_t base = img->start - e->lo;
	uint8_t *host = page_address(img->page);

	for (unsigned i = 0; i < e->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &e->ph[i];
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_filesz && pread(fd, host + (p->p_vaddr - e->lo), p->p_filesz,
					 (off_t)p->p_offset) != (ssize_t)p->p_filesz) {
			snprintf(err, errlen, "truncated PT_LOAD segment");
			return -ENOEXEC;
		}
		if (p->p_flags & PF_X) {
			if (!mm->start_code || base + p->p_vaddr < mm->start_code)
				mm->start_code = base + p->p_vaddr;
			if (base + p->p_vaddr + p->p_filesz > mm->end_code)
				mm->end_code = base + p->p_vaddr + p->p_filesz;
		} else {
			if (!mm->start_data || base + p->p_vaddr < mm->start_data)
				mm->start_data = base + p->p_vaddr;
			if (base + p->p_vaddr + p->p_filesz > mm->end_data)
				mm->end_data = base + p->p_vaddr + p->p_filesz;
		}
	}
	nommu_flush_code(img->start, img->len); /* the hart may hold code decoded there before */
	return 0;
}

/* The in-memory address of the program headers (PT_PHDR, or inside a PT_LOAD). */
static uint64_t phdr_addr(const struct nommu_elf *e, uint64_t base)
{
	for (unsigned i = 0; i < e->eh.e_phnum; i++)
		if (e->ph[i].p_type == PT_PHDR)
			return base + e->ph[i].p_vaddr;
	for (unsigned i = 0; i < e->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &e->ph[i];
		if (p->p_type == PT_LOAD && p->p_offset <= e->eh.e_phoff &&
		    e->eh.e_phoff < p->p_offset + p->p_filesz)
			return base + p->p_vaddr + (e->eh.e_phoff - p->p_offset);
	}
	return 0;
}

int nommu_execve(struct task_struct *t, const struct exec_params *p, char *err, size_t errlen)
{
	struct nommu_elf *e = kmalloc(sizeof(*e), GFP_KERNEL);
	struct mm_struct *mm = NULL, *old = t->mm;
	struct nommu_region *img, *stk;
	uint64_t auxv[2 * 24], base, entry, top, execfn;
	size_t n = 0;
	int64_t sp;
	int ret;

	if (!e)
		return -ENOMEM;
	ret = read_elf(p->file->host_fd, e, err, errlen);
	if (ret)
		goto out;
	mm = mm_alloc();
	if (!mm) {
		ret = -ENOMEM;
		goto out;
	}
	ret = set_mm_exe_file(mm, p->file); /* a program open for writing: ETXTBSY */
	if (ret) {
		mmput(mm);
		goto out;
	}
	t->mm = mm;
	img = nommu_region_alloc(mm, e->hi - e->lo, PROT_READ | PROT_WRITE | PROT_EXEC, NOMMU_IMAGE,
				 t->tgid, &ret);
	if (!img) {
		snprintf(err, errlen, "no contiguous block of %llu KiB for the image",
			 (unsigned long long)(e->hi - e->lo) >> 10);
		goto fail;
	}
	get_file(p->file);
	img->file = p->file;
	ret = place_segments(mm, p->file->host_fd, e, img, err, errlen);
	if (ret)
		goto fail;
	base = img->start - e->lo;
	entry = base + e->eh.e_entry;

	stk = nommu_region_alloc(mm, NOMMU_STACK_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
				 NOMMU_STACK, t->tgid, &ret);
	if (!stk) {
		snprintf(err, errlen, "no contiguous block of %llu KiB for the stack",
			 NOMMU_STACK_SIZE >> 10);
		goto fail;
	}
	/* brk grows up from the stack block's bottom, the stack down from its top
	 * (binfmt_elf_fdpic's NOMMU layout): they share NOMMU_STACK_SIZE */
	mm->start_brk = mm->brk = stk->start;
	nommu_mm_of(mm, false)->brk_limit = stk->start + stk->len - PAGE_SIZE;
	top = stk->start + stk->len - NOMMU_TRAMPOLINE_SIZE;
	memcpy((uint8_t *)page_address(stk->page) + (top - stk->start), trampoline_code,
	       sizeof(trampoline_code));
	nommu_flush_code(top, NOMMU_TRAMPOLINE_SIZE);
	kernel_switch_mm(mm); /* satp Bare; under --pmp the new regions only */

	n = exec_fill_auxv(auxv, phdr_addr(e, base), e->eh.e_phnum, base, entry);
	sp = exec_create_stack(mm, top, p, auxv, n / 2, &execfn);
	if (sp < 0) {
		ret = (int)sp;
		goto fail;
	}
	memcpy(mm->saved_auxv, auxv, n * 8);

	/* the point of no return (as do_execve_file): the other threads and the old image go */
	exec_commit(t, old, (uint64_t)sp, entry, p->filename);
	ret = 0;
	goto out;
fail:
	t->mm = old;
	kernel_switch_mm(old);
	mmput(mm);
	if (!err[0])
		snprintf(err, errlen, "cannot load (%s)", strerror(-ret));
out:
	kfree(e);
	return ret;
}
