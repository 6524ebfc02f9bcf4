/*
 * test_view_kernel.c - the viewer's pictures of the real kernel: a guest
 * (guest/tests/view/probe) runs under kernel_main() with the run loop's hook;
 * at init's exit the hook renders the kernel's observe offscreen with the
 * window's renderer and counts cells by the colour at their centre.
 *
 * The kernel boots once per process, so every run is a fork()ed child that
 * reports its numbers through a pipe.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/heat.h"
#include "emu/hart.h"
#include "os/kernel.h"
#include "os/observe.h"
#include "view/font.h"
#include "view/png.h"
#include "view/render.h"

#define W VIEW_SNAPSHOT_W
#define H VIEW_SNAPSHOT_H

static char probe[4200], probe_dir[4096];

/* Kernel options of the next run_probe (the inspector's tests). */
static struct {
	const char *root, *zram;
	uint64_t ram_size;
} next_opts;

#define ANON_VA 0x40000000UL /* probe inspect/swapin: 4 anonymous pages */
#define FILE_VA 0x50000000UL /* probe inspect: the first page of /probe */

struct result {
	long cells;	    /* cells of the wanted colour */
	long hottest_pfn;   /* the unique hottest frame, -1 if tied or none */
	long hot_fault_pfn; /* the frame of init's newest minor fault */
	long cold_max;	    /* hottest heat among init's other anon frames */
	long owner_max;	    /* most frames owner_pid held, sampled every 512 hook calls */
	long free_frames;   /* FK_FREE frames at init's exit */
	int status;	    /* kernel_main's */
	/* the inspector at init's exit: the frames init maps at ANON_VA and FILE_VA */
	struct frame_detail anon, file;
	int anon_kind, file_kind;
	int hot_last_kind; /* heat_last_access() of the hammered frame at init's exit */
	uint64_t hot_last, exit_insns;
};

struct probe_run {
	enum view_mode mode;
	uint32_t colour;
	struct observe obs;
	struct heat *heat;
	unsigned owner_pid;  /* count this PID's frames while running (0: no) */
	uint64_t next_count; /* hook calls so far */
	struct result res;
};

/* Render obs and count the cells whose centre pixel is r->colour. */
static long count_cells(struct probe_run *r)
{
	static uint32_t px[W * H];
	struct canvas cv = {.px = px, .w = W, .h = H, .stride = W};
	struct view_layout l;
	struct view_state st;
	long n = 0;

	view_state_init(&st);
	st.mode = r->mode;
	st.show_events = true;
	view_layout(&l, W, H, &r->obs);
	ck_assert_int_eq(l.fpc, 1);
	view_render(&cv, &l, &r->obs, &st);
	for (uint64_t i = 0; i < r->obs.nframes; i++) {
		struct view_rect rc;
		if (view_cell_rect(&l, r->obs.base_pfn + i, &rc) < 0)
			continue;
		if ((px[(rc.y + rc.h / 2) * W + rc.x + rc.w / 2] & 0xffffff) == r->colour)
			n++;
	}
	return n;
}

static void find_heat(struct probe_run *r)
{
	const struct observe *o = &r->obs;
	int best = -1, ties = 0;

	r->res.hottest_pfn = -1;
	r->res.hot_fault_pfn = -1;
	for (uint64_t k = 0; k < MM_EVENT_RING && k < o->ring_head; k++) {
		const struct mm_event *e = &o->ring[(o->ring_head - 1 - k) % MM_EVENT_RING];
		if (e->type == MMEV_FAULT_MINOR && e->pid == 1) {
			r->res.hot_fault_pfn = (long)e->pfn;
			break;
		}
	}
	for (uint64_t i = 0; i < o->nframes; i++) {
		int h = o->tags[i].heat;
		if (h > best) {
			best = h;
			ties = 0;
			r->res.hottest_pfn = (long)(o->base_pfn + i);
		} else if (h == best) {
			ties++;
		}
	}
	if (ties)
		r->res.hottest_pfn = -1;
	r->res.cold_max = 0;
	for (uint64_t i = 0; i < o->nframes; i++)
		if (o->tags[i].kind == FK_ANON && o->tags[i].owner == 1 &&
		    (long)(o->base_pfn + i) != r->res.hot_fault_pfn &&
		    o->tags[i].heat > r->res.cold_max)
			r->res.cold_max = o->tags[i].heat;
}

/* The frame init (PID 1) maps at va, described by the kernel; d->pfn = -1 if none. */
static int find_detail(const struct observe *o, uint64_t va, struct frame_detail *d)
{
	d->pfn = -1;
	for (uint64_t i = 0; i < o->nframes; i++) {
		unsigned k = o->tags[i].kind;
		if (k != FK_ANON && k != FK_FILE && k != FK_SWAPCACHE)
			continue;
		ck_assert_int_eq(frame_detail_fill(o->base_pfn + i, d), 0);
		for (uint32_t j = 0; j < d->nowners && j < FRAME_DETAIL_OWNERS; j++)
			if (d->owners[j].pid == 1 && d->owners[j].va == va)
				return k;
	}
	memset(d, 0, sizeof(*d));
	d->pfn = -1;
	return -1;
}

static uint64_t hook(void *arg, enum kernel_hook_point at, struct hart *h)
{
	struct probe_run *r = arg;
	uint64_t most = r->heat ? heat_tick(r->heat, h, hart_instret(h)) : UINT64_MAX;

	if (at == KHOOK_EXIT) {
		r->res.cells = count_cells(r);
		find_heat(r);
		r->res.exit_insns = hart_instret(h);
		if (r->heat && r->res.hot_fault_pfn >= 0)
			r->res.hot_last_kind = heat_last_access(
			    r->heat, (uint64_t)r->res.hot_fault_pfn, &r->res.hot_last);
		r->res.anon_kind = find_detail(&r->obs, ANON_VA, &r->res.anon);
		r->res.file_kind = find_detail(&r->obs, FILE_VA, &r->res.file);
		r->res.free_frames = 0;
		for (uint64_t i = 0; i < r->obs.nframes; i++)
			r->res.free_frames += r->obs.tags[i].kind == FK_FREE;
		return 1;
	}
	if (r->owner_pid && ++r->next_count % 512 == 0) { /* every 512 chunks (faults) */
		long n = 0;
		for (uint64_t i = 0; i < r->obs.nframes; i++)
			n += r->obs.tags[i].owner == r->owner_pid && r->obs.tags[i].kind != FK_FREE;
		if (n > r->res.owner_max)
			r->res.owner_max = n;
	}
	return most;
}

/* Run the probe with args in a child process; its numbers. */
static struct result run_probe_pid(enum view_mode mode, uint32_t colour, bool heat,
				   unsigned owner_pid, int want_status, const char *a1,
				   const char *a2, const char *a3)
{
	struct result res;
	int fd[2];

	ck_assert_int_eq(pipe(fd), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		static struct probe_run r;
		char *argv[] = {probe, (char *)a1, (char *)a2, (char *)a3, NULL};
		int argc = a3 ? 4 : a2 ? 3 : 2;
		struct kernel_opts o = {.obs = &r.obs,
					.hook = hook,
					.hook_arg = &r,
					.root = next_opts.root,
					.zram = next_opts.zram,
					.ram_size = next_opts.ram_size};
		r.mode = mode;
		r.colour = colour;
		r.owner_pid = owner_pid;
		r.res.cells = -1;
		if (heat)
			r.heat = heat_create(&r.obs, HEAT_PERIOD_DEFAULT);
		r.res.status = kernel_main(&o, argc, argv);
		if (write(fd[1], &r.res, sizeof(r.res)) != sizeof(r.res))
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	memset(&next_opts, 0, sizeof(next_opts));
	ck_assert_int_eq(read(fd[0], &res, sizeof(res)), sizeof(res));
	close(fd[0]);
	int st;
	waitpid(pid, &st, 0);
	ck_assert_int_eq(st, 0);
	if (want_status >= 0)
		ck_assert_int_eq(res.status, want_status);
	return res;
}

static struct result run_probe(enum view_mode mode, uint32_t colour, bool heat, const char *a1,
			       const char *a2, const char *a3)
{
	return run_probe_pid(mode, colour, heat, 0, 0, a1, a2, a3);
}

START_TEST(test_touch_n_more_anon_cells)
{
	uint32_t anon = view_kind_colour(FK_ANON) & 0xffffff;
	struct result a = run_probe(VIEW_KIND, anon, false, "touch", "0", NULL);
	struct result b = run_probe(VIEW_KIND, anon, false, "touch", "300", NULL);
	ck_assert_int_gt(a.cells, 0); /* the probe's own stack and data */
	ck_assert_int_eq(b.cells - a.cells, 300);
}
END_TEST

START_TEST(test_fork_write_cow_cells)
{
	uint32_t cow = view_share_colour(VIEW_SHARE_COW) & 0xffffff;
	struct result a = run_probe(VIEW_SHARING, cow, false, "cow", "0", "0");
	struct result b = run_probe(VIEW_SHARING, cow, false, "cow", "200", "50");
	/* 200 pages shared by fork, 50 of them copied by the child's writes */
	ck_assert_int_eq(b.cells - a.cells, 150);
}
END_TEST

START_TEST(test_hammered_page_is_hottest)
{
	uint32_t top = view_heat_colour(255) & 0xffffff;
	struct result r = run_probe(VIEW_HEAT, top, true, "hammer", NULL, NULL);
	ck_assert_int_ne(r.hot_fault_pfn, -1);
	ck_assert_int_eq(r.hottest_pfn, r.hot_fault_pfn);
	ck_assert_int_eq(r.cells, 1);	  /* one cell in the hottest colour */
	ck_assert_int_lt(r.cold_max, 64); /* the 64 pages touched once have cooled */
	/* the inspector's last access: during the period under way, which began
	 * less than a period before the exit */
	ck_assert_int_eq(r.hot_last_kind, 2);
	ck_assert_uint_le(r.hot_last, r.exit_insns);
	ck_assert_uint_lt(r.exit_insns - r.hot_last, HEAT_PERIOD_DEFAULT + 4096);
}
END_TEST

/* An out-of-memory kill: the hog (PID 2) held most of RAM while it ran; at
 * the parent's exit it owns no cell and its frames are free again. Today the
 * kernel kills the process whose fault cannot be served (os/kernel.c); issue
 * 5's OOM killer choosing a victim should keep this test true. */
START_TEST(test_oom_victim_cells_turn_free)
{
	struct result base = run_probe(VIEW_KIND, 0, false, "touch", "0", NULL);
	struct result r = run_probe_pid(VIEW_OWNER, view_pid_colour(2) & 0xffffff, false, 2, 9,
					"oom", NULL, NULL);
	ck_assert_int_gt(r.owner_max, 20000); /* over 80 MiB of the 128 MiB */
	ck_assert_int_eq(r.cells, 0);
	ck_assert_int_ge(r.free_frames, base.free_frames - 64);
}
END_TEST

/* After fork, an anonymous page shared copy-on-write: two references, two
 * mappings, the parent (PID 1) and the child (PID 2) at the same address; the
 * file page both map is on a file LRU list with its inode and offset. */
START_TEST(test_inspect_cow_and_file)
{
	next_opts.root = probe_dir;
	struct result r = run_probe(VIEW_KIND, 0, false, "inspect", NULL, NULL);
	const struct frame_detail *a = &r.anon, *f = &r.file;

	ck_assert_int_eq(r.anon_kind, FK_ANON);
	ck_assert_int_eq(a->refcount, 2);
	ck_assert_int_eq(a->mapcount, 2);
	ck_assert_int_eq(a->nowners, 2);
	ck_assert_uint_eq(a->owners[0].va, ANON_VA);
	ck_assert_uint_eq(a->owners[1].va, ANON_VA);
	ck_assert_uint_eq(a->owners[0].pid + a->owners[1].pid, 3); /* PIDs 1 and 2 */
	ck_assert_uint_ne(a->owners[0].pid, a->owners[1].pid);
	ck_assert_str_eq(a->owners[0].comm, "probe");
	ck_assert_int_eq(a->lru == FLRU_INACTIVE_ANON || a->lru == FLRU_ACTIVE_ANON, 1);
	ck_assert_int_eq(a->flags & (FDF_ANON | FDF_SWAPBACKED), FDF_ANON | FDF_SWAPBACKED);
	ck_assert_uint_eq(a->swap_offset, 0);

	ck_assert_int_eq(r.file_kind, FK_FILE);
	ck_assert_int_eq(f->lru == FLRU_INACTIVE_FILE || f->lru == FLRU_ACTIVE_FILE, 1);
	ck_assert_uint_ne(f->ino, 0);
	ck_assert_uint_eq(f->index, 0);
	ck_assert_int_eq(f->flags & (FDF_ANON | FDF_SWAPBACKED), 0);
	/* both processes map it at FILE_VA (and maybe the loader elsewhere too) */
	int at_va = 0;
	for (uint32_t i = 0; i < f->nowners && i < FRAME_DETAIL_OWNERS; i++)
		at_va += f->owners[i].va == FILE_VA;
	ck_assert_int_eq(at_va, 2);
	ck_assert_int_eq(f->mapcount, (int)f->nowners);
}
END_TEST

/* With zram: the 4 shared pages went to swap; the parent read the first back.
 * It stays in the swap cache (the child's swap PTE still names its slot), so
 * the inspector shows the slot it came from, on zram, with one PTE left: the
 * slot the child's /proc/PID/pagemap entry names (the probe's exit status). */
START_TEST(test_inspect_swap_slot)
{
	next_opts.ram_size = 16u << 20;
	next_opts.zram = "16M";
	struct result r = run_probe_pid(VIEW_KIND, 0, false, 0, -1, "swapin", NULL, NULL);
	const struct frame_detail *a = &r.anon;

	ck_assert_int_eq(r.anon_kind, FK_SWAPCACHE);
	ck_assert_int_eq(a->flags & FDF_SWAPCACHE, FDF_SWAPCACHE);
	ck_assert_uint_eq(a->swap_type, 0);
	ck_assert_uint_gt(a->swap_offset, 0);
	ck_assert_uint_eq(a->swap_count, 1);
	ck_assert_str_eq(a->what, "zram0");
	ck_assert_int_eq(a->mapcount, 1);
	ck_assert_int_eq(a->nowners, 1);
	ck_assert_uint_eq(a->owners[0].pid, 1);
	ck_assert_int_eq(a->refcount, 2); /* the mapping and the swap cache */
	/* the same slot as the child's swap PTE, which /proc/2/pagemap shows the probe */
	ck_assert_int_eq(r.status, 10 + (int)(a->swap_offset % 200));
}
END_TEST

int main(void)
{
	const char *top = getenv("top_builddir");
	snprintf(probe_dir, sizeof(probe_dir), "%s/guest/tests/view", top ? top : ".");
	snprintf(probe, sizeof(probe), "%s/probe", probe_dir);
	if (access(probe, X_OK) != 0) {
		fprintf(stderr, "skip: %s not built (no riscv64 Linux compiler)\n", probe);
		return 77;
	}
	Suite *s = suite_create("view_kernel");
	TCase *tc = tcase_create("pixels");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_touch_n_more_anon_cells);
	tcase_add_test(tc, test_fork_write_cow_cells);
	tcase_add_test(tc, test_hammered_page_is_hottest);
	tcase_add_test(tc, test_oom_victim_cells_turn_free);
	tcase_add_test(tc, test_inspect_cow_and_file);
	tcase_add_test(tc, test_inspect_swap_slot);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
