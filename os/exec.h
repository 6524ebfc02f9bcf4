/*
 * exec.h - loading a Linux rv64 ELF program into a fresh address space.
 */
#ifndef RVMM_OS_EXEC_H
#define RVMM_OS_EXEC_H

#include <stddef.h>
#include <stdint.h>

struct file;
struct task_struct;

struct exec_params {
	struct file *file;    /* the program (a reference the caller keeps) */
	const char *filename; /* as given: AT_EXECFN and /proc/PID/exe */
	int argc;
	char *const *argv;
	char *const *envp;
	const char *sysroot;  /* where PT_INTERP paths are found (host directory) */
	uint64_t random_seed; /* AT_RANDOM bytes derive from it (reproducible runs) */
};

/*
 * Replace t's address space with the program's: map its PT_LOAD segments
 * (and its interpreter's), a stack holding argc, argv, envp and the auxiliary
 * vector as Linux lays them out, set brk, and set t's registers to start it.
 * Until the new mm is complete, t keeps its old one (so a bad ELF leaves the
 * caller intact). 0 or -errno (-ENOEXEC: not a loadable rv64 ELF).
 * The hart must be free to switch to the new address space (it is, between traps).
 */
int do_execve_file(struct task_struct *t, const struct exec_params *p);

/* The initial stack (argc, argv, envp, auxv; AT_RANDOM and AT_EXECFN patched) below top,
 * written into mm (the hart's current address space). The new sp or -errno. */
struct mm_struct;
int64_t exec_create_stack(struct mm_struct *mm, uint64_t top, const struct exec_params *p,
			  const uint64_t *auxv, size_t nauxv, uint64_t *execfn_out);
/* The auxiliary vector of a new image into auxv (room for 2 * 24 words); the
 * number of words. AT_RANDOM and AT_EXECFN are placeholders exec_create_stack patches. */
size_t exec_fill_auxv(uint64_t *auxv, uint64_t phdr, uint64_t phnum, uint64_t base, uint64_t entry);
/* The point of no return of an execve: other threads and the old image go, t starts at pc. */
struct task_struct;
void exec_commit(struct task_struct *t, struct mm_struct *old, uint64_t sp, uint64_t pc,
		 const char *filename);
/* Where execve() finds interpreters (-L DIR). */
void exec_set_sysroot(const char *dir);

/* Why the last do_execve_file() refused the file, for the one-line error. */
const char *exec_error(void);

#endif
