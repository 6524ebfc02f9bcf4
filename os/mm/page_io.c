/*
 * page_io.c - moving a page to and from its swap slot: pwrite/pread on the
 * host file at slot * PAGE_SIZE, or zram's compress/decompress. Synchronous,
 * so PG_writeback is never seen set; the page is clean after a write.
 */
#include <errno.h>
#include <unistd.h>

#include "os/klog.h"
#include "os/mm/psi.h"
#include "os/mm/swap_state.h"
#include "os/mm/vmstat.h"
#include "os/mm/zram.h"

/* pwrite/pread until done; 0 or -EIO. */
static int file_io(int fd, void *buf, off_t off, bool write)
{
	size_t done = 0;
	while (done < PAGE_SIZE) {
		ssize_t n =
		    write ? pwrite(fd, (char *)buf + done, PAGE_SIZE - done, off + (off_t)done)
			  : pread(fd, (char *)buf + done, PAGE_SIZE - done, off + (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

static struct swap_info_struct *page_swap_info(struct page *page, const char *who)
{
	if (!PageSwapCache(page))
		panic("%s: pfn %#lx is not in the swap cache", who, page_to_pfn(page));
	return swp_swap_info(page_swap_entry(page));
}

int swap_writepage(struct page *page)
{
	struct swap_info_struct *si = page_swap_info(page, "swap_writepage");
	if (!si)
		return -EINVAL;
	unsigned long off = swp_offset(page_swap_entry(page));
	int err = si->backing == SWAP_BACKING_ZRAM
		      ? zram_write_page(si->zram, off, page_address(page))
		      : file_io(si->fd, page_address(page), (off_t)(off << PAGE_SHIFT), true);
	if (err) {
		pr_err("Write-error on swap-device (%u:%lu)\n", si->type, off);
		return err;
	}
	ClearPageDirty(page);
	set_page_tag_flags(page, 0, FTF_DIRTY);
	count_vm_event(PSWPOUT);
	count_vm_events(PGPGOUT, PAGE_SIZE >> 10);
	return 0;
}

int swap_readpage(struct page *page)
{
	struct swap_info_struct *si = page_swap_info(page, "swap_readpage");
	if (!si)
		return -EINVAL;
	unsigned long off = swp_offset(page_swap_entry(page));
	int err = si->backing == SWAP_BACKING_ZRAM
		      ? zram_read_page(si->zram, off, page_address(page))
		      : file_io(si->fd, page_address(page), (off_t)(off << PAGE_SHIFT), false);
	if (err) {
		pr_err("Read-error on swap-device (%u:%lu)\n", si->type, off);
		return err;
	}
	SetPageUptodate(page);
	count_vm_event(PSWPIN);
	count_vm_events(PGPGIN, PAGE_SIZE >> 10);
	psi_memstall(PSI_SWAPIN_US); /* the faulting task waited for it */
	return 0;
}
