/* SPDX-License-Identifier: GPL-2.0 */
/* Building absolute paths inside a container from what the BPF side sent (pure). */
#ifndef VIGIL_PATHBUF_H
#define VIGIL_PATHBUF_H

#include <stdbool.h>
#include <stddef.h>

#define PATHBUF_MAX 8192

/*
 * "c\0b\0a\0" (leaf first, as the BPF path walk writes it) -> "/a/b/c".
 * Zero components give "/". Returns the length, or -1 if it does not fit.
 */
int pathbuf__from_components(const char *comp, size_t n, char *out, size_t len);

/*
 * base + "/" + rel when rel is relative, rel alone when absolute, then "."
 * and ".." and repeated "/" folded lexically ("/.." stays "/").
 */
int pathbuf__join_normalize(const char *base, const char *rel, char *out, size_t len);

#endif /* VIGIL_PATHBUF_H */
