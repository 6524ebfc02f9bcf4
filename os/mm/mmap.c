/*
 * mmap.c - creating and removing mappings: mmap, munmap, mprotect, brk, and
 * zapping the PTEs of a range (dirty shared file pages are written back
 * first). Ranges are page-aligned; VMAs are split at range boundaries so that
 * every operation applies to whole VMAs.
 */
#include <errno.h>
#include <string.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/swap_fault.h"
#include "os/uapi.h"

/* Clear the PTEs of [start, end) inside vma; absent tables are skipped a table at a time. */
void zap_page_range(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t start, uint64_t end)
{
	uint64_t a = start;
	while (a < end) {
		pte_t *pte = pte_offset(mm, a, false);
		if (!pte) {
			a = (a + (1ull << 21)) & ~((1ull << 21) - 1); /* no table for this 2 MiB */
			continue;
		}
		if (pte_present(*pte)) {
			struct page *pg = pfn_to_page(pte_pfn(*pte));
			if ((vma->vm_flags & VM_SHARED) && vma->vm_file && (*pte & _PAGE_DIRTY) &&
			    pg != zero_page())
				filemap_write_page(vma->vm_file, pg);
			*pte = 0;
			flush_tlb_page(mm, a);
			if ((vma->vm_flags & VM_LOCKED) && pg != zero_page()) {
				get_page(pg); /* (held across the munlock) */
				unmap_page(mm, a, pg);
				munlock_page(pg);
				put_page(pg);
			} else {
				unmap_page(mm, a, pg);
			}
		} else if (is_swap_pte(*pte)) {
			zap_swap_pte(mm, pte);
		}
		a += PAGE_SIZE;
	}
}

/* Split VMAs so that start and end fall on VMA boundaries. 0 or -ENOMEM. */
static int split_at(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *v = vma_lookup(mm, start);
	if (v && v->vm_start < start && !split_vma(mm, v, start))
		return -ENOMEM;
	v = vma_lookup(mm, end);
	if (v && v->vm_start < end && !split_vma(mm, v, end))
		return -ENOMEM;
	return 0;
}

int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len)
{
	uint64_t end;
	struct vm_area_struct *v;

	if ((start & ~PAGE_MASK) || !len || start >= TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (split_at(mm, start, end))
		return -ENOMEM;
	while ((v = find_vma_intersection(mm, start, end))) {
		zap_page_range(mm, v, v->vm_start, v->vm_end);
		vma_unlink(mm, v);
		vm_area_free(v);
	}
	return 0;
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC;
	if ((flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE)
		vm |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vm |= VM_NORESERVE;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	return vm;
}

int64_t do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned long prot,
		unsigned long flags, struct file *file, uint64_t off, int pid)
{
	struct vm_area_struct *v;
	unsigned long vm_flags;
	unsigned int type = flags & MAP_TYPE;
	int err;

	if (!len)
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (file) {
		if (!file->f_inode || !(file->f_mode & FMODE_READ))
			return file->f_inode ? -EACCES : -ENODEV;
		if ((type != MAP_PRIVATE) && (prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len)
			return -ENOMEM;
		if (find_vma_intersection(mm, addr, addr + len)) {
			if (flags & MAP_FIXED_NOREPLACE)
				return -EEXIST;
			err = do_munmap(mm, addr, len);
			if (err)
				return err;
		}
	} else {
		uint64_t hint = PAGE_ALIGN(addr);
		if (hint && hint >= MMAP_MIN_ADDR && hint <= TASK_SIZE - len &&
		    !find_vma_intersection(mm, hint, hint + len))
			addr = hint;
		else
			addr = get_unmapped_area_topdown(mm, len, MMAP_MIN_ADDR, mm->mmap_base);
		if (!addr)
			return -ENOMEM;
	}
	vm_flags = calc_vm_flags(prot, flags) | mm->def_flags;
	struct file *shm = NULL;
	if (!file && (vm_flags & VM_SHARED)) {
		shm = file = shmem_file_setup(len);
		if (!shm)
			return -ENOMEM;
		off = 0;
	}
	v = vm_area_alloc(mm);
	if (!v) {
		if (shm)
			fput(shm);
		return -ENOMEM;
	}
	v->vm_start = addr;
	v->vm_end = addr + len;
	v->vm_flags = vm_flags;
	if (file) {
		v->vm_file = file;
		if (!shm)
			get_file(file); /* (a new shmem file's reference goes to the VMA) */
		v->vm_pgoff = off >> PAGE_SHIFT;
	}
	err = insert_vm_struct(mm, v);
	if (err) {
		vm_area_free(v);
		return err;
	}
	vma_merge_neighbours(mm, v);
	if ((flags & MAP_POPULATE) || (vm_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED)
		mm_populate(mm, addr, addr + len, pid);
	return (int64_t)addr;
}

int do_mprotect(struct mm_struct *mm, uint64_t start, uint64_t len, unsigned long prot)
{
	uint64_t end, a;
	struct vm_area_struct *v;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (!len)
		return 0;
	/* the whole range must be mapped */
	for (a = start; a < end; a = v->vm_end) {
		v = vma_lookup(mm, a);
		if (!v)
			return -ENOMEM;
		if ((prot & PROT_WRITE) && (v->vm_flags & VM_SHARED) && v->vm_file &&
		    !(v->vm_file->f_mode & FMODE_WRITE))
			return -EACCES;
	}
	if (split_at(mm, start, end))
		return -ENOMEM;
	for (a = start; a < end;) {
		v = vma_lookup(mm, a);
		v->vm_flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) |
			      (calc_vm_flags(prot, 0) & (VM_READ | VM_WRITE | VM_EXEC));
		/* Rewrite present PTEs; write permission comes back through a write
		 * fault (do_wp_page decides between reuse and copy). */
		uint64_t newprot = vm_get_page_prot(v->vm_flags) & ~(uint64_t)_PAGE_WRITE;
		for (uint64_t p = v->vm_start; p < v->vm_end; p += PAGE_SIZE) {
			pte_t *pte = pte_offset(mm, p, false);
			if (!pte) {
				p = ((p + (1ull << 21)) & ~((1ull << 21) - 1)) - PAGE_SIZE;
				continue;
			}
			if (!pte_present(*pte))
				continue;
			bool keep_w = pte_write(*pte) && (v->vm_flags & VM_WRITE);
			*pte = (*pte & ~(uint64_t)0x3ff) | newprot |
			       (*pte & (_PAGE_ACCESSED | _PAGE_DIRTY)) | (keep_w ? _PAGE_WRITE : 0);
			flush_tlb_page(mm, p);
		}
		a = v->vm_end;
		vma_merge_neighbours(mm, v);
	}
	return 0;
}

uint64_t do_brk(struct mm_struct *mm, uint64_t brk, int pid)
{
	uint64_t oldend = PAGE_ALIGN(mm->brk), newend = PAGE_ALIGN(brk);
	struct vm_area_struct *v;

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return mm->brk;
	if (newend == oldend) {
		mm->brk = brk;
		return brk;
	}
	if (newend < oldend) {
		if (do_munmap(mm, newend, oldend - newend))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	if (find_vma_intersection(mm, oldend, newend + PAGE_SIZE))
		return mm->brk; /* keep a guard page below the next mapping */
	v = vm_area_alloc(mm);
	if (!v)
		return mm->brk;
	v->vm_start = oldend;
	v->vm_end = newend;
	v->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | mm->def_flags;
	v->kind = VMA_HEAP;
	if (insert_vm_struct(mm, v)) {
		vm_area_free(v);
		return mm->brk;
	}
	vma_merge_neighbours(mm, v);
	mm->brk = brk;
	if ((mm->def_flags & (VM_LOCKED | VM_LOCKONFAULT)) == VM_LOCKED)
		mm_populate(mm, oldend, newend, pid); /* mlockall(MCL_FUTURE) */
	return brk;
}
