/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The loaded policy, applied: each container's rule written into the
 * kernel's maps (include/vigil_policy.h) as soon as its metadata is known,
 * the allow-lists, and the swap to a new policy. Thread-safe: the metadata
 * worker places containers as their lookups finish, the event loop tracks
 * cgroups and reloads.
 */
#ifndef VIGIL_POLICY_APPLY_H
#define VIGIL_POLICY_APPLY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <linux/types.h>
#include "container_meta.h"
#include "policy.h"

struct policy_tracked;

struct policy_maps {
	int container_policy, config, allow_paths, allowed_writes;
};

struct policy_apply {
	pthread_mutex_t lock;
	struct policy *policy; /* NULL: no --policy */
	__u32 generation;      /* of the allow_paths keys in use: rule_key >> 16 */
	struct policy_maps maps;
	bool metadata; /* lookups run: a container waits for its metadata (pending) */
	struct policy_tracked *by_id;
	uint64_t placed, placed_pending; /* containers placed; of them, after an alert found them pending */
	uint64_t reloads, rejected;
};

void policy_apply__init(struct policy_apply *pa, const struct policy_maps *maps, bool metadata);
/*
 * Makes p (owned from now on, freed here) the policy: its allow-lists,
 * every known container placed under its rule, then the previous policy's
 * entries removed. 0, or negative errno with the previous policy kept.
 */
int policy_apply__load(struct policy_apply *pa, struct policy *p);
/* A cgroup classified as container id (runtime): placed now if its rule can be known. */
void policy_apply__cgroup(struct policy_apply *pa, __u64 cgid, const char *id, const char *runtime);
void policy_apply__cgroup_gone(struct policy_apply *pa, __u64 cgid, const char *id);
/* The metadata worker's lookup of id finished (meta NULL: failed): its cgroups are placed. */
void policy_apply__metadata(void *pa, const char *id, const struct container_meta *meta);
/* The rule the cgroup's container is under: its name, NULL when none yet (pending) or no policy. */
bool policy_apply__rule_of(struct policy_apply *pa, __u64 cgid, char *name, size_t len, bool *pending);
/* The policy in force, by its file's hash ("" for none). */
void policy_apply__sha256(struct policy_apply *pa, char out[65]);
/* Allowed writes, no alert (the kernel's count). */
uint64_t policy_apply__allowed_writes(struct policy_apply *pa);
void policy_apply__free(struct policy_apply *pa);

#endif /* VIGIL_POLICY_APPLY_H */
