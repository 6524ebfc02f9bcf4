/*
 * pgrp.h - process groups and sessions (see pgrp.c).
 */
#ifndef RVMM_OS_PGRP_H
#define RVMM_OS_PGRP_H

long sys_setpgid(int pid, int pgid);
/* getpgid(2) (which 0) and getsid(2) (which 1). */
long sys_getpgid_sid(int pid, int which);
long sys_setsid(void);

#endif
