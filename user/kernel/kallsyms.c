// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>
#include "kallsyms.h"

int kallsyms__ranges(FILE *f, const char *const *names, int n, struct kallsyms_range *out)
{
	char line[512], sym[256], type;
	int open = -1, found = 0; /* open: the symbol whose end is the next address */
	uint64_t addr;

	memset(out, 0, sizeof(*out) * n);
	while (found < n && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 " %c %255s", &addr, &type, sym) != 3)
			continue;
		if (open >= 0 && addr > out[open].start) {
			out[open].end = addr;
			open = -1;
			found++;
		}
		if (open >= 0 || (type != 't' && type != 'T') || !addr)
			continue;
		for (int i = 0; i < n; i++)
			if (!out[i].start && !strcmp(sym, names[i])) {
				out[i].start = addr;
				open = i;
				break;
			}
	}
	if (open >= 0) /* the last symbol: no end known */
		out[open].start = 0;
	for (int i = 0; i < n; i++)
		if (!out[i].end)
			out[i].start = 0;
	return found;
}
