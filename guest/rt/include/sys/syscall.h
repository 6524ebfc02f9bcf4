/* sys/syscall.h - rvmm guest runtime: Linux rv64 system-call numbers (asm-generic table). */
#ifndef _RT_SYS_SYSCALL_H
#define _RT_SYS_SYSCALL_H

#define SYS_getcwd	    17
#define SYS_dup		    23
#define SYS_dup3	    24
#define SYS_fcntl	    25
#define SYS_ioctl	    29
#define SYS_mkdirat	    34
#define SYS_unlinkat	    35
#define SYS_ftruncate	    46
#define SYS_chdir	    49
#define SYS_openat	    56
#define SYS_close	    57
#define SYS_pipe2	    59
#define SYS_lseek	    62
#define SYS_read	    63
#define SYS_write	    64
#define SYS_fstat	    80
#define SYS_fsync	    82
#define SYS_exit	    93
#define SYS_exit_group	    94
#define SYS_set_tid_address 96
#define SYS_nanosleep	    101
#define SYS_clock_gettime   113
#define SYS_sched_yield	    124
#define SYS_kill	    129
#define SYS_tgkill	    131
#define SYS_rt_sigaction    134
#define SYS_rt_sigprocmask  135
#define SYS_uname	    160
#define SYS_getpid	    172
#define SYS_getppid	    173
#define SYS_getuid	    174
#define SYS_gettid	    178
#define SYS_brk		    214
#define SYS_munmap	    215
#define SYS_clone	    220
#define SYS_execve	    221
#define SYS_mmap	    222
#define SYS_mprotect	    226
#define SYS_wait4	    260
#define SYS_getrandom	    278

#endif
