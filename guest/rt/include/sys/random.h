/* sys/random.h - rvmm guest runtime: getrandom(). */
#ifndef _RT_SYS_RANDOM_H
#define _RT_SYS_RANDOM_H

#include <sys/types.h>

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2

ssize_t getrandom(void *buf, size_t n, unsigned int flags);

#endif
