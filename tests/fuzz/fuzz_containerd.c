// SPDX-License-Identifier: GPL-2.0
/* containerd's Containers/Get answer: protobuf, with the OCI spec as JSON inside. */
#include <stdint.h>
#include "containerd_api.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct container_meta m;
	struct json j = { 0 };

	if (containerd_api__parse(data, size, &m) == 0) {
		json__reset(&j);
		json__begin_object(&j, "container");
		container_meta__container_fields(&j, &m);
		json__end_object(&j);
		container_meta__orchestrator(&j, &m);
		json__end_line(&j);
		json__free(&j);
		container_meta__free(&m);
	}
	return 0;
}
