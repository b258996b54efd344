// SPDX-License-Identifier: GPL-2.0
/* What the runtimes answer: Docker inspect, containers/storage records, OCI specs. */
#include <stdint.h>
#include "containers_storage.h"
#include "docker_api.h"
#include "json.h"

/* Whatever was parsed must turn into a valid line. */
static void emit(const struct container_meta *m)
{
	struct json j = { 0 };

	json__reset(&j);
	json__begin_object(&j, "container");
	container_meta__container_fields(&j, m);
	json__end_object(&j);
	container_meta__orchestrator(&j, m);
	json__end_line(&j);
	json__free(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct container_meta m = { 0 };

	docker_api__parse(text, size, &m);
	emit(&m);
	container_meta__free(&m);
	containers_storage__parse_list(text, size, "724b", &m);
	containers_storage__parse_config(text, size, &m);
	emit(&m);
	container_meta__free(&m);
	return 0;
}
