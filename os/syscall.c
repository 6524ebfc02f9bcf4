/*
 * syscall.c - system call dispatch, the --strace output and the log of
 * unimplemented calls (each -ENOSYS is logged once, by name).
 */
#include "os/syscall.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "os/klog.h"
#include "os/task.h"
#include "os/uaccess.h"

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

/*
 * Argument shapes for --strace, by syscall number: one letter per argument.
 * d int, u unsigned, x hex, f a dirfd (AT_FDCWD), s a path string,
 * b a buffer whose length is the next argument (printed after the call for
 * reads), o octal mode. Calls not listed print their six arguments in hex.
 */
static const char *const arg_shape[NR_SYSCALLS] = {
    [17] = "xu",     [23] = "d",      [24] = "ddx",	[25] = "ddx",	 [29] = "dxx",
    [34] = "fso",    [35] = "fsx",    [36] = "sfs",	[37] = "fsfsx",	 [38] = "fsfs",
    [46] = "dd",     [48] = "fsd",    [49] = "s",	[50] = "d",	 [56] = "fsxo",
    [57] = "d",	     [59] = "xx",     [61] = "dxu",	[62] = "ddd",	 [63] = "dbu",
    [64] = "dbu",    [65] = "dxu",    [66] = "dxu",	[67] = "dbud",	 [68] = "dbud",
    [78] = "fsxu",   [79] = "fsxx",   [80] = "dx",	[82] = "d",	 [93] = "d",
    [94] = "d",	     [96] = "x",      [98] = "xdux",	[99] = "xu",	 [101] = "xx",
    [113] = "dx",    [114] = "dx",    [115] = "ddxx",	[123] = "dux",	 [124] = "",
    [132] = "xx",    [72] = "dxxxxx", [73] = "xuxxu",	[133] = "xu",	 [139] = "",
    [153] = "x",     [167] = "dx",    [179] = "x",	[216] = "xuuxx", [227] = "xud",
    [228] = "xu",    [229] = "xu",    [232] = "xux",	[233] = "xud",	 [129] = "dd",
    [130] = "dd",    [131] = "ddd",   [134] = "dxxu",	[135] = "dxxu",	 [160] = "x",
    [166] = "o",     [172] = "",      [173] = "",	[174] = "",	 [175] = "",
    [176] = "",	     [177] = "",      [178] = "",	[214] = "x",	 [215] = "xu",
    [220] = "xxxxx", [221] = "sxx",   [222] = "xuxxdx", [226] = "xux",	 [260] = "dxxx",
    [261] = "ddxx",  [276] = "fsfsx", [278] = "xux",	[291] = "fsxxx", [439] = "fsdx",
};

/* Print up to 32 bytes of user memory as strace does ("..." when cut). */
static void print_user_string(FILE *f, uint64_t addr, uint64_t len, bool nul_terminated)
{
	char buf[33];
	uint64_t n = len < 32 ? len : 32;
	size_t got = 0;
	if (nul_terminated) {
		long r = strncpy_from_user(buf, addr, sizeof(buf));
		if (r == -EFAULT) {
			fprintf(f, "%#llx", (unsigned long long)addr);
			return;
		}
		got = r < 0 ? 32 : (size_t)r;
		len = r < 0 ? 33 : (uint64_t)r;
	} else {
		if (copy_from_user(buf, addr, n)) {
			fprintf(f, "%#llx", (unsigned long long)addr);
			return;
		}
		got = n;
	}
	fputc('"', f);
	for (size_t i = 0; i < got; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 32 || c >= 127)
			fprintf(f, "\\%o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
	if (len > got)
		fputs("...", f);
}

static void print_args(long nr, const uint64_t a[6], long ret)
{
	const char *shape = nr >= 0 && nr < NR_SYSCALLS ? arg_shape[nr] : NULL;
	int n = shape ? (int)strlen(shape) : 6;
	for (int i = 0; i < n; i++) {
		char k = shape ? shape[i] : 'x';
		if (i)
			fputs(", ", strace_out);
		switch (k) {
		case 'd': fprintf(strace_out, "%d", (int)a[i]); break;
		case 'u': fprintf(strace_out, "%llu", (unsigned long long)a[i]); break;
		case 'f':
			if ((int)a[i] == -100)
				fputs("AT_FDCWD", strace_out);
			else
				fprintf(strace_out, "%d", (int)a[i]);
			break;
		case 's':
			if (current->mm)
				print_user_string(strace_out, a[i], 0, true);
			else
				fprintf(strace_out, "%#llx", (unsigned long long)a[i]);
			break;
		case 'b': /* written buffers before the call are shown; read ones after success */
			if (((nr == 63 || nr == 67) && ret < 0) || !current->mm)
				fprintf(strace_out, "%#llx", (unsigned long long)a[i]);
			else
				print_user_string(strace_out, a[i],
						  (nr == 63 || nr == 67) ? (uint64_t)ret : a[i + 1],
						  false);
			break;
		case 'o': fprintf(strace_out, "%#llo", (unsigned long long)a[i]); break;
		default: fprintf(strace_out, "%#llx", (unsigned long long)a[i]);
		}
	}
}

static void strace_print(long nr, const uint64_t a[6], long ret)
{
	const char *name = sys_name(nr);
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND)
		return; /* printed when it completes */
	if (ret == -EJUSTRETURN)
		ret = 0; /* execve succeeded, or a handler was entered */
	if (current->pid != 1)
		fprintf(strace_out, "[pid %d] ", current->pid);
	if (name)
		fprintf(strace_out, "%s(", name);
	else
		fprintf(strace_out, "syscall_%ld(", nr);
	print_args(nr, a, ret); /* (an exited task has no memory left to show strings from) */
	fputs(")", strace_out);
	if (ret < 0 && ret >= -4095)
		fprintf(strace_out, " = -1 %s (%s)\n", strerrorname_np((int)-ret),
			strerror((int)-ret));
	else if (ret > 0xffff || nr == 222 || nr == 214)
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
			pr_warn("%s[%d]: bad syscall number %ld\n", current->comm, current->pid,
				nr);
		}
	}
	if (strace_out)
		strace_print(nr, a, ret);
	return ret;
}
