// SPDX-License-Identifier: GPL-2.0
/* cgroup paths come from the kernel, but any process may name its cgroups. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cgroup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = strndup((const char *)data, size);
	struct container_ref ref;
	char ns[80];

	if (!path)
		return 0;
	if (cgroup__classify(path, &ref) && strlen(ref.id) > CONTAINER_ID_MAX)
		abort();
	if (cgroup__containerd_task(path, ns, sizeof(ns), &ref) && (strlen(ns) >= sizeof(ns) || !*ref.id))
		abort();
	free(path);
	return 0;
}
