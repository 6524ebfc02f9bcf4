/*
 * syscall.c - system call dispatch, the --strace output and the log of
 * unimplemented calls (each -ENOSYS is logged once, by name).
 */
#include "os/syscall.h"

#include <errno.h>
#include <string.h>

#include "os/klog.h"
#include "os/task.h"

static FILE *strace_out;
static unsigned char enosys_logged[NR_SYSCALLS];

void syscall_set_strace(FILE *f)
{
	strace_out = f;
}

static const char *sys_name(long nr)
{
	return nr >= 0 && nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : NULL;
}

static void strace_print(long nr, const uint64_t a[6], long ret)
{
	const char *name = sys_name(nr);
	if (ret == -ERESTARTSYS)
		return; /* printed when it completes */
	if (ret == -EJUSTRETURN)
		ret = 0; /* execve succeeded */
	if (name)
		fprintf(strace_out, "%d %s(%#llx, %#llx, %#llx, %#llx, %#llx, %#llx)", current->pid,
			name, (unsigned long long)a[0], (unsigned long long)a[1],
			(unsigned long long)a[2], (unsigned long long)a[3],
			(unsigned long long)a[4], (unsigned long long)a[5]);
	else
		fprintf(strace_out, "%d syscall_%ld(%#llx, %#llx, %#llx)", current->pid, nr,
			(unsigned long long)a[0], (unsigned long long)a[1],
			(unsigned long long)a[2]);
	if (ret < 0 && ret >= -4095)
		fprintf(strace_out, " = -1 %s (%s)\n", strerrorname_np((int)-ret),
			strerror((int)-ret));
	else if (ret > 0xffff)
		fprintf(strace_out, " = %#lx\n", ret);
	else
		fprintf(strace_out, " = %ld\n", ret);
}

long do_syscall(long nr, const uint64_t a[6])
{
	long ret;

	if (!sys_proc_dispatch(nr, a, &ret) && !sys_fs_dispatch(nr, a, &ret) &&
	    !sys_mm_dispatch(nr, a, &ret)) {
		ret = -ENOSYS;
		if (nr >= 0 && nr < NR_SYSCALLS && !enosys_logged[nr]) {
			enosys_logged[nr] = 1;
			const char *name = sys_name(nr);
			pr_warn("%s[%d]: unimplemented syscall %s (%ld): -ENOSYS\n", current->comm,
				current->pid, name ? name : "?", nr);
		} else if (nr < 0 || nr >= NR_SYSCALLS) {
			pr_warn("%s[%d]: bad syscall number %ld\n", current->comm, current->pid, nr);
		}
	}
	if (strace_out)
		strace_print(nr, a, ret);
	return ret;
}
