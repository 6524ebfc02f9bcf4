/*
 * shotcmp.c - compare the memory-map area of a window screenshot (xwd -id,
 * 32-bit TrueColor ZPixmap) with a PNG that rvmm rendered offscreen:
 *   shotcmp SHOT.xwd REF.png
 * Both must have the same size; the map rectangle comes from view_layout()
 * at that size. Prints the number of differing pixels; exit 0 when none,
 * 1 when some differ, 2 on bad input.
 *
 *   shotcmp --status IMAGE          (IMAGE: .xwd or .png)
 * reads the status bar's text back from the pixels and prints it: the font is
 * rvmm's own fixed-width bitmap (view/font.c), so each character cell is
 * compared with every printable glyph drawn by font_draw() on the bar's
 * colours; '?' marks a cell that matches none. Exit 0, or 2 on bad input.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/observe.h"
#include "view/font.h"
#include "view/render.h"

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned low_bit(uint32_t m)
{
	unsigned s = 0;
	while (m && !(m & 1)) {
		m >>= 1;
		s++;
	}
	return s;
}

/* The screenshot as 0xRRGGBB pixels, or NULL. */
static uint32_t *load_xwd(const char *path, int *w, int *h)
{
	FILE *f = fopen(path, "rb");
	unsigned char hd[100], *raw = NULL;
	uint32_t *px = NULL;

	if (!f || fread(hd, 1, sizeof(hd), f) != sizeof(hd))
		goto done;
	uint32_t hsize = get_be32(hd), format = get_be32(hd + 8), width = get_be32(hd + 16),
		 height = get_be32(hd + 20), msb = get_be32(hd + 28), bpp = get_be32(hd + 44),
		 stride = get_be32(hd + 48), rmask = get_be32(hd + 56), gmask = get_be32(hd + 60),
		 bmask = get_be32(hd + 64), ncol = get_be32(hd + 76);
	if (format != 2 || bpp != 32 || !width || !height || width > 16384 || height > 16384 ||
	    stride < 4 * width || fseek(f, (long)hsize + 12L * ncol, SEEK_SET))
		goto done;
	raw = malloc((size_t)stride * height);
	px = malloc(sizeof(*px) * width * height);
	if (!raw || !px || fread(raw, 1, (size_t)stride * height, f) != (size_t)stride * height) {
		free(px);
		px = NULL;
		goto done;
	}
	for (uint32_t y = 0; y < height; y++) {
		for (uint32_t x = 0; x < width; x++) {
			const unsigned char *q = raw + (size_t)y * stride + 4 * x;
			uint32_t v = msb ? get_be32(q)
					 : (uint32_t)q[0] | (uint32_t)q[1] << 8 |
					       (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
			px[y * width + x] = ((v & rmask) >> low_bit(rmask)) << 16 |
					    ((v & gmask) >> low_bit(gmask)) << 8 |
					    ((v & bmask) >> low_bit(bmask));
		}
	}
	*w = (int)width;
	*h = (int)height;
done:
	free(raw);
	if (f)
		fclose(f);
	return px;
}

/* The PNG as 0xRRGGBB pixels, or NULL. */
static uint32_t *load_png(const char *path, int *w, int *h)
{
	png_image img = {.version = PNG_IMAGE_VERSION};
	uint32_t *px;

	if (!png_image_begin_read_from_file(&img, path))
		return NULL;
	img.format = PNG_FORMAT_BGRA; /* little-endian 0xAARRGGBB words */
	px = malloc(PNG_IMAGE_SIZE(img));
	if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&img);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	return px;
}

/* The status bar's text (scale 1 or 2, as view_layout() picks for the size). */
static void read_status(const uint32_t *px, int w, int h, char *out, size_t n)
{
	struct observe obs = {.base_pfn = 0x80000, .nframes = 1};
	struct view_layout l;
	view_layout(&l, w, h, &obs);
	int sc = l.scale, cw = FONT_W * sc, ch = FONT_H * sc, pad = 4 * sc;
	uint32_t glyph[FONT_W * 2 * FONT_H * 2];
	struct canvas cv = {.px = glyph, .w = cw, .h = ch, .stride = cw};
	size_t len = 0;

	for (int x = pad; x + cw <= w - pad && len + 1 < n; x += cw) {
		char found = '?';
		for (int c = ' '; c <= '~' && found == '?'; c++) {
			char s[2] = {(char)c, 0};
			bool same = true;
			for (int i = 0; i < cw * ch; i++)
				glyph[i] = VIEW_PANEL;
			font_draw(&cv, 0, 0, sc, VIEW_TEXT, s);
			for (int y = 0; y < ch && same; y++)
				for (int xx = 0; xx < cw && same; xx++)
					same = (px[(pad + y) * w + x + xx] & 0xffffff) ==
					       glyph[y * cw + xx];
			if (same)
				found = (char)c;
		}
		out[len++] = found;
	}
	while (len && out[len - 1] == ' ')
		len--;
	out[len] = 0;
}

int main(int argc, char **argv)
{
	int sw = 0, sh = 0, rw = 0, rh = 0;
	if (argc == 3 && !strcmp(argv[1], "--status")) {
		size_t k = strlen(argv[2]);
		uint32_t *img = k > 4 && !strcmp(argv[2] + k - 4, ".xwd")
				    ? load_xwd(argv[2], &sw, &sh)
				    : load_png(argv[2], &sw, &sh);
		char text[1024];
		if (!img) {
			fprintf(stderr, "shotcmp: cannot read %s\n", argv[2]);
			return 2;
		}
		read_status(img, sw, sh, text, sizeof(text));
		printf("%s\n", text);
		free(img);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: shotcmp SHOT.xwd REF.png\n");
		return 2;
	}
	uint32_t *shot = load_xwd(argv[1], &sw, &sh), *ref = load_png(argv[2], &rw, &rh);
	if (!shot || !ref || sw != rw || sh != rh) {
		fprintf(stderr, "shotcmp: cannot read both images at one size\n");
		return 2;
	}
	/* the map's rectangle depends on the canvas size only */
	struct observe obs = {.base_pfn = 0x80000, .nframes = 1};
	struct view_layout l;
	view_layout(&l, sw, sh, &obs);
	long diff = 0;
	for (int y = l.map.y; y < l.map.y + l.map.h; y++)
		for (int x = l.map.x; x < l.map.x + l.map.w; x++)
			diff += (shot[y * sw + x] & 0xffffff) != (ref[y * sw + x] & 0xffffff);
	printf("map %dx%d at %d,%d: %ld pixels differ\n", l.map.w, l.map.h, l.map.x, l.map.y, diff);
	free(shot);
	free(ref);
	return diff ? 1 : 0;
}
