/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's metadata as the ECS fields an alert carries (container.*,
 * orchestrator.*), on one JSON line in j: what the unit tests compare and
 * what the fuzzers require to stay valid.
 */
#ifndef VIGIL_TEST_META_LINE_H
#define VIGIL_TEST_META_LINE_H

#include <stdbool.h>
#include "json.h"
#include "metadata.h"

static inline bool meta_line(struct json *j, const struct container_meta *m)
{
	json__reset(j);
	json__begin_object(j, "container");
	container_meta__container_fields(j, m);
	json__end_object(j);
	container_meta__orchestrator(j, m);
	return json__end_line(j);
}

#endif /* VIGIL_TEST_META_LINE_H */
