/*
 * exec.c - ELF loading (with libelf) and the initial user stack.
 *
 * Placement: ET_EXEC at its addresses; an ET_DYN program at ELF_ET_DYN_BASE;
 * the interpreter (PT_INTERP, read from the sysroot) top-down below the mmap
 * base, as Linux places it; no randomization (runs are reproducible).
 *
 * Initial stack, from the top (Linux's create_elf_tables): the file name,
 * the environment strings, the argument strings; then 16 AT_RANDOM bytes;
 * then, 16-byte aligned: argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 */
#include "os/exec.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/fs/fs.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/uapi.h"
#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/nommu.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/slab.h"
#include "os/task.h"
#include "os/uaccess.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

#define STACK_INIT_SIZE	 (128ull << 10)
#define MAX_ARG_BYTES	 (120u << 10)
#define ELF_HWCAP_IMAFDC 0x112dull /* bits 'a','c','d','f','i','m' - 'a' */

/* AT_* auxiliary vector keys come from <elf.h> (same values as Linux's). */

static char exec_err[2 * PATH_MAX + 128];
static const char *exec_sysroot = "/usr/riscv64-linux-gnu";
#define ERR_STRINGS_E2BIG ((char **)1)

void exec_set_sysroot(const char *dir)
{
	exec_sysroot = dir;
}

const char *exec_error(void)
{
	return exec_err;
}

#define MAX_PHDRS 64

struct elf_image {
	GElf_Ehdr eh;
	GElf_Phdr ph[MAX_PHDRS];
	size_t phnum;
	char interp[PATH_MAX];
	bool has_interp;
};

/* Read and check the headers of an rv64 ELF. 0 or -ENOEXEC (reason in exec_err). */
static int elf_read(int fd, struct elf_image *im)
{
	Elf *e;
	int err = -ENOEXEC;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		snprintf(exec_err, sizeof(exec_err), "not an ELF file");
		goto out;
	}
	if (gelf_getclass(e) != ELFCLASS64 || !gelf_getehdr(e, &im->eh)) {
		snprintf(exec_err, sizeof(exec_err), "not a 64-bit ELF file");
		goto out;
	}
	if (im->eh.e_machine != EM_RISCV || im->eh.e_ident[EI_DATA] != ELFDATA2LSB) {
		snprintf(exec_err, sizeof(exec_err), "not a RISC-V ELF file (e_machine %u)",
			 im->eh.e_machine);
		goto out;
	}
	if (im->eh.e_type != ET_EXEC && im->eh.e_type != ET_DYN) {
		snprintf(exec_err, sizeof(exec_err), "not an executable (e_type %u)",
			 im->eh.e_type);
		goto out;
	}
	if (elf_getphdrnum(e, &im->phnum) || im->phnum == 0 || im->phnum > MAX_PHDRS) {
		snprintf(exec_err, sizeof(exec_err), "bad program headers");
		goto out;
	}
	im->has_interp = false;
	for (size_t i = 0; i < im->phnum; i++) {
		if (!gelf_getphdr(e, (int)i, &im->ph[i])) {
			snprintf(exec_err, sizeof(exec_err), "truncated program headers");
			goto out;
		}
		if (im->ph[i].p_type == PT_INTERP) {
			size_t n = im->ph[i].p_filesz;
			if (n < 2 || n >= sizeof(im->interp) ||
			    pread(fd, im->interp, n, (off_t)im->ph[i].p_offset) != (ssize_t)n ||
			    im->interp[n - 1]) {
				snprintf(exec_err, sizeof(exec_err), "bad PT_INTERP");
				goto out;
			}
			im->has_interp = true;
		}
		if (im->ph[i].p_type == PT_LOAD &&
		    (im->ph[i].p_filesz > im->ph[i].p_memsz ||
		     im->ph[i].p_vaddr + im->ph[i].p_memsz < im->ph[i].p_vaddr ||
		     im->ph[i].p_vaddr + im->ph[i].p_memsz > TASK_SIZE ||
		     (im->ph[i].p_vaddr - im->ph[i].p_offset) % PAGE_SIZE)) {
			snprintf(exec_err, sizeof(exec_err), "bad PT_LOAD segment");
			goto out;
		}
	}
	err = 0;
out:
	if (e)
		elf_end(e);
	return err;
}

/* Lowest and highest (exclusive, page-aligned) addresses of the PT_LOADs. */
static void load_span(const struct elf_image *im, uint64_t *lo, uint64_t *hi)
{
	*lo = UINT64_MAX;
	*hi = 0;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if ((p->p_vaddr & PAGE_MASK) < *lo)
			*lo = p->p_vaddr & PAGE_MASK;
		if (PAGE_ALIGN(p->p_vaddr + p->p_memsz) > *hi)
			*hi = PAGE_ALIGN(p->p_vaddr + p->p_memsz);
	}
}

/*
 * Map the PT_LOAD segments at bias. The file part is a private file mapping
 * (page cache); the bss beyond it is zeroed in the last file page and mapped
 * anonymous after it. *brk is set past the highest segment.
 */
static int map_segments(struct mm_struct *mm, struct file *f, const struct elf_image *im,
			uint64_t bias, uint64_t *brk, bool is_main, int pid)
{
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *p = &im->ph[i];
		unsigned long prot = 0;
		uint64_t start, fend, mend;
		int64_t r;

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		if (p->p_flags & PF_R)
			prot |= PROT_READ;
		if (p->p_flags & PF_W)
			prot |= PROT_WRITE;
		if (p->p_flags & PF_X)
			prot |= PROT_EXEC;
		start = (bias + p->p_vaddr) & PAGE_MASK;
		fend = bias + p->p_vaddr + p->p_filesz;
		mend = bias + p->p_vaddr + p->p_memsz;
		if (mend > TASK_SIZE || start < MMAP_MIN_ADDR)
			return -ENOMEM;
		if (p->p_filesz) {
			r = do_mmap(mm, start, PAGE_ALIGN(fend) - start, prot,
				    MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, f,
				    p->p_offset & PAGE_MASK, pid);
			if (r < 0)
				return (int)r;
		}
		if (mend > fend) {
			uint64_t zstart = PAGE_ALIGN(fend);
			/* zero the rest of the last file page (it becomes a private copy) */
			if (p->p_filesz && (fend & ~PAGE_MASK) && (prot & PROT_WRITE) &&
			    clear_user(fend, zstart - fend))
				return -EFAULT;
			if (PAGE_ALIGN(mend) > zstart) {
				r = do_mmap(mm, zstart, PAGE_ALIGN(mend) - zstart, prot,
					    MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, NULL, 0, pid);
				if (r < 0)
					return (int)r;
			}
		}
		if (PAGE_ALIGN(mend) > *brk)
			*brk = PAGE_ALIGN(mend);
		if (!is_main)
			continue;
		if (p->p_flags & PF_X) {
			if (!mm->start_code || start < mm->start_code)
				mm->start_code = start;
			if (bias + p->p_vaddr + p->p_filesz > mm->end_code)
				mm->end_code = bias + p->p_vaddr + p->p_filesz;
		} else {
			if (!mm->start_data || bias + p->p_vaddr < mm->start_data)
				mm->start_data = bias + p->p_vaddr;
			if (fend > mm->end_data)
				mm->end_data = fend;
		}
	}
	return 0;
}

/* The address of the program headers in memory. */
static uint64_t phdr_addr(const struct elf_image *im, uint64_t bias)
{
	for (size_t i = 0; i < im->phnum; i++)
		if (im->ph[i].p_type == PT_PHDR)
			return bias + im->ph[i].p_vaddr;
	for (size_t i = 0; i < im->phnum; i++) {
		const GElf_Phdr *p = &im->ph[i];
		if (p->p_type == PT_LOAD && p->p_offset <= im->eh.e_phoff &&
		    im->eh.e_phoff < p->p_offset + p->p_filesz)
			return bias + p->p_vaddr + (im->eh.e_phoff - p->p_offset);
	}
	return 0;
}

/* Open a host file (the first program, the interpreter) as a struct file. */
static struct file *open_host_file(const char *path, const char *name)
{
	struct stat st;
	struct file *f;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EACCES;
		return NULL;
	}
	f = alloc_file(&host_file_ops, fd, 0, FMODE_READ | FMODE_PREAD, name);
	if (!f)
		return NULL;
	f->f_inode = iget(&st);
	if (!f->f_inode) {
		fput(f);
		return NULL;
	}
	return f;
}

struct file *kernel_open_exec(const char *host_path, const char *name)
{
	return open_host_file(host_path, name);
}

/* Reproducible AT_RANDOM bytes: splitmix64 of the seed. */
static void seeded_bytes(uint64_t seed, uint8_t out[16])
{
	for (int i = 0; i < 2; i++) {
		uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		memcpy(out + 8 * i, &z, 8);
	}
}

/* Build the initial stack below top (STACK_TOP; NOMMU: its stack region); the new sp or -errno. */
int64_t exec_create_stack(struct mm_struct *mm, uint64_t top, const struct exec_params *p,
			  const uint64_t *auxv, size_t nauxv, uint64_t *execfn_out)
{
	static uint8_t img[MAX_ARG_BYTES + 4096];
	size_t envc = 0, strbytes = 0, items, off;
	uint64_t base, sp, pos, random_at, execfn;
	uint64_t *vec;
	uint8_t rnd[16];

	while (p->envp && p->envp[envc])
		envc++;
	strbytes = strlen(p->filename) + 1;
	for (int i = 0; i < p->argc; i++)
		strbytes += strlen(p->argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		strbytes += strlen(p->envp[i]) + 1;
	items = 1 + (size_t)p->argc + 1 + envc + 1 + nauxv * 2 + 2;
	if (strbytes + 16 + 16 + items * 8 + 16 > MAX_ARG_BYTES)
		return -E2BIG;

	/* strings, from the top down: file name, then envp, then argv strings */
	pos = top;
	pos -= strlen(p->filename) + 1;
	execfn = pos;
	uint64_t *envp_at = kmalloc((envc + 1) * 8, GFP_KERNEL);
	uint64_t *argv_at = kmalloc(((size_t)p->argc + 1) * 8, GFP_KERNEL);
	if (!envp_at || !argv_at) {
		kfree(envp_at);
		kfree(argv_at);
		return -ENOMEM;
	}
	for (size_t i = envc; i-- > 0;) {
		pos -= strlen(p->envp[i]) + 1;
		envp_at[i] = pos;
	}
	for (int i = p->argc; i-- > 0;) {
		pos -= strlen(p->argv[i]) + 1;
		argv_at[i] = pos;
	}
	pos &= ~15ull;
	pos -= 16;
	random_at = pos;
	sp = (pos - items * 8) & ~15ull;
	base = sp;
	if (top - base > sizeof(img)) {
		kfree(envp_at);
		kfree(argv_at);
		return -E2BIG;
	}
	memset(img, 0, top - base);
#define AT(addr) (img + ((addr)-base))
	strcpy((char *)AT(execfn), p->filename);
	for (size_t i = 0; i < envc; i++)
		strcpy((char *)AT(envp_at[i]), p->envp[i]);
	for (int i = 0; i < p->argc; i++)
		strcpy((char *)AT(argv_at[i]), p->argv[i]);
	seeded_bytes(p->random_seed, rnd);
	memcpy(AT(random_at), rnd, 16);
	vec = (uint64_t *)AT(sp);
	off = 0;
	vec[off++] = (uint64_t)p->argc;
	for (int i = 0; i < p->argc; i++)
		vec[off++] = argv_at[i];
	vec[off++] = 0;
	for (size_t i = 0; i < envc; i++)
		vec[off++] = envp_at[i];
	vec[off++] = 0;
	for (size_t i = 0; i < nauxv; i++) {
		vec[off++] = auxv[2 * i];
		vec[off++] = auxv[2 * i + 1] == UINT64_MAX - AT_RANDOM	 ? random_at
			     : auxv[2 * i + 1] == UINT64_MAX - AT_EXECFN ? execfn
									 : auxv[2 * i + 1];
	}
	vec[off++] = AT_NULL;
	vec[off++] = 0;
#undef AT
	mm->arg_start = argv_at[0];
	mm->arg_end = envc ? envp_at[0] : execfn;
	mm->env_start = envc ? envp_at[0] : execfn;
	mm->env_end = execfn;
	mm->start_stack = sp;
	kfree(envp_at);
	kfree(argv_at);
	if (copy_to_user(base, img, top - base))
		return -EFAULT;
	*execfn_out = execfn;
	return (int64_t)sp;
}

/*
 * The auxiliary vector (key, value pairs) every loader gives a new image;
 * AT_RANDOM and AT_EXECFN hold placeholders that exec_create_stack() patches
 * with the addresses it chooses. auxv has room for 2 * 24 words. Returns the
 * number of words used.
 */
size_t exec_fill_auxv(uint64_t *auxv, uint64_t phdr, uint64_t phnum, uint64_t base, uint64_t entry)
{
	size_t n = 0;
#define PUSH(k, v) (auxv[n++] = (k), auxv[n++] = (v))
	PUSH(AT_HWCAP, ELF_HWCAP_IMAFDC);
	PUSH(AT_PAGESZ, PAGE_SIZE);
	PUSH(AT_CLKTCK, 100);
	PUSH(AT_PHDR, phdr);
	PUSH(AT_PHENT, sizeof(Elf64_Phdr));
	PUSH(AT_PHNUM, phnum);
	PUSH(AT_BASE, base);
	PUSH(AT_FLAGS, 0);
	PUSH(AT_ENTRY, entry);
	PUSH(AT_UID, (uint64_t)getuid());
	PUSH(AT_EUID, (uint64_t)geteuid());
	PUSH(AT_GID, (uint64_t)getgid());
	PUSH(AT_EGID, (uint64_t)getegid());
	PUSH(AT_SECURE, 0);
	PUSH(AT_RANDOM, UINT64_MAX - AT_RANDOM);
	PUSH(AT_EXECFN, UINT64_MAX - AT_EXECFN);
#undef PUSH
	return n;
}

/*
 * The point of no return of an execve, shared by the MMU and NOMMU loaders:
 * the other threads and the old image go, the task starts afresh at pc with
 * stack sp, named after filename, with close-on-exec files closed and caught
 * signals reset to their defaults.
 */
void exec_commit(struct task_struct *t, struct mm_struct *old, uint64_t sp, uint64_t pc,
		 const char *filename)
{
	const char *b = strrchr(filename, '/');

	de_thread(t);
	posix_timers_free(t); /* POSIX timers do not survive exec */
	if (old)
		mmput(old);
	memset(&t->regs, 0, sizeof(t->regs));
	t->regs.x[2] = sp;
	t->regs.pc = pc;
	set_task_comm(t, b ? b + 1 : filename);
	kfree(t->exe_path);
	t->exe_path = kstrdup(filename, GFP_KERNEL);
	if (t->files)
		do_close_on_exec(t->files);
	t->sas_sp = t->sas_size = 0;
	flush_signal_handlers(t);
}

int do_execve_file(struct task_struct *t, const struct exec_params *p)
{
	struct elf_image *im = kmalloc(sizeof(*im), GFP_KERNEL);
	struct elf_image *ii = NULL;
	struct file *interp = NULL;
	struct mm_struct *mm = NULL, *old = t->mm;
	uint64_t bias = 0, ibias = 0, brk = 0, ibrk = 0, entry, lo, hi, execfn;
	uint64_t auxv[2 * 24];
	size_t n = 0;
	int64_t sp;
	int err;

	exec_err[0] = '\0';
	if (kernel_nommu()) { /* NOMMU: os/nommu_exec.c */
		kfree(im);
		return nommu_execve(t, p, exec_err, sizeof(exec_err));
	}
	if (!im)
		return -ENOMEM;
	err = elf_read(p->file->host_fd, im);
	if (err)
		goto out;
	if (im->has_interp) {
		char path[PATH_MAX * 2];
		ii = kmalloc(sizeof(*ii), GFP_KERNEL);
		if (!ii) {
			err = -ENOMEM;
			goto out;
		}
		/* a guest path: looked up in the root, then the sysroot (-L), never outside */
		struct fs_ctx c = {t->fs, t->files};
		snprintf(path, sizeof(path), "%s", im->interp);
		err = t->fs
			  ? do_filp_open(&c, LINUX_AT_FDCWD, im->interp, LINUX_O_RDONLY, 0, &interp)
			  : -ENOENT;
		if (err) {
			snprintf(exec_err, sizeof(exec_err), "cannot open interpreter %s (%s)",
				 path, strerror(-err));
			interp = NULL;
			goto out;
		}
		err = elf_read(interp->host_fd, ii);
		if (err || ii->eh.e_type != ET_DYN || ii->has_interp) {
			snprintf(exec_err, sizeof(exec_err), "bad interpreter %s", path);
			err = -ELIBBAD;
			goto out;
		}
	}

	mm = mm_alloc();
	if (!mm) {
		err = -ENOMEM;
		goto out;
	}
	err = set_mm_exe_file(mm, p->file); /* a program open for writing: ETXTBSY */
	if (err) {
		mmput(mm);
		goto out;
	}
	/* switch the hart to the new address space: the loader writes through it */
	t->mm = mm;
	kernel_switch_mm(mm);

	load_span(im, &lo, &hi);
	if (im->eh.e_type == ET_DYN)
		bias = ELF_ET_DYN_BASE - lo;
	err = map_segments(mm, p->file, im, bias, &brk, true, t->tgid);
	if (err)
		goto fail;
	entry = bias + im->eh.e_entry;
	if (interp) {
		load_span(ii, &lo, &hi);
		uint64_t at = get_unmapped_area_topdown(mm, hi - lo, MMAP_MIN_ADDR, mm->mmap_base);
		if (!at) {
			err = -ENOMEM;
			goto fail;
		}
		ibias = at - lo;
		err = map_segments(mm, interp, ii, ibias, &ibrk, false, t->tgid);
		if (err)
			goto fail;
	}
	mm->start_brk = mm->brk = brk;

	int64_t st =
	    do_mmap(mm, STACK_TOP - STACK_INIT_SIZE, STACK_INIT_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0, t->tgid);
	if (st < 0) {
		err = (int)st;
		goto fail;
	}
	find_vma(mm, STACK_TOP - 1)->kind = VMA_STACK;
	vm_stat_account(mm);
	err = map_sigreturn_trampoline(mm, t->tgid);
	if (err)
		goto fail;

	n = exec_fill_auxv(auxv, phdr_addr(im, bias), im->phnum, interp ? ibias : 0, entry);
	sp = exec_create_stack(mm, STACK_TOP, p, auxv, n / 2, &execfn);
	if (sp < 0) {
		err = (int)sp;
		goto fail;
	}
	memcpy(mm->saved_auxv, auxv, n * 8);

	/* the point of no return: the other threads and the old image go */
	exec_commit(t, old, (uint64_t)sp, interp ? ibias + ii->eh.e_entry : entry, p->filename);
	old = NULL;
	err = 0;
	goto out;
fail:
	t->mm = old;
	kernel_switch_mm(old);
	mmput(mm);
	if (!exec_err[0])
		snprintf(exec_err, sizeof(exec_err), "cannot load (%s)", strerror(-err));
out:
	if (interp)
		fput(interp);
	kfree(ii);
	kfree(im);
	return err;
}

/* Copy a NULL-terminated user array of strings into one kmalloc'd block. */
static char **copy_strings(uint64_t uarr, int *count, size_t *budget)
{
	enum { MAX_STRINGS = 4096 };
	uint64_t ptrs[MAX_STRINGS];
	char **v;
	int n = 0;

	while (uarr) {
		if (n == MAX_STRINGS)
			return ERR_STRINGS_E2BIG;
		if (copy_from_user(&ptrs[n], uarr + 8 * (uint64_t)n, 8))
			return NULL;
		if (!ptrs[n])
			break;
		n++;
	}
	v = kcalloc((size_t)n + 1, sizeof(*v), GFP_KERNEL);
	if (!v)
		return NULL;
	for (int i = 0; i < n; i++) {
		char tmp[PATH_MAX * 4];
		long len = strncpy_from_user(tmp, ptrs[i], sizeof(tmp));
		if (len < 0 || (size_t)len + 1 > *budget) {
			while (i--)
				kfree(v[i]);
			kfree(v);
			return len == -EFAULT ? NULL : ERR_STRINGS_E2BIG;
		}
		*budget -= (size_t)len + 1;
		v[i] = kstrdup(tmp, GFP_KERNEL);
	}
	*count = n;
	return v;
}

static void free_strings(char **v)
{
	if (!v || v == ERR_STRINGS_E2BIG)
		return;
	for (int i = 0; v[i]; i++)
		kfree(v[i]);
	kfree(v);
}

#define BINPRM_BUF_SIZE	 256
#define MAX_SCRIPT_DEPTH 4 /* as Linux: a script's interpreter may be a script, 4 deep */

/*
 * A "#!" script: split its first line into the interpreter and the one
 * optional argument (Linux's rules: blanks around them dropped, the argument
 * is the rest of the line). 1 and the two strings in buf, 0 when f is not a
 * script, or -ENOEXEC (no interpreter, or a line too long to hold one).
 */
static int parse_shebang(struct file *f, char *buf, char **interp, char **arg)
{
	ssize_t n = f->host_fd >= 0 ? pread(f->host_fd, buf, BINPRM_BUF_SIZE - 1, 0) : -1;
	char *p, *end;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	buf[n] = '\0';
	end = strchr(buf, '\n');
	if (!end) {
		/* no newline in the buffer: fine only if the name and a blank fit */
		end = buf + n;
		for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
			;
		if (!strpbrk(p, " \t"))
			return -ENOEXEC;
	}
	*end = '\0';
	while (end > buf + 2 && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*arg = NULL;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			*arg = p;
	}
	return 1;
}

/*
 * argv for a script's interpreter: interp, [arg], the script's path as
 * execve got it, then argv[1..]. The old vector is freed. NULL on ENOMEM.
 */
static char **script_argv(char **argv, int *argc, const char *interp, const char *arg,
			  const char *path)
{
	int n = 0, extra = arg ? 3 : 2;
	char **v = kcalloc((size_t)(*argc > 0 ? *argc - 1 : 0) + (size_t)extra + 1, sizeof(*v),
			   GFP_KERNEL);
	if (!v)
		return NULL;
	v[n++] = kstrdup(interp, GFP_KERNEL);
	if (arg)
		v[n++] = kstrdup(arg, GFP_KERNEL);
	v[n++] = kstrdup(path, GFP_KERNEL);
	for (int i = 1; i < *argc; i++) {
		v[n++] = argv[i];
		argv[i] = NULL;
	}
	if (*argc > 0)
		kfree(argv[0]);
	kfree(argv);
	for (int i = 0; i < n; i++) {
		if (v[i])
			continue;
		for (i = 0; i < n; i++)
			kfree(v[i]);
		kfree(v);
		return NULL;
	}
	*argc = n;
	return v;
}

/* Open path for execution: an executable regular file. 0 or -errno. */
static long open_exec(struct fs_ctx *c, const char *path, struct file **fp)
{
	struct kstat st;
	struct file *f;
	long err = do_faccessat(c, LINUX_AT_FDCWD, path, LINUX_X_OK, 0);
	if (err)
		return err;
	err = do_filp_open(c, LINUX_AT_FDCWD, path, LINUX_O_RDONLY, 0, &f);
	if (err)
		return err;
	if (!f->f_op->getattr || f->f_op->getattr(f, &st) ||
	    (st.mode & LINUX_S_IFMT) != LINUX_S_IFREG) {
		fput(f);
		return -EACCES;
	}
	*fp = f;
	return 0;
}

long sys_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp)
{
	struct fs_ctx c = {current->fs, current->files};
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	char **argv = NULL, **envp = NULL;
	size_t budget = MAX_ARG_BYTES - 4096;
	struct file *f = NULL;
	int argc = 0, envc = 0;
	long err;

	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err < 0)
		goto out;
	argv = copy_strings(uargv, &argc, &budget);
	envp = copy_strings(uenvp, &envc, &budget);
	if (argv == ERR_STRINGS_E2BIG || envp == ERR_STRINGS_E2BIG) {
		err = -E2BIG;
		goto out;
	}
	if (!argv || !envp) {
		err = -EFAULT;
		goto out;
	}
	err = open_exec(&c, path, &f);
	if (err)
		goto out;
	/* "#!": run the interpreter (looked up inside the root) on the script */
	for (int depth = 0;; depth++) {
		char *line = kmalloc(BINPRM_BUF_SIZE, GFP_KERNEL), *interp, *arg, *script;
		if (!line) {
			err = -ENOMEM;
			goto out;
		}
		err = parse_shebang(f, line, &interp, &arg);
		if (err <= 0 || depth == MAX_SCRIPT_DEPTH) {
			kfree(line);
			err = err < 0 || depth == MAX_SCRIPT_DEPTH ? -ENOEXEC : 0;
			if (err)
				goto out;
			break;
		}
		/* the script: the path execve got, then each interpreter that is a script */
		script = depth ? argv[0] : path;
		char **nv = script_argv(argv, &argc, interp, arg, script);
		if (!nv) {
			kfree(line);
			argv = NULL;
			err = -ENOMEM;
			goto out;
		}
		argv = nv;
		fput(f);
		f = NULL;
		err = open_exec(&c, interp, &f);
		kfree(line);
		if (err)
			goto out;
	}
	struct exec_params ep = {
	    .file = f,
	    .filename = path,
	    .argc = argc,
	    .argv = argv,
	    .envp = envp,
	    .sysroot = exec_sysroot,
	    .random_seed = kernel_random_seed() ^ (uint64_t)current->pid,
	};
	err = do_execve_file(current, &ep);
	if (err)
		goto out;
	kfree(current->exe_path);
	current->exe_path = kstrdup(f->path, GFP_KERNEL);
	current->vfork_done = true;
	current->did_exec = true;
	kernel_load_regs(current);
	err = -EJUSTRETURN;
out:
	if (f)
		fput(f);
	free_strings(argv);
	free_strings(envp);
	kfree(path);
	return err;
}
