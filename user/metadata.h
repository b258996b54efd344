/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Container metadata (name, image, labels, Kubernetes pod) for alerts.
 * Looked up off the event path by a worker thread when a container appears,
 * cached per container id, forgotten when its cgroup goes. An alert never
 * waits for it: until the lookup is done (or if it fails), alerts carry the
 * container id alone.
 */
#ifndef VIGIL_METADATA_H
#define VIGIL_METADATA_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "json.h"

#define META_LABELS_MAX		32	/* container.labels keeps the first 32 */
#define META_VALUE_MAX		1024	/* longer values are cut */
#define META_WAIT_MS		20	/* the first alert of a container waits this long at most */

struct meta_label {
	char *key;
	char *value;
};

/* What a runtime told about one container; any field may be NULL. */
struct container_meta {
	char *name;
	char *image;			/* as configured: repo[:tag][@digest] */
	char *image_id;			/* the runtime's image id (sha256:...) */
	struct meta_label labels[META_LABELS_MAX];
	unsigned int n_labels;
	bool labels_truncated;
	/* Kubernetes, from the labels or annotations a kubelet sets */
	char *pod_name;
	char *pod_namespace;
	char *pod_uid;
	char *k8s_container;
};

void container_meta__free(struct container_meta *m);
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

/* Where the runtimes keep what vigil reads (cli.c fills in the defaults). */
struct metadata_sources {
	const char *docker_socket;	/* Docker Engine API */
	const char *containerd_socket;	/* containerd gRPC API */
	const char *storage_root;	/* containers/storage (Podman, CRI-O) */
};

struct meta_entry;

struct metadata {
	pthread_t worker;
	pthread_mutex_t lock;
	pthread_cond_t wake;		/* worker: a lookup is queued */
	pthread_cond_t done;		/* event loop: a lookup finished */
	struct meta_entry *by_id;	/* uthash, under lock */
	struct meta_entry *queue;	/* pending lookups, under lock */
	bool stopping, started;
	bool engine_slow;		/* a lookup outlasted META_WAIT_MS: wait no more until one succeeds */
	struct metadata_sources src;
	uint64_t lookups, lookup_failures;	/* under lock, for the metrics */
};

int metadata__start(struct metadata *md, const struct metadata_sources *src);
void metadata__stop(struct metadata *md);
/* A container appeared: look it up in the background (no-op if known). */
void metadata__want(struct metadata *md, const char *id, const char *runtime);
void metadata__forget(struct metadata *md, const char *id);
/*
 * The container's metadata, locked until metadata__unlock; NULL (and
 * nothing locked) when it is not known (yet). The first call for a
 * container whose lookup is under way waits for it, META_WAIT_MS at most
 * (an engine inspect takes under a millisecond here), and not at all while
 * the engine is slow: the first alert of a new container carries its name,
 * and a hung engine costs the event loop one such wait.
 */
const struct container_meta *metadata__lock(struct metadata *md, const char *id);
void metadata__unlock(struct metadata *md);
void metadata__counters(struct metadata *md, uint64_t *lookups, uint64_t *failures);

#endif /* VIGIL_METADATA_H */
