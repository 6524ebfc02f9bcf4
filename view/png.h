/*
 * png.h - writing rendered maps to PNG files (headless snapshots).
 */
#ifndef RVMM_VIEW_PNG_H
#define RVMM_VIEW_PNG_H

#include <stdint.h>

#include "view/render.h"

#define VIEW_SNAPSHOT_W 1280
#define VIEW_SNAPSHOT_H 800

/* Write w x h XRGB8888 pixels (rows packed) as an 8-bit RGB PNG.
 * 0, or -1 with errno set (unwritable path, EIO from libpng). */
int view_write_png(const char *path, const uint32_t *px, int w, int h);
/* Render obs as `st` describes at w x h and write it to path. 0 or -1/errno. */
int view_snapshot_state(const char *path, const struct observe *obs, const struct view_state *st,
			int w, int h);
/* --snapshot: render obs in `mode` at VIEW_SNAPSHOT_W x VIEW_SNAPSHOT_H. 0 or -1/errno. */
int view_snapshot(const char *path, const struct observe *obs, enum view_mode mode);

#endif
