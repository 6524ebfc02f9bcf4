/*
 * fdt.h - a writer of flattened device trees (the DTB format, version 17),
 * enough to describe the board to the image: nodes, and properties holding
 * strings, 32-bit cells or raw bytes. Big-endian on the wire, as the format wants.
 */
#ifndef RVMM_EMU_FDT_H
#define RVMM_EMU_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_STRUCT	4096
#define FDT_MAX_STRINGS 1024

struct fdt {
	uint8_t structs[FDT_MAX_STRUCT];
	size_t slen;
	char strings[FDT_MAX_STRINGS];
	size_t strings_len;
	int depth;
	int overflow; /* set when a buffer ran out: fdt_finish() then fails */
};

void fdt_init(struct fdt *f);
void fdt_begin_node(struct fdt *f, const char *name);
void fdt_end_node(struct fdt *f);
void fdt_prop(struct fdt *f, const char *name, const void *val, size_t len);
void fdt_prop_str(struct fdt *f, const char *name, const char *s);
/* A property of n 32-bit cells. */
void fdt_prop_cells(struct fdt *f, const char *name, const uint32_t *cells, size_t n);
void fdt_prop_u32(struct fdt *f, const char *name, uint32_t v);
/* Write the blob into out (cap bytes); return its size, or 0 if it does not
 * fit or the tree was malformed (unbalanced nodes, a full buffer). */
size_t fdt_finish(struct fdt *f, uint8_t *out, size_t cap);

#endif
