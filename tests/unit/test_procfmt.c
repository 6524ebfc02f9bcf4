/*
 * test_procfmt.c - the text of /proc/meminfo, buddyinfo, zoneinfo, vmstat
 * (Linux's formats, exact values on a known machine), GFP flag names, and the
 * kernel log's records, formats, ring and sinks.
 */
#include <string.h>

#include "mm_fixture.h"
#include "os/mm/mm_proc.h"
#include "os/mm/slab.h"
#include "os/mm/vmstat.h"

static char buf[65536];

static void boot64(void)
{
	fx_boot(64 * MiB, "", 0);
	drain_all_pages();
}

START_TEST(test_meminfo)
{
	boot64();
	size_t n = proc_meminfo_show(buf, sizeof(buf));
	ck_assert_uint_eq(n, strlen(buf));
	static const char *const names[] = {
	    "MemTotal",	    "MemFree",	      "MemAvailable",  "Buffers",      "Cached",
	    "SwapCached",   "Active",	      "Inactive",      "Active(anon)", "Inactive(anon)",
	    "Active(file)", "Inactive(file)", "Unevictable",   "Mlocked",      "SwapTotal",
	    "SwapFree",	    "Dirty",	      "Writeback",     "AnonPages",    "Mapped",
	    "Shmem",	    "KReclaimable",   "Slab",	       "SReclaimable", "SUnreclaim",
	    "KernelStack",  "PageTables",     "SecPageTables", "NFS_Unstable", "Bounce",
	    "WritebackTmp", "CommitLimit",    "Committed_AS",  "VmallocTotal", "VmallocUsed",
	    "VmallocChunk", "Percpu",
	};
	/* Every line: name and colon padded to 16 columns, 8-wide value, " kB". */
	const char *line = buf;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_int_eq(nl - line, 27);
		ck_assert_int_eq(strncmp(line, names[i], strlen(names[i])), 0);
		ck_assert_int_eq(line[strlen(names[i])], ':');
		ck_assert_int_eq(strncmp(line + 24, " kB", 3), 0);
		line = nl + 1;
	}
	ck_assert_int_eq(*line, '\0');
	ck_assert_ptr_eq(strstr(buf, "MemTotal:          64512 kB\n"), buf);
	char want[64];
	snprintf(want, sizeof(want), "\nMemFree:        %8lu kB\n", nr_free_pages() * 4);
	ck_assert_ptr_nonnull(strstr(buf, want));
	unsigned long slab_kb = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) >> 10;
	snprintf(want, sizeof(want), "\nSlab:           %8lu kB\n", slab_kb);
	ck_assert_ptr_nonnull(strstr(buf, want));
	snprintf(want, sizeof(want), "\nSUnreclaim:     %8lu kB\n", slab_kb);
	ck_assert_ptr_nonnull(strstr(buf, want));
	ck_assert_ptr_nonnull(strstr(buf, "\nSwapTotal:             0 kB\n"));
	/* CommitLimit with no swap: half of RAM (overcommit_ratio 50). */
	ck_assert_ptr_nonnull(strstr(buf, "\nCommitLimit:       32256 kB\n"));
	/* MemAvailable: free minus the reserve (high watermarks + lowmem_reserve). */
	snprintf(want, sizeof(want), "\nMemAvailable:   %8lu kB\n",
		 (nr_free_pages() - contig_page_data.totalreserve_pages) * 4);
	ck_assert_ptr_nonnull(strstr(buf, want));
	ck_assert_uint_eq(contig_page_data.totalreserve_pages, (96 + 47) + (282 + 0) + 0);
	/* Counters move at the source. */
	mod_node_page_state(&contig_page_data, NR_ANON_MAPPED, 25);
	mod_node_page_state(&contig_page_data, NR_KERNEL_STACK_KB, 16);
	proc_meminfo_show(buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "\nAnonPages:           100 kB\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nKernelStack:          16 kB\n"));
	/* A small buffer truncates and reports the full length. */
	char small[40];
	ck_assert_uint_eq(proc_meminfo_show(small, sizeof(small)), strlen(buf));
	ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
	fx_shutdown();
}
END_TEST

START_TEST(test_buddyinfo)
{
	boot64();
	proc_buddyinfo_show(buf, sizeof(buf));
	ck_assert_ptr_eq(strstr(buf,
				"Node 0, zone      DMA      0      0      0      0      0      0 "
				"     0      0      0      0      4 \nNode 0, zone    DMA32 "),
			 buf);
	ck_assert_ptr_null(strstr(buf, "Normal")); /* empty zones are not listed */
	struct page *p = alloc_pages(GFP_DMA, 0);
	proc_buddyinfo_show(buf, sizeof(buf));
	ck_assert_ptr_eq(strstr(buf,
				"Node 0, zone      DMA      1      1      1      1      1      1 "
				"     1      1      1      1      3 \n"),
			 buf);
	__free_pages(p, 0);
	fx_shutdown();
}
END_TEST

START_TEST(test_zoneinfo)
{
	boot64();
	proc_zoneinfo_show(buf, sizeof(buf));
	ck_assert_ptr_eq(strstr(buf, "Node 0, zone      DMA\n  per-node stats\n"
				     "      nr_inactive_anon 0\n      nr_active_anon 0\n"),
			 buf);
	ck_assert_ptr_nonnull(strstr(buf, "\n  pages free     4096\n"
					  "        boost    0\n"
					  "        min      64\n"
					  "        low      80\n"
					  "        high     96\n"
					  "        spanned  4096\n"
					  "        present  4096\n"
					  "        managed  4096\n"
					  "        cma      0\n"
					  "        protection: (0, 47, 47, 47)\n"
					  "      nr_free_pages 4096\n"
					  "      nr_zone_inactive_anon 0\n"));
	ck_assert_ptr_nonnull(strstr(buf,
				     "\n  pagesets\n    cpu: 0\n              count: 0\n"
				     "              high:  0\n              batch: 1\n"
				     "  node_unreclaimable:  0\n  start_pfn:           524288\n"
				     "Node 0, zone    DMA32\n  pages free     "));
	ck_assert_ptr_nonnull(strstr(buf, "        spanned  12288\n        present  12288\n"
					  "        managed  12032\n"));
	/* The empty Normal and Movable zones: their numbers, then nothing more. */
	const char *normal = strstr(buf, "Node 0, zone   Normal\n");
	ck_assert_ptr_nonnull(normal);
	ck_assert_str_eq(normal, "Node 0, zone   Normal\n  pages free     0\n        boost    0\n"
				 "        min      0\n        low      0\n        high     0\n"
				 "        spanned  0\n        present  0\n        managed  0\n"
				 "        cma      0\n        protection: (0, 0, 0, 0)\n"
				 "Node 0, zone  Movable\n  pages free     0\n        boost    0\n"
				 "        min      0\n        low      0\n        high     0\n"
				 "        spanned  0\n        present  0\n        managed  0\n"
				 "        cma      0\n        protection: (0, 0, 0, 0)\n");
	/* Per-node stats appear once. */
	ck_assert_ptr_null(strstr(buf + 40, "per-node stats"));
	fx_shutdown();
}
END_TEST

START_TEST(test_vmstat)
{
	boot64();
	unsigned long a0 = vm_event_count(PGALLOC_DMA);
	struct page *p = alloc_pages(GFP_DMA, 2);
	__free_pages(p, 2);
	count_vm_event(PGFAULT);
	count_vm_events(PGMAJFAULT, 3);
	proc_vmstat_show(buf, sizeof(buf));
	char want[64];
	snprintf(want, sizeof(want), "nr_free_pages %lu\nnr_zone_inactive_anon 0\n",
		 nr_free_pages());
	ck_assert_ptr_eq(strstr(buf, want), buf);
	snprintf(want, sizeof(want), "\npgalloc_dma %lu\n", a0 + 4);
	ck_assert_ptr_nonnull(strstr(buf, want));
	ck_assert_ptr_nonnull(strstr(buf, "\npgfault 1\npgmajfault 3\n"));
	snprintf(want, sizeof(want), "\nnr_slab_unreclaimable %lu\n",
		 global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) / PAGE_SIZE);
	ck_assert_ptr_nonnull(strstr(buf, want));
	ck_assert_ptr_nonnull(strstr(buf, "\nnr_page_table_pages 0\nnr_sec_page_table_pages 0\n"
					  "nr_swapcached 0\nnr_dirty_threshold "));
	ck_assert_ptr_nonnull(strstr(buf, "\noom_kill 0\n"));
	/* Last line, and one "name value" per line with no repeats. */
	size_t len = strlen(buf);
	ck_assert_str_eq(buf + len - strlen("swap_ra_hit 0\n"), "swap_ra_hit 0\n");
	int lines = 0;
	for (char *l = buf; *l; l = strchr(l, '\n') + 1) {
		char name[64];
		unsigned long v;
		ck_assert_int_eq(sscanf(l, "%63s %lu", name, &v), 2);
		lines++;
	}
	ck_assert_int_eq(lines,
			 NR_VM_ZONE_STAT_ITEMS + NR_VM_NODE_STAT_ITEMS + 2 + NR_VM_EVENT_ITEMS);
	fx_shutdown();
}
END_TEST

START_TEST(test_gfp_names)
{
	char s[256];
	gfp_flags_string(GFP_KERNEL, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_KERNEL");
	ck_assert_uint_eq(GFP_KERNEL, 0xcc0);
	gfp_flags_string(GFP_ATOMIC, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_ATOMIC");
	ck_assert_uint_eq(GFP_ATOMIC, 0xa20);
	gfp_flags_string(GFP_HIGHUSER_MOVABLE, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_HIGHUSER_MOVABLE");
	ck_assert_uint_eq(GFP_HIGHUSER_MOVABLE, 0x100cca);
	gfp_flags_string(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO");
	gfp_flags_string(GFP_NOWAIT | __GFP_NOWARN, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_NOWAIT|__GFP_NOWARN");
	gfp_flags_string(GFP_KERNEL | GFP_DMA, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_KERNEL|GFP_DMA");
	gfp_flags_string(0, s, sizeof(s));
	ck_assert_str_eq(s, "0");
	gfp_flags_string(GFP_KERNEL | 0x1000000, s, sizeof(s));
	ck_assert_str_eq(s, "GFP_KERNEL|0x1000000");
}
END_TEST

static uint64_t fake_ns;
static uint64_t fake_clock(void *arg)
{
	return fake_ns;
}

START_TEST(test_klog)
{
	klog_reset();
	klog_set_clock(fake_clock, NULL);
	fake_ns = 1234567891ULL;
	uint64_t seq0 = klog_next_seq();
	printk(KERN_INFO "hello %d\n", 42);
	printk(KERN_ERR "two\nlines\n");
	printk("no level\n");
	printk(KERN_WARNING "part one");
	printk(KERN_CONT " and two\n");
	ck_assert_uint_eq(klog_next_seq(), seq0 + 5);
	struct klog_record r;
	uint64_t seq = seq0;
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_str_eq(r.text, "hello 42");
	ck_assert_int_eq(r.level, LOGLEVEL_INFO);
	char line[256];
	klog_format_dmesg(&r, line, sizeof(line));
	ck_assert_str_eq(line, "[    1.234567] hello 42\n");
	klog_format_kmsg(&r, line, sizeof(line));
	ck_assert_str_eq(line, "6,0,1234567,-;hello 42\n");
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_str_eq(r.text, "two");
	ck_assert_int_eq(r.level, LOGLEVEL_ERR);
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_str_eq(r.text, "lines");
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_int_eq(r.level, MESSAGE_LOGLEVEL_DEFAULT);
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_str_eq(r.text, "part one and two");
	ck_assert_int_eq(klog_read(&seq, &r), 0);
	size_t n = klog_dmesg_show(buf, sizeof(buf));
	ck_assert_str_eq(buf, "[    1.234567] hello 42\n[    1.234567] two\n[    1.234567] lines\n"
			      "[    1.234567] no level\n[    1.234567] part one and two\n");
	ck_assert_uint_eq(n, strlen(buf));

	/* Sinks: the console gets levels up to its threshold; the file gets everything. */
	FILE *con = tmpfile(), *file = tmpfile();
	klog_set_console(con, LOGLEVEL_WARNING);
	klog_set_file(file);
	pr_info("quiet\n");
	pr_err("loud\n");
	klog_set_console(NULL, 0);
	klog_set_file(NULL);
	char cb[256] = "", fb[256] = "";
	rewind(con);
	rewind(file);
	cb[fread(cb, 1, sizeof(cb) - 1, con)] = '\0';
	fb[fread(fb, 1, sizeof(fb) - 1, file)] = '\0';
	ck_assert_str_eq(cb, "[    1.234567] loud\n");
	ck_assert_str_eq(fb, "[    1.234567] quiet\n[    1.234567] loud\n");
	fclose(con);
	fclose(file);

	/* The ring keeps the newest records when it overflows. */
	klog_reset();
	for (int i = 0; i < 3000; i++)
		printk(KERN_INFO "record number %05d with some padding to fill the ring up\n", i);
	ck_assert_uint_eq(klog_next_seq(), 3000);
	ck_assert_uint_gt(klog_first_seq(), 0);
	seq = 0;
	ck_assert_int_eq(klog_read(&seq, &r), 1);
	ck_assert_uint_eq(r.seq, klog_first_seq());
	char expect[80];
	snprintf(expect, sizeof(expect), "record number %05d with some padding to fill the ring up",
		 (int)r.seq);
	ck_assert_str_eq(r.text, expect);
	ck_assert_uint_eq(klog_count_matching("record number 02999"), 1);
	ck_assert_uint_eq(klog_count_matching("record number 00000"), 0);
	klog_set_clock(NULL, NULL);
	klog_reset();
}
END_TEST

START_TEST(test_boot_log)
{
	fx_boot(128 * MiB, "slab_allocator=slub", 0);
	ck_assert_uint_eq(
	    klog_count_matching("  DMA      [mem 0x0000000080000000-0x0000000080ffffff]"), 1);
	ck_assert_uint_eq(
	    klog_count_matching("  DMA32    [mem 0x0000000081000000-0x0000000087ffffff]"), 1);
	ck_assert_uint_eq(klog_count_matching("  Normal   empty"), 1);
	ck_assert_uint_eq(
	    klog_count_matching("Built 1 zonelists, mobility grouping off.  Total pages: 32256"),
	    1);
	ck_assert_uint_eq(
	    klog_count_matching("SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=1, Nodes=1"), 1);
	fx_shutdown();
	/* A bad allocator name fails the boot cleanly. */
	uint8_t *ram =
	    mmap(NULL, 16 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_eq(mm_init(ram, RAM_BASE, 16 * MiB, -1, "slab_allocator=slub2", NULL), -22);
	ck_assert(!mm_ready());
	ck_assert_int_eq(mm_init(ram, RAM_BASE, 1 * MiB, -1, "", NULL), -22);
	ck_assert_int_eq(mm_init(ram, RAM_BASE + 1, 16 * MiB, -1, "", NULL), -22);
	/* Small RAM: everything is ZONE_DMA. */
	ck_assert_int_eq(mm_init(ram, RAM_BASE, 16 * MiB, -1, "", NULL), 0);
	ck_assert_uint_eq(contig_page_data.node_zones[ZONE_DMA].present_pages, 4096);
	ck_assert_uint_eq(contig_page_data.node_zones[ZONE_DMA32].present_pages, 0);
	ck_assert_ptr_null(mm_check());
	mm_exit();
	munmap(ram, 16 * MiB);
}
END_TEST

static Suite *procfmt_suite(void)
{
	Suite *s = suite_create("procfmt");
	TCase *tc = tcase_create("proc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_meminfo);
	tcase_add_test(tc, test_buddyinfo);
	tcase_add_test(tc, test_zoneinfo);
	tcase_add_test(tc, test_vmstat);
	tcase_add_test(tc, test_gfp_names);
	tcase_add_test(tc, test_klog);
	tcase_add_test(tc, test_boot_log);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(procfmt_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
