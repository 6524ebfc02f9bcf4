/*
 * mmapops.c - the mapping calls as programs use them: anonymous and file
 * mappings, private and shared, mprotect, mremap (in place and moving),
 * madvise(MADV_DONTNEED), mincore, msync, munmap. Prints what it observes;
 * the output must match Linux (qemu-riscv64).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PG 4096

int main(void)
{
	char *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("anon mmap: %s, first byte %d\n", a == MAP_FAILED ? "failed" : "ok", a[0]);
	memset(a, 'x', 4 * PG);
	unsigned char vec[8];
	printf("mincore: %d\n", mincore(a, 4 * PG, vec));
	printf("resident: %d %d %d %d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
	printf("madvise DONTNEED: %d\n", madvise(a + PG, PG, MADV_DONTNEED));
	printf("after DONTNEED: %d %c\n", a[PG], a[2 * PG]);
	printf("mprotect read-only: %d\n", mprotect(a, PG, PROT_READ));
	/* a range spanning two VMAs cannot be remapped */
	printf("mremap across VMAs: %s\n",
	       mremap(a, 4 * PG, 8 * PG, MREMAP_MAYMOVE) == MAP_FAILED ? "fails" : "works?");
	printf("mprotect back: %d\n", mprotect(a, PG, PROT_READ | PROT_WRITE));
	char *b = mremap(a, 4 * PG, 64 * PG, MREMAP_MAYMOVE);
	printf("mremap grow: %s, kept %c%c, new %d\n", b == MAP_FAILED ? "failed" : "ok", b[2 * PG],
	       b[3 * PG + 10], b[40 * PG]);
	char *c = mremap(b, 64 * PG, 2 * PG, 0);
	printf("mremap shrink in place: %s\n", c == b ? "same address" : "moved?");
	printf("munmap: %d\n", munmap(c, 2 * PG));
	printf("mremap of nothing: %s\n",
	       mremap(c, PG, 2 * PG, 0) == MAP_FAILED ? "fails" : "works?");

	const char *path = "rvmm-mmapops.tmp";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ftruncate(fd, 2 * PG);
	char *s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(s + 100, "written through a shared mapping");
	printf("msync: %d\n", msync(s, 2 * PG, MS_SYNC));
	char buf[64] = "";
	pread(fd, buf, 32, 100);
	printf("read back: %s\n", buf);
	pwrite(fd, "WRITE", 5, 100);
	printf("mapping sees write(): %.5s\n", s + 100);
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	p[100] = 'p';
	printf("private copy: %.5s, shared still: %.5s\n", p + 100, s + 100);
	munmap(p, PG);
	munmap(s, 2 * PG);
	close(fd);
	struct stat st;
	stat(path, &st);
	printf("file size %lld\n", (long long)st.st_size);
	unlink(path);
	/* (MAP_FIXED_NOREPLACE is checked in test_vma: qemu-user ignores it, Linux refuses) */
	return 0;
}
