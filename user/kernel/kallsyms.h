/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel symbol address ranges from /proc/kallsyms (pure parsing). */
#ifndef VIGIL_KALLSYMS_H
#define VIGIL_KALLSYMS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* [start, end) of a text symbol: its address up to the next symbol's. */
struct kallsyms_range {
	uint64_t start, end; /* both 0: absent, or addresses hidden (kptr_restrict shows zeros) */
};

/* The ranges of n symbols in one pass over f (the file is long): how many were found. */
int kallsyms__ranges(FILE *f, const char *const *names, int n, struct kallsyms_range *out);

#endif /* VIGIL_KALLSYMS_H */
