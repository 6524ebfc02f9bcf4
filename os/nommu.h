/*
 * nommu.h - the kernel without address translation (--nommu), and PMP
 * isolation on top of it (--nommu --pmp). See docs/nommu.md.
 *
 * In NOMMU mode satp stays Bare: a user address is a physical address.
 * A process owns a short list of regions (its image, its stack, its
 * mmaps), each one power-of-two block from the buddy allocator, and the
 * mm_struct carries no VMAs and no PTEs. With --pmp, every switch to a
 * process programs the hart's PMP so that U-mode reaches only that
 * process's regions.
 *
 * The hooks in the rest of os/ are one line each: `if (kernel_nommu())
 * return nommu_xxx(...);`.
 */
#ifndef RVMM_OS_NOMMU_H
#define RVMM_OS_NOMMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hart;
struct mm_struct;
struct task_struct;
struct exec_params;

/* PMP entries the kernel may give one process (all of the hart's). */
#define NOMMU_PMP_REGIONS 16
/* The fixed stack of a NOMMU process (Linux's flat/fdpic loaders use a fixed size too). */
#define NOMMU_STACK_SIZE (128ull << 10)

/* Mode, set once at boot (kernel_main): --nommu, and --pmp on top of it. */
void nommu_init(struct hart *h, bool nommu, bool pmp);
bool kernel_nommu(void);
bool kernel_pmp(void);

/* Run the hart in mm's regions: satp Bare, and with --pmp the PMP entries. */
void nommu_switch_mm(struct mm_struct *mm);
/* The last user of mm is gone: give every region back to the buddy allocator. */
void nommu_mm_release(struct mm_struct *mm);

/* execve in NOMMU mode (do_execve_file's job); err/errlen is exec_error()'s buffer. */
int nommu_execve(struct task_struct *t, const struct exec_params *p, char *err, size_t errlen);

/* Memory system calls in NOMMU mode: 1 with *ret set if nr is one of them. */
int nommu_mm_dispatch(long nr, const uint64_t a[6], long *ret);

/* Where the sigreturn trampoline of mm's process lies (at the top of its stack). */
uint64_t nommu_sigreturn_addr(const struct mm_struct *mm);

/* /proc/PID/maps of a NOMMU process: its regions, in Linux's maps format. */
size_t nommu_show_maps(const struct mm_struct *mm, char *b, size_t s);

#endif
