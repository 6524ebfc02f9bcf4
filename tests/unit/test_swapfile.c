/*
 * test_swapfile.c - swap devices: the mkswap header in the host file, slot
 * allocation order (next-fit, priorities, round robin between equal ones,
 * overflow to the next device), swap_map counting (PTE references and the
 * cache bit), SwapTotal/SwapFree, /proc/swaps text, size parsing, swapoff.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "swap_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/swapfile.h"

static char dir[64], path[128], path2[128];

static void setup(void)
{
	fx_boot(32 * MiB, "", 0);
	swap_init();
	snprintf(dir, sizeof(dir), "/tmp/rvmm-swaptest-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/swapfile", dir);
	snprintf(path2, sizeof(path2), "%s/swapfile2", dir);
}

static void teardown(void)
{
	swap_exit();
	unlink(path);
	unlink(path2);
	rmdir(dir);
	fx_shutdown();
}

START_TEST(test_header_and_sizes)
{
	setup();
	ck_assert_int_eq(swapon_file(path, 1 * MiB, 0, true), 0);
	struct swap_info_struct *si = swap_info[0];
	ck_assert_int_eq(si->prio, -2);
	ck_assert_uint_eq(si->max, 256);
	ck_assert_uint_eq(si->pages, 255);
	ck_assert_uint_eq(total_swap_pages(), 255);
	ck_assert_uint_eq(nr_swap_pages(), 255);
	int fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	struct stat st;
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_eq(st.st_size, 1 * MiB);
	char magic[10];
	uint32_t v[2];
	ck_assert_int_eq(pread(fd, magic, 10, PAGE_SIZE - 10), 10);
	ck_assert_int_eq(memcmp(magic, "SWAPSPACE2", 10), 0);
	ck_assert_int_eq(pread(fd, v, 8, 1024), 8);
	ck_assert_uint_eq(v[0], 1);
	ck_assert_uint_eq(v[1], 255);
	close(fd);
	/* a second default-priority device gets the next lower priority */
	ck_assert_int_eq(swapon_file_arg(path2), 1); /* new file: the default size */
	ck_assert_int_eq(swap_info[1]->prio, -3);
	ck_assert_uint_eq(swap_info[1]->pages, (SWAPFILE_DEFAULT_MIB << 8) - 1);
	ck_assert_int_eq(swapoff_type(1), 0);
	/* --swap FILE,SIZE resizes an existing file */
	ck_assert_int_eq(swapon_file_arg(strcat(strcpy((char[160]){0}, path2), ",128K")), 1);
	ck_assert_uint_eq(swap_info[1]->pages, 31);
	/* not a regular file, or nowhere to create it */
	ck_assert_int_eq(swapon_file("/dev/null", 1 * MiB, 0, true), -EINVAL);
	ck_assert_int_eq(swapon_file("/nonexistent-dir/swap", 1 * MiB, 0, true), -ENOENT);
	ck_assert_int_eq(swapon_file_arg(","), -EINVAL);
	/* too small, as mkswap says */
	ck_assert_int_eq(swapon_zram(36 * 1024, 0, true), -EINVAL);
	ck_assert_int_eq(klog_count_matching("Adding 1020k swap on "), 1);
	teardown();
}
END_TEST

START_TEST(test_next_fit_and_counts)
{
	setup();
	ck_assert_int_eq(swapon_file(path, 64 * 1024, 0, true), 0); /* 16 slots, 15 usable */
	swp_entry_t e[15];
	for (int i = 0; i < 3; i++) {
		e[i] = get_swap_page();
		ck_assert_uint_eq(swp_type(e[i]), 0);
		ck_assert_uint_eq(swp_offset(e[i]), (unsigned long)i + 1);
		ck_assert_uint_eq(swap_map_byte(e[i]), SWAP_HAS_CACHE);
	}
	ck_assert_uint_eq(nr_swap_pages(), 12);
	/* two PTEs take the slot, the cache lets go, the PTEs go: free */
	ck_assert_int_eq(swap_duplicate(e[0]), 0);
	ck_assert_int_eq(swap_duplicate(e[0]), 0);
	ck_assert_uint_eq(swap_map_byte(e[0]), SWAP_HAS_CACHE | 2);
	ck_assert_int_eq(swp_swapcount(e[0]), 2);
	put_swap_page(e[0]);
	ck_assert_uint_eq(swap_map_byte(e[0]), 2);
	ck_assert_int_eq(swapcache_prepare(e[0]), 0);
	ck_assert_int_eq(swapcache_prepare(e[0]), -EEXIST);
	put_swap_page(e[0]);
	swap_free(e[0]);
	ck_assert_uint_eq(nr_swap_pages(), 12);
	swap_free(e[0]);
	ck_assert_uint_eq(swap_map_byte(e[0]), 0);
	ck_assert_uint_eq(nr_swap_pages(), 13);
	/* errors on a free slot are logged, not counted */
	ck_assert_int_eq(swap_duplicate(e[0]), -ENOENT);
	swap_free(e[0]);
	ck_assert_int_eq(klog_count_matching("swap_free: Unused swap offset entry"), 1);
	ck_assert_ptr_null(swp_swap_info(swp_entry(0, 16)));
	ck_assert_int_eq(klog_count_matching("Bad swap file entry"), 1);
	/* next fit: slot 1 is reused only after the device wraps */
	for (int i = 3; i < 15; i++) {
		e[i] = get_swap_page();
		ck_assert_uint_eq(swp_offset(e[i]), (unsigned long)i + 1);
	}
	swp_entry_t w = get_swap_page();
	ck_assert_uint_eq(swp_offset(w), 1);
	ck_assert_uint_eq(nr_swap_pages(), 0);
	ck_assert_uint_eq(get_swap_page().val, 0);
	put_swap_page(e[7]);
	ck_assert_uint_eq(swp_offset(get_swap_page()), 8);
	ck_assert_int_eq(swapoff_type(0), -EBUSY);
	teardown();
}
END_TEST

START_TEST(test_priorities)
{
	setup();
	ck_assert_int_eq(swapon_file(path, 64 * 1024, 0, true), 0);
	ck_assert_int_eq(swapon_zram_arg("64K"), 1);
	ck_assert_int_eq(swap_info[1]->prio, SWAP_ZRAM_PRIO);
	/* zram first until it is full, then the file */
	for (unsigned long i = 1; i <= 15; i++) {
		swp_entry_t e = get_swap_page();
		ck_assert_uint_eq(swp_type(e), 1);
		ck_assert_uint_eq(swp_offset(e), i);
	}
	swp_entry_t e = get_swap_page();
	ck_assert_uint_eq(swp_type(e), 0);
	ck_assert_uint_eq(swp_offset(e), 1);
	ck_assert_uint_eq(total_swap_pages(), 30);
	ck_assert_uint_eq(nr_swap_pages(), 14);
	/* equal priorities take turns */
	ck_assert_int_eq(swapon_file(path2, 64 * 1024, 5, false), 2);
	int zram2 = swapon_zram(64 * 1024, 5, false);
	ck_assert_int_eq(zram2, 3);
	unsigned int types[4];
	for (int i = 0; i < 4; i++)
		types[i] = swp_type(get_swap_page());
	ck_assert_uint_ne(types[0], types[1]);
	ck_assert_uint_eq(types[0], types[2]);
	ck_assert_uint_eq(types[1], types[3]);
	ck_assert(types[0] == 2 || types[0] == 3);
	teardown();
}
END_TEST

START_TEST(test_proc_swaps_and_meminfo)
{
	setup();
	ck_assert_int_eq(swapon_file(path, 1 * MiB, 0, true), 0);
	ck_assert_int_eq(swapon_zram(2 * MiB, SWAP_ZRAM_PRIO, false), 1);
	for (int i = 0; i < 3; i++)
		get_swap_page();
	char real[PATH_MAX];
	ck_assert_ptr_nonnull(realpath(path, real));
	int plen = (int)strlen(real);
	char expect[PATH_MAX + 256];
	snprintf(expect, sizeof(expect),
		 "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		 "%s%*sfile\t1020\t\t0\t\t-2\n"
		 "/dev/zram0                              partition\t2044\t\t12\t\t100\n",
		 real, plen < 40 ? 40 - plen : 1, " ");
	char buf[1024];
	size_t n = proc_swaps_show(buf, sizeof(buf));
	ck_assert_uint_eq(n, strlen(expect));
	ck_assert_str_eq(buf, expect);
	/* truncation is snprintf-like */
	ck_assert_uint_eq(proc_swaps_show(buf, 10), strlen(expect));
	n = proc_meminfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "SwapTotal:          3064 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "SwapFree:           3052 kB\n"));
	ck_assert_uint_eq(fx_obs.c.swap_total, 766);
	ck_assert_uint_eq(fx_obs.c.swap_used, 3);
	teardown();
}
END_TEST

START_TEST(test_parse_size)
{
	uint64_t v;
	ck_assert_int_eq(parse_size("64M", &v), 0);
	ck_assert_uint_eq(v, 64 * MiB);
	ck_assert_int_eq(parse_size("1G", &v), 0);
	ck_assert_uint_eq(v, 1ULL << 30);
	ck_assert_int_eq(parse_size("512k", &v), 0);
	ck_assert_uint_eq(v, 512 * 1024);
	ck_assert_int_eq(parse_size("2MiB", &v), 0);
	ck_assert_uint_eq(v, 2 * MiB);
	ck_assert_int_eq(parse_size("4096", &v), 0);
	ck_assert_uint_eq(v, 4096);
	ck_assert_int_eq(parse_size("12x", &v), -EINVAL);
	ck_assert_int_eq(parse_size("", &v), -EINVAL);
	ck_assert_int_eq(parse_size("M", &v), -EINVAL);
}
END_TEST

static Suite *swapfile_suite(void)
{
	Suite *s = suite_create("swapfile");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_header_and_sizes);
	tcase_add_test(tc, test_next_fit_and_counts);
	tcase_add_test(tc, test_priorities);
	tcase_add_test(tc, test_proc_swaps_and_meminfo);
	tcase_add_test(tc, test_parse_size);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(swapfile_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
