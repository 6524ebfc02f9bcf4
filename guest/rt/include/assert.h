/* assert.h - rvmm guest runtime: assert() with glibc's message format. */
#ifndef _RT_ASSERT_H
#define _RT_ASSERT_H

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line,
			     const char *func);

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#endif
