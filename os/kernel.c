/*
 * kernel.c - booting the HLE kernel and driving the hart.
 *
 * The machine is RAM at 0x80000000 and one hart in HLE mode: the traps that
 * U-mode code raises (ecall, page faults, illegal instructions...) are
 * delegated to S-mode, which is this code: hart_run() returns HART_S_TRAP and
 * the kernel handles the trap and resumes the hart. The instruction budget
 * of hart_run() is the scheduler's time slice.
 */
#include "os/kernel.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/bus.h"
#include "emu/hart.h"
#include "os/exec.h"
#include "os/fs/file.h"
#include "os/fs/shmfs.h"
#include "os/fs/fdtable.h"
#include "os/fs/fs.h"
#include "os/ipc_shm.h"
#include "os/itimer.h"
#include "os/kernel_internal.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/mm_init.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/psi.h"
#include "os/mm/reclaim_glue.h"
#include "os/mm/slab.h"
#include "os/nommu.h"
#include "os/select.h"
#include "os/signal.h"
#include "os/syscall.h"
#include "os/task.h"
#include "os/uaccess.h"
#include "os/uapi.h"

#define RAM_BASE	0x80000000ull
#define DEFAULT_RAM	(128ull << 20)
#define DEFAULT_QUANTUM 100000
#define NS_PER_TICK	100 /* mtime runs at 10 MHz */
#define INSNS_PER_TICK	10  /* ...and advances every 10 instructions: 100 guest MIPS */

#define CSR_FCSR	 0x003
#define CSR_MSTATUS	 0x300
#define CSR_MEDELEG	 0x302
#define CSR_SATP	 0x180
#define CSR_PMPCFG0	 0x3a0
#define CSR_PMPADDR0	 0x3b0
#define MSTATUS_FS_DIRTY (3ull << 13)
#define PMP_NAPOT_RWX	 0x1f /* A=NAPOT, R, W, X */
/* exceptions handed to the kernel: all but ecall from S/M (9, 11) */
#define KERNEL_EXCEPTIONS 0xb1ffull

static struct {
	struct bus bus;
	struct hart *hart;
	uint64_t rng, seed;
	struct task_struct *init;
} K;

void kernel_switch_mm(struct mm_struct *mm)
{
	if (kernel_nommu()) { /* NOMMU: os/nommu.c */
		nommu_switch_mm(mm);
		return;
	}
	hart_csr_write(K.hart, CSR_SATP, mm ? mm_satp(mm) : 0);
}

uint64_t kernel_time_ns(void)
{
	return hart_mtime(K.hart) * NS_PER_TICK;
}

uint64_t kernel_insns_to_ns(uint64_t n)
{
	return n / INSNS_PER_TICK * NS_PER_TICK + n % INSNS_PER_TICK * NS_PER_TICK / INSNS_PER_TICK;
}

uint64_t kernel_ns_to_insns(uint64_t ns)
{
	uint64_t ticks = (ns + NS_PER_TICK - 1) / NS_PER_TICK;
	return ticks > UINT64_MAX / INSNS_PER_TICK ? UINT64_MAX : ticks * INSNS_PER_TICK;
}

void kernel_sleep_ns(uint64_t ns)
{
	hart_skip_time(K.hart, ns / NS_PER_TICK);
}

void kernel_random_bytes(void *buf, size_t n)
{
	uint8_t *b = buf;
	while (n) {
		uint64_t z = (K.rng += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		z ^= z >> 31;
		size_t k = n < 8 ? n : 8;
		memcpy(b, &z, k);
		b += k;
		n -= k;
	}
}

static uint64_t insns_clock(void *arg)
{
	return hart_instret(K.hart);
}

/* PSI's "full": could a task other than current run while it stalls? */
static int psi_others_runnable(void)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t != current && t->state == TASK_RUNNING)
			return 1;
	return 0;
}

static uint64_t klog_clock(void *arg)
{
	return kernel_time_ns();
}

uint64_t kernel_random_seed(void)
{
	return K.seed;
}

uint64_t kernel_user_sp(void)
{
	return hart_get_x(K.hart, 2);
}

struct task_struct *kernel_init_task(void)
{
	return K.init;
}

static uint64_t cur_epc;
static bool cur_restarted;

bool syscall_restarted(void)
{
	return cur_restarted;
}

uint64_t syscall_epc(void)
{
	return cur_epc;
}

void kernel_save_regs(struct task_struct *t)
{
	uint64_t fcsr = 0;
	for (unsigned i = 1; i < 32; i++)
		t->regs.x[i] = hart_get_x(K.hart, i);
	for (unsigned i = 0; i < 32; i++)
		t->regs.f[i] = hart_get_f(K.hart, i);
	hart_csr_read(K.hart, CSR_FCSR, &fcsr);
	t->regs.fcsr = fcsr;
	t->regs.pc = hart_get_pc(K.hart);
}

void kernel_load_regs(struct task_struct *t)
{
	for (unsigned i = 1; i < 32; i++)
		hart_set_x(K.hart, i, t->regs.x[i]);
	for (unsigned i = 0; i < 32; i++)
		hart_set_f(K.hart, i, t->regs.f[i]);
	hart_csr_write(K.hart, CSR_FCSR, t->regs.fcsr);
	hart_set_pc(K.hart, t->regs.pc);
	kernel_switch_mm(t->mm);
	hart_set_priv(K.hart, PRIV_U);
}

/* A synchronous fault: the signal is delivered with pc at the faulting instruction. */
static void fault_signal(const struct hart_trap *tr, int sig, int code, uint64_t addr)
{
	kernel_save_regs(current);
	current->regs.pc = tr->epc;
	force_sig_fault(sig, code, addr);
}

static void handle_syscall(const struct hart_trap *tr)
{
	uint64_t a[6];
	long nr = (long)hart_get_x(K.hart, 17), ret;

	for (unsigned i = 0; i < 6; i++)
		a[i] = hart_get_x(K.hart, 10 + i);
	cur_epc = tr->epc;
	cur_restarted = current->restart_kind != 0; /* it slept, and no handler ran since */
	current->restart_kind = 0;
	ret = do_syscall(nr, a);
	if (current->state == TASK_ZOMBIE || ret == -EJUSTRETURN)
		return;
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND) {
		current->restart_kind = ret;  /* a handler decides: restart or -EINTR */
		hart_set_pc(K.hart, tr->epc); /* run the ecall again when woken */
		return;
	}
	hart_set_x(K.hart, 10, (uint64_t)ret);
	hart_set_pc(K.hart, tr->epc + 4);
	if (ret == -EPIPE && (nr == 64 || nr == 66 || nr == 68)) {
		kernel_save_regs(current); /* writing to a pipe nobody reads: SIGPIPE */
		force_sig_fault(SIGPIPE, SI_USER, 0);
	}
}

static void handle_page_fault(const struct hart_trap *tr)
{
	unsigned int flags = FAULT_FLAG_USER;
	enum vm_fault_result r;

	if (tr->cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (tr->cause == EXC_INSN_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;
	r = handle_mm_fault(current->mm, tr->tval, flags, current->tgid);
	switch (r) {
	case VM_FAULT_OK: hart_set_pc(K.hart, tr->epc); return;
	case VM_FAULT_SIGBUS: fault_signal(tr, SIGBUS, BUS_ADRERR, tr->tval); return;
	case VM_FAULT_OOM:
		pr_err("Out of memory: killed process %d (%s)\n", current->pid, current->comm);
		do_exit(9);
		return;
	case VM_FAULT_ACCERR: fault_signal(tr, SIGSEGV, SEGV_ACCERR, tr->tval); return;
	default: fault_signal(tr, SIGSEGV, SEGV_MAPERR, tr->tval);
	}
}

/* Can t run now? A sleeping task whose wait is over becomes runnable. */
static bool task_runnable(struct task_struct *t)
{
	bool ready = false;

	if (t->state == TASK_RUNNING)
		return true;
	if (t->state != TASK_INTERRUPTIBLE)
		return false;
	switch (t->wait_kind) {
	case WAIT_FILE: /* (a hung-up pipe reads 0, a reader-less one fails: ready too) */
		ready =
		    t->wait_file->f_op->poll && (t->wait_file->f_op->poll(t->wait_file) &
						 (t->wait_mask | FILE_POLL_HUP | FILE_POLL_ERR));
		if (ready) {
			fput(t->wait_file);
			t->wait_file = NULL;
		}
		break;
	case WAIT_CHILD: /* the restarted wait4 decides */ ready = child_wait_ready(t); break;
	case WAIT_VFORK: ready = t->vfork_child->vfork_done; break;
	case WAIT_POLL: /* the restarted call looks again (or times out) */
		ready = poll_table_ready(t);
		break;
	case WAIT_FUTEX:
	case WAIT_TIMER:
	case WAIT_SIGNAL:
		if (t->wait_deadline && kernel_time_ns() >= t->wait_deadline) {
			ready = true;
			t->restart_valid = true;
			t->restart_ret = t->wait_kind == WAIT_FUTEX    ? -ETIMEDOUT
					 : t->wait_kind == WAIT_SIGNAL ? -EAGAIN
								       : 0;
		}
		break;
	default: ready = true;
	}
	if (ready) {
		t->state = TASK_RUNNING;
		t->wait_kind = WAIT_NONE;
	}
	return ready;
}

/* Round robin: the next runnable task after prev (prev itself last). */
static struct task_struct *pick_next(struct task_struct *prev)
{
	struct list_head *p = &prev->tasks;
	do {
		p = p->next;
		if (p == &task_list)
			continue;
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (task_runnable(t))
			return t;
	} while (p != &prev->tasks);
	return NULL;
}

/* At most budget instructions, fewer if an interval timer fires sooner. */
static uint64_t itimer_budget(uint64_t budget)
{
	uint64_t real = itimer_next_real(), cpu = itimer_cpu_left_ns(current), now, n;
	if (real) {
		now = kernel_time_ns();
		n = real > now ? kernel_ns_to_insns(real - now) : 1;
		budget = n < budget ? n : budget;
	}
	if (cpu != UINT64_MAX) {
		n = cpu ? kernel_ns_to_insns(cpu) : 1;
		budget = n < budget ? n : budget;
	}
	return budget;
}

/* Nothing can run: let guest time pass to the earliest sleeper's deadline
 * or real interval timer. */
static bool idle_until_deadline(void)
{
	struct task_struct *t;
	uint64_t first = itimer_next_real(), now = kernel_time_ns();
	list_for_each_entry(t, &task_list, tasks) {
		uint64_t d = t->wait_kind == WAIT_POLL ? t->timer_deadline : t->wait_deadline;
		if (t->state == TASK_INTERRUPTIBLE && d &&
		    (t->wait_kind == WAIT_FUTEX || t->wait_kind == WAIT_TIMER ||
		     t->wait_kind == WAIT_POLL || t->wait_kind == WAIT_SIGNAL) &&
		    (!first || d < first))
			first = d;
	}
	if (!first)
		return false;
	if (first > now)
		kernel_sleep_ns(first - now + 99); /* mtime counts 100 ns steps: round up */
	return true;
}

/* Free tasks nobody will reap. */
static void reap_dead(void)
{
	struct task_struct *t, *n;
	list_for_each_entry_safe(t, n, &task_list, tasks) {
		if (t->state == TASK_DEAD && t != current)
			task_free(t);
	}
}

static void handle_trap(const struct hart_trap *tr)
{
	switch (tr->cause) {
	case EXC_ECALL_U: handle_syscall(tr); break;
	case EXC_INSN_PAGE_FAULT:
	case EXC_LOAD_PAGE_FAULT:
	case EXC_STORE_PAGE_FAULT: handle_page_fault(tr); break;
	case EXC_ILLEGAL_INSN: fault_signal(tr, SIGILL, ILL_ILLOPC, tr->epc); break;
	case EXC_BREAKPOINT: fault_signal(tr, SIGTRAP, 1 /* TRAP_BRKPT */, tr->epc); break;
	case EXC_INSN_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED: fault_signal(tr, SIGBUS, BUS_ADRALN, tr->tval); break;
	default: /* access faults: no memory there */
		fault_signal(tr, SIGSEGV, SEGV_MAPERR, tr->tval);
	}
}

/*
 * Run tasks until init exits; returns init's wait status, -1 on deadlock,
 * -2 when the instruction limit is reached. The hart holds current's
 * registers; a switch saves them into the task and loads the next one's.
 */
static int run(uint64_t quantum, uint64_t max_insns, const struct kernel_opts *o)
{
	bool resched = false;
	uint64_t slice_start = 0;

	current = K.init;
	kernel_load_regs(current);
	for (;;) {
		if (K.init->state == TASK_ZOMBIE && !K.init->delay_group_leader)
			return K.init->exit_code;
		if (resched || current->state != TASK_RUNNING) {
			struct task_struct *prev = current, *next = pick_next(prev);
			resched = false;
			/* nothing to run: let time pass to the next deadline, again and again
			 * while a timer fires for nobody (its signal blocked) */
			while (!next && idle_until_deadline()) {
				itimer_run(
				    current); /* the deadline may be a timer's: its signal wakes */
				next = pick_next(prev);
			}
			if (!next) {
				fprintf(stderr, "rvmm: deadlock: every task is asleep\n");
				return -1;
			}
			if (next != prev) {
				/* /proc/PID/status's context switches: it slept, or it was
				 * preempted */
				if (prev->state == TASK_INTERRUPTIBLE)
					prev->nvcsw++;
				else if (prev->state == TASK_RUNNING)
					prev->nivcsw++;
				if ((prev->state == TASK_RUNNING ||
				     prev->state == TASK_INTERRUPTIBLE) &&
				    prev->mm)
					kernel_save_regs(prev);
				current = next;
				kernel_load_regs(next);
				reap_dead();
			}
			slice_start = hart_instret(K.hart);
			reclaim_tick(); /* between time slices: kswapd, if the allocator woke it */
		}
		itimer_run(current); /* SIGALRM & co, before delivery */
		if (signal_pending(current)) {
			deliver_pending_signals();
			continue; /* it may have died */
		}
		/* the time slice counts every instruction since the switch, across traps */
		uint64_t used = hart_instret(K.hart) - slice_start;
		if (used >= quantum) {
			resched = true;
			continue;
		}
		uint64_t budget = quantum - used;
		if (max_insns) {
			uint64_t done = hart_instret(K.hart);
			if (done >= max_insns)
				return -2;
			if (max_insns - done < budget)
				budget = max_insns - done;
		}
		budget = itimer_budget(budget);
		if (o->hook) {
			uint64_t most = o->hook(o->hook_arg, KHOOK_CHUNK, K.hart);
			if (!most)
				return -3;
			if (most < budget)
				budget = most;
		}
		uint64_t before = hart_instret(K.hart);
		enum hart_exit why = hart_run(K.hart, budget);
		current->cpu_insns += hart_instret(K.hart) - before;
		if (mm_obs) {
			mm_obs->c.insns = hart_instret(K.hart);
			mm_obs->c.running_pid = (uint32_t)current->pid;
		}
		switch (why) {
		case HART_S_TRAP:
			if (o->hook && current->tgid == K.init->tgid &&
			    hart_trap_info(K.hart)->cause == EXC_ECALL_U &&
			    (hart_get_x(K.hart, 17) == 93 || hart_get_x(K.hart, 17) == 94))
				o->hook(o->hook_arg, KHOOK_EXIT, K.hart);
			handle_trap(hart_trap_info(K.hart));
			break;
		case HART_BUDGET:
		case HART_STOPPED:
		case HART_WFI:
			resched = true; /* the time slice is over */
			break;
		}
	}
}

/*
 * The guest's name for the program named on the command line: its absolute
 * path inside the root when it lies there, else its absolute host path (the
 * user named it; /proc/self/exe must be absolute). malloc'd, or NULL.
 */
static char *guest_exe_name(const char *prog, const char *root)
{
	char *rp = realpath(prog, NULL), *rr = realpath(root, NULL), *g = NULL;
	if (rp && rr) {
		size_t n = strlen(rr);
		if (n == 1)
			g = strdup(rp);
		else if (!strncmp(rp, rr, n) && rp[n] == '/')
			g = strdup(rp + n);
		else
			g = strdup(rp);
	}
	free(rp);
	free(rr);
	return g;
}

static char *const default_env[] = {"PATH=/usr/local/bin:/usr/bin:/bin", NULL};

int kernel_main(const struct kernel_opts *o, int argc, char **argv)
{
	uint64_t ram = o->ram_size ? o->ram_size : DEFAULT_RAM, mstatus = 0;
	struct hart_config cfg = {.insns_per_tick = INSNS_PER_TICK};
	struct file *exe;
	int status, err;

	if (argc < 1) {
		fprintf(stderr, "rvmm: no program to run\n");
		return KERNEL_EXIT_ERROR;
	}
	if (bus_init(&K.bus, RAM_BASE, ram)) {
		fprintf(stderr, "rvmm: cannot allocate %llu bytes of guest RAM\n",
			(unsigned long long)ram);
		return KERNEL_EXIT_ERROR;
	}
	K.hart = hart_create(&K.bus, &cfg);
	hart_reset(K.hart, RAM_BASE);
	hart_set_hle(K.hart, true);
	hart_csr_write(K.hart, CSR_MEDELEG, KERNEL_EXCEPTIONS);
	/* PMP: one region covering everything, so U-mode reaches all of RAM
	 * through its page tables (the MMU, not PMP, isolates processes) */
	hart_csr_write(K.hart, CSR_PMPADDR0, ~0ull >> 10);
	hart_csr_write(K.hart, CSR_PMPCFG0, PMP_NAPOT_RWX);
	hart_csr_read(K.hart, CSR_MSTATUS, &mstatus);
	hart_csr_write(K.hart, CSR_MSTATUS, mstatus | MSTATUS_FS_DIRTY);
	K.seed = K.rng = o->random_seed ? o->random_seed : 0x5eed;
	klog_set_clock(klog_clock, NULL);
	mm_events_set_clock(insns_clock, NULL);
	psi_reset();
	psi_set_hooks(kernel_time_ns, psi_others_runnable);
	psi_set_clock_advance(kernel_sleep_ns);
	uaccess_set_hart(K.hart);
	pgtable_set_hart(K.hart);
	syscall_set_strace(o->strace ? (o->strace_out ? o->strace_out : stderr) : NULL);

	/* NOMMU: user memory in ZONE_MOVABLE only, the one range U-mode may reach */
	movable_default_percent = o->nommu ? 75 : 0;
	movable_no_fallback = o->nommu;
	err = mm_init(K.bus.ram, RAM_BASE, ram, K.bus.ram_fd, o->cmdline, o->obs);
	nommu_init(K.hart, o->nommu, o->pmp);
	if (err || files_cache_init() || task_cache_init() || mm_caches_init()) {
		fprintf(stderr, "rvmm: kernel memory setup failed\n");
		status = KERNEL_EXIT_ERROR;
		goto out_mm;
	}
	if (reclaim_boot(o->swap, o->zram)) {
		status = KERNEL_EXIT_ERROR;
		goto out_reclaim;
	}
	err = fs_root_init(o->root ? o->root : ".");
	if (err) {
		fprintf(stderr, "rvmm: --root %s: %s\n", o->root ? o->root : ".", strerror(-err));
		status = KERNEL_EXIT_ERROR;
		goto out_reclaim;
	}
	{
		const char *sr = o->sysroot ? o->sysroot : "/usr/riscv64-linux-gnu";
		if (fs_sysroot_init(sr) && o->sysroot)
			fprintf(stderr, "rvmm: -L %s: not a directory; ignored\n", sr);
		exec_set_sysroot(sr);
	}
	unsigned long free_at_boot = 0;
	if (o->check_leaks) {
		kmem_cache_shrink_all();
		drain_all_pages();
		free_at_boot = nr_free_pages();
	}
	K.init = task_alloc();
	K.init->fs = fs_struct_alloc();
	K.init->files = files_alloc();
	K.init->sighand = sighand_alloc(NULL);
	K.init->pgid = K.init->sid = K.init->tgid;
	for (int fd = 0; fd < 3; fd++) {
		static const char *const names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
		struct file *f =
		    file_from_host_fd(fd, fd ? LINUX_O_WRONLY : LINUX_O_RDONLY, names[fd]);
		if (f)
			fd_install_lowest(K.init->files, f, (unsigned)fd, false);
	}
	current = K.init;
	mm_publish_event(MMEV_PROC_START, 0, 0, K.init->tgid);

	char *gname = guest_exe_name(argv[0], o->root ? o->root : ".");
	exe = kernel_open_exec(argv[0], gname ? gname : argv[0]);
	if (!exe) {
		free(gname);
		fprintf(stderr, "rvmm: %s: %s\n", argv[0], strerror(errno));
		status = KERNEL_EXIT_ERROR;
		goto out_task;
	}
	struct exec_params ep = {
	    .file = exe,
	    .filename = argv[0],
	    .argc = argc,
	    .argv = argv,
	    .envp = o->envp ? o->envp : default_env,
	    .sysroot = o->sysroot ? o->sysroot : "/usr/riscv64-linux-gnu",
	    .random_seed = K.seed,
	};
	err = do_execve_file(K.init, &ep);
	if (!err && gname) {
		kfree(K.init->exe_path);
		K.init->exe_path = kstrdup(gname, GFP_KERNEL);
	}
	free(gname);
	fput(exe);
	if (err) {
		fprintf(stderr, "rvmm: %s: %s\n", argv[0],
			exec_error()[0] ? exec_error() : strerror(-err));
		status = KERNEL_EXIT_ERROR;
		goto out_task;
	}
	status = run(o->quantum ? o->quantum : DEFAULT_QUANTUM, o->max_insns, o);
	if (status == -2)
		status = KERNEL_EXIT_TIMEOUT;
	else if (status == -3)
		status = KERNEL_EXIT_STOPPED;
	else if (status < 0)
		status = KERNEL_EXIT_ERROR;
	else if (status & 0x7f)
		status = 128 + (status & 0x7f);
	else
		status = (status >> 8) & 0xff;
out_task : {
	struct task_struct *t, *n;
	list_for_each_entry_safe(t, n, &task_list, tasks) {
		current = t;
		task_free(t);
	}
}
	shm_exit();   /* System V segments nobody removed */
	shmfs_exit(); /* and /dev/shm's objects */
	fs_root_exit();
	evict_unused_inodes(); /* closed files' page cache goes back to the allocator */
	if (o->check_leaks) {
		const char *why;
		kmem_cache_shrink_all();
		drain_all_pages();
		if (nr_free_pages() != free_at_boot) {
			fprintf(stderr, "rvmm: leak check: %ld pages not freed\n",
				(long)free_at_boot - (long)nr_free_pages());
			status = KERNEL_EXIT_ERROR;
		} else if ((why = mm_check())) {
			fprintf(stderr, "rvmm: mm_check: %s\n", why);
			status = KERNEL_EXIT_ERROR;
		} else {
			fprintf(stderr,
				"rvmm: leak check: all %lu free pages back, mm_check clean\n",
				free_at_boot);
		}
	}
out_reclaim:
	reclaim_shutdown();
out_mm:
	psi_set_hooks(NULL, NULL);
	psi_set_clock_advance(NULL);
	hart_destroy(K.hart);
	bus_destroy(&K.bus);
	return status;
}
