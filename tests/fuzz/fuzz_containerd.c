// SPDX-License-Identifier: GPL-2.0
/* containerd's Containers/Get answer: protobuf, with the OCI spec as JSON inside. */
#include <stdint.h>
#include "containerd_api.h"
#include "meta_line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json j = { 0 };
	struct container_meta m;

	if (containerd_api__parse(data, size, &m) == 0) {
		meta_line_must_parse(&j, &m);
		container_meta__free(&m);
	}
	json__free(&j);
	return 0;
}
