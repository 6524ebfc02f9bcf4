/*
 * roms/lib/rt.h - the tiny runtime shared by the bare-metal test images.
 *
 * Console (UART 16550 at 0x10000000, or HTIF in images that link htif.c),
 * exit through the SiFive test finisher (0x100000), the check counter that
 * turns the first failing check into the exit code, trap recording and the
 * switch between privilege modes.  Usable from assembly (constants only).
 */
/* clang-format off */ /* (assembler macros: included by .S files) */
#ifndef ROMS_RT_H
#define ROMS_RT_H

#define UART_BASE     0x10000000
#define FINISHER_BASE 0x100000
#define CLINT_BASE    0x2000000
#define CLINT_MSIP    (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME   (CLINT_BASE + 0xbff8)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE        (1UL << 1)
#define MSTATUS_MIE        (1UL << 3)
#define MSTATUS_SPIE       (1UL << 5)
#define MSTATUS_MPIE       (1UL << 7)
#define MSTATUS_SPP        (1UL << 8)
#define MSTATUS_MPP_SHIFT  11
#define MSTATUS_MPP        (3UL << 11)
#define MSTATUS_FS         (3UL << 13)
#define MSTATUS_FS_INITIAL (1UL << 13)
#define MSTATUS_FS_DIRTY   (3UL << 13)
#define MSTATUS_MPRV       (1UL << 17)
#define MSTATUS_SUM        (1UL << 18)
#define MSTATUS_MXR        (1UL << 19)
#define MSTATUS_TVM        (1UL << 20)
#define MSTATUS_TW         (1UL << 21)
#define MSTATUS_TSR        (1UL << 22)

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11

#define CAUSE_INTR          (1UL << 63)
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS  1
#define CAUSE_ILLEGAL       2
#define CAUSE_BREAKPOINT    3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS   5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS  7
#define CAUSE_ECALL_U       8
#define CAUSE_ECALL_S       9
#define CAUSE_ECALL_M       11
#define CAUSE_FETCH_PAGE    12
#define CAUSE_LOAD_PAGE     13
#define CAUSE_STORE_PAGE    15

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80

/* a7 value of the ecall (or ebreak) that asks M-mode to take the hart back. */
#define RT_ESCAPE 0x5e5c

/* struct trapframe layout, for crt.S. */
#define TF_EPC    256
#define TF_CAUSE  264
#define TF_TVAL   272
#define TF_STATUS 280
#define TF_VEC    288
#define TF_SIZE   304

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint64_t u64;
typedef int64_t i64;
typedef uint32_t u32;
typedef int32_t i32;

/* What the hart had when it trapped; a handler edits it to change the resume. */
struct trapframe {
	u64 x[32];
	u64 epc, cause, tval, status; /* m* or s* CSRs, by the handler's mode */
	i64 vec;                      /* vectored-mode entry number, -1 if direct */
	u64 pad;
};

/* The last trap taken, as recorded by rt_mtrap/rt_strap. */
struct trapinfo {
	int count;   /* traps recorded since trap_expect() */
	int handler; /* PRV_M or PRV_S: who handled it */
	int from;    /* privilege the trap came from */
	int vec;     /* vectored entry, -1 direct */
	u64 cause, epc, tval;
};
extern volatile struct trapinfo trap;

/*
 * A test's own handler: called first for every trap (but the escape).
 * Return 1 when it has dealt with the trap (edited tf as needed), 0 to let
 * the default policy run.
 */
typedef int (*trap_hook_fn)(struct trapframe *tf, int handler);
extern trap_hook_fn trap_hook;
/* If non-zero, the next exception resumes here instead of after the insn. */
extern volatile u64 trap_resume;
extern volatile int rt_priv;

void putc_(int c);
void puts_(const char *s);
void puthex(u64 v);
void putdec(u64 v);
void rt_exit(int code) __attribute__((noreturn));

/* Report a check: prints "ok N name" or "FAIL N name: got X want Y". */
int check(const char *name, u64 got, u64 want);
#define CHECK(name, got, want) check(name, (u64)(got), (u64)(want))
/* End of test: prints a summary, returns the index of the first failure or 0. */
int checks_done(void);

/* Arm the recorder: forget the last trap, allow exceptions to be taken. */
void trap_expect(void);
void trap_reset(void);

void rt_enter(int priv);
void rt_escape(void);
/* Leave M-mode for priv (no-op for PRV_M); back with to_m(). */
static inline void to_mode(int priv)
{
	if (priv != PRV_M)
		rt_enter(priv);
}
static inline void to_m(void)
{
	if (rt_priv != PRV_M)
		rt_escape();
}

#define csr_read(csr) ({ u64 _v; asm volatile("csrr %0, " #csr : "=r"(_v)); _v; })
#define csr_write(csr, v) ({ asm volatile("csrw " #csr ", %0" ::"rK"((u64)(v)) : "memory"); })
#define csr_set(csr, v) ({ asm volatile("csrs " #csr ", %0" ::"rK"((u64)(v)) : "memory"); })
#define csr_clear(csr, v) ({ asm volatile("csrc " #csr ", %0" ::"rK"((u64)(v)) : "memory"); })
#define csr_swap(csr, v) ({ u64 _o; asm volatile("csrrw %0, " #csr ", %1" : "=r"(_o) : "rK"((u64)(v)) : "memory"); _o; })

#define mmio_read32(a) (*(volatile u32 *)(uintptr_t)(a))
#define mmio_write32(a, v) (*(volatile u32 *)(uintptr_t)(a) = (v))
#define mmio_read64(a) (*(volatile u64 *)(uintptr_t)(a))
#define mmio_write64(a, v) (*(volatile u64 *)(uintptr_t)(a) = (v))

#endif /* __ASSEMBLER__ */
#endif
