/*
 * png.c - PNG output of rendered canvases, and view_snapshot(), the one call
 * the command line needs for --snapshot and --snapshot-every.
 *
 * libpng reports errors by longjmp; everything it allocates is released on
 * that path too, and the caller sees -1 with errno set (EIO when libpng itself
 * failed, the open/close errno otherwise).
 */
#include "view/png.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

#include "view/render.h"

int view_write_png(const char *path, const uint32_t *px, int w, int h)
{
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile row = NULL;
	FILE *volatile f = NULL;
	volatile int err = EIO;

	if (w <= 0 || h <= 0 || !px) {
		errno = EINVAL;
		return -1;
	}
	f = fopen(path, "wb");
	if (!f)
		return -1;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (!png)
		goto fail;
	info = png_create_info_struct(png);
	if (!info)
		goto fail;
	row = malloc((size_t)w * 3);
	if (!row) {
		err = ENOMEM;
		goto fail;
	}
	if (setjmp(png_jmpbuf(png)))
		goto fail;
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *src = px + (size_t)y * w;
		for (int x = 0; x < w; x++) {
			row[3 * x] = (uint8_t)(src[x] >> 16);
			row[3 * x + 1] = (uint8_t)(src[x] >> 8);
			row[3 * x + 2] = (uint8_t)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(f) != 0)
		return -1;
	return 0;
fail:
	png_destroy_write_struct(&png, &info);
	free(row);
	fclose(f);
	errno = err;
	return -1;
}

int view_snapshot_state(const char *path, const struct observe *obs, const struct view_state *st,
			int w, int h)
{
	struct view_layout l;
	struct canvas cv = {NULL, w, h, w};
	int ret, saved;

	if (w <= 0 || h <= 0) {
		errno = EINVAL;
		return -1;
	}
	cv.px = malloc((size_t)w * h * sizeof(uint32_t));
	if (!cv.px)
		return -1;
	view_layout(&l, w, h, obs);
	view_render(&cv, &l, obs, st);
	ret = view_write_png(path, cv.px, w, h);
	saved = errno;
	free(cv.px);
	errno = saved;
	return ret;
}

int view_snapshot(const char *path, const struct observe *obs, enum view_mode mode)
{
	struct view_state st;

	view_state_init(&st);
	st.mode = mode;
	return view_snapshot_state(path, obs, &st, VIEW_SNAPSHOT_W, VIEW_SNAPSHOT_H);
}
