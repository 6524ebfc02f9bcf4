/*
 * sysvshm.c - System V shared memory as the classic IPC lecture uses it:
 * shmget (private and keyed, IPC_CREAT/IPC_EXCL, size checks), shmat in a
 * parent and a forked child writing to each other, shm_nattch through
 * fork, shmdt and exit, a read-only attach, IPC_RMID with attaches left
 * (SHM_DEST, key gone, still usable) and after them (EINVAL). Output
 * compared with qemu-riscv64 (kernel_diff.sh).
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;

static void on_segv(int sig)
{
	signal(SIGSEGV, SIG_DFL); /* once: a second fault ends the program */
	siglongjmp(env, sig);
}

static void stat_line(const char *when, int id)
{
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) < 0) {
		printf("%s: IPC_STAT %s\n", when, strerror(errno));
		return;
	}
	printf("%s: size %zu nattch %lu mode %o dest %d key %s\n", when, ds.shm_segsz,
	       (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777,
	       (ds.shm_perm.mode & SHM_DEST) != 0, ds.shm_perm.__key ? "kept" : "private");
}

int main(void)
{
	key_t key = 0x5eed;
	int id, id2, st;
	char *p;

	/* start clean if an earlier run on the same host left the key behind */
	if ((id = shmget(key, 0, 0)) >= 0)
		shmctl(id, IPC_RMID, NULL);

	id = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600);
	printf("shmget: %s\n", id >= 0 ? "ok" : strerror(errno));
	id2 = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600);
	printf("again with IPC_EXCL: %s\n", id2 < 0 ? strerror(errno) : "ok?");
	printf("same key: %s\n", shmget(key, 5000, 0) == id ? "same id" : "other");
	printf("bigger than it is: %s\n", shmget(key, 20000, 0) < 0 ? strerror(errno) : "ok?");
	printf("unknown key: %s\n", shmget(0x7777, 10, 0) < 0 ? strerror(errno) : "ok?");
	printf("size 0: %s\n", shmget(IPC_PRIVATE, 0, IPC_CREAT) < 0 ? strerror(errno) : "ok?");
	stat_line("created", id);

	p = shmat(id, NULL, 0);
	printf("shmat: %s, zeroed: %d\n", p != (void *)-1 ? "ok" : strerror(errno), p[9999]);
	strcpy(p, "parent");
	stat_line("attached", id);
	fflush(stdout);
	if (fork() == 0) {
		printf("child reads: %s\n", p);
		strcpy(p + 100, "child");
		stat_line("in the child (fork attaches too)", id);
		fflush(stdout);
		_exit(0);
	}
	wait(&st);
	printf("parent reads: %s\n", p + 100);
	stat_line("child gone", id);

	char *ro = shmat(id, NULL, SHM_RDONLY);
	printf("read-only attach sees: %s\n", ro);
	signal(SIGSEGV, on_segv);
	int sig = sigsetjmp(env, 1);
	if (!sig)
		ro[0] = 'X';
	printf("writing it: signal %d\n", sig);
	printf("shmdt: %d\n", shmdt(ro));
	printf("shmdt again: %s\n", shmdt(ro) < 0 ? strerror(errno) : "ok?");
	printf("shmat misaligned: %s\n",
	       shmat(id, (void *)0x12345, 0) == (void *)-1 ? strerror(errno) : "ok?");

	printf("IPC_RMID: %d\n", shmctl(id, IPC_RMID, NULL));
	stat_line("removed, still attached", id);
	printf("the key is free: %s\n", shmget(key, 10, 0) < 0 ? strerror(errno) : "ok?");
	printf("still usable: %s\n", p);
	printf("shmdt: %d\n", shmdt(p));
	stat_line("after the last detach", id);
	return 0;
}
