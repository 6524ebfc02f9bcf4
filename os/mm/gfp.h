/*
 * gfp.h - "get free pages" flags: how an allocation may behave (which zones
 * it may use, whether it may sleep to reclaim, whether it may dip into
 * reserves, whether to zero the memory, whether failure is logged).
 *
 * Bit values are Linux's (6.1), so a failure report prints the same
 * "mode:0xcc0(GFP_KERNEL)" a Linux user knows. GFP_HIGHUSER_MOVABLE carries no
 * KASAN bits here, so it prints as 0x100cca, as Linux 5.x did.
 *
 * Zone selection (see gfp_zone()): __GFP_DMA -> ZONE_DMA only;
 * __GFP_DMA32 -> ZONE_DMA32 then ZONE_DMA; otherwise ZONE_NORMAL, then DMA32,
 * then DMA (the zonelist fallback order). __GFP_HIGHMEM|__GFP_MOVABLE
 * (GFP_HIGHUSER_MOVABLE) asks for ZONE_MOVABLE when it is populated, then the
 * others in that order unless movable_no_fallback; otherwise ZONE_NORMAL.
 */
#ifndef RVMM_OS_MM_GFP_H
#define RVMM_OS_MM_GFP_H

#include <stddef.h>

typedef unsigned int gfp_t;

#define __GFP_DMA	     0x01u
#define __GFP_HIGHMEM	     0x02u
#define __GFP_DMA32	     0x04u
#define __GFP_MOVABLE	     0x08u
#define __GFP_RECLAIMABLE    0x10u
#define __GFP_HIGH	     0x20u /* may use part of the reserve below the min watermark */
#define __GFP_IO	     0x40u
#define __GFP_FS	     0x80u
#define __GFP_ZERO	     0x100u
#define __GFP_ATOMIC	     0x200u /* cannot sleep; may dig deeper into reserves */
#define __GFP_DIRECT_RECLAIM 0x400u
#define __GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_WRITE	     0x1000u
#define __GFP_NOWARN	     0x2000u
#define __GFP_RETRY_MAYFAIL  0x4000u
#define __GFP_NOFAIL	     0x8000u
#define __GFP_NORETRY	     0x10000u
#define __GFP_MEMALLOC	     0x20000u
#define __GFP_COMP	     0x40000u /* a compound page: tails point at the head */
#define __GFP_NOMEMALLOC     0x80000u
#define __GFP_HARDWALL	     0x100000u
#define __GFP_THISNODE	     0x200000u
#define __GFP_ACCOUNT	     0x400000u
#define __GFP_BITS_SHIFT     23
#define __GFP_BITS_MASK	     ((1u << __GFP_BITS_SHIFT) - 1)

#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ZONEMASK  (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

#define GFP_ATOMIC	     (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	     (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT   (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT	     (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO	     (__GFP_RECLAIM)
#define GFP_NOFS	     (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER	     (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA		     __GFP_DMA
#define GFP_DMA32	     __GFP_DMA32
#define GFP_HIGHUSER	     (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT                                                                        \
	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM)

/* May this allocation sleep (and so reclaim directly)? */
static inline int gfpflags_allow_blocking(gfp_t gfp)
{
	return !!(gfp & __GFP_DIRECT_RECLAIM);
}

/* The highest zone index an allocation with these flags may use (enum zone_type). */
int gfp_zone(gfp_t gfp);

/* Format gfp as Linux's %pGg does ("GFP_KERNEL|__GFP_ZERO"); returns snprintf's length. */
int gfp_flags_string(gfp_t gfp, char *buf, size_t size);

#endif
