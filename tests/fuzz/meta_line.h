/* SPDX-License-Identifier: GPL-2.0 */
/* For the fuzzers: whatever metadata was parsed must become a valid line. */
#ifndef VIGIL_FUZZ_META_LINE_H
#define VIGIL_FUZZ_META_LINE_H

#include "json.h"
#include "metadata.h"

static inline void meta_line(const struct container_meta *m)
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

#endif /* VIGIL_FUZZ_META_LINE_H */
