/*
 * render.h - one renderer for the window and the PNG snapshots.
 *
 * Input: a `struct observe` (os/observe.h) and a `struct view_state` (what
 * the user chose: colour mode, hovered/pinned frame, captions). Output: an
 * XRGB8888 canvas of any size. The layout is computed separately
 * (view_layout) so the window's mouse code and the tests map pixels to frames
 * and back with the same geometry the renderer draws with.
 */
#ifndef RVMM_VIEW_RENDER_H
#define RVMM_VIEW_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os/observe.h"
#include "view/font.h"

enum view_mode { VIEW_KIND, VIEW_OWNER, VIEW_HEAT, VIEW_SHARING, VIEW__NMODES };

struct view_state {
	enum view_mode mode;
	int64_t hover_pfn;  /* absolute pfn under the mouse, -1 for none */
	int64_t pinned_pfn; /* absolute pfn pinned by a click, -1 for none */
	bool paused;
	bool show_events;	/* outline the frames of the newest events */
	double mips;		/* guest MIPS, < 0 when unknown */
	double faults_per_sec;	/* < 0 when unknown */
	const char *rates_note; /* how mips/faults_per_sec were measured, shown after MIPS
				   (e.g. "wall, whole run"); NULL: nothing */
	/* The inspected frame (pinned, else hovered) as the kernel described it;
	 * shown only when detail->pfn is that frame. NULL: the tag alone. */
	const struct frame_detail *detail;
	const char *speed;   /* e.g. "max", "1M insn/s"; NULL to omit */
	const char *caption; /* the demo's narration; NULL or "" for none */
};

struct view_rect {
	int x, y, w, h;
};

#define VIEW_MAX_GROUPS 5

/* Where everything goes on a canvas of w x h. Filled by view_layout(). */
struct view_layout {
	int w, h;
	int scale;	    /* text scale */
	int line_h, char_w; /* text metrics at that scale */
	struct view_rect status, map, side, caption;
	int pitch;    /* cell pitch in pixels; 0 when the map does not fit */
	int cell;     /* drawn square of a cell (pitch, minus a 1-pixel gap when large) */
	int cols;     /* cells per row */
	uint64_t fpc; /* frames per cell: 1 unless the window is tiny */
	uint64_t base_pfn, nframes;
	int ngroups; /* zones (or all of RAM), each with a label row */
	struct {
		char name[8];
		uint64_t start, end; /* absolute pfns, [start, end) */
		int label_y, grid_x, grid_y, rows;
	} group[VIEW_MAX_GROUPS];
};

/* Compute the layout of a w x h canvas for obs. Never fails; a map that
 * cannot fit leaves pitch == 0. */
void view_layout(struct view_layout *l, int w, int h, const struct observe *obs);
/* The drawn square of frame `pfn` (absolute). 0, or -1 if it is not on the map. */
int view_cell_rect(const struct view_layout *l, uint64_t pfn, struct view_rect *r);
/* The first frame of the cell under pixel (x, y), or -1. */
int64_t view_pfn_at(const struct view_layout *l, int x, int y);
/* Draw everything; all drawing is clipped to the canvas. */
void view_render(struct canvas *cv, const struct view_layout *l, const struct observe *obs,
		 const struct view_state *st);
/* The status bar's text for obs and st (what draw_status writes). Returns buf. */
char *view_status_text(char *buf, size_t n, const struct observe *obs, const struct view_state *st);
/* A view_state with no selection and nothing unknown filled in. */
void view_state_init(struct view_state *st);
const char *view_mode_name(enum view_mode m);

/* colour.c: the colour of one frame in a mode, and the palettes behind it. */
uint32_t view_frame_colour(const struct frame_tag *t, enum view_mode mode);
uint32_t view_kind_colour(unsigned kind);
uint32_t view_pid_colour(unsigned pid);
uint32_t view_heat_colour(unsigned heat);
bool view_frame_shared(const struct frame_tag *t);

/* Sharing-mode classes (legend order). */
enum {
	VIEW_SHARE_FREE,
	VIEW_SHARE_UNMAPPED,
	VIEW_SHARE_ONE,
	VIEW_SHARE_MANY,
	VIEW_SHARE_COW,
	VIEW_SHARE__N
};
uint32_t view_share_colour(unsigned cls);
const char *view_share_name(unsigned cls);

#define VIEW_BG		 0x101214u
#define VIEW_PANEL	 0x1a1d22u
#define VIEW_TEXT	 0xd8d8d8u
#define VIEW_DIM	 0x8a8f98u
#define VIEW_KERNEL_GREY 0x707070u
#define VIEW_MARK	 0xffffffu /* shared-frame dot in owner mode */

#endif
