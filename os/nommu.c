/*
 * nommu.c - NOMMU memory: a process's regions, the memory system calls
 * without an MMU (Linux's mm/nommu.c in spirit), and PMP programming.
 *
 * A region is one power-of-two block of the buddy allocator, physically
 * contiguous and naturally aligned: the process's image, its stack, or one
 * mmap. Linux's NOMMU rounds the same way (and then trims the tail, with
 * vm.nr_trim_pages); rvmm keeps the whole block, so one region is exactly
 * one NAPOT PMP entry. Regions are tagged FK_USER_NOMMU with their owner.
 *
 * The regions of an mm hang off a side table keyed by the mm (the mm_struct
 * itself has no VMAs in this mode). Invariants: regions of one mm never
 * overlap; with --pmp an mm has at most NOMMU_PMP_REGIONS regions; every
 * region's block is freed exactly once, when the mm's last user drops it.
 */
#include "os/nommu.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "emu/hart.h"
#include "os/fs/fdtable.h"
#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/internal.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/page_alloc.h"
#include "os/mm/slab.h"
#include "os/nommu_internal.h"
#include "os/task.h"

#define CSR_SATP     0x180
#define CSR_PMPCFG0  0x3a0
#define CSR_PMPCFG2  0x3a2
#define CSR_PMPADDR0 0x3b0
#define PMP_R	     0x01
#define PMP_W	     0x02
#define PMP_X	     0x04
#define PMP_TOR	     0x08
#define PMP_NAPOT    0x18

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

static struct {
	struct hart *hart;
	bool nommu, pmp;
	struct nommu_mm *mms; /* every mm with regions */
} N;

/*
 * Plain --nommu: U-mode may reach ZONE_MOVABLE, where every user region
 * lives, and nothing else (mem_map, slab, page tables are in the kernel's
 * zones). Entry 0 is OFF and only holds the zone's base for entry 1, a TOR
 * entry with RWX up to the zone's end; no other entry is active, so a U
 * access elsewhere matches nothing and faults. Without a movable zone U-mode
 * gets nothing at all (every program faults) rather than the kernel's memory.
 */
static void pmp_load_movable(void)
{
	const struct zone *z = &contig_page_data.node_zones[ZONE_MOVABLE];

	hart_csr_write(N.hart, CSR_PMPCFG0, 0);
	hart_csr_write(N.hart, CSR_PMPCFG2, 0);
	if (!populated_zone(z)) {
		pr_err("nommu: no ZONE_MOVABLE (movablecore=0?): user programs cannot run\n");
		return;
	}
	hart_csr_write(N.hart, CSR_PMPADDR0, PFN_PHYS(z->zone_start_pfn) >> 2);
	hart_csr_write(N.hart, CSR_PMPADDR0 + 1,
		       PFN_PHYS(z->zone_start_pfn + z->spanned_pages) >> 2);
	hart_csr_write(N.hart, CSR_PMPCFG0, (uint64_t)(PMP_TOR | PMP_R | PMP_W | PMP_X) << 8);
}

void nommu_init(struct hart *h, bool nommu, bool pmp)
{
	N.hart = h;
	N.mms = NULL; /* a new boot: the last one's regions went with its RAM */
	N.nommu = nommu;
	N.pmp = nommu && pmp;
	if (mm_obs)
		mm_obs->c.mode = N.pmp ? 2 : N.nommu ? 1 : 0;
	if (nommu && !N.pmp)
		pmp_load_movable();
}

bool kernel_nommu(void)
{
	return N.nommu;
}

bool kernel_pmp(void)
{
	return N.pmp;
}

/* The host wrote [pa, pa + len): the hart must not run code it decoded there before. */
void nommu_flush_code(uint64_t pa, uint64_t len)
{
	hart_invalidate_code(N.hart, pa, len);
}

/* mm's region list, created on first use when create is set. NULL: none (or ENOMEM). */
struct nommu_mm *nommu_mm_of(const struct mm_struct *mm, bool create)
{
	struct nommu_mm *n;

	for (n = N.mms; n; n = n->next)
		if (n->mm == mm)
			return n;
	if (!create)
		return NULL;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	n->mm = mm;
	n->next = N.mms;
	N.mms = n;
	return n;
}

/*
 * mm's counters from its regions, for /proc/PID/status and the OOM killer's
 * badness: every page of every block is resident (anonymous), the image is
 * the text, the stack block the stack, mappings data.
 */
static void account(struct mm_struct *mm)
{
	struct nommu_mm *n = nommu_mm_of(mm, false);
	unsigned long total = 0, stack = 0, data = 0, exec = 0, rss = 0;

	for (struct nommu_region *r = n ? n->regions : NULL; r; r = r->next) {
		unsigned long pages = (unsigned long)(r->len >> PAGE_SHIFT);
		total += pages;
		rss += 1ul << r->order;
		if (r->kind == NOMMU_IMAGE)
			exec += pages;
		else if (r->kind == NOMMU_STACK)
			stack += pages;
		else
			data += pages;
	}
	mm->total_vm = total;
	mm->stack_vm = stack;
	mm->data_vm = data;
	mm->exec_vm = exec;
	mm->rss_stat[MM_ANONPAGES] = (long)rss;
	if (total > mm->hiwater_vm)
		mm->hiwater_vm = total;
	if (rss > mm->hiwater_rss)
		mm->hiwater_rss = rss;
}

/*
 * A new zeroed region of at least len bytes for mm, owned by pid: one block
 * of order get_order(len). Returns it (its start is the user address) or
 * NULL with *err = -ENOMEM (no contiguous block that large, or no PMP entry
 * left under --pmp).
 */
struct nommu_region *nommu_region_alloc(struct mm_struct *mm, uint64_t len, unsigned prot,
					enum nommu_kind kind, int pid, int *err)
{
	struct nommu_mm *n = nommu_mm_of(mm, true);
	struct nommu_region *r, **pp;
	struct page *pg;
	unsigned order;

	*err = -ENOMEM;
	if (!n || !len || len > (PAGE_SIZE << MAX_PAGE_ORDER))
		return NULL;
	if (N.pmp && n->nr >= NOMMU_PMP_REGIONS)
		return NULL;
	order = get_order(len);
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return NULL;
	pg = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, order);
	if (!pg) {
		kfree(r);
		return NULL;
	}
	nommu_flush_code(page_to_phys(pg), PAGE_SIZE << order); /* zeroed by the host */
	set_page_kind(pg, FK_USER_NOMMU);
	set_page_owner(pg, (unsigned int)pid);
	r->page = pg;
	r->start = page_to_phys(pg);
	r->len = PAGE_ALIGN(len);
	r->order = order;
	r->prot = prot;
	r->kind = kind;
	for (pp = &n->regions; *pp && (*pp)->start < r->start; pp = &(*pp)->next)
		;
	r->next = *pp;
	*pp = r;
	n->nr++;
	account(mm);
	*err = 0;
	return r;
}

static void region_free(struct nommu_region *r)
{
	if (r->file)
		fput(r->file);
	__free_pages(r->page, r->order);
	kfree(r);
}

void nommu_mm_release(struct mm_struct *mm)
{
	struct nommu_mm **pp, *n;

	for (pp = &N.mms; *pp && (*pp)->mm != mm; pp = &(*pp)->next)
		;
	n = *pp;
	if (!n)
		return;
	*pp = n->next;
	while (n->regions) {
		struct nommu_region *r = n->regions;
		n->regions = r->next;
		region_free(r);
	}
	kfree(n);
}

/* The region of mm that contains addr, or NULL. */
struct nommu_region *nommu_find_region(const struct mm_struct *mm, uint64_t addr)
{
	struct nommu_mm *n = nommu_mm_of(mm, false);
	for (struct nommu_region *r = n ? n->regions : NULL; r; r = r->next)
		if (addr >= r->start && addr < r->start + (PAGE_SIZE << r->order))
			return r;
	return NULL;
}

/*
 * PMP for mm: entry i is mm's i-th region as NAPOT with the region's
 * permissions (R/W/X; W alone is stored as R+W); the rest are OFF, so no
 * entry matches any other address and U-mode faults there (16 entries are
 * implemented: the spec's "no match fails" rule for S and U).
 */
static void pmp_load(const struct mm_struct *mm)
{
	struct nommu_mm *n = mm ? nommu_mm_of(mm, false) : NULL;
	struct nommu_region *r = n ? n->regions : NULL;
	uint64_t cfg[2] = {0, 0};

	hart_csr_write(N.hart, CSR_PMPCFG0, 0);
	hart_csr_write(N.hart, CSR_PMPCFG2, 0);
	for (unsigned i = 0; i < NOMMU_PMP_REGIONS && r; i++, r = r->next) {
		uint64_t size = PAGE_SIZE << r->order;
		uint64_t c = PMP_NAPOT;
		if (r->prot & PROT_READ)
			c |= PMP_R;
		if (r->prot & PROT_WRITE)
			c |= PMP_R | PMP_W;
		if (r->prot & PROT_EXEC)
			c |= PMP_X;
		hart_csr_write(N.hart, CSR_PMPADDR0 + i, (r->start | (size / 2 - 1)) >> 2);
		cfg[i / 8] |= c << (8 * (i % 8));
	}
	hart_csr_write(N.hart, CSR_PMPCFG0, cfg[0]);
	hart_csr_write(N.hart, CSR_PMPCFG2, cfg[1]);
}

void nommu_switch_mm(struct mm_struct *mm)
{
	hart_csr_write(N.hart, CSR_SATP, 0);
	if (N.pmp)
		pmp_load(mm);
}

/* The regions of the running process changed: the PMP must follow. */
static void regions_changed(const struct mm_struct *mm)
{
	if (N.pmp && current && current->mm == mm)
		pmp_load(mm);
}

uint64_t nommu_sigreturn_addr(const struct mm_struct *mm)
{
	struct nommu_mm *n = nommu_mm_of(mm, false);
	for (struct nommu_region *r = n ? n->regions : NULL; r; r = r->next)
		if (r->kind == NOMMU_STACK)
			return r->start + r->len - NOMMU_TRAMPOLINE_SIZE;
	return 0;
}

/*
 * mmap without an MMU (Linux's rules in mm/nommu.c validate_mmap_request):
 * MAP_FIXED is refused (-EINVAL), the hint is ignored; anonymous memory is a
 * zeroed contiguous block; a private file mapping is a contiguous copy of
 * the file; a shared file mapping would need the file's own memory
 * (NOMMU_MAP_DIRECT), which no rvmm file has: -ENODEV.
 */
static long nommu_mmap(uint64_t addr, uint64_t len, unsigned long prot, unsigned long flags, int fd,
		       uint64_t off)
{
	struct mm_struct *mm = current->mm;
	struct nommu_region *r;
	struct file *f = NULL;
	int err;

	(void)addr;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len || (off & ~PAGE_MASK) || PAGE_ALIGN(len) < len)
		return -EINVAL;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED &&
	    (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fget_raw(current->files, fd);
		if (!f)
			return -EBADF;
		if ((flags & MAP_TYPE) != MAP_PRIVATE)
			return -ENODEV;
		if (f->host_fd < 0 || !(f->f_mode & FMODE_READ))
			return f->host_fd < 0 ? -ENODEV : -EACCES;
	}
	r = nommu_region_alloc(mm, len, (unsigned)prot, f ? NOMMU_FILE : NOMMU_ANON, current->tgid,
			       &err);
	if (!r)
		return err;
	r->shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	if (f) {
		ssize_t got = pread(f->host_fd, page_address(r->page), r->len, (off_t)off);
		if (got <
		    0) { /* beyond the end of the file reads as zeroes, as Linux's copy does */
			nommu_region_unmap(mm, r);
			return -EIO;
		}
		nommu_flush_code(r->start, r->len);
		get_file(f);
		r->file = f;
		r->off = off;
	}
	regions_changed(mm);
	return (long)r->start;
}

/* Take region r out of mm and free its block. */
void nommu_region_unmap(struct mm_struct *mm, struct nommu_region *r)
{
	struct nommu_mm *n = nommu_mm_of(mm, false);
	struct nommu_region **pp;

	if (!n)
		panic("nommu_region_unmap: mm has no regions");
	for (pp = &n->regions; *pp && *pp != r; pp = &(*pp)->next)
		;
	if (!*pp)
		panic("nommu_region_unmap: region %#llx not in its mm",
		      (unsigned long long)r->start);
	*pp = r->next;
	n->nr--;
	region_free(r);
	account(mm);
	regions_changed(mm);
}

/*
 * munmap: a whole mapping only (the start it was given and its length);
 * splitting is refused with -EINVAL, as Linux's NOMMU does for file
 * mappings. The image and the stack cannot be unmapped.
 */
static long nommu_munmap(uint64_t start, uint64_t len)
{
	struct nommu_region *r = nommu_find_region(current->mm, start);

	if ((start & ~PAGE_MASK) || !len)
		return -EINVAL;
	if (!r || r->start != start || PAGE_ALIGN(len) != r->len ||
	    (r->kind != NOMMU_ANON && r->kind != NOMMU_FILE))
		return -EINVAL;
	nommu_region_unmap(current->mm, r);
	return 0;
}

/* mremap: in place only, within the block the mapping already has (mm/nommu.c). */
static long nommu_mremap(uint64_t addr, uint64_t old_len, uint64_t new_len, unsigned long flags)
{
	struct nommu_region *r = nommu_find_region(current->mm, addr);

	if (flags & MREMAP_FIXED)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!old_len || !new_len)
		return -EINVAL;
	if (!r || r->start != addr || (r->kind != NOMMU_ANON && r->kind != NOMMU_FILE))
		return -EINVAL;
	if (old_len != r->len)
		return -EFAULT;
	if (new_len > (PAGE_SIZE << r->order))
		return -ENOMEM;
	if (new_len > r->len && r->kind == NOMMU_ANON) /* what was shrunk away reads as zeroes */
	{
		memset((char *)page_address(r->page) + r->len, 0, new_len - r->len);
		nommu_flush_code(r->start + r->len, new_len - r->len);
	}
	r->len = new_len;
	account(current->mm);
	return (long)addr;
}

/*
 * brk: the break moves inside the stack block only, up from its bottom to
 * one page below its top (Linux's NOMMU end_brk with binfmt_elf_fdpic); the
 * stack grows down towards it and nothing checks that they meet, as on
 * Linux. The block was zeroed once at exec; memory given back and taken
 * again keeps its old bytes (Linux's NOMMU brk does not clear either).
 * Otherwise the old break.
 */
static long nommu_brk(uint64_t brk)
{
	struct mm_struct *mm = current->mm;
	struct nommu_mm *n = nommu_mm_of(mm, false);

	if (!n || brk < mm->start_brk || brk > n->brk_limit)
		return (long)mm->brk;
	mm->brk = brk;
	return (long)brk;
}

int nommu_mm_dispatch(long nr, const uint64_t a[6], long *ret)
{
	switch (nr) {
	case 214: *ret = nommu_brk(a[0]); return 1;
	case 215: *ret = nommu_munmap(a[0], a[1]); return 1;
	case 216: *ret = nommu_mremap(a[0], a[1], a[2], a[3]); return 1;
	case 222: *ret = nommu_mmap(a[0], a[1], a[2], a[3], (int)a[4], a[5]); return 1;
	/* mm/mprotect.c, msync.c, mlock.c, mincore.c and madvise.c are CONFIG_MMU only:
	 * without an MMU these calls do not exist (kernel/sys_ni.c) */
	case 226:
	case 227:
	case 228:
	case 229:
	case 232:
	case 233: *ret = -ENOSYS; return 1;
	default: return 0;
	}
}

__attribute__((format(printf, 4, 5))) static void add(char *buf, size_t size, size_t *len,
						      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(*len < size ? buf + *len : NULL, *len < size ? size - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

size_t nommu_show_maps(const struct mm_struct *mm, char *b, size_t s)
{
	struct nommu_mm *n = nommu_mm_of(mm, false);
	size_t len = 0;

	for (struct nommu_region *r = n ? n->regions : NULL; r; r = r->next) {
		struct kstat k = {0};
		const char *name = r->file		    ? r->file->path
				   : r->kind == NOMMU_STACK ? "[stack]"
							    : NULL;
		if (r->file && r->file->f_op->getattr)
			r->file->f_op->getattr(r->file, &k);
		size_t start = len;
		add(b, s, &len, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
		    (unsigned long long)r->start, (unsigned long long)(r->start + r->len),
		    r->prot & PROT_READ ? 'r' : '-', r->prot & PROT_WRITE ? 'w' : '-',
		    r->prot & PROT_EXEC ? 'x' : '-', r->shared ? 's' : 'p',
		    (unsigned long long)r->off, (unsigned)((k.dev >> 8) & 0xfff),
		    (unsigned)(k.dev & 0xff), (unsigned long long)k.ino);
		if (name)
			add(b, s, &len, "%*s%s", (int)(len - start < 73 ? 73 - (len - start) : 1),
			    "", name);
		add(b, s, &len, "\n");
	}
	return len;
}
