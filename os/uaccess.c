/*
 * uaccess.c - copy_{from,to}_user through the hart's MMU (see uaccess.h).
 */
#include "os/uaccess.h"

#include <errno.h>
#include <string.h>

#include "emu/hart.h"
#include "os/mm/mm.h"
#include "os/task.h"

static struct hart *uhart;

void uaccess_set_hart(struct hart *h)
{
	uhart = h;
}

/* Resolve a fault the copy met; true if the copy may retry. */
static bool fixup(uint64_t va, bool write)
{
	if (!current || !current->mm)
		return false;
	return handle_mm_fault(current->mm, va, write ? FAULT_FLAG_WRITE : 0, current->tgid) ==
	       VM_FAULT_OK;
}

/* Copy page by page so a fault restarts only the page it hit. */
static int user_copy(uint64_t va, void *buf, size_t n, bool write)
{
	uint8_t *b = buf;
	int tries = 0;

	while (n) {
		size_t chunk = 4096 - (va & 4095);
		uint64_t fault_va;
		int r;

		if (chunk > n)
			chunk = n;
		if (va + chunk < va || va + chunk > TASK_SIZE)
			return -EFAULT;
		r = write ? hart_vm_write(uhart, PRIV_U, va, b, chunk, &fault_va)
			  : hart_vm_read(uhart, PRIV_U, va, b, chunk, &fault_va);
		if (r) {
			if ((r != EXC_LOAD_PAGE_FAULT && r != EXC_STORE_PAGE_FAULT) ||
			    ++tries > 3 || !fixup(fault_va, write))
				return -EFAULT;
			continue;
		}
		tries = 0;
		va += chunk;
		b += chunk;
		n -= chunk;
	}
	return 0;
}

int copy_from_user(void *dst, uint64_t src, size_t n)
{
	return user_copy(src, dst, n, false);
}

int copy_to_user(uint64_t dst, const void *src, size_t n)
{
	return user_copy(dst, (void *)src, n, true);
}

int clear_user(uint64_t dst, size_t n)
{
	static const uint8_t zeros[256];
	while (n) {
		size_t k = n < sizeof(zeros) ? n : sizeof(zeros);
		if (copy_to_user(dst, zeros, k))
			return -EFAULT;
		dst += k;
		n -= k;
	}
	return 0;
}

long strncpy_from_user(char *dst, uint64_t src, size_t size)
{
	size_t done = 0;
	while (done < size) {
		size_t chunk = 4096 - ((src + done) & 4095);
		if (chunk > size - done)
			chunk = size - done;
		if (copy_from_user(dst + done, src + done, chunk))
			return -EFAULT;
		char *nul = memchr(dst + done, 0, chunk);
		if (nul)
			return nul - dst;
		done += chunk;
	}
	return -ENAMETOOLONG;
}

long get_timespec_ns(uint64_t uts, int64_t *ns)
{
	int64_t ts[2];
	if (copy_from_user(ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
		return -EINVAL;
	*ns = ts[0] >= INT64_MAX / 1000000000 - 1 ? INT64_MAX : ts[0] * 1000000000 + ts[1];
	return 0;
}
