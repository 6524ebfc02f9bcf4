/*
 * zram.c - the compressed RAM block device behind zram swap (see zram.h).
 *
 * The slot table (16 bytes a slot) is vzalloc'd and the compressed objects
 * live in a zsmalloc pool, so what grows with the data is guest frames; the
 * fixed-size device struct and the LZ4 scratch buffer (a per-CPU buffer in
 * Linux) are host memory.
 * Allocation during swap-out must not recurse into reclaim: the pool asks for
 * frames with kswapd wake-up only, and a failed store is reported (-ENOMEM)
 * so the page simply stays in memory.
 */
#include "os/mm/zram.h"

#include <errno.h>
#include <lz4.h>
#include <stdlib.h>
#include <string.h>

#include "os/klog.h"
#include "os/mm/page.h"
#include "os/mm/vmalloc.h"
#include "os/mm/zsmalloc.h"

/* slot flags */
#define ZRAM_SAME 0x1 /* handle holds the fill word */
#define ZRAM_HUGE 0x2 /* stored raw */

struct zram_table_entry {
	unsigned long handle; /* pool handle, or the fill word of a same-filled page */
	uint32_t size;	      /* object bytes (0 for same-filled) */
	uint32_t flags;
};

struct zram {
	uint64_t disksize;
	unsigned long nr_slots;
	struct zram_table_entry *table;
	struct zs_pool *pool;
	struct zram_stats stats;
	char *cbuf; /* LZ4_compressBound(PAGE_SIZE) bytes of scratch (both directions) */
};

#define ZRAM_GFP (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN | __GFP_HIGHMEM | __GFP_MOVABLE)

struct zram *zram_create(uint64_t disksize)
{
	disksize &= PAGE_MASK;
	if (disksize == 0)
		return NULL;
	struct zram *zram = calloc(1, sizeof(*zram));
	if (!zram)
		return NULL;
	zram->disksize = disksize;
	zram->nr_slots = (unsigned long)(disksize >> PAGE_SHIFT);
	zram->table = vzalloc(zram->nr_slots * sizeof(*zram->table));
	zram->pool = zs_create_pool("zram0", ZRAM_GFP);
	zram->cbuf = malloc((size_t)LZ4_compressBound(PAGE_SIZE));
	if (!zram->table || !zram->pool || !zram->cbuf) {
		zram_destroy(zram);
		return NULL;
	}
	return zram;
}

void zram_destroy(struct zram *zram)
{
	if (!zram)
		return;
	if (zram->table && zram->pool)
		for (unsigned long i = 0; i < zram->nr_slots; i++)
			zram_slot_free(zram, i);
	if (zram->pool)
		zs_destroy_pool(zram->pool);
	if (zram->table)
		vfree(zram->table);
	free(zram->cbuf);
	free(zram);
}

/* Is the page one 8-byte word repeated? If so, *word is it. */
static int page_same_filled(const void *src, unsigned long *word)
{
	const unsigned long *w = src;
	for (size_t i = 1; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i] != w[0])
			return 0;
	*word = w[0];
	return 1;
}

void zram_slot_free(struct zram *zram, unsigned long index)
{
	struct zram_table_entry *e = &zram->table[index];
	if (e->flags & ZRAM_SAME) {
		zram->stats.same_pages--;
		zram->stats.pages_stored--;
	} else if (e->handle) {
		zs_free(zram->pool, e->handle);
		zram->stats.compr_data_size -= e->size;
		if (e->flags & ZRAM_HUGE)
			zram->stats.huge_pages--;
		zram->stats.pages_stored--;
	}
	memset(e, 0, sizeof(*e));
}

int zram_write_page(struct zram *zram, unsigned long index, const void *src)
{
	if (index >= zram->nr_slots)
		return -EINVAL;
	zram->stats.num_writes++;
	zram_slot_free(zram, index);
	struct zram_table_entry *e = &zram->table[index];
	unsigned long word;
	if (page_same_filled(src, &word)) {
		e->handle = word;
		e->flags = ZRAM_SAME;
		zram->stats.same_pages++;
		zram->stats.pages_stored++;
		return 0;
	}
	int len =
	    LZ4_compress_default(src, zram->cbuf, (int)PAGE_SIZE, LZ4_compressBound(PAGE_SIZE));
	uint32_t flags = 0;
	const void *data = zram->cbuf;
	if (len <= 0 || len >= ZRAM_HUGE_SIZE) {
		len = (int)PAGE_SIZE;
		data = src;
		flags = ZRAM_HUGE;
	}
	unsigned long handle = zs_malloc(zram->pool, (size_t)len);
	if (!handle) {
		zram->stats.failed_writes++;
		return -ENOMEM;
	}
	zs_obj_write(zram->pool, handle, data, (size_t)len);
	e->handle = handle;
	e->size = (uint32_t)len;
	e->flags = flags;
	zram->stats.compr_data_size += (uint64_t)len;
	zram->stats.pages_stored++;
	if (flags & ZRAM_HUGE) {
		zram->stats.huge_pages++;
		zram->stats.huge_pages_since++;
	}
	unsigned long used = zs_get_total_pages(zram->pool);
	if (used > zram->stats.max_used_pages)
		zram->stats.max_used_pages = used;
	return 0;
}

int zram_read_page(struct zram *zram, unsigned long index, void *dst)
{
	if (index >= zram->nr_slots)
		return -EINVAL;
	zram->stats.num_reads++;
	struct zram_table_entry *e = &zram->table[index];
	if (e->flags & ZRAM_SAME) {
		unsigned long *w = dst;
		for (size_t i = 0; i < PAGE_SIZE / sizeof(*w); i++)
			w[i] = e->handle;
		return 0;
	}
	if (!e->handle) {
		memset(dst, 0, PAGE_SIZE);
		return 0;
	}
	if (e->flags & ZRAM_HUGE) {
		zs_obj_read(zram->pool, e->handle, dst, PAGE_SIZE);
		return 0;
	}
	zs_obj_read(zram->pool, e->handle, zram->cbuf, e->size);
	int n = LZ4_decompress_safe(zram->cbuf, dst, (int)e->size, (int)PAGE_SIZE);
	if (n != (int)PAGE_SIZE) {
		zram->stats.failed_reads++;
		pr_err("zram: Decompression failed! err=%d, page=%lu\n", n, index);
		return -EIO;
	}
	return 0;
}

uint64_t zram_disksize(const struct zram *zram)
{
	return zram->disksize;
}

const struct zram_stats *zram_get_stats(const struct zram *zram)
{
	return &zram->stats;
}

unsigned long zram_mem_used_pages(const struct zram *zram)
{
	return zs_get_total_pages(zram->pool);
}

size_t zram_mm_stat_show(const struct zram *zram, char *buf, size_t size)
{
	const struct zram_stats *s = &zram->stats;
	int n = snprintf(buf, size, "%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n",
			 (unsigned long long)(s->pages_stored << PAGE_SHIFT),
			 (unsigned long long)s->compr_data_size,
			 (unsigned long long)zs_get_total_pages(zram->pool) << PAGE_SHIFT, 0UL,
			 (long)(s->max_used_pages << PAGE_SHIFT), (unsigned long long)s->same_pages,
			 0UL, (unsigned long long)s->huge_pages,
			 (unsigned long long)s->huge_pages_since);
	return n < 0 ? 0 : (size_t)n;
}

/* a / b with two decimals, "0.00" when b is 0. */
static int ratio_str(char *out, size_t size, uint64_t a, uint64_t b)
{
	if (!b)
		return snprintf(out, size, "0.00");
	uint64_t r = (a * 100 + b / 2) / b;
	return snprintf(out, size, "%llu.%02llu", (unsigned long long)(r / 100),
			(unsigned long long)(r % 100));
}

size_t zram_stat_show(const struct zram *zram, char *buf, size_t size)
{
	const struct zram_stats *s = &zram->stats;
	uint64_t orig = s->pages_stored << PAGE_SHIFT;
	uint64_t used = (uint64_t)zs_get_total_pages(zram->pool) << PAGE_SHIFT;
	char eff[32], comp[32];
	ratio_str(eff, sizeof(eff), orig, used);
	ratio_str(comp, sizeof(comp), orig, s->compr_data_size);
	int n = snprintf(buf, size,
			 "disksize:        %llu\n"
			 "orig_data_size:  %llu\n"
			 "compr_data_size: %llu\n"
			 "mem_used_total:  %llu\n"
			 "pages_stored:    %llu\n"
			 "same_pages:      %llu\n"
			 "huge_pages:      %llu\n"
			 "ratio:           %s\n"
			 "compr_ratio:     %s\n",
			 (unsigned long long)zram->disksize, (unsigned long long)orig,
			 (unsigned long long)s->compr_data_size, (unsigned long long)used,
			 (unsigned long long)s->pages_stored, (unsigned long long)s->same_pages,
			 (unsigned long long)s->huge_pages, eff, comp);
	return n < 0 ? 0 : (size_t)n;
}

int zram_frame_objects(struct zram *zram, const struct page *frame, unsigned int *class_size)
{
	return zs_frame_objects(zram->pool, frame, class_size);
}
