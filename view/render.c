/*
 * render.c - draws a struct observe into a canvas: the frame grid grouped by
 * zone, a status bar, a legend, an inspector, an events ticker and a caption.
 *
 *   +--------------------------------------------------+
 *   | status: mode, MIPS, free/anon/file/..., faults/s |
 *   +--------------------------------+-----------------+
 *   | ZONE label                     | legend          |
 *   | grid, one cell per frame       | inspector       |
 *   | ZONE label                     | events          |
 *   | grid ...                       |                 |
 *   +--------------------------------+-----------------+
 *   | caption                                          |
 *   +--------------------------------------------------+
 *
 * The geometry lives in view_layout() alone; view_cell_rect() and
 * view_pfn_at() answer from it, so what the tests and the mouse compute is
 * exactly what is drawn. The renderer only reads obs and never keeps state
 * between calls.
 */
#include "view/render.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define PAGE_SHIFT   12
#define SIDE_CHARS   34 /* side panel width in characters */
#define TICKER_MARKS 16 /* how many of the newest events are outlined on the map */

const char *view_mode_name(enum view_mode m)
{
	static const char *const names[VIEW__NMODES] = {"kind", "owner", "heat", "sharing"};
	return (unsigned)m < VIEW__NMODES ? names[m] : "?";
}

void view_state_init(struct view_state *st)
{
	memset(st, 0, sizeof(*st));
	st->mode = VIEW_KIND;
	st->hover_pfn = -1;
	st->pinned_pfn = -1;
	st->show_events = true;
	st->mips = -1;
	st->faults_per_sec = -1;
}

/* ---- layout ---- */

/* Fill l->group[] with the non-empty zones clipped to RAM (or all of RAM). */
static void layout_groups(struct view_layout *l, const struct observe *obs)
{
	uint64_t lo = obs->base_pfn, hi = obs->base_pfn + obs->nframes;

	l->ngroups = 0;
	for (int z = 0; z < obs->nzones && z < 4; z++) {
		uint64_t s = obs->zones[z].start_pfn, e = obs->zones[z].end_pfn;

		if (s < lo)
			s = lo;
		if (e > hi)
			e = hi;
		if (s >= e)
			continue;
		memcpy(l->group[l->ngroups].name, obs->zones[z].name, 8);
		l->group[l->ngroups].name[7] = 0;
		l->group[l->ngroups].start = s;
		l->group[l->ngroups].end = e;
		l->ngroups++;
	}
	if (l->ngroups == 0 && hi > lo) {
		strcpy(l->group[0].name, "RAM");
		l->group[0].start = lo;
		l->group[0].end = hi;
		l->ngroups = 1;
	}
}

/* Rows needed for all groups with `cols` cells per row and fpc frames per cell. */
static int total_rows(const struct view_layout *l, int cols, uint64_t fpc)
{
	int rows = 0;

	for (int g = 0; g < l->ngroups; g++) {
		uint64_t cells = (l->group[g].end - l->group[g].start + fpc - 1) / fpc;
		rows += (int)((cells + cols - 1) / cols);
	}
	return rows;
}

/* Round a column count down so rows cover round address ranges when there is room. */
static int round_cols(int cols)
{
	return cols >= 64 ? cols & ~15 : cols;
}

/* Choose the largest integer pitch (then, for tiny windows, frames per cell)
 * with which every group and its label fit in the map area. */
static void layout_grid(struct view_layout *l)
{
	int label = l->line_h + 2 * l->scale;
	int avail = l->map.h - l->ngroups * label;

	l->pitch = 0;
	l->fpc = 1;
	if (avail <= 0 || l->map.w <= 0 || l->ngroups == 0)
		return;
	for (uint64_t fpc = 1; fpc <= (1u << 20); fpc <<= 1) {
		for (int p = 64; p >= 1; p--) {
			int cols = round_cols(l->map.w / p);

			if (cols < 1)
				continue;
			if (total_rows(l, cols, fpc) * p <= avail) {
				l->pitch = p;
				l->cols = cols;
				l->fpc = fpc;
				goto found;
			}
		}
	}
	return;
found:
	l->cell = l->pitch >= 4 ? l->pitch - 1 : l->pitch;
	int y = l->map.y;
	for (int g = 0; g < l->ngroups; g++) {
		uint64_t cells = (l->group[g].end - l->group[g].start + l->fpc - 1) / l->fpc;

		l->group[g].label_y = y;
		l->group[g].grid_x = l->map.x;
		l->group[g].grid_y = y + label;
		l->group[g].rows = (int)((cells + l->cols - 1) / l->cols);
		y += label + l->group[g].rows * l->pitch;
	}
}

void view_layout(struct view_layout *l, int w, int h, const struct observe *obs)
{
	int pad, side_w;

	memset(l, 0, sizeof(*l));
	l->w = w;
	l->h = h;
	l->scale = h >= 1200 && w >= 1600 ? 2 : 1;
	l->line_h = FONT_H * l->scale;
	l->char_w = FONT_W * l->scale;
	l->base_pfn = obs->base_pfn;
	l->nframes = obs->nframes;
	pad = 4 * l->scale;

	l->status = (struct view_rect){0, 0, w, l->line_h + 2 * pad};
	l->caption = (struct view_rect){0, h - (l->line_h + 2 * pad), w, l->line_h + 2 * pad};
	side_w = SIDE_CHARS * l->char_w + 2 * pad;
	if (side_w > w / 3)
		side_w = w / 3;
	l->side = (struct view_rect){w - side_w, l->status.h, side_w, l->caption.y - l->status.h};
	l->map = (struct view_rect){pad, l->status.h + pad, w - side_w - 2 * pad,
				    l->caption.y - l->status.h - 2 * pad};
	layout_groups(l, obs);
	layout_grid(l);
}

int view_cell_rect(const struct view_layout *l, uint64_t pfn, struct view_rect *r)
{
	if (l->pitch == 0)
		return -1;
	for (int g = 0; g < l->ngroups; g++) {
		if (pfn < l->group[g].start || pfn >= l->group[g].end)
			continue;
		uint64_t idx = (pfn - l->group[g].start) / l->fpc;
		r->x = l->group[g].grid_x + (int)(idx % (uint64_t)l->cols) * l->pitch;
		r->y = l->group[g].grid_y + (int)(idx / (uint64_t)l->cols) * l->pitch;
		r->w = r->h = l->cell;
		return 0;
	}
	return -1;
}

int64_t view_pfn_at(const struct view_layout *l, int x, int y)
{
	if (l->pitch == 0 || x < l->map.x)
		return -1;
	for (int g = 0; g < l->ngroups; g++) {
		int gy = l->group[g].grid_y, gx = l->group[g].grid_x;

		if (y < gy || y >= gy + l->group[g].rows * l->pitch)
			continue;
		int col = (x - gx) / l->pitch, row = (y - gy) / l->pitch;
		if (col >= l->cols)
			return -1;
		uint64_t pfn = l->group[g].start + ((uint64_t)row * l->cols + col) * l->fpc;
		return pfn < l->group[g].end ? (int64_t)pfn : -1;
	}
	return -1;
}

/* ---- drawing helpers ---- */

static void fill_rect(struct canvas *cv, int x, int y, int w, int h, uint32_t c)
{
	int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
	int x1 = x + w > cv->w ? cv->w : x + w, y1 = y + h > cv->h ? cv->h : y + h;

	for (int yy = y0; yy < y1; yy++) {
		uint32_t *row = cv->px + (size_t)yy * cv->stride;
		for (int xx = x0; xx < x1; xx++)
			row[xx] = c;
	}
}

static void outline_rect(struct canvas *cv, int x, int y, int w, int h, uint32_t c)
{
	fill_rect(cv, x, y, w, 1, c);
	fill_rect(cv, x, y + h - 1, w, 1, c);
	fill_rect(cv, x, y, 1, h, c);
	fill_rect(cv, x + w - 1, y, 1, h, c);
}

/* Text clipped to the right edge `xmax`. */
static void text(struct canvas *cv, const struct view_layout *l, int x, int y, int xmax, uint32_t c,
		 const char *s)
{
	struct canvas clip = *cv;

	if (xmax < clip.w)
		clip.w = xmax;
	font_draw(&clip, x, y, l->scale, c, s);
}

/* Pages as a short human size: "123.4M", "2.0G", "512K". */
static void fmt_pages(char *buf, size_t n, uint64_t pages)
{
	uint64_t kib = pages << (PAGE_SHIFT - 10);

	if (kib >= 10 * 1024 * 1024)
		snprintf(buf, n, "%.1fG", kib / (1024.0 * 1024.0));
	else if (kib >= 1024)
		snprintf(buf, n, "%.1fM", kib / 1024.0);
	else
		snprintf(buf, n, "%" PRIu64 "K", kib);
}

static const char *mode_text(uint8_t mode)
{
	return mode == 0 ? "MMU" : mode == 1 ? "NOMMU" : mode == 2 ? "NOMMU+PMP" : "?";
}

static uint32_t event_colour(unsigned type)
{
	static const uint32_t c[MMEV__COUNT] = {
	    [MMEV_FAULT_MINOR] = 0xfff060u, [MMEV_FAULT_MAJOR] = 0xff9a30u,
	    [MMEV_COW] = 0xff3050u,	    [MMEV_SWAPOUT] = 0x40e0ffu,
	    [MMEV_SWAPIN] = 0x4080ffu,	    [MMEV_RECLAIM] = 0x60ff80u,
	    [MMEV_OOM_KILL] = 0xff0000u,    [MMEV_PROC_START] = 0xffffffu,
	    [MMEV_PROC_EXIT] = 0xa0a0a0u,
	};
	return type < MMEV__COUNT ? c[type] : 0xffffffu;
}

/* ---- the parts ---- */

char *view_status_text(char *buf, size_t n, const struct observe *obs, const struct view_state *st)
{
	const struct obs_counters *c = &obs->c;
	char f[16], a[16], fi[16], sl[16], pt[16], su[16], stt[16], mips[64], fps[24];

	fmt_pages(f, sizeof(f), c->free);
	fmt_pages(a, sizeof(a), c->anon);
	fmt_pages(fi, sizeof(fi), c->file);
	fmt_pages(sl, sizeof(sl), c->slab);
	fmt_pages(pt, sizeof(pt), c->pgtables);
	fmt_pages(su, sizeof(su), c->swap_used);
	fmt_pages(stt, sizeof(stt), c->swap_total);
	if (st->mips >= 0)
		snprintf(mips, sizeof(mips), "%.1f MIPS", st->mips);
	else
		snprintf(mips, sizeof(mips), "- MIPS");
	if (st->rates_note)
		snprintf(mips + strlen(mips), sizeof(mips) - strlen(mips), " (%s)", st->rates_note);
	if (st->faults_per_sec >= 0)
		snprintf(fps, sizeof(fps), "%.0f", st->faults_per_sec);
	else
		snprintf(fps, sizeof(fps), "-");
	/* Most important first: a narrow window clips the end. */
	snprintf(buf, n,
		 "%s%s  %s  pid %u  faults/s %s  free %s  anon %s  file %s  slab %s  pgtbl %s  "
		 "swap %s/%s  [%s]%s%s",
		 mode_text(c->mode), st->paused ? "  PAUSED" : "", mips, (unsigned)c->running_pid,
		 fps, f, a, fi, sl, pt, su, stt, view_mode_name(st->mode),
		 st->speed ? "  speed " : "", st->speed ? st->speed : "");
	return buf;
}

static void draw_status(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
			const struct view_state *st)
{
	char buf[512];
	int pad = 4 * l->scale;

	fill_rect(cv, l->status.x, l->status.y, l->status.w, l->status.h, VIEW_PANEL);
	text(cv, l, pad, pad, l->w - pad, VIEW_TEXT, view_status_text(buf, sizeof(buf), obs, st));
}

static void draw_map(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
		     const struct view_state *st)
{
	int dot = l->cell >= 3 ? (l->cell + 2) / 3 : 0;

	if (l->pitch == 0) {
		text(cv, l, l->map.x, l->map.y, l->map.x + l->map.w, VIEW_DIM,
		     obs->nframes ? "window too small" : "waiting for the machine");
		return;
	}
	for (int g = 0; g < l->ngroups; g++) {
		char label[96];
		uint64_t s = l->group[g].start, e = l->group[g].end;

		snprintf(label, sizeof(label),
			 "%s  0x%" PRIx64 "-0x%" PRIx64 "  %" PRIu64 " frames%s", l->group[g].name,
			 s << PAGE_SHIFT, e << PAGE_SHIFT, e - s,
			 l->fpc > 1 ? "  (several per cell)" : "");
		text(cv, l, l->map.x, l->group[g].label_y + l->scale, l->map.x + l->map.w, VIEW_DIM,
		     label);
		for (uint64_t pfn = s; pfn < e; pfn += l->fpc) {
			const struct frame_tag *t = &obs->tags[pfn - obs->base_pfn];
			struct view_rect r;

			/* A cell of several frames shows its most telling one. */
			for (uint64_t k = 1; k < l->fpc && pfn + k < e; k++) {
				const struct frame_tag *u = &obs->tags[pfn + k - obs->base_pfn];
				if (st->mode == VIEW_HEAT
					? u->heat > t->heat
					: t->kind == FK_FREE && u->kind != FK_FREE)
					t = u;
			}
			view_cell_rect(l, pfn, &r);
			uint32_t c = view_frame_colour(t, st->mode);
			if (st->mode == VIEW_OWNER && view_frame_shared(t) && dot == 0)
				c = (c >> 1 & 0x7f7f7fu) +
				    0x808080u; /* too small for a dot: lighten */
			fill_rect(cv, r.x, r.y, r.w, r.h, c);
			if (st->mode == VIEW_OWNER && view_frame_shared(t) && dot)
				fill_rect(cv, r.x + (r.w - dot) / 2, r.y + (r.h - dot) / 2, dot,
					  dot, VIEW_MARK);
		}
	}
	/* Events where they happen: outline the frames of the newest few. */
	if (st->show_events) {
		uint64_t n = obs->ring_head < TICKER_MARKS ? obs->ring_head : TICKER_MARKS;
		for (uint64_t i = n; i >= 1; i--) {
			const struct mm_event *ev =
			    &obs->ring[(obs->ring_head - i) % MM_EVENT_RING];
			struct view_rect r;

			if (ev->pfn && view_cell_rect(l, ev->pfn, &r) == 0)
				outline_rect(cv, r.x - 1, r.y - 1, r.w + 2, r.h + 2,
					     event_colour(ev->type));
		}
	}
	/* The inspected frames: hovered in white, pinned in yellow. */
	struct view_rect r;
	if (st->hover_pfn >= 0 && view_cell_rect(l, (uint64_t)st->hover_pfn, &r) == 0)
		outline_rect(cv, r.x - 2, r.y - 2, r.w + 4, r.h + 4, 0xffffffu);
	if (st->pinned_pfn >= 0 && view_cell_rect(l, (uint64_t)st->pinned_pfn, &r) == 0)
		outline_rect(cv, r.x - 2, r.y - 2, r.w + 4, r.h + 4, 0xffff00u);
}

/* One legend line: a swatch and a name. Returns the next y. */
static int legend_line(struct canvas *cv, const struct view_layout *l, int x, int y, uint32_t c,
		       bool mark, const char *name)
{
	int sw = l->line_h - 2 * l->scale;

	fill_rect(cv, x, y, sw, sw, c);
	if (mark)
		fill_rect(cv, x + sw / 3, y + sw / 3, (sw + 2) / 3, (sw + 2) / 3, VIEW_MARK);
	text(cv, l, x + sw + l->char_w, y, l->side.x + l->side.w, VIEW_TEXT, name);
	return y + l->line_h;
}

/* Owner-mode legend: the PIDs holding the most frames. */
static int legend_owners(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
			 int x, int y)
{
	enum { SLOTS = 64, SHOW = 8 };
	struct owner_count {
		uint16_t pid;
		uint64_t n;
	} seen[SLOTS];
	int nseen = 0;
	char buf[48];

	for (uint64_t i = 0; i < obs->nframes; i++) {
		const struct frame_tag *t = &obs->tags[i];
		int j;

		if (t->kind == FK_FREE || t->owner == 0)
			continue;
		for (j = 0; j < nseen && seen[j].pid != t->owner; j++)
			;
		if (j == nseen) {
			if (nseen == SLOTS)
				continue;
			seen[nseen].pid = t->owner;
			seen[nseen++].n = 0;
		}
		seen[j].n++;
	}
	y = legend_line(cv, l, x, y, view_kind_colour(FK_FREE), false, "free");
	y = legend_line(cv, l, x, y, VIEW_KERNEL_GREY, false, "kernel");
	y = legend_line(cv, l, x, y, view_pid_colour(1), true, "mapped 2+ / COW (dot)");
	for (int k = 0; k < SHOW && k < nseen; k++) {
		int best = k;
		for (int j = k + 1; j < nseen; j++)
			if (seen[j].n > seen[best].n)
				best = j;
		struct owner_count tmp = seen[k];
		seen[k] = seen[best];
		seen[best] = tmp;
		char sz[16];
		fmt_pages(sz, sizeof(sz), seen[k].n);
		snprintf(buf, sizeof(buf), "pid %u  %s", seen[k].pid, sz);
		y = legend_line(cv, l, x, y, view_pid_colour(seen[k].pid), false, buf);
	}
	return y;
}

static int draw_legend(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
		       const struct view_state *st, int x, int y)
{
	char title[48];

	snprintf(title, sizeof(title), "colour by %s  (1-4, c)", view_mode_name(st->mode));
	text(cv, l, x, y, l->side.x + l->side.w, VIEW_DIM, title);
	y += l->line_h;
	switch (st->mode) {
	case VIEW_KIND:
		for (unsigned k = 0; k < FK__COUNT; k++)
			y = legend_line(cv, l, x, y, view_kind_colour(k), false,
					frame_kind_name(k));
		break;
	case VIEW_OWNER: y = legend_owners(cv, l, obs, x, y); break;
	case VIEW_HEAT: {
		int bw = l->side.w - 2 * (x - l->side.x);
		for (int i = 0; i < bw; i++)
			fill_rect(cv, x + i, y, 1, l->line_h - 2 * l->scale,
				  view_heat_colour((unsigned)(i * 255 / (bw > 1 ? bw - 1 : 1))));
		y += l->line_h;
		text(cv, l, x, y, l->side.x + l->side.w, VIEW_TEXT, "cold    log scale    hot");
		y += l->line_h;
		break;
	}
	case VIEW_SHARING:
	default:
		for (unsigned k = 0; k < VIEW_SHARE__N; k++)
			y = legend_line(cv, l, x, y, view_share_colour(k), false,
					view_share_name(k));
		break;
	}
	return y;
}

/* Instructions as a short count: "950", "12.3K", "4.1M", "2.0G". */
static void fmt_insns(char *buf, size_t n, uint64_t v)
{
	if (v >= 1000000000)
		snprintf(buf, n, "%.1fG", v / 1e9);
	else if (v >= 1000000)
		snprintf(buf, n, "%.1fM", v / 1e6);
	else if (v >= 1000)
		snprintf(buf, n, "%.1fK", v / 1e3);
	else
		snprintf(buf, n, "%" PRIu64, v);
}

/* The lines that only the kernel's frame_detail can tell. Returns the next y. */
static int draw_detail(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
		       const struct frame_tag *t, const struct frame_detail *d, int x, int y)
{
	int xmax = l->side.x + l->side.w;
	char buf[96], when[16], ago[16];

#define LINE(...)                                                                                  \
	do {                                                                                       \
		snprintf(buf, sizeof(buf), __VA_ARGS__);                                           \
		text(cv, l, x, y, xmax, VIEW_TEXT, buf);                                           \
		y += l->line_h;                                                                    \
	} while (0)
	LINE("refcount %d  mapcount %d", d->refcount, d->mapcount);
	LINE("lru %s", frame_lru_name(d->lru));
	LINE("flags%s%s%s%s%s%s%s%s%s", d->flags & FDF_ANON ? " anon" : "",
	     d->flags & FDF_DIRTY ? " dirty" : "", d->flags & FDF_WRITEBACK ? " writeback" : "",
	     d->flags & FDF_SWAPBACKED ? " swapbacked" : "",
	     d->flags & FDF_REFERENCED ? " referenced" : "", d->flags & FDF_LOCKED ? " locked" : "",
	     d->flags & FDF_MLOCKED ? " mlocked" : "", d->flags & FDF_SWAPCACHE ? " swapcache" : "",
	     d->flags & ~(FDF_UPTODATE | FDF_COMPOUND) ? "" : " -");
	if (d->swap_offset)
		LINE("swap slot %u:%" PRIu64 " %s (%u pte%s)", d->swap_type, d->swap_offset,
		     d->what, d->swap_count, d->swap_count == 1 ? "" : "s");
	else if (d->zs_class)
		LINE("%s: %u objects of %u B", d->what, d->zs_objects, d->zs_class);
	else if (d->what[0])
		LINE("slab cache %s", d->what);
	if (d->ino)
		LINE("file inode %" PRIu64 "  page %" PRIu64, d->ino, d->index);
	if (!d->last_access_known) {
		LINE("last access -  (heat off)");
	} else if (d->last_access_known == 2) {
		fmt_insns(when, sizeof(when), d->last_access);
		LINE("last access this period (@%s+)", when);
	} else if (!d->last_access) {
		LINE("last access -  (not seen)");
	} else {
		fmt_insns(when, sizeof(when), d->last_access);
		fmt_insns(ago, sizeof(ago),
			  obs->c.insns > d->last_access ? obs->c.insns - d->last_access : 0);
		LINE("last access @%s insns (%s ago)", when, ago);
	}
	if (d->nowners) {
		LINE("mapped by %u:", d->nowners);
		for (uint32_t i = 0; i < d->nowners && i < FRAME_DETAIL_OWNERS; i++)
			LINE(" pid %u %.10s 0x%" PRIx64, d->owners[i].pid, d->owners[i].comm,
			     d->owners[i].va);
		if (d->nowners > FRAME_DETAIL_OWNERS)
			LINE(" ... %u more", d->nowners - FRAME_DETAIL_OWNERS);
	} else if (t->owner) { /* no reverse map (page tables, NOMMU images): the tag's owner */
		LINE("owner pid %u", t->owner);
	}
#undef LINE
	return y;
}

static int draw_inspector(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
			  const struct view_state *st, int x, int y)
{
	int64_t pfn = st->pinned_pfn >= 0 ? st->pinned_pfn : st->hover_pfn;
	int xmax = l->side.x + l->side.w;
	char buf[96];

	text(cv, l, x, y, xmax, VIEW_DIM, st->pinned_pfn >= 0 ? "frame (pinned)" : "frame");
	y += l->line_h;
	if (pfn < 0 || (uint64_t)pfn < obs->base_pfn ||
	    (uint64_t)pfn >= obs->base_pfn + obs->nframes) {
		text(cv, l, x, y, xmax, VIEW_TEXT, "hover a cell, click to pin");
		return y + l->line_h;
	}
	const struct frame_tag *t = &obs->tags[pfn - (int64_t)obs->base_pfn];
	const struct frame_detail *d = st->detail && st->detail->pfn == pfn ? st->detail : NULL;
	const char *zone = "-";
	for (int z = 0; z < obs->nzones && z < 4; z++)
		if ((uint64_t)pfn >= obs->zones[z].start_pfn &&
		    (uint64_t)pfn < obs->zones[z].end_pfn)
			zone = obs->zones[z].name;
	char zname[9] = {0};
	memcpy(zname, zone, strnlen(zone, 8));

	const char *lines[8];
	int nl = 0;
	char l0[48], l1[48], l2[64], l3[48], l4[48], l5[96];
	snprintf(l0, sizeof(l0), "pfn  0x%" PRIx64, (uint64_t)pfn);
	snprintf(l1, sizeof(l1), "phys 0x%" PRIx64, (uint64_t)pfn << PAGE_SHIFT);
	snprintf(l2, sizeof(l2), "zone %s  order %u  heat %u", zname, t->order, t->heat);
	snprintf(l3, sizeof(l3), "kind %s", frame_kind_name(t->kind));
	lines[nl++] = l0, lines[nl++] = l1, lines[nl++] = l2, lines[nl++] = l3;
	if (!d) { /* the tag alone: what every snapshot carries */
		if (t->owner)
			snprintf(l4, sizeof(l4), "owner pid %u  mapcount %u", t->owner,
				 t->mapcount);
		else
			snprintf(l4, sizeof(l4), "owner kernel/none  mapcount %u", t->mapcount);
		snprintf(l5, sizeof(l5), "flags%s%s%s%s%s%s%s",
			 t->flags & FTF_DIRTY ? " dirty" : "", t->flags & FTF_LRU ? " lru" : "",
			 t->flags & FTF_ACTIVE ? " active" : "", t->flags & FTF_COW ? " cow" : "",
			 t->flags & FTF_LOCKED ? " locked" : "",
			 t->flags & FTF_BUDDY_HEAD ? " buddy-head" : "", t->flags ? "" : " -");
		lines[nl++] = l4, lines[nl++] = l5;
	}
	for (int i = 0; i < nl; i++, y += l->line_h)
		text(cv, l, x, y, xmax, VIEW_TEXT, lines[i]);
	if (d)
		y = draw_detail(cv, l, obs, t, d, x, y);

	/* The newest event that touched this frame, if still in the ring. */
	uint64_t n = obs->ring_head < MM_EVENT_RING ? obs->ring_head : MM_EVENT_RING;
	for (uint64_t i = 1; i <= n; i++) {
		const struct mm_event *ev = &obs->ring[(obs->ring_head - i) % MM_EVENT_RING];
		if (ev->pfn != (uint64_t)pfn)
			continue;
		snprintf(buf, sizeof(buf), "last %s pid %u va 0x%" PRIx64, mm_event_name(ev->type),
			 ev->pid, ev->va);
		text(cv, l, x, y, xmax, VIEW_TEXT, buf);
		y += l->line_h;
		break;
	}
	return y;
}

static void draw_ticker(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
			int x, int y)
{
	int xmax = l->side.x + l->side.w, ymax = l->side.y + l->side.h - l->line_h;
	uint64_t n = obs->ring_head < MM_EVENT_RING ? obs->ring_head : MM_EVENT_RING;
	char buf[96];

	text(cv, l, x, y, xmax, VIEW_DIM, "events (newest first)");
	y += l->line_h;
	for (uint64_t i = 1; i <= n && y <= ymax; i++, y += l->line_h) {
		const struct mm_event *ev = &obs->ring[(obs->ring_head - i) % MM_EVENT_RING];
		int sw = l->line_h - 2 * l->scale;

		fill_rect(cv, x, y + l->scale, sw / 2, sw / 2, event_colour(ev->type));
		if (ev->va)
			snprintf(buf, sizeof(buf), "%-13s pid %-4u 0x%" PRIx64,
				 mm_event_name(ev->type), ev->pid, ev->va);
		else
			snprintf(buf, sizeof(buf), "%-13s pid %u", mm_event_name(ev->type),
				 ev->pid);
		text(cv, l, x + sw, y, xmax, VIEW_TEXT, buf);
	}
}

void view_render(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
		 const struct view_state *st)
{
	int pad = 4 * l->scale, x, y;

	fill_rect(cv, 0, 0, l->w, l->h, VIEW_BG);
	draw_status(cv, l, obs, st);
	draw_map(cv, l, obs, st);

	fill_rect(cv, l->side.x, l->side.y, l->side.w, l->side.h, VIEW_PANEL);
	x = l->side.x + pad;
	y = l->side.y + pad;
	y = draw_legend(cv, l, obs, st, x, y) + l->line_h / 2;
	y = draw_inspector(cv, l, obs, st, x, y) + l->line_h / 2;
	draw_ticker(cv, l, obs, x, y);

	fill_rect(cv, l->caption.x, l->caption.y, l->caption.w, l->caption.h, VIEW_PANEL);
	if (st->caption && st->caption[0])
		text(cv, l, pad, l->caption.y + pad, l->w - pad, 0xffe9a0u, st->caption);
}
