/*
 * swap-bench.c - swap throughput and zram compression: MB/s of guest data
 * swapped out (add_to_swap + swap_writepage) and back in
 * (swap_cache_get_or_read) through a host swap file and through zram, zram's
 * compression ratio on a mixed workload (text, zeros, random, integer arrays,
 * repeated records), and host liblz4 on the same pages, one 4 KiB page at a
 * time as zram uses it, as the reference.
 * Usage: swap-bench [PAGES] [--dump FILE] [--load FILE]   (default 8192 pages =
 * 32 MiB; --dump writes the workload to FILE for the lz4 command-line tool;
 * --load takes the workload from FILE instead, e.g. the pages a guest program
 * swapped, bench/guest-swap-bench.sh).
 */
#include <lz4.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "os/klog.h"
#include "os/mm/mm_init.h"
#include "os/mm/page_alloc.h"
#include "os/mm/swap.h"
#include "os/mm/swap_state.h"
#include "os/mm/swapfile.h"
#include "os/mm/zram.h"

#define RAM (256UL << 20)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* One page of the mixed workload, by kind i % 8. */
static void make_page(uint8_t *p, unsigned long i)
{
	static const char *const words[] = {"memory ", "page ",	   "swap ", "kernel ", "the ",
					    "of ",     "reclaim ", "zram ", "\n",      "lru "};
	size_t n = 0;
	switch (i % 8) {
	case 0:
	case 1:
	case 6: /* text */
		while (n < PAGE_SIZE) {
			const char *w = words[next() % 10];
			while (*w && n < PAGE_SIZE)
				p[n++] = (uint8_t)*w++;
		}
		break;
	case 2: /* zeros */ memset(p, 0, PAGE_SIZE); break;
	case 3: /* random */
		for (; n < PAGE_SIZE; n += 8) {
			uint64_t v = next();
			memcpy(p + n, &v, 8);
		}
		break;
	case 4: /* small integers */
		for (; n < PAGE_SIZE; n += 4) {
			uint32_t v = (uint32_t)(i + n / 4 + next() % 16);
			memcpy(p + n, &v, 4);
		}
		break;
	case 5: /* records: a repeated struct with a counter */
		for (uint32_t k = 0; n < PAGE_SIZE; k++, n += 32) {
			uint32_t rec[8] = {0xcafe, k, (uint32_t)i, 0, 0, 7, 0, 1};
			memcpy(p + n, rec, 32);
		}
		break;
	default: /* half zeros, half random */
		memset(p, 0, PAGE_SIZE / 2);
		for (n = PAGE_SIZE / 2; n < PAGE_SIZE; n += 8) {
			uint64_t v = next();
			memcpy(p + n, &v, 8);
		}
	}
}

static void die(const char *what)
{
	fprintf(stderr, "swap-bench: %s\n", what);
	exit(1);
}

/* Swap every page out and back in on the device just turned on; prints MB/s. */
static void run_device(const char *name, const uint8_t *data, unsigned long npages)
{
	swp_entry_t *ent = calloc(npages, sizeof(*ent));
	double mb = (double)npages * PAGE_SIZE / 1e6, t_out = 0, t_in = 0;
	for (unsigned long i = 0; i < npages; i++) {
		struct page *p = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!p)
			die("out of guest memory");
		memcpy(page_address(p), data + i * PAGE_SIZE, PAGE_SIZE);
		SetPageSwapBacked(p);
		set_page_kind(p, FK_ANON);
		lru_cache_add(p);
		double t0 = now();
		if (!add_to_swap(p))
			die("swap full");
		ent[i] = page_swap_entry(p);
		swap_duplicate(ent[i]); /* the PTE that now holds the entry */
		if (swap_writepage(p) < 0)
			die("swap_writepage failed");
		delete_from_swap_cache(p);
		t_out += now() - t0;
		put_page(p);
	}
	unsigned long bad = 0;
	for (unsigned long i = 0; i < npages; i++) {
		bool read_in;
		double t0 = now();
		struct page *p = swap_cache_get_or_read(ent[i], GFP_HIGHUSER_MOVABLE, &read_in);
		if (!p)
			die("swap-in failed");
		swap_free(ent[i]);
		try_to_free_swap(p);
		t_in += now() - t0;
		if (memcmp(page_address(p), data + i * PAGE_SIZE, PAGE_SIZE))
			bad++;
		put_page(p);
	}
	printf("%-10s swap-out %8.1f MB/s   swap-in %8.1f MB/s   (%lu pages, %lu differ)\n", name,
	       mb / t_out, mb / t_in, npages, bad);
	free(ent);
	if (bad)
		die("pages came back different");
}

int main(int argc, char **argv)
{
	unsigned long npages = 8192;
	const char *dump = NULL, *load = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump = argv[++i];
		else if (!strcmp(argv[i], "--load") && i + 1 < argc)
			load = argv[++i];
		else
			npages = strtoul(argv[i], NULL, 10);
	}
	FILE *lf = load ? fopen(load, "rb") : NULL;
	if (load) {
		if (!lf || fseek(lf, 0, SEEK_END) < 0)
			die("cannot read the --load file");
		npages = (unsigned long)ftell(lf) / PAGE_SIZE;
		npages = npages > 32768 ? 32768 : npages;
		rewind(lf);
	}
	if (npages < 16 || npages > 32768)
		die("PAGES must be 16..32768");
	uint8_t *data = malloc(npages * PAGE_SIZE);
	for (unsigned long i = 0; i < npages; i++)
		if (!lf)
			make_page(data + i * PAGE_SIZE, i);
		else if (fread(data + i * PAGE_SIZE, PAGE_SIZE, 1, lf) != 1)
			die("short --load file");
	if (lf)
		fclose(lf);
	if (dump) {
		FILE *f = fopen(dump, "wb");
		if (!f || fwrite(data, PAGE_SIZE, npages, f) != npages || fclose(f))
			die("cannot write the dump file");
	}
	uint8_t *ram = mmap(NULL, RAM, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED || mm_init(ram, 0x80000000ULL, RAM, -1, NULL, NULL) < 0)
		die("cannot boot the memory manager");
	lru_init();
	swap_init();
	printf("workload: %lu pages (%.1f MB): %s\n", npages, (double)npages * PAGE_SIZE / 1e6,
	       load ? load : "text, zeros, random, integers, records, half-random");

	char path[] = "/tmp/rvmm-swap-bench-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		die("cannot create a swap file in /tmp");
	close(fd);
	if (swapon_file(path, (uint64_t)(npages + 1) * PAGE_SIZE, 0, true) < 0)
		die("swapon file failed");
	run_device("file", data, npages);
	swapoff_type(0);
	unlink(path);

	int type = swapon_zram((uint64_t)(npages + 1) * PAGE_SIZE, SWAP_ZRAM_PRIO, false);
	if (type < 0)
		die("swapon zram failed");
	/* keep the pages in zram to measure the ratio: swap out only, then back */
	struct zram *z = swap_info[type]->zram;
	run_device("zram", data, npages);
	/* the ratio needs the data stored: write the workload once more, straight to zram */
	for (unsigned long i = 0; i < npages; i++)
		zram_write_page(z, i + 1, data + i * PAGE_SIZE);
	const struct zram_stats *s = zram_get_stats(z);
	uint64_t orig = (s->pages_stored - 1) * PAGE_SIZE; /* without the header slot */
	char st[256];
	zram_mm_stat_show(z, st, sizeof(st));
	printf("zram mm_stat: %s", st);
	printf("zram ratio on the workload: %.2f (data / frames used), compressor alone %.2f, "
	       "%llu same-filled, %llu stored raw\n",
	       (double)orig / ((double)zram_mem_used_pages(z) * PAGE_SIZE),
	       (double)orig / (double)s->compr_data_size, (unsigned long long)s->same_pages,
	       (unsigned long long)s->huge_pages);
	for (unsigned long i = 0; i < npages; i++)
		zram_slot_free(z, i + 1);

	/* host liblz4, page by page, same data */
	char *cbuf = malloc((size_t)LZ4_compressBound(PAGE_SIZE) * npages);
	int *clen = malloc(npages * sizeof(int));
	uint8_t *out = malloc(PAGE_SIZE);
	memset(cbuf, 0,
	       (size_t)LZ4_compressBound(PAGE_SIZE) * npages); /* no page faults in the timing */
	double t0 = now();
	uint64_t total = 0;
	for (unsigned long i = 0; i < npages; i++) {
		clen[i] = LZ4_compress_default((const char *)data + i * PAGE_SIZE,
					       cbuf + i * (size_t)LZ4_compressBound(PAGE_SIZE),
					       PAGE_SIZE, LZ4_compressBound(PAGE_SIZE));
		total += (uint64_t)clen[i];
	}
	double tc = now() - t0;
	t0 = now();
	for (unsigned long i = 0; i < npages; i++)
		LZ4_decompress_safe(cbuf + i * (size_t)LZ4_compressBound(PAGE_SIZE), (char *)out,
				    clen[i], PAGE_SIZE);
	double td = now() - t0;
	double mb = (double)npages * PAGE_SIZE / 1e6;
	printf(
	    "host lz4   compress %8.1f MB/s   decompress %8.1f MB/s   ratio %.2f (4 KiB pages)\n",
	    mb / tc, mb / td, (double)npages * PAGE_SIZE / (double)total);
	swap_exit();
	lru_exit();
	mm_exit();
	munmap(ram, RAM);
	free(out);
	free(clen);
	free(cbuf);
	free(data);
	return 0;
}
