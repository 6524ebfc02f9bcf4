/*
 * fdt.c - flattened device tree writer (see fdt.h). The structure block and
 * the strings block are built separately and joined by fdt_finish(); property
 * names are stored once in the strings block.
 */
#include "emu/fdt.h"

#include <string.h>

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_END	       9u
#define FDT_HDR_SIZE   40u
#define FDT_RSV_SIZE   16u /* the empty memory reservation map: one (0, 0) */

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Append len bytes to the structure block, zero-padded to 4 bytes. */
static void emit(struct fdt *f, const void *data, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;
	if (f->slen + padded > FDT_MAX_STRUCT) {
		f->overflow = 1;
		return;
	}
	memcpy(f->structs + f->slen, data, len);
	memset(f->structs + f->slen + len, 0, padded - len);
	f->slen += padded;
}

static void emit32(struct fdt *f, uint32_t v)
{
	uint8_t b[4];
	put_be32(b, v);
	emit(f, b, 4);
}

/* Offset of name in the strings block, adding it if new. */
static uint32_t string_off(struct fdt *f, const char *name)
{
	size_t len = strlen(name) + 1;
	for (size_t off = 0; off < f->strings_len; off += strlen(f->strings + off) + 1)
		if (!strcmp(f->strings + off, name))
			return (uint32_t)off;
	if (f->strings_len + len > FDT_MAX_STRINGS) {
		f->overflow = 1;
		return 0;
	}
	memcpy(f->strings + f->strings_len, name, len);
	f->strings_len += len;
	return (uint32_t)(f->strings_len - len);
}

void fdt_init(struct fdt *f)
{
	memset(f, 0, sizeof(*f));
}

void fdt_begin_node(struct fdt *f, const char *name)
{
	emit32(f, FDT_BEGIN_NODE);
	emit(f, name, strlen(name) + 1);
	f->depth++;
}

void fdt_end_node(struct fdt *f)
{
	emit32(f, FDT_END_NODE);
	f->depth--;
}

void fdt_prop(struct fdt *f, const char *name, const void *val, size_t len)
{
	emit32(f, FDT_PROP);
	emit32(f, (uint32_t)len);
	emit32(f, string_off(f, name));
	if (len)
		emit(f, val, len);
}

void fdt_prop_str(struct fdt *f, const char *name, const char *s)
{
	fdt_prop(f, name, s, strlen(s) + 1);
}

void fdt_prop_cells(struct fdt *f, const char *name, const uint32_t *cells, size_t n)
{
	uint8_t buf[64];
	if (n > sizeof(buf) / 4) {
		f->overflow = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		put_be32(buf + 4 * i, cells[i]);
	fdt_prop(f, name, buf, 4 * n);
}

void fdt_prop_u32(struct fdt *f, const char *name, uint32_t v)
{
	fdt_prop_cells(f, name, &v, 1);
}

size_t fdt_finish(struct fdt *f, uint8_t *out, size_t cap)
{
	emit32(f, FDT_END);
	size_t off_struct = FDT_HDR_SIZE + FDT_RSV_SIZE;
	size_t off_strings = off_struct + f->slen;
	size_t total = off_strings + f->strings_len;

	if (f->overflow || f->depth != 0 || total > cap)
		return 0;
	memset(out, 0, off_struct);
	put_be32(out + 0, FDT_MAGIC);
	put_be32(out + 4, (uint32_t)total);
	put_be32(out + 8, (uint32_t)off_struct);
	put_be32(out + 12, (uint32_t)off_strings);
	put_be32(out + 16, FDT_HDR_SIZE); /* memory reservation map */
	put_be32(out + 20, 17);		  /* version */
	put_be32(out + 24, 16);		  /* last compatible version */
	put_be32(out + 28, 0);		  /* boot cpu */
	put_be32(out + 32, (uint32_t)f->strings_len);
	put_be32(out + 36, (uint32_t)f->slen);
	memcpy(out + off_struct, f->structs, f->slen);
	memcpy(out + off_strings, f->strings, f->strings_len);
	return total;
}
