/*
 * elfload.c - bare-metal ELF loading with libelf (see elfload.h for the rules).
 *
 * libelf parses from a private copy of the image (elf_memory() may write to
 * its buffer); every offset and size read from the file is checked against
 * the image size before use, so a hostile file cannot make us read or write
 * outside the image or outside guest memory.
 */
#include "emu/elfload.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/bus.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

#define MAX_IMAGE_SIZE (1ull << 32)

/* Host pointer for [pa, pa+len) if it lies in one writable-by-loader memory. */
static uint8_t *load_target(struct bus *bus, uint64_t pa, uint64_t len)
{
	if (len == 0)
		len = 1;
	if (pa + len < pa)
		return NULL;
	const struct bus_mem *m = bus_find_mem(bus, pa, len);
	return m ? m->host + (pa - m->base) : NULL;
}

/* Check the ELF header: 0 or -1 with *why. */
static int check_header(const GElf_Ehdr *eh, const char **why)
{
	if (eh->e_ident[EI_CLASS] == ELFCLASS32) {
		*why = eh->e_machine == EM_RISCV ? "32-bit RISC-V ELF (rvmm runs rv64 only)"
						 : "32-bit ELF, not a RISC-V rv64 image";
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB) {
		*why = "not a 64-bit little-endian ELF";
		return -1;
	}
	if (eh->e_machine != EM_RISCV) {
		*why = "ELF for another architecture, not RISC-V";
		return -1;
	}
	if (eh->e_type != ET_EXEC) {
		*why = eh->e_type == ET_DYN
			   ? "position-independent ELF (ET_DYN); --bare needs ET_EXEC"
			   : "not an executable ELF (ET_EXEC)";
		return -1;
	}
	return 0;
}

/*
 * GNU ld without a linker script (e.g. -Ttext=0x80000000) puts the ELF headers
 * in the first PT_LOAD segment, just below the text: below RAM. QEMU loads such
 * images; so do we, by skipping the segment's head if it lies below a memory
 * and no allocated section lives there. Return the bytes to skip, 0 if not so.
 */
static uint64_t clip_headers(struct bus *bus, Elf *elf, const GElf_Phdr *ph)
{
	uint64_t end = ph->p_paddr + ph->p_memsz;
	const struct bus_mem *m = end > ph->p_paddr ? bus_find_mem(bus, end - 1, 1) : NULL;
	Elf_Scn *scn = NULL;
	bool any = false;

	if (!m || m->base <= ph->p_paddr || m->base - ph->p_paddr >= ph->p_memsz)
		return 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return 0;
		any = true;
		if ((sh.sh_flags & SHF_ALLOC) && sh.sh_size && sh.sh_addr < m->base &&
		    sh.sh_addr + sh.sh_size > ph->p_paddr)
			return 0;
	}
	return any ? m->base - ph->p_paddr : 0;
}

static int load_segments(struct bus *bus, Elf *elf, const GElf_Ehdr *eh, size_t size,
			 const uint8_t *raw, struct elf_image_info *info, const char **why)
{
	size_t n;

	/* libelf quietly reports 0 headers when they are cut off: check e_phnum. */
	if (elf_getphdrnum(elf, &n) != 0 || (eh->e_phnum != PN_XNUM && n != eh->e_phnum) ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
	    n > (size - eh->e_phoff) / sizeof(Elf64_Phdr)) {
		*why = "truncated or corrupt ELF (program headers)";
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			*why = "truncated or corrupt ELF (program headers)";
			return -1;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > size ||
		    ph.p_filesz > size - ph.p_offset) {
			*why = "truncated or corrupt ELF (segment beyond the end of the file)";
			return -1;
		}
		uint64_t skip = 0;
		uint8_t *dst = load_target(bus, ph.p_paddr, ph.p_memsz);
		if (!dst) {
			skip = clip_headers(bus, elf, &ph);
			dst = skip ? load_target(bus, ph.p_paddr + skip, ph.p_memsz - skip) : NULL;
		}
		if (!dst) {
			*why = "ELF segment outside guest RAM and ROM";
			return -1;
		}
		uint64_t filesz = ph.p_filesz > skip ? ph.p_filesz - skip : 0;
		memcpy(dst, raw + ph.p_offset + skip, filesz);
		memset(dst + filesz, 0, ph.p_memsz - skip - filesz);
		info->nloaded++;
	}
	if (info->nloaded == 0) {
		*why = "ELF has nothing to load (no PT_LOAD segment)";
		return -1;
	}
	return 0;
}

/* Look up tohost/fromhost in the symbol table, if there is one. */
static void find_htif_symbols(Elf *elf, struct elf_image_info *info)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		size_t count = data->d_size / sh.sh_entsize;
		for (size_t i = 0; i < count; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(data, (int)i, &sym))
				break;
			const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!name)
				continue;
			if (!strcmp(name, "tohost"))
				info->tohost = sym.st_value;
			else if (!strcmp(name, "fromhost"))
				info->fromhost = sym.st_value;
		}
	}
}

int elf_load_image(struct bus *bus, const void *buf, size_t size, struct elf_image_info *info,
		   const char **why)
{
	int ret = -1;
	Elf *elf = NULL;
	GElf_Ehdr eh;

	memset(info, 0, sizeof(*info));
	*why = "out of memory";
	if (elf_version(EV_CURRENT) == EV_NONE) {
		*why = "libelf is unusable";
		return -1;
	}
	if (size < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
		*why = size < SELFMAG ? "not an ELF file (too short)" : "not an ELF file";
		return -1;
	}
	uint8_t *copy = malloc(size);
	if (!copy)
		return -1;
	memcpy(copy, buf, size);
	elf = elf_memory((char *)copy, size);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		*why = "not an ELF file";
		goto out;
	}
	if (!gelf_getehdr(elf, &eh)) {
		*why = "truncated or corrupt ELF (header)";
		goto out;
	}
	if (check_header(&eh, why) < 0)
		goto out;
	if (load_segments(bus, elf, &eh, size, buf, info, why) < 0)
		goto out;
	find_htif_symbols(elf, info);
	info->entry = eh.e_entry;
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	free(copy);
	return ret;
}

int elf_load_file(struct bus *bus, const char *path, struct elf_image_info *info, const char **why)
{
	int ret = -1;
	uint8_t *buf = NULL;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		*why = strerror(errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
		goto out;
	}
	if ((unsigned long long)st.st_size > MAX_IMAGE_SIZE) {
		*why = "file too large for an image";
		goto out;
	}
	size_t size = (size_t)st.st_size, got = 0;
	buf = malloc(size ? size : 1);
	if (!buf) {
		*why = "out of memory";
		goto out;
	}
	while (got < size) {
		ssize_t r = read(fd, buf + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*why = r < 0 ? strerror(errno) : "file shrank while reading";
			goto out;
		}
		got += (size_t)r;
	}
	ret = elf_load_image(bus, buf, size, info, why);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return ret;
}
