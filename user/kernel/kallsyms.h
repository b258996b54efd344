/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel symbol address ranges from /proc/kallsyms (pure parsing). */
#ifndef VIGIL_KALLSYMS_H
#define VIGIL_KALLSYMS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * [start, end) of a text symbol: its address up to the next symbol's.
 * False if absent, or if addresses are hidden (kptr_restrict shows zeros).
 */
bool kallsyms__range(FILE *f, const char *name, uint64_t *start, uint64_t *end);

#endif /* VIGIL_KALLSYMS_H */
