/*
 * rt.h - internals of the rvmm guest runtime shared by its files: raw
 * system calls and the hooks between startup, stdio and exit.
 *
 * A raw call returns what the kernel put in a0: a value, or -errno in
 * [-4095, -1]. Public wrappers turn that into -1 plus errno with
 * __syscall_ret(), exactly once, at the wrapper.
 */
#ifndef _RT_INTERNAL_H
#define _RT_INTERNAL_H

#include <sys/syscall.h>

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;
	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#define __syscall0(n)		  __syscall6(n, 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)	  __syscall6(n, (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)	  __syscall6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c)	  __syscall6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) __syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __syscall5(n, a, b, c, d, e)                                                               \
	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* Map a raw result to the C convention: -1 and errno on failure. */
long __syscall_ret(long r);

/* stdio: write out every stream's buffer (called by exit()). */
void __stdio_flush_all(void);

/* Write the whole buffer to fd, retrying short writes; 0 or -1. */
int __write_all(int fd, const char *p, unsigned long n);

#endif
