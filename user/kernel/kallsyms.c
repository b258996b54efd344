// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>
#include "kallsyms.h"

bool kallsyms__range(FILE *f, const char *name, uint64_t *start, uint64_t *end)
{
	char line[512], sym[256], type;
	uint64_t addr;
	bool found = false;

	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 " %c %255s", &addr, &type, sym) != 3)
			continue;
		if (found && addr > *start) {
			*end = addr;
			return true;
		}
		if (!found && (type == 't' || type == 'T') && !strcmp(sym, name) && addr) {
			*start = addr;
			found = true;
		}
	}
	return false;
}
