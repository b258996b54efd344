// SPDX-License-Identifier: GPL-2.0
/*
 * The policy file is an operator's, but a ConfigMap is edited by many
 * hands: any bytes give a policy or one error with a place, never a crash,
 * a leak or a half-built policy; a parsed one selects a rule for any
 * container without reading out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"
#include "policy_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct meta_label labels[] = { { "app", "web" }, { "tier", "front" } };
	struct container_meta meta = { .name = "web-1",
				       .image = "docker.io/library/nginx:1.25@sha256:ab",
				       .image_id = "sha256:cd",
				       .n_labels = 2,
				       .pod_name = "web-5d9f",
				       .pod_namespace = "prod" };
	struct policy_subject s = { "docker", &meta, labels, 2 };
	struct policy p;
	struct policy_error err;
	int rule;

	meta.labels[0] = labels[0];
	meta.labels[1] = labels[1];
	if (policy__parse((const char *)data, size, &p, &err)) {
		if (p.n_rules || p.rules || !err.msg[0])
			abort(); /* an error leaves nothing and says why */
		return 0;
	}
	rule = policy__select(&p, &s);
	if (rule < -1 || rule >= (int)p.n_rules)
		abort();
	policy__free(&p);
	return 0;
}
