/*
 * eventpoll.h - epoll_create1/epoll_ctl/epoll_pwait/epoll_pwait2 and
 * eventfd2 (see eventpoll.c for the rules).
 */
#ifndef RVMM_OS_EVENTPOLL_H
#define RVMM_OS_EVENTPOLL_H

#include <stdint.h>

struct file;

long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, uint64_t uevent);
long sys_epoll_pwait(int epfd, uint64_t uevents, int maxevents, int timeout_ms, uint64_t usig,
		     uint64_t sigsetsize);
long sys_epoll_pwait2(int epfd, uint64_t uevents, int maxevents, uint64_t utmo, uint64_t usig,
		      uint64_t sigsetsize);
long sys_eventfd2(unsigned int initval, int flags);
/* fput: the last reference of f is going; its epoll registrations go too. */
void eventpoll_release_file(struct file *f);

#endif
