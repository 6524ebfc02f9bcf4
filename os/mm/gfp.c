/*
 * gfp.c - what a gfp mask means: the zone it may allocate from and its
 * printable form (Linux's %pGg: composite names first, then single bits).
 */
#include "os/mm/gfp.h"

#include <stdio.h>
#include <string.h>

#include "os/mm/mmzone.h"

int gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	/* Linux: both bits mean ZONE_MOVABLE; rvmm asks for it only when it exists. */
	if ((gfp & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE) &&
	    populated_zone(&contig_page_data.node_zones[ZONE_MOVABLE]))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

struct gfp_name {
	gfp_t mask;
	const char *name;
};

/* Order matters: the first composite that fits wins, then the leftover bits. */
static const struct gfp_name gfp_names[] = {
    {GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT"},
    {GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"},
    {GFP_HIGHUSER, "GFP_HIGHUSER"},
    {GFP_USER, "GFP_USER"},
    {GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT"},
    {GFP_KERNEL, "GFP_KERNEL"},
    {GFP_NOFS, "GFP_NOFS"},
    {GFP_ATOMIC, "GFP_ATOMIC"},
    {GFP_NOIO, "GFP_NOIO"},
    {GFP_NOWAIT, "GFP_NOWAIT"},
    {GFP_DMA, "GFP_DMA"},
    {__GFP_HIGHMEM, "__GFP_HIGHMEM"},
    {GFP_DMA32, "GFP_DMA32"},
    {__GFP_HIGH, "__GFP_HIGH"},
    {__GFP_ATOMIC, "__GFP_ATOMIC"},
    {__GFP_IO, "__GFP_IO"},
    {__GFP_FS, "__GFP_FS"},
    {__GFP_NOWARN, "__GFP_NOWARN"},
    {__GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL"},
    {__GFP_NOFAIL, "__GFP_NOFAIL"},
    {__GFP_NORETRY, "__GFP_NORETRY"},
    {__GFP_COMP, "__GFP_COMP"},
    {__GFP_ZERO, "__GFP_ZERO"},
    {__GFP_NOMEMALLOC, "__GFP_NOMEMALLOC"},
    {__GFP_MEMALLOC, "__GFP_MEMALLOC"},
    {__GFP_HARDWALL, "__GFP_HARDWALL"},
    {__GFP_THISNODE, "__GFP_THISNODE"},
    {__GFP_RECLAIMABLE, "__GFP_RECLAIMABLE"},
    {__GFP_MOVABLE, "__GFP_MOVABLE"},
    {__GFP_ACCOUNT, "__GFP_ACCOUNT"},
    {__GFP_WRITE, "__GFP_WRITE"},
    {__GFP_RECLAIM, "__GFP_RECLAIM"},
    {__GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"},
    {__GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"},
};

int gfp_flags_string(gfp_t gfp, char *buf, size_t size)
{
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	if (!gfp)
		return snprintf(buf, size, "0");
	for (size_t i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]); i++) {
		const struct gfp_name *g = &gfp_names[i];
		if ((gfp & g->mask) != g->mask)
			continue;
		gfp &= ~g->mask;
		int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "%s%s",
				 len ? "|" : "", g->name);
		len += (size_t)n;
		if (!gfp)
			break;
	}
	if (gfp) {
		int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0,
				 "%s%#x", len ? "|" : "", gfp);
		len += (size_t)n;
	}
	return (int)len;
}
