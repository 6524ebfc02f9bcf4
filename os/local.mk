# os/ - the HLE kernel and its memory manager.
noinst_HEADERS = os/observe.h

# The kernel log and the physical memory manager (issue 3): libmm.a, linked by
# the kernel and by the mm unit tests.
noinst_HEADERS += os/list.h os/kref.h os/klog.h \
	os/mm/gfp.h os/mm/page.h os/mm/mmzone.h os/mm/page_alloc.h os/mm/slab.h \
	os/mm/vmalloc.h os/mm/mempool.h os/mm/vmstat.h os/mm/mm_init.h os/mm/mm_proc.h
