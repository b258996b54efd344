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
#include "container_meta.h"

#define META_WAIT_MS 20 /* the first alert of a container waits this long at most */

/* Where the runtimes keep what vigil reads (cli.c fills in the defaults). */
struct metadata_sources {
	const char *docker_socket;     /* Docker Engine API */
	const char *containerd_socket; /* containerd gRPC API */
	const char *storage_root;      /* containers/storage (Podman, CRI-O) */
	const char *docker_root;       /* Docker's data root: a container's config is on disk before it starts */
};

struct meta_entry;

struct metadata {
	pthread_t worker;
	pthread_mutex_t lock;
	pthread_cond_t wake;	  /* worker: a lookup is queued */
	pthread_cond_t done;	  /* event loop: a lookup finished */
	struct meta_entry *by_id; /* uthash, under lock */
	struct meta_entry *queue; /* pending lookups, under lock */
	bool stopping, started;
	bool engine_slow; /* a lookup outlasted META_WAIT_MS: wait no more until one succeeds */
	struct metadata_sources src;
	uint64_t lookups, lookup_failures; /* under lock, for the metrics */
	/* told of every finished lookup (meta NULL: it failed), in the worker, under lock (the policy's rules) */
	void (*on_lookup)(void *ctx, const char *id, const struct container_meta *meta);
	void *on_lookup_ctx;
};

int metadata__start(struct metadata *md, const struct metadata_sources *src);
/* Before metadata__start's worker looks anything up: set once. */
void metadata__on_lookup(struct metadata *md, void (*fn)(void *, const char *, const struct container_meta *),
			 void *ctx);
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
