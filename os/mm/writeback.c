/*
 * writeback.c - writing back file pages dirtied through shared mappings
 * (fsync, fdatasync, sync). The hart's page walker sets the D bit of the
 * PTE a program writes through; the reverse map finds every PTE of a
 * cached page, so a page is dirty when any of them has D set. After the
 * write the D bits are cleared (and the TLB entries flushed, so the next
 * store sets D again).
 */
#include <errno.h>

#include "os/mm/filemap.h"
#include "os/mm/mm.h"
#include "os/mm/page.h"
#include "os/mm/pgtable.h"
#include "os/mm/rmap.h"
#include "os/mm/vma.h"

struct wb_scan {
	bool dirty;
	struct file *via; /* a shared, writable mapping's file to write through */
};

static int pte_scan_dirty(struct mm_struct *mm, uint64_t addr, void *arg)
{
	struct wb_scan *s = arg;
	pte_t *pte = pte_offset(mm, addr, false);
	if (!pte || !pte_present(*pte) || !(*pte & _PAGE_DIRTY))
		return 0;
	struct vm_area_struct *v = vma_lookup(mm, addr);
	s->dirty = true;
	if (!s->via && v && (v->vm_flags & VM_SHARED) && v->vm_file)
		s->via = v->vm_file;
	return 0;
}

static int pte_mkclean(struct mm_struct *mm, uint64_t addr, void *arg)
{
	pte_t *pte = pte_offset(mm, addr, false);
	if (pte && pte_present(*pte) && (*pte & _PAGE_DIRTY)) {
		*pte &= ~(pte_t)_PAGE_DIRTY;
		flush_tlb_page(mm, addr);
	}
	return 0;
}

int filemap_fdatawrite(struct inode *inode)
{
	struct address_space *as = &inode->i_data;
	int err = 0;

	for (unsigned long i = 0; i < as->nrpages; i++) {
		struct page *pg = as->pages[i];
		struct wb_scan s = {false, NULL};
		rmap_walk(pg, pte_scan_dirty, &s);
		if (!s.dirty || !s.via)
			continue;
		if (filemap_write_page(s.via, pg)) {
			err = -EIO;
			continue;
		}
		rmap_walk(pg, pte_mkclean, NULL);
	}
	return err;
}
