/*
 * font.h - a small bitmap font and the canvas it draws on.
 *
 * A canvas is a caller-owned XRGB8888 pixel buffer (0x00RRGGBB per pixel,
 * `stride` pixels per row). Text is drawn with rvmm's own 5x7 glyphs in
 * FONT_W x FONT_H cells, scaled by an integer factor.
 */
#ifndef RVMM_VIEW_FONT_H
#define RVMM_VIEW_FONT_H

#include <stdint.h>

struct canvas {
	uint32_t *px;
	int w, h, stride;
};

#define FONT_W 6  /* advance per character at scale 1 */
#define FONT_H 10 /* line height at scale 1 (7 rows, 2 for descenders, 1 gap) */

/* Draw `s` with its top-left at (x, y); clips to the canvas. Returns the width drawn. */
int font_draw(struct canvas *cv, int x, int y, int scale, uint32_t rgb, const char *s);
/* Width in pixels of `s` at `scale`. */
int font_width(int scale, const char *s);
/* 0 if the glyph table is well formed, else the first bad character (for tests). */
int font_selftest(void);

#endif
