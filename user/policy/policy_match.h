/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which rule of a policy a container falls under: the first whose every
 * given match key matches, else the defaults. Pure.
 */
#ifndef VIGIL_POLICY_MATCH_H
#define VIGIL_POLICY_MATCH_H

#include "container_meta.h"
#include "policy.h"

/* The container as a rule sees it; any field may be NULL (then a rule that names it does not match). */
struct policy_subject {
	const char *runtime;
	const struct container_meta *meta;
	const struct meta_label *pod_labels; /* the pod's own (its sandbox's) labels */
	unsigned int n_pod_labels;
};

/* The index of the first matching rule, or -1: the defaults. */
int policy__select(const struct policy *p, const struct policy_subject *s);
/* The image pattern against an image reference, Docker Hub's implicit names normalized (tests). */
bool policy__image_matches(const char *pattern, const char *image, const char *image_id);

#endif /* VIGIL_POLICY_MATCH_H */
