// SPDX-License-Identifier: GPL-2.0
/* What the runtimes answer: Docker inspect, containers/storage records, OCI specs. */
#include <stdint.h>
#include "containers_storage.h"
#include "docker_api.h"
#include "meta_line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct json j = { 0 };
	struct container_meta m = { 0 };

	docker_api__parse(text, size, &m);
	meta_line_must_parse(&j, &m);
	container_meta__free(&m);
	containers_storage__parse_list(text, size, "724b", &m);
	containers_storage__parse_config(text, size, &m);
	meta_line_must_parse(&j, &m);
	container_meta__free(&m);
	json__free(&j);
	return 0;
}
