/*
 * fault.c - the page-fault handler: demand paging of anonymous memory (the
 * shared zero page for reads, a zeroed frame for writes), file pages from
 * the page cache, and copy-on-write (do_wp_page).
 *
 * Reference rules: every present user PTE holds one reference on its page
 * (get_page) and one unit of mapcount, except PTEs of the zero page, which
 * hold neither (as Linux). rss_stat counts present PTEs by kind.
 * Private pages are mapped read-only whenever they are shared (the zero page,
 * a page-cache page, an anonymous page after fork), so that a write faults
 * here and is copied; an anonymous page that only one PTE maps is reused.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "os/fs/file.h"
#include "os/klog.h"
#include "os/mm/events.h"
#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page_alloc.h"
#include "os/mm/rmap.h"
#include "os/mm/slab.h"
#include "os/mm/swap.h"
#include "os/mm/swap_fault.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"
#include "os/nommu.h"

static struct page *zero_pg;
static struct kmem_cache *mm_cachep;

struct page *zero_page(void)
{
	return zero_pg;
}

int mm_caches_init(void)
{
	if (vma_cache_init() || filemap_init() || rmap_init())
		return -ENOMEM;
	if (!mm_cachep)
		mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
					      SLAB_HWCACHE_ALIGN, NULL);
	if (!zero_pg) {
		zero_pg = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (zero_pg)
			set_page_kind(zero_pg, FK_ZERO);
	}
	return mm_cachep && zero_pg ? 0 : -ENOMEM;
}

void mm_caches_exit(void)
{
	if (zero_pg)
		__free_page(zero_pg);
	zero_pg = NULL;
	if (mm_cachep)
		kmem_cache_destroy(mm_cachep);
	mm_cachep = NULL;
	filemap_exit();
	rmap_exit();
	vma_cache_exit();
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	mm->mm_users = 1;
	mm->mmap_base = MMAP_BASE;
	if (pgd_alloc(mm)) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	return mm;
}

int set_mm_exe_file(struct mm_struct *mm, struct file *f)
{
	if (f) {
		int err = deny_write_access(f->f_inode);
		if (err)
			return err;
		get_file(f);
	}
	if (mm->exe_file) {
		allow_write_access(mm->exe_file->f_inode);
		fput(mm->exe_file);
	}
	mm->exe_file = f;
	return 0;
}

void mmput(struct mm_struct *mm)
{
	if (mm->mm_users <= 0)
		panic("mmput: mm_users %d", mm->mm_users);
	if (--mm->mm_users)
		return;
	if (kernel_nommu()) /* NOMMU: the regions go back (os/nommu.c) */
		nommu_mm_release(mm);
	while (mm->map_count) {
		struct vm_area_struct *v = mm->vmas[mm->map_count - 1];
		do_munmap(mm, v->vm_start, v->vm_end - v->vm_start);
	}
	free_pgtables(mm);
	set_mm_exe_file(mm, NULL);
	kfree(mm->vmas);
	kmem_cache_free(mm_cachep, mm);
}

/* A zeroed anonymous frame owned by pid. */
static struct page *alloc_anon_page(int pid)
{
	struct page *pg = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!pg)
		return NULL;
	set_page_kind(pg, FK_ANON);
	set_page_owner(pg, (unsigned int)pid);
	pg->mapping = (struct address_space *)PAGE_MAPPING_ANON;
	SetPageSwapBacked(pg);
	flush_icache_frame(page_to_pfn(pg));
	return pg;
}

/* Which RSS counter a mapped page counts in. */
int mm_counter(const struct page *pg)
{
	const struct address_space *as = page_mapping(pg);
	if (PageAnon(pg))
		return MM_ANONPAGES;
	return as && as->host && as->host->i_dev == SHMEM_DEV ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* Install a PTE for pg at addr (consuming the caller's page reference). 0 or -ENOMEM.
 * A new anonymous page enters the inactive anon LRU list here. */
int map_page(struct mm_struct *mm, uint64_t addr, pte_t *pte, struct page *pg, uint64_t prot)
{
	if (pg != zero_pg && page_add_rmap(pg, mm, addr & PAGE_MASK)) {
		put_page(pg);
		return -ENOMEM;
	}
	/* young, as Linux maps a faulted page: reclaim must not take it before its first use */
	*pte = pfn_pte(page_to_pfn(pg), prot | _PAGE_ACCESSED);
	if (pg == zero_pg)
		return 0;
	if (!page_mapped(pg))
		mod_lruvec_page_state(pg, PageAnon(pg) ? NR_ANON_MAPPED : NR_FILE_MAPPED, 1);
	page_mapcount_inc(pg);
	if (PageSwapBacked(pg) && !PageLRU(pg))
		lru_cache_add_inactive_or_unevictable(pg, 0);
	if (mm->locked_vm) { /* mapped into an mlocked VMA: locked too (madvise.c) */
		struct vm_area_struct *v = vma_lookup(mm, addr);
		if (v && (v->vm_flags & VM_LOCKED))
			mlock_page(pg);
	}
	mm->rss_stat[mm_counter(pg)]++;
	if (get_mm_rss(mm) > mm->hiwater_rss)
		mm->hiwater_rss = get_mm_rss(mm);
	return 0;
}

/* Remove the mapping of pg by mm's PTE at addr (dropping its reference). */
void unmap_page(struct mm_struct *mm, uint64_t addr, struct page *pg)
{
	if (pg == zero_pg)
		return;
	page_remove_rmap(pg, mm, addr & PAGE_MASK);
	mm->rss_stat[mm_counter(pg)]--;
	if (page_mapcount_dec(pg))
		mod_lruvec_page_state(pg, PageAnon(pg) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
	/* The page allocator refuses pages with a mapping: an anonymous page's
	 * anon marker goes with its last reference. */
	if (PageAnon(pg) && page_count(pg) == 1)
		pg->mapping =
		    NULL; /* (PG_swapbacked stays: it names the LRU list until the free) */
	/* the last mapping of a swapped-in page whose slot nothing else refers to: drop the copy */
	if (PageSwapCache(pg) && !page_mapped(pg))
		try_to_free_swap(pg);
	put_page(pg);
}

/* A write to a present, read-only PTE of a writable VMA. */
static enum vm_fault_result do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
				       uint64_t addr, pte_t *pte, int pid)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;
	uint64_t prot = vm_get_page_prot(vma->vm_flags);

	if (vma->vm_flags & VM_SHARED) {
		*pte |= _PAGE_WRITE;
		return VM_FAULT_OK;
	}
	if (old != zero_pg && PageAnon(old) && page_count(old) == 1) {
		*pte |= _PAGE_WRITE; /* we are the only user: reuse */
		set_page_tag_flags(old, 0, FTF_COW);
		return VM_FAULT_OK;
	}
	/* the allocation may reclaim: keep old mapped here (try_to_unmap skips locked pages) */
	if (old != zero_pg)
		SetPageLocked(old);
	new = alloc_anon_page(pid);
	if (old != zero_pg)
		ClearPageLocked(old);
	if (!new)
		return VM_FAULT_OOM;
	if (old != zero_pg) {
		memcpy(page_address(new), page_address(old), PAGE_SIZE);
		mm_publish_event(MMEV_COW, page_to_pfn(new), addr, pid);
	}
	if (old != zero_pg && page_mapcount(old) <= 2)
		set_page_tag_flags(old, 0, FTF_COW); /* one mapping will be left */
	unmap_page(mm, addr, old);
	*pte = 0;
	return map_page(mm, addr, pte, new, prot) ? VM_FAULT_OOM : VM_FAULT_OK;
}

/* Is the file page at index beyond the end of the file? */
static bool beyond_eof(struct file *f, unsigned long index)
{
	struct stat st;
	if (f->host_fd < 0) /* shmem: the object's size (inode i_size) */
		return (uint64_t)index * PAGE_SIZE >= f->f_inode->i_size;
	if (fstat(f->host_fd, &st) < 0)
		return true;
	return (uint64_t)index * PAGE_SIZE >= (uint64_t)st.st_size;
}

static enum vm_fault_result do_file_fault(struct mm_struct *mm, struct vm_area_struct *vma,
					  uint64_t addr, pte_t *pte, bool write, int pid)
{
	unsigned long index = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	uint64_t prot = vm_get_page_prot(vma->vm_flags);
	struct page *pg;
	bool major;

	if (beyond_eof(vma->vm_file, index))
		return VM_FAULT_SIGBUS;
	pg = filemap_get_page(vma->vm_file, index, &major);
	if (!pg)
		return VM_FAULT_OOM;
	if (major) {
		mm->maj_flt++;
		count_vm_event(PGMAJFAULT);
	}
	mm_publish_event(major ? MMEV_FAULT_MAJOR : MMEV_FAULT_MINOR, page_to_pfn(pg), addr, pid);
	if (!(vma->vm_flags & VM_SHARED)) {
		prot &= ~(uint64_t)_PAGE_WRITE; /* private: copy on the first write */
		if (write) {
			struct page *new = alloc_anon_page(pid);
			if (!new) {
				put_page(pg);
				return VM_FAULT_OOM;
			}
			memcpy(page_address(new), page_address(pg), PAGE_SIZE);
			put_page(pg);
			return map_page(mm, addr, pte, new, vm_get_page_prot(vma->vm_flags))
				   ? VM_FAULT_OOM
				   : VM_FAULT_OK;
		}
	}
	return map_page(mm, addr, pte, pg, prot) ? VM_FAULT_OOM : VM_FAULT_OK;
}

/* Grow a VM_GROWSDOWN VMA down to cover addr, within RLIMIT_STACK. */
static bool expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr)
{
	uint64_t start = addr & PAGE_MASK;
	int i = vma_index(mm, vma);

	if (vma->vm_end - start > STACK_RLIMIT)
		return false;
	if (i > 0 && mm->vmas[i - 1]->vm_end + PAGE_SIZE > start)
		return false; /* keep a guard page above the VMA below */
	vma->vm_start = start;
	vm_stat_account(mm);
	return true;
}

enum vm_fault_result handle_mm_fault(struct mm_struct *mm, uint64_t addr, unsigned int flags,
				     int pid)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	enum vm_fault_result r = VM_FAULT_OK;
	unsigned long majors = mm->maj_flt;
	pte_t *pte;

	count_vm_event(PGFAULT);
	if (!vma)
		return VM_FAULT_MAPERR;
	if (addr < vma->vm_start &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || !expand_stack(mm, vma, addr)))
		return VM_FAULT_MAPERR;
	if ((write && !(vma->vm_flags & VM_WRITE)) ||
	    ((flags & FAULT_FLAG_INSTRUCTION) && !(vma->vm_flags & VM_EXEC)) ||
	    (!write && !(flags & FAULT_FLAG_INSTRUCTION) && !(vma->vm_flags & VM_READ)))
		return VM_FAULT_ACCERR;
	pte = pte_offset(mm, addr, true);
	if (!pte)
		return VM_FAULT_OOM;
	if (is_swap_pte(*pte)) {
		r = do_swap_page(mm, vma, addr & PAGE_MASK, pte, write, pid);
	} else if (!pte_present(*pte)) {
		if (vma->vm_file) {
			r = do_file_fault(mm, vma, addr & PAGE_MASK, pte, write, pid);
		} else if (write) {
			struct page *pg = alloc_anon_page(pid);
			if (!pg)
				return VM_FAULT_OOM;
			if (map_page(mm, addr, pte, pg, vm_get_page_prot(vma->vm_flags)))
				return VM_FAULT_OOM;
			mm_publish_event(MMEV_FAULT_MINOR, page_to_pfn(pg), addr, pid);
		} else {
			map_page(mm, addr, pte, zero_pg,
				 vm_get_page_prot(vma->vm_flags) & ~(uint64_t)_PAGE_WRITE);
			mm_publish_event(MMEV_FAULT_MINOR, page_to_pfn(zero_pg), addr, pid);
		}
	} else if (write && !pte_write(*pte)) {
		r = do_wp_page(mm, vma, addr & PAGE_MASK, pte, pid);
	}
	if (r == VM_FAULT_OK && mm->maj_flt == majors)
		mm->min_flt++;
	flush_tlb_page(mm, addr & PAGE_MASK);
	return r;
}

int mm_populate(struct mm_struct *mm, uint64_t start, uint64_t end, int pid)
{
	for (uint64_t a = start & PAGE_MASK; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *v = vma_lookup(mm, a);
		pte_t *pte;
		if (!v)
			return -ENOMEM;
		pte = pte_offset(mm, a, false);
		if (pte && pte_present(*pte))
			continue;
		unsigned int fl =
		    (v->vm_flags & VM_WRITE) && !(v->vm_flags & VM_SHARED) && !v->vm_file
			? FAULT_FLAG_WRITE
			: 0;
		if (!(v->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;
		if (!(v->vm_flags & VM_READ) && !fl)
			fl = FAULT_FLAG_INSTRUCTION;
		if (handle_mm_fault(mm, a, fl, pid) != VM_FAULT_OK)
			return -ENOMEM;
	}
	return 0;
}
