/*
 * test_oom.c - the OOM killer: badness and /proc/PID/oom_score values,
 * oom_score_adj scaling and -1000 immunity, PID 1 chosen only when alone, the
 * report text in the kernel log (Linux's formats), and the page allocator's
 * slow path calling the killer, whose kill frees memory so the allocation
 * then succeeds.
 */
#include <string.h>

#include "swap_fixture.h"
#include "os/mm/oom_kill.h"
#include "os/mm/vmscan.h"

#define NT 8
static struct oom_task_info tasks[NT];
static int ntasks, killed_pid, kills;
static struct page *held[NT][64]; /* frames "owned" by each fake task */
static int nheld[NT];

static void task(int pid, const char *comm, unsigned long anon, unsigned long file,
		 unsigned long swap, unsigned long pgt_bytes, int adj)
{
	struct oom_task_info *t = &tasks[ntasks++];
	memset(t, 0, sizeof(*t));
	t->pid = t->tgid = pid;
	snprintf(t->comm, sizeof(t->comm), "%s", comm);
	t->total_vm = anon + file + 1000;
	t->rss_anon = anon;
	t->rss_file = file;
	t->swapents = swap;
	t->pgtables_bytes = pgt_bytes;
	t->oom_score_adj = adj;
	t->is_init = pid == 1;
}

static void each(int (*fn)(const struct oom_task_info *, void *), void *arg)
{
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].pid && fn(&tasks[i], arg))
			return;
}

static bool current(struct oom_task_info *out)
{
	*out = tasks[ntasks - 1];
	return true;
}

static int kill_task(const struct oom_task_info *v)
{
	killed_pid = v->pid;
	kills++;
	for (int i = 0; i < ntasks; i++)
		if (tasks[i].pid == v->pid) {
			for (int k = 0; k < nheld[i]; k++)
				__free_page(held[i][k]);
			nheld[i] = 0;
			tasks[i].pid = 0; /* gone */
		}
	return 0;
}

static const struct oom_task_ops ops = {each, current, kill_task};

static void setup(void)
{
	fx_boot(32 * MiB, "", 0);
	ntasks = 0;
	killed_pid = 0;
	kills = 0;
	memset(nheld, 0, sizeof(nheld));
	oom_set_task_ops(&ops);
}

static void teardown(void)
{
	oom_set_task_ops(NULL);
	fx_shutdown();
}

START_TEST(test_badness_values)
{
	setup();
	ck_assert_uint_eq(totalram_pages(), 8064);
	ck_assert_uint_eq(oom_totalpages(), 8064); /* no swap */
	task(3, "hog", 2000, 100, 1000, 65536, 0);
	ck_assert_int_eq(oom_badness(&tasks[0], 8064), 2000 + 100 + 1000 + 16);
	ck_assert_uint_eq(oom_score(&tasks[0], 8064), 924); /* (1000 + 3116000/8064) * 2/3 */
	/* adj scales by totalpages / 1000, divided first as Linux does: 8064/1000 = 8 */
	tasks[0].oom_score_adj = 500;
	ck_assert_int_eq(oom_badness(&tasks[0], 8064), 3116 + 4000);
	tasks[0].oom_score_adj = -500;
	ck_assert_int_eq(oom_badness(&tasks[0], 8064), 3116 - 4000);
	ck_assert_uint_eq(oom_score(&tasks[0], 8064), 594); /* (1000 - 109) * 2 / 3 */
	tasks[0].oom_score_adj = -1000;
	ck_assert_int_eq(oom_badness(&tasks[0], 8064), LONG_MIN);
	ck_assert_uint_eq(oom_score(&tasks[0], 8064), 0);
	tasks[0].oom_score_adj = 1000;
	ck_assert_uint_eq(oom_score(&tasks[0], 8064), 1585); /* (1000 + 11116000/8064) * 2/3 */
	tasks[0].oom_score_adj = 0;
	tasks[0].is_kthread = true;
	ck_assert_int_eq(oom_badness(&tasks[0], 8064), LONG_MIN);
	teardown();
}
END_TEST

START_TEST(test_selection_and_init)
{
	setup();
	task(1, "init", 6000, 0, 0, 8192, 0);
	task(2, "bash", 300, 0, 50, 16384, 0);
	task(4, "protected", 5000, 0, 0, 0, -1000);
	task(5, "small", 10, 0, 0, 0, 0);
	struct oom_control oc = {.gfp_mask = GFP_KERNEL, .totalpages = 8064};
	ck_assert(select_bad_process(&oc));
	ck_assert_int_eq(oc.chosen.pid, 2); /* init is bigger but protected */
	ck_assert_int_eq(oc.chosen_points, 354);
	/* oom_score_adj can make a small task the victim */
	tasks[3].oom_score_adj = 500;
	ck_assert(select_bad_process(&oc));
	ck_assert_int_eq(oc.chosen.pid, 5);
	ck_assert_int_eq(oc.chosen_points, 4010);
	/* ties go to the task seen last */
	tasks[3].oom_score_adj = 0;
	tasks[3].rss_anon = 354;
	ck_assert(select_bad_process(&oc));
	ck_assert_int_eq(oc.chosen.pid, 5);
	/* with only init and an immune task left, init is the victim */
	tasks[1].pid = 0;
	tasks[3].pid = 0;
	ck_assert(select_bad_process(&oc));
	ck_assert_int_eq(oc.chosen.pid, 1);
	tasks[0].oom_score_adj = -1000;
	ck_assert(!select_bad_process(&oc));
	teardown();
}
END_TEST

/* The kernel log from sequence seq on, as dmesg text without timestamps. */
static void log_text(uint64_t seq, char *out, size_t size)
{
	static struct klog_record r;
	size_t n = 0;
	out[0] = '\0';
	while (klog_read(&seq, &r) && n < size)
		n += (size_t)snprintf(out + n, size - n, "%s\n", r.text);
}

START_TEST(test_report_text)
{
	setup();
	task(1, "init", 100, 0, 0, 8192, 0);
	task(3, "hog", 2000, 100, 1000, 65536, 0);
	task(7, "sh", 40, 20, 0, 12288, -1000);
	uint64_t seq = klog_next_seq();
	unsigned long oom0 = vm_event_count(OOM_KILL);
	struct oom_control oc = {.gfp_mask = GFP_HIGHUSER_MOVABLE, .order = 0};
	ck_assert(out_of_memory(&oc));
	ck_assert_int_eq(killed_pid, 3);
	ck_assert_uint_eq(vm_event_count(OOM_KILL), oom0 + 1);
	static char log[8192];
	log_text(seq, log, sizeof(log));
	const char *expect_head =
	    "sh invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, "
	    "oom_score_adj=-1000\n"
	    "Mem-Info:\n";
	ck_assert_msg(strncmp(log, expect_head, strlen(expect_head)) == 0, "log:\n%s", log);
	const char *expect_tail =
	    "Tasks state (memory values in pages):\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	    "[      1]     0     1     1100      100     8192        0             0 init\n"
	    "[      3]     0     3     3100     2100    65536     1000             0 hog\n"
	    "[      7]     0     7     1060       60    12288        0         -1000 sh\n"
	    "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=hog,pid=3,uid=0\n"
	    "Out of memory: Killed process 3 (hog) total-vm:12400kB, anon-rss:8000kB, "
	    "file-rss:400kB, shmem-rss:0kB, UID:0 pgtables:64kB oom_score_adj:0\n";
	ck_assert_msg(strstr(log, expect_tail) != NULL, "log:\n%s", log);
	ck_assert_ptr_nonnull(strstr(log, "\nFree swap  = 0kB\nTotal swap = 0kB\n8192 pages RAM\n"
					  "128 pages reserved\n"));
	ck_assert_ptr_nonnull(strstr(log, "\nactive_anon:0 inactive_anon:0 isolated_anon:0\n"));
	teardown();
}
END_TEST

START_TEST(test_allocator_calls_the_killer)
{
	setup();
	lru_init();
	vmscan_init();
	task(1, "init", 10, 0, 0, 0, 0);
	task(2, "hog", 0, 0, 0, 0, 0);
	/* hog owns 64 frames; then everything else is taken */
	for (int k = 0; k < 64; k++)
		held[1][nheld[1]++] = alloc_page(GFP_KERNEL);
	tasks[1].rss_anon = 64;
	static struct page *rest[9000];
	int n = 0;
	while ((rest[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY)))
		n++;
	uint64_t seq = klog_next_seq();
	struct page *p = alloc_page(GFP_KERNEL);
	ck_assert_ptr_nonnull(p); /* the killer freed hog's frames */
	ck_assert_int_eq(kills, 1);
	ck_assert_int_eq(killed_pid, 2);
	static char log[8192];
	log_text(seq, log, sizeof(log));
	ck_assert_ptr_nonnull(
	    strstr(log, "hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0"));
	ck_assert_ptr_nonnull(
	    strstr(log, "Out of memory: Killed process 2 (hog) total-vm:4000kB, anon-rss:256kB"));
	__free_page(p);
	while (n--)
		__free_page(rest[n]);
	vmscan_exit();
	lru_exit();
	teardown();
}
END_TEST

static Suite *oom_suite(void)
{
	Suite *s = suite_create("oom");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_badness_values);
	tcase_add_test(tc, test_selection_and_init);
	tcase_add_test(tc, test_report_text);
	tcase_add_test(tc, test_allocator_calls_the_killer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(oom_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
