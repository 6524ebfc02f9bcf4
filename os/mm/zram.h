/*
 * zram.h - a compressed block device in guest RAM, the backing of zram swap.
 *
 * Each slot (one page) is stored in one of three forms, as Linux's zram:
 *  - same-filled: every 8-byte word equal (a zero page, typically); only the
 *    word is kept, no memory is used (same_pages);
 *  - compressed with LZ4 (LZ4_compress_default) when the result is smaller
 *    than ZRAM_HUGE_SIZE;
 *  - raw ("huge"), PAGE_SIZE bytes, when LZ4 does not get it below that.
 * Compressed and raw objects live in zsmalloc zspages (zsmalloc.h): real
 * guest frames from the buddy allocator, tagged FK_ZRAM, counted in NR_ZSPAGES.
 *
 * Statistics have zram's names and meanings: orig_data_size = pages stored *
 * PAGE_SIZE (same-filled ones included), compr_data_size = bytes of stored
 * objects (PAGE_SIZE for a huge page, 0 for a same-filled one),
 * mem_used_total = frames the pool holds * PAGE_SIZE, same_pages,
 * pages_stored, huge_pages. The compression ratio rvmm reports is
 * orig_data_size / mem_used_total (what the RAM really gained); the ratio of
 * the compressor alone is orig_data_size / compr_data_size.
 *
 * Invariant: a slot is empty, same-filled, or owns exactly one pool object
 * whose size is the slot's size.
 */
#ifndef RVMM_OS_MM_ZRAM_H
#define RVMM_OS_MM_ZRAM_H

#include <stddef.h>
#include <stdint.h>

#define ZRAM_HUGE_SIZE 3072 /* compressed sizes from here on are stored raw (3/4 page) */

struct zram_stats {
	uint64_t compr_data_size; /* bytes of objects in the pool */
	uint64_t pages_stored;	  /* slots holding data (same-filled included) */
	uint64_t same_pages;
	uint64_t huge_pages;
	uint64_t huge_pages_since; /* huge pages ever stored */
	uint64_t max_used_pages;   /* the pool's high-water mark, in frames */
	uint64_t failed_reads, failed_writes;
	uint64_t num_reads, num_writes;
};

struct page;
struct zram;

/* A device of disksize bytes (whole pages). NULL on ENOMEM. */
struct zram *zram_create(uint64_t disksize);
/* Free every slot, the pool and the device. */
void zram_destroy(struct zram *zram);

/* Store one page at slot index (replacing what was there). 0, -ENOMEM or -EINVAL. */
int zram_write_page(struct zram *zram, unsigned long index, const void *src);
/* Read slot index into dst (PAGE_SIZE bytes; an empty slot reads as zeros). 0, -EIO or -EINVAL. */
int zram_read_page(struct zram *zram, unsigned long index, void *dst);
/* Drop a slot's contents (the swap slot was freed). */
void zram_slot_free(struct zram *zram, unsigned long index);

uint64_t zram_disksize(const struct zram *zram);
const struct zram_stats *zram_get_stats(const struct zram *zram);
/* Frames the pool holds now. */
unsigned long zram_mem_used_pages(const struct zram *zram);
/* The frame inspector's question (zs_frame_objects): compressed objects with
 * bytes in frame and their class size, or -1 if the frame is not zram's. */
int zram_frame_objects(struct zram *zram, const struct page *frame, unsigned int *class_size);

/* /sys/block/zram0/mm_stat, Linux's nine columns; snprintf-like return. */
size_t zram_mm_stat_show(const struct zram *zram, char *buf, size_t size);
/* A readable summary with the compression ratios (name: value lines). */
size_t zram_stat_show(const struct zram *zram, char *buf, size_t size);

#endif
