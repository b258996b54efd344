/* SPDX-License-Identifier: GPL-2.0 */
/* What a runtime told about one container, bounded, and its ECS fields (container_meta.c). */
#ifndef VIGIL_CONTAINER_META_H
#define VIGIL_CONTAINER_META_H

#include <stdbool.h>
#include "json.h"

#define META_LABELS_MAX 32   /* container.labels keeps the first 32 */
#define META_VALUE_MAX	1024 /* longer values are cut */

struct meta_label {
	char *key;
	char *value;
};

/* What a runtime told about one container; any field may be NULL. */
struct container_meta {
	char *name;
	char *image;	/* as configured: repo[:tag][@digest] */
	char *image_id; /* the runtime's image id (sha256:...) */
	struct meta_label labels[META_LABELS_MAX];
	unsigned int n_labels;
	bool labels_truncated;
	/* Kubernetes, from the labels or annotations a kubelet sets */
	char *pod_name;
	char *pod_namespace;
	char *pod_uid;
	char *k8s_container;
	char *sandbox_id; /* containerd CRI: the pod sandbox's container, whose labels are the pod's */
	struct meta_label pod_labels[META_LABELS_MAX]; /* the pod's labels (policy pod_labels), first 32 */
	unsigned int n_pod_labels;
};

void container_meta__free(struct container_meta *m);
/* The pod sandbox container's labels become m's pod labels (moved: sandbox keeps none). */
void container_meta__take_pod_labels(struct container_meta *m, struct container_meta *sandbox);
/* A deep copy (a string that cannot be copied for want of memory is left NULL). */
void container_meta__copy(struct container_meta *dst, const struct container_meta *src);
/* A copy of s cut at META_VALUE_MAX; NULL for NULL (or no memory). */
char *container_meta__dup(const char *s);
/* Adds a label, keeping the bound; a known Kubernetes key also fills the pod fields. */
void container_meta__add_label(struct container_meta *m, const char *key, const char *value);
struct json_object;
/* Each string member of a JSON object (NULL: none) as a label. */
void container_meta__add_labels(struct container_meta *m, struct json_object *labels);
/* OCI annotations: only the keys naming the pod, container or image are kept. */
void container_meta__add_annotations(struct container_meta *m, struct json_object *annotations);
/* The ECS fields inside "container" (name, image, labels). */
void container_meta__container_fields(struct json *j, const struct container_meta *m);
/* The top-level "orchestrator" object, when the container belongs to a pod. */
void container_meta__orchestrator(struct json *j, const struct container_meta *m);

#endif /* VIGIL_CONTAINER_META_H */
