/* SPDX-License-Identifier: GPL-2.0 */
/* A small file (/proc, /sys, cgroup files) read whole in one read. */
#ifndef VIGIL_SMALL_FILE_H
#define VIGIL_SMALL_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* Up to len - 1 bytes of path into buf, NUL-terminated; the length, or -1. */
ssize_t small_file__read(const char *path, char *buf, size_t len);

#endif /* VIGIL_SMALL_FILE_H */
