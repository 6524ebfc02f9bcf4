/*
 * ipc_shm.h - System V shared memory (shmget/shmat/shmdt/shmctl) on shmem
 * objects; see ipc_shm.c.
 */
#ifndef RVMM_OS_IPC_SHM_H
#define RVMM_OS_IPC_SHM_H

#include <stdint.h>

long sys_shmget(int key, uint64_t size, int flags);
long sys_shmat(int shmid, uint64_t addr, int flags);
long sys_shmdt(uint64_t addr);
long sys_shmctl(int shmid, int cmd, uint64_t ubuf);
/* Shutdown: every segment still in the table is removed (after the tasks are gone). */
void shm_exit(void);

#endif
