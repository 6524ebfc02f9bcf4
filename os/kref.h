/*
 * kref.h - reference counts for kernel objects, Linux's struct kref.
 *
 * Invariant: refcount > 0 while the object is reachable; kref_put() calls
 * release exactly once, when the count drops to zero. Getting a reference on
 * an object whose count is already zero is a use-after-free and panics.
 * rvmm's kernel runs on one host thread, so plain integers suffice.
 */
#ifndef RVMM_OS_KREF_H
#define RVMM_OS_KREF_H

#include "os/klog.h"

struct kref {
	int refcount;
};

#define KREF_INIT(n)                                                                               \
	{                                                                                          \
		.refcount = (n)                                                                    \
	}

static inline void kref_init(struct kref *k)
{
	k->refcount = 1;
}

static inline unsigned int kref_read(const struct kref *k)
{
	return (unsigned int)k->refcount;
}

static inline void kref_get(struct kref *k)
{
	if (k->refcount <= 0)
		panic("kref_get: refcount %d (use after free)", k->refcount);
	k->refcount++;
}

/* Take a reference unless the count is zero (the object is being released). 1 if taken. */
static inline int kref_get_unless_zero(struct kref *k)
{
	if (k->refcount == 0)
		return 0;
	k->refcount++;
	return 1;
}

/* Drop a reference; call release(k) when it was the last. Returns 1 if released. */
static inline int kref_put(struct kref *k, void (*release)(struct kref *k))
{
	if (k->refcount <= 0)
		panic("kref_put: refcount %d (underflow)", k->refcount);
	if (--k->refcount == 0) {
		release(k);
		return 1;
	}
	return 0;
}

#endif
