/*
 * vma.c - the sorted VMA array of an mm (see mm_types.h for the invariants).
 * Lookups are binary searches; the array is kmalloc'd and doubles as needed.
 */
#include "os/mm/vma.h"

#include <errno.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/slab.h"

static struct kmem_cache *vm_area_cachep;

int vma_cache_init(void)
{
	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
						   0, SLAB_HWCACHE_ALIGN, NULL);
	return vm_area_cachep ? 0 : -ENOMEM;
}

void vma_cache_exit(void)
{
	if (vm_area_cachep)
		kmem_cache_destroy(vm_area_cachep);
	vm_area_cachep = NULL;
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *v = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (v)
		v->vm_mm = mm;
	return v;
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fput(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
}

/* Index of the first VMA with vm_end > addr (map_count if none). */
static int vma_search(const struct mm_struct *mm, uint64_t addr)
{
	int lo = 0, hi = mm->map_count;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (mm->vmas[mid]->vm_end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, uint64_t addr)
{
	int i = vma_search(mm, addr);
	return i < mm->map_count ? mm->vmas[i] : NULL;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, uint64_t addr)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	return v && v->vm_start <= addr ? v : NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *v = find_vma(mm, start);
	return v && v->vm_start < end ? v : NULL;
}

int vma_index(struct mm_struct *mm, const struct vm_area_struct *vma)
{
	int i = vma_search(mm, vma->vm_start);
	if (i >= mm->map_count || mm->vmas[i] != vma)
		panic("vma_index: VMA %#llx-%#llx not in its mm", (unsigned long long)vma->vm_start,
		      (unsigned long long)vma->vm_end);
	return i;
}

void vm_stat_account(struct mm_struct *mm)
{
	unsigned long total = 0, stack = 0, data = 0, exec = 0, locked = 0;
	for (int i = 0; i < mm->map_count; i++) {
		const struct vm_area_struct *v = mm->vmas[i];
		unsigned long n = vma_pages(v);
		total += n;
		/* Linux's rules: exec = VM_EXEC & ~VM_WRITE & ~VM_STACK; stack = VM_STACK;
		 * data = VM_WRITE & ~VM_SHARED & ~VM_STACK */
		if ((v->vm_flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
			exec += n;
		else if (v->vm_flags & VM_STACK)
			stack += n;
		else if ((v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			data += n;
		if (v->vm_flags & VM_LOCKED)
			locked += n;
	}
	mm->total_vm = total;
	mm->stack_vm = stack;
	mm->data_vm = data;
	mm->exec_vm = exec;
	mm->locked_vm = locked;
	if (total > mm->hiwater_vm)
		mm->hiwater_vm = total;
}

int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i;

	if (vma->vm_start >= vma->vm_end || (vma->vm_start | vma->vm_end) & 0xfff)
		panic("insert_vm_struct: bad range %#llx-%#llx", (unsigned long long)vma->vm_start,
		      (unsigned long long)vma->vm_end);
	if (find_vma_intersection(mm, vma->vm_start, vma->vm_end))
		return -EEXIST;
	if (mm->map_count == mm->vma_cap) {
		int cap = mm->vma_cap ? 2 * mm->vma_cap : 16;
		struct vm_area_struct **a =
		    krealloc(mm->vmas, (size_t)cap * sizeof(*a), GFP_KERNEL);
		if (!a)
			return -ENOMEM;
		mm->vmas = a;
		mm->vma_cap = cap;
	}
	i = vma_search(mm, vma->vm_start);
	memmove(&mm->vmas[i + 1], &mm->vmas[i], (size_t)(mm->map_count - i) * sizeof(*mm->vmas));
	mm->vmas[i] = vma;
	mm->map_count++;
	vma->vm_mm = mm;
	vm_stat_account(mm);
	return 0;
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = vma_index(mm, vma);
	memmove(&mm->vmas[i], &mm->vmas[i + 1],
		(size_t)(mm->map_count - i - 1) * sizeof(*mm->vmas));
	mm->map_count--;
	vm_stat_account(mm);
}

struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr)
{
	struct vm_area_struct *n;

	if (addr <= vma->vm_start || addr >= vma->vm_end || (addr & 0xfff))
		panic("split_vma: %#llx outside %#llx-%#llx", (unsigned long long)addr,
		      (unsigned long long)vma->vm_start, (unsigned long long)vma->vm_end);
	n = vm_area_alloc(mm);
	if (!n)
		return NULL;
	*n = *vma;
	n->vm_start = addr;
	if (n->vm_file) {
		n->vm_pgoff += (addr - vma->vm_start) >> 12;
		get_file(n->vm_file);
	}
	vma->vm_end = addr;
	if (insert_vm_struct(mm, n)) {
		vma->vm_end = n->vm_end;
		vm_area_free(n);
		return NULL;
	}
	return n;
}

/* Can b directly follow a in one VMA? */
static bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags || a->vm_file != b->vm_file ||
	    a->kind != b->kind)
		return false;
	return !a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = vma_index(mm, vma);
	if (i + 1 < mm->map_count && vma_mergeable(vma, mm->vmas[i + 1])) {
		struct vm_area_struct *next = mm->vmas[i + 1];
		vma_unlink(mm, next);
		vma->vm_end = next->vm_end;
		vm_area_free(next);
		vm_stat_account(mm);
	}
	if (i > 0 && vma_mergeable(mm->vmas[i - 1], vma)) {
		struct vm_area_struct *prev = mm->vmas[i - 1];
		vma_unlink(mm, vma);
		prev->vm_end = vma->vm_end;
		vm_area_free(vma);
		vm_stat_account(mm);
	}
}

uint64_t get_unmapped_area_topdown(struct mm_struct *mm, uint64_t len, uint64_t low, uint64_t high)
{
	uint64_t top = high;
	int i = vma_search(mm, high);

	if (len > high - low)
		return 0;
	/* walk the gaps downward from high */
	for (i = i - 1;; i--) {
		uint64_t bottom = i >= 0 ? mm->vmas[i]->vm_end : low;
		if (bottom < low)
			bottom = low;
		if (i + 1 < mm->map_count && mm->vmas[i + 1]->vm_start < top)
			top = mm->vmas[i + 1]->vm_start;
		if (top >= bottom && top - bottom >= len)
			return top - len;
		if (i < 0)
			return 0;
		top = mm->vmas[i]->vm_start;
		if (top <= low)
			return 0;
	}
}
