/*
 * mm_fixture.h - boot the memory manager on a private RAM array for a unit
 * test. RAM is a memory file mapped shared (so vmalloc can alias frames), or
 * plain anonymous memory when a test wants the contiguous fallback.
 */
#ifndef RVMM_TESTS_MM_FIXTURE_H
#define RVMM_TESTS_MM_FIXTURE_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "os/klog.h"
#include "os/mm/mm_init.h"
#include "os/mm/page_alloc.h"

#define RAM_BASE 0x80000000ULL
#define MiB	 (1ULL << 20)

static uint8_t *fx_ram;
static uint64_t fx_size;
static int fx_fd = -1;
static struct observe fx_obs;

/* Boot mm on size bytes of RAM with the given command line; with_fd: memfd-backed. */
static inline void fx_boot(uint64_t size, const char *cmdline, int with_fd)
{
	fx_size = size;
	fx_fd = -1;
	if (with_fd) {
		fx_fd = memfd_create("rvmm-test-ram", 0);
		ck_assert_int_ge(fx_fd, 0);
		ck_assert_int_eq(ftruncate(fx_fd, (off_t)size), 0);
		fx_ram = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fx_fd, 0);
	} else {
		fx_ram = mmap(NULL, size, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	}
	ck_assert_ptr_ne(fx_ram, MAP_FAILED);
	klog_reset();
	ck_assert_int_eq(mm_init(fx_ram, RAM_BASE, size, fx_fd, cmdline, &fx_obs), 0);
	const char *why = mm_check();
	ck_assert_msg(why == NULL, "after boot: %s", why ? why : "");
}

static inline void fx_shutdown(void)
{
	mm_exit();
	munmap(fx_ram, fx_size);
	if (fx_fd >= 0)
		close(fx_fd);
	fx_fd = -1;
}

#define ck_mm_ok()                                                                                 \
	do {                                                                                       \
		const char *_why = mm_check();                                                     \
		ck_assert_msg(_why == NULL, "mm_check: %s", _why ? _why : "");                     \
	} while (0)

static const char *const fx_allocators[] = {"slab_allocator=slub", "slab_allocator=slab",
					    "slab_allocator=slob"};

#endif
