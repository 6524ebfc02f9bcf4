/*
 * colour.c - what colour a frame is in each view mode.
 *
 * kind:    one fixed colour per enum frame_kind, chosen to be told apart.
 * owner:   a colour per PID derived from a hash of the PID (stable across
 *          runs and frames), kernel-owned frames grey, free frames as in kind
 *          mode; frames mapped more than once are marked by the renderer.
 * heat:    a ramp from cold (dark blue) to hot (pale yellow) indexed by
 *          log2(1 + heat), so a frame touched 10x more often is visibly but
 *          not overwhelmingly hotter. Monotonic: hotter is never darker.
 * sharing: free / allocated but unmapped / mapped once / mapped 2+ times /
 *          copy-on-write shared (the one that must stand out).
 */
#include "view/render.h"

#include <math.h>

static const uint32_t kind_colours[FK__COUNT] = {
    [FK_FREE] = 0x23272eu,	[FK_RESERVED] = 0x4a4a4au, [FK_KERNEL] = 0x8a4fb0u,
    [FK_MEMMAP] = 0xc08be0u,	[FK_SLAB] = 0xe8c320u,	   [FK_PGTABLE] = 0xf07a10u,
    [FK_KSTACK] = 0xd0204cu,	[FK_VMALLOC] = 0x9c6a44u,  [FK_KMEM] = 0xb8b8b8u,
    [FK_ANON] = 0x1e8ee6u,	[FK_FILE] = 0x2db84eu,	   [FK_ZERO] = 0xf4f4f4u,
    [FK_SWAPCACHE] = 0x18c6b4u, [FK_ZRAM] = 0xff6fa8u,	   [FK_USER_NOMMU] = 0x6f63ffu,
};

uint32_t view_kind_colour(unsigned kind)
{
	return kind < FK__COUNT ? kind_colours[kind] : 0xff00ffu;
}

static uint32_t rgb(double r, double g, double b)
{
	return (uint32_t)lround(r * 255) << 16 | (uint32_t)lround(g * 255) << 8 |
	       (uint32_t)lround(b * 255);
}

/* HSV (h in [0,360), s and v in [0,1]) to XRGB. */
static uint32_t hsv(double h, double s, double v)
{
	double c = v * s, hp = h / 60, x = c * (1 - fabs(fmod(hp, 2) - 1)), m = v - c;
	double r = 0, g = 0, b = 0;

	if (hp < 1)
		r = c, g = x;
	else if (hp < 2)
		r = x, g = c;
	else if (hp < 3)
		g = c, b = x;
	else if (hp < 4)
		g = x, b = c;
	else if (hp < 5)
		r = x, b = c;
	else
		r = c, b = x;
	return rgb(r + m, g + m, b + m);
}

uint32_t view_pid_colour(unsigned pid)
{
	uint32_t h = pid * 2654435761u; /* Knuth's multiplicative hash */

	h ^= h >> 15;
	/* Spread hues; vary value a little so neighbours in hue still differ. */
	return hsv((double)(h % 360), 0.70, (h >> 9) & 1 ? 0.95 : 0.78);
}

/* Ramp stops from cold to hot. */
static const uint32_t heat_stops[] = {
    0x0c0e2eu, 0x2c1a78u, 0x7a1f8cu, 0xc8355cu, 0xf07028u, 0xffc040u, 0xffffa0u,
};

static uint32_t lerp(uint32_t a, uint32_t b, double t)
{
	uint32_t out = 0;

	for (int sh = 0; sh <= 16; sh += 8) {
		double ca = (a >> sh) & 0xff, cb = (b >> sh) & 0xff;
		out |= (uint32_t)lround(ca + (cb - ca) * t) << sh;
	}
	return out;
}

uint32_t view_heat_colour(unsigned heat)
{
	const int n = sizeof(heat_stops) / sizeof(heat_stops[0]);
	double t, pos;
	int i;

	if (heat > 255)
		heat = 255;
	t = log2(1.0 + heat) / 8.0; /* 0 .. 1 */
	pos = t * (n - 1);
	i = (int)pos;
	if (i >= n - 1)
		return heat_stops[n - 1];
	return lerp(heat_stops[i], heat_stops[i + 1], pos - i);
}

static const uint32_t share_colours[VIEW_SHARE__N] = {
    [VIEW_SHARE_FREE] = 0x23272eu, [VIEW_SHARE_UNMAPPED] = 0x4c5462u, [VIEW_SHARE_ONE] = 0x2f6db5u,
    [VIEW_SHARE_MANY] = 0xf0a81cu, [VIEW_SHARE_COW] = 0xff1f4fu,
};

static const char *const share_names[VIEW_SHARE__N] = {
    "free", "not mapped", "mapped once", "mapped 2+", "COW shared",
};

uint32_t view_share_colour(unsigned cls)
{
	return cls < VIEW_SHARE__N ? share_colours[cls] : 0xff00ffu;
}

const char *view_share_name(unsigned cls)
{
	return cls < VIEW_SHARE__N ? share_names[cls] : "?";
}

static unsigned share_class(const struct frame_tag *t)
{
	if (t->kind == FK_FREE)
		return VIEW_SHARE_FREE;
	if (t->flags & FTF_COW)
		return VIEW_SHARE_COW;
	if (t->mapcount == 0)
		return VIEW_SHARE_UNMAPPED;
	return t->mapcount == 1 ? VIEW_SHARE_ONE : VIEW_SHARE_MANY;
}

bool view_frame_shared(const struct frame_tag *t)
{
	return t->kind != FK_FREE && (t->mapcount >= 2 || (t->flags & FTF_COW));
}

uint32_t view_frame_colour(const struct frame_tag *t, enum view_mode mode)
{
	switch (mode) {
	case VIEW_OWNER:
		if (t->kind == FK_FREE)
			return kind_colours[FK_FREE];
		return t->owner ? view_pid_colour(t->owner) : VIEW_KERNEL_GREY;
	case VIEW_HEAT: return view_heat_colour(t->heat);
	case VIEW_SHARING: return share_colours[share_class(t)];
	case VIEW_KIND:
	default: return view_kind_colour(t->kind);
	}
}
