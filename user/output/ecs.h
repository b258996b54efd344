/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every line of the stream carries, alert or agent state: the ECS
 * version, the agent, the host, and an event.id unique per line. The
 * identity is read once at start (ecs.c); writing it is pure.
 */
#ifndef VIGIL_ECS_H
#define VIGIL_ECS_H

#include <linux/types.h>
#include "json.h"

#define ECS_VERSION	     "9.4.0"
/*
 * vigil's own schema, under vigil.schema_version: 2 since the stream follows
 * ECS 9.4 (docs/events.md, "Changes"); 1 before, when the field was absent.
 */
#define VIGIL_SCHEMA_VERSION 2

/* Who writes the stream: the same on every line of one run of vigil. */
struct stream_id {
	const char *host_name;
	char kernel[65];   /* host.os.kernel (uname -r) */
	char boot_id[9];   /* the host boot's id, first 8 hex digits: process.entity_id is unique per boot */
	char instance[17]; /* agent.ephemeral_id: this run's start (hex ns), the prefix of every event.id */
	__u64 next_seq;	   /* event.id's counter (the event loop's thread only) */
};

/* Reads the kernel release and boot id; the instance is this moment's. */
void stream_id__init(struct stream_id *s, const char *host_name);

/* ecs.version, agent.*, host.*: opens nothing, closes nothing. */
void ecs__envelope(struct json *j, const struct stream_id *s);
/* event.id "<instance>-<seq>", inside an open event object. */
void ecs__event_id(struct json *j, const struct stream_id *s, __u64 seq);
/* process.entity_id "<boot>-<pid>-<start>": the same for every alert of one process, in one boot. */
void ecs__entity_id(struct json *j, const struct stream_id *s, __u32 pid, __u64 start_ns);

#endif /* VIGIL_ECS_H */
