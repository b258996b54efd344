/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vigil runs with every capability at start-up: a binary any user could
 * replace would hand them to that user. Checked before anything else.
 */
#ifndef VIGIL_SAFE_PATH_H
#define VIGIL_SAFE_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/*
 * Refuses a file any user could replace: the file itself, or a directory
 * on its path, world-writable (a sticky directory such as /tmp is safe:
 * others cannot replace what they do not own). Symbolic links are resolved
 * first. Returns 0, or a negative errno with the reason in why.
 */
int safe_path__check(const char *path, char *why, size_t why_len);

/* The rule, for one file or directory. */
bool safe_path__unsafe_mode(const struct stat *st, bool is_dir);

#endif /* VIGIL_SAFE_PATH_H */
