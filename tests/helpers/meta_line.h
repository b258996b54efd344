/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's metadata as the ECS fields an alert carries (container.*,
 * orchestrator.*), on one JSON line in j: what the unit tests compare and
 * what the fuzzers require to stay valid.
 */
#ifndef VIGIL_TEST_META_LINE_H
#define VIGIL_TEST_META_LINE_H

#include <stdbool.h>
#include <stdlib.h>
#include <json-c/json.h>
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

/* For the fuzzers: whatever a runtime answered, the line is built and is one JSON object. */
static inline void meta_line_must_parse(struct json *j, const struct container_meta *m)
{
	struct json_tokener *tok;
	struct json_object *root;

	if (!meta_line(j, m))
		abort();
	tok = json_tokener_new();
	root = json_tokener_parse_ex(tok, j->buf, (int)j->len);
	if (!root || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(root, json_type_object))
		abort();
	json_object_put(root);
	json_tokener_free(tok);
}

#endif /* VIGIL_TEST_META_LINE_H */
