/* sys/types.h - rvmm guest runtime: the POSIX scalar types (rv64, LP64). */
#ifndef _RT_SYS_TYPES_H
#define _RT_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long time_t;
typedef long suseconds_t;
typedef long clock_t;
typedef int clockid_t;

#endif
