/*
 * signal.c - delivering signals to user handlers (see signal.h).
 *
 * Frame layout (Linux riscv64): struct rt_sigframe { siginfo_t info (128
 * bytes); struct ucontext uc; }. ucontext: uc_flags 0, uc_link 8,
 * uc_stack 16 (24 bytes), uc_sigmask 40 (8 bytes + 120 reserved), and at 176
 * (16-byte aligned) uc_mcontext: 32 registers (pc then x1..x31) and the F/D
 * state (f[32], fcsr; a 528-byte union sized for Q). The handler gets
 * a0 = signal, a1 = &info, a2 = &uc, ra = the trampoline, sp = the frame.
 */
#include "os/signal.h"

#include <errno.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/slab.h"
#include "os/nommu.h"
#include "os/select.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"

#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SIG_DFL	     0
#define SIG_IGN	     1

#define SIGINFO_SIZE 128
#define UC_SIGMASK   40
#define UC_MCONTEXT  176
#define MC_SIZE	     (32 * 8 + 528)
#define FRAME_SIZE   (SIGINFO_SIZE + UC_MCONTEXT + MC_SIZE)

/* The trampoline page: li a7, 139 (rt_sigreturn); ecall. Mapped at a fixed place. */
#define TRAMPOLINE_ADDR (MMAP_BASE + PAGE_SIZE)
static const uint32_t trampoline_code[] = {0x08b00893, 0x00000073};

int map_sigreturn_trampoline(struct mm_struct *mm, int pid)
{
	int64_t a = do_mmap(mm, TRAMPOLINE_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, NULL, 0, pid);
	if (a < 0)
		return (int)a;
	if (copy_to_user((uint64_t)a, trampoline_code, sizeof(trampoline_code)))
		return -EFAULT;
	find_vma(mm, (uint64_t)a)->kind = VMA_VDSO;
	return do_mprotect(mm, (uint64_t)a, PAGE_SIZE, PROT_READ | PROT_EXEC);
}

struct sighand_struct *sighand_alloc(const struct sighand_struct *from)
{
	struct sighand_struct *sh = kmalloc(sizeof(*sh), GFP_KERNEL);
	if (!sh)
		return NULL;
	if (from)
		memcpy(sh->action, from->action, sizeof(sh->action));
	else
		memset(sh->action, 0, sizeof(sh->action));
	sh->count = 1;
	return sh;
}

void sighand_put(struct sighand_struct *sh)
{
	if (sh && --sh->count == 0)
		kfree(sh);
}

int unshare_sighand(struct task_struct *t)
{
	struct sighand_struct *sh;
	if (t->sighand->count == 1)
		return 0;
	sh = sighand_alloc(t->sighand);
	if (!sh)
		return -ENOMEM;
	sighand_put(t->sighand);
	t->sighand = sh;
	return 0;
}

void flush_signal_handlers(struct task_struct *t)
{
	if (unshare_sighand(t))
		return;
	for (int i = 0; i < 64; i++)
		if (t->sighand->action[i].handler > 1)
			t->sighand->action[i].handler = 0;
}

static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == 23 || sig == 28 || sig == SIGCONT; /* URG, WINCH */
}

void send_signal(struct task_struct *t, int sig, int code, int sender_pid)
{
	if (t->delay_group_leader) { /* the main thread is gone: another takes it */
		struct task_struct *o;
		list_for_each_entry(o, &task_list, tasks)
			if (o->tgid == t->tgid && o->state != TASK_ZOMBIE &&
			    o->state != TASK_DEAD) {
				t = o;
				break;
			}
	}
	if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return;
	if (sig == SIGKILL) {
		if (t->tgid == current->tgid)
			do_group_exit(SIGKILL);
		else
			group_exit(t, SIGKILL);
		return;
	}
	t->pending |= 1ull << (sig - 1);
	t->pending_code[sig - 1] = code;
	t->pending_pid[sig - 1] = sender_pid;
	/* (a vfork parent waits for the child whatever comes: its clone is done) */
	if (t->state == TASK_INTERRUPTIBLE && t->wait_kind != WAIT_VFORK &&
	    (!(t->blocked & (1ull << (sig - 1))) || (t->sigwait_set & (1ull << (sig - 1))))) {
		if (t->wait_kind == WAIT_FILE && t->wait_file) {
			fput(t->wait_file);
			t->wait_file = NULL;
		}
		t->state = TASK_RUNNING; /* its call restarts, or returns -EINTR (handler) */
		t->wait_kind = WAIT_NONE;
	}
}

void deliver_pending_signals(void)
{
	struct task_struct *t = current;
	uint64_t ready;

	while (t->state == TASK_RUNNING && (ready = signal_pending(t))) {
		int sig = __builtin_ctzll(ready) + 1;
		t->pending &= ~(1ull << (sig - 1));
		kernel_save_regs(t);
		force_sig_fault(sig, t->pending_code[sig - 1], 0);
	}
}

/*
 * A handler is about to run in t, which slept in a system call (its pc is
 * at the ecall): what the call returns when the handler is done. A wait
 * that had already ended completes with its result; -ERESTARTSYS under
 * SA_RESTART runs the call again; otherwise -EINTR (and a nanosleep, ppoll
 * or pselect6 stores the time left).
 */
static void syscall_interrupted(struct task_struct *t, uint64_t sa_flags)
{
	long kind = t->restart_kind;

	t->restart_kind = 0;
	t->sigwait_set = 0; /* an rt_sigtimedwait ends with -EINTR */
	if (!kind)
		return;
	poll_table_free(t);
	if (t->restart_valid) {
		t->restart_valid = false;
		t->timer_deadline = 0;
		t->regs.x[10] = (uint64_t)t->restart_ret;
		t->regs.pc += 4;
		return;
	}
	if (t->io_done) { /* a pipe write cut short: what got through */
		t->regs.x[10] = t->io_done;
		t->regs.pc += 4;
		t->io_done = 0;
		return;
	}
	if (kind == -ERESTARTSYS && (sa_flags & SA_RESTART))
		return;
	if (t->timer_deadline) {
		uint64_t now = kernel_time_ns(),
			 left = t->timer_deadline > now ? t->timer_deadline - now : 0;
		int64_t ts[2] = {(int64_t)(left / 1000000000u), (int64_t)(left % 1000000000u)};
		if (t->timer_rem && copy_to_user(t->timer_rem, ts, sizeof(ts)))
			pr_info("%s[%d]: time left not writable\n", t->comm, t->pid);
		t->timer_rem = 0;
	}
	t->timer_deadline = 0;
	t->regs.x[10] = (uint64_t)-EINTR;
	t->regs.pc += 4;
}

uint64_t signal_pending(const struct task_struct *t)
{
	return t->pending & ~t->blocked & ~t->sigwait_set;
}

long sys_rt_sigpending(uint64_t uset, uint64_t size)
{
	uint64_t set = current->pending & current->blocked;
	if (size > 8)
		return -EINVAL;
	return copy_to_user(uset, &set, size) ? -EFAULT : 0;
}

/* siginfo (128 bytes): si_signo, si_errno, si_code, then the union at 16:
 * the sender's pid and uid for kill-like signals, else si_addr. */
static void fill_siginfo(uint8_t *info, const struct task_struct *t, int sig, int code,
			 uint64_t addr)
{
	memset(info, 0, SIGINFO_SIZE);
	memcpy(info + 0, &sig, 4);
	memcpy(info + 8, &code, 4);
	memcpy(info + 16, &addr, 8);
	if (code == SI_USER || code == SI_TKILL || sig == SIGCHLD) {
		int pid = t->pending_pid[sig - 1] ? t->pending_pid[sig - 1] : t->tgid, uid = 0;
		memcpy(info + 16, &pid, 4);
		memcpy(info + 20, &uid, 4);
	} else if (code == SI_TIMER) { /* si_tid, si_overrun, si_value */
		int id = t->pending_pid[sig - 1], overrun;
		uint64_t value;
		posix_timer_siginfo(t, id, &overrun, &value);
		memcpy(info + 16, &id, 4);
		memcpy(info + 20, &overrun, 4);
		memcpy(info + 24, &value, 8);
	}
}

/*
 * rt_sigtimedwait(2) (sigwait, sigwaitinfo, sigtimedwait): take the lowest
 * pending signal of the set, or sleep until one comes (WAIT_SIGNAL; the set
 * wakes the task even while blocked, and is never given to a handler while
 * the call waits), or until the timeout (-EAGAIN). Another signal whose
 * handler runs ends it with -EINTR.
 */
long sys_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t uts, uint64_t size)
{
	struct task_struct *t = current;
	uint64_t set, ready;

	if (t->restart_valid) { /* woken by the deadline */
		t->restart_valid = false;
		t->sigwait_set = 0;
		return t->restart_ret;
	}
	if (size != 8)
		return -EINVAL;
	if (copy_from_user(&set, uset, 8))
		return -EFAULT;
	set &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	ready = t->pending & set;
	if (ready) {
		int sig = __builtin_ctzll(ready) + 1;
		uint8_t info[SIGINFO_SIZE];
		fill_siginfo(info, t, sig, t->pending_code[sig - 1], 0);
		t->sigwait_set = 0;
		t->wait_deadline = 0;
		if (uinfo && copy_to_user(uinfo, info, sizeof(info)))
			return -EFAULT; /* (Linux: the signal is taken all the same) */
		t->pending &= ~(1ull << (sig - 1));
		return sig;
	}
	if (!syscall_restarted()) {
		int64_t ns;
		long err;
		t->wait_deadline = 0;
		if (uts) {
			err = get_timespec_ns(uts, &ns);
			if (err)
				return err;
			if (!ns)
				return -EAGAIN;
			t->wait_deadline = kernel_time_ns() + (uint64_t)ns;
		}
	}
	t->sigwait_set = set;
	t->state = TASK_INTERRUPTIBLE;
	t->wait_kind = WAIT_SIGNAL;
	return -ERESTARTNOHAND;
}

void force_sig_fault(int sig, int code, uint64_t addr)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &t->sighand->action[sig - 1];
	uint8_t frame[FRAME_SIZE];
	uint64_t sp, mask = 1ull << (sig - 1);
	bool blocked = t->blocked & mask;

	if (ka->handler == SIG_IGN && !blocked && sig != SIGKILL && sig != SIGSEGV &&
	    sig != SIGBUS && sig != SIGILL)
		return;
	if (ka->handler == SIG_DFL || blocked || sig == SIGKILL) {
		if (ka->handler == SIG_DFL && sig_default_ignored(sig) && !blocked)
			return;
		/* default action (or a synchronous fault with the signal blocked: Linux kills) */
		pr_info("%s[%d]: killed by signal %d (si_code %d, addr %#llx, pc %#llx)\n", t->comm,
			t->pid, sig, code, (unsigned long long)addr,
			(unsigned long long)t->regs.pc);
		do_exit(sig);
		return;
	}
	syscall_interrupted(t, ka->flags);
	memset(frame, 0, sizeof(frame));
	fill_siginfo(frame, t, sig, code, addr);
	uint8_t *uc = frame + SIGINFO_SIZE;
	/* the mask sigreturn restores: the one before ppoll/pselect6/sigsuspend's */
	memcpy(uc + UC_SIGMASK, t->restore_sigmask ? &t->saved_sigmask : &t->blocked, 8);
	t->restore_sigmask = false;
	uint8_t *mc = uc + UC_MCONTEXT;
	memcpy(mc, &t->regs.pc, 8);
	memcpy(mc + 8, &t->regs.x[1], 31 * 8);
	memcpy(mc + 256, t->regs.f, 32 * 8);
	uint32_t fcsr = (uint32_t)t->regs.fcsr;
	memcpy(mc + 256 + 256, &fcsr, 4);

	sp = t->regs.x[2];
	if ((ka->flags & SA_ONSTACK) && t->sas_size &&
	    !(sp > t->sas_sp && sp <= t->sas_sp + t->sas_size))
		sp = t->sas_sp + t->sas_size; /* switch to the alternate stack */
	memcpy(uc + 16, &t->sas_sp, 8);	      /* uc_stack: ss_sp, ss_flags, ss_size */
	memcpy(uc + 32, &t->sas_size, 8);
	sp = (sp - sizeof(frame)) & ~15ull;
	if (copy_to_user(sp, frame, sizeof(frame))) {
		pr_info("%s[%d]: cannot write a signal frame at %#llx: killed by SIGSEGV\n",
			t->comm, t->pid, (unsigned long long)sp);
		do_exit(SIGSEGV);
		return;
	}
	t->regs.x[1] = kernel_nommu() ? nommu_sigreturn_addr(t->mm) : TRAMPOLINE_ADDR;
	t->regs.x[2] = sp;
	t->regs.x[10] = (uint64_t)sig;
	t->regs.x[11] = sp;
	t->regs.x[12] = sp + SIGINFO_SIZE;
	t->regs.pc = ka->handler;
	if (!(ka->flags & SA_NODEFER))
		t->blocked |= mask;
	t->blocked |= ka->mask;
	t->blocked &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	kernel_load_regs(t);
}

long sys_rt_sigreturn(void)
{
	struct task_struct *t = current;
	uint8_t uc[UC_MCONTEXT + MC_SIZE];
	uint64_t sp = kernel_user_sp();
	uint32_t fcsr;

	if (copy_from_user(uc, sp + SIGINFO_SIZE, sizeof(uc))) {
		do_exit(SIGSEGV);
		return -EJUSTRETURN;
	}
	kernel_save_regs(t);
	memcpy(&t->blocked, uc + UC_SIGMASK, 8);
	t->blocked &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	memcpy(&t->regs.pc, uc + UC_MCONTEXT, 8);
	memcpy(&t->regs.x[1], uc + UC_MCONTEXT + 8, 31 * 8);
	memcpy(t->regs.f, uc + UC_MCONTEXT + 256, 32 * 8);
	memcpy(&fcsr, uc + UC_MCONTEXT + 512, 4);
	t->regs.fcsr = fcsr & 0xff;
	kernel_load_regs(t);
	return -EJUSTRETURN;
}
