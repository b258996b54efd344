/* SPDX-License-Identifier: GPL-2.0 */
/* event.kind "state" lines: agent-start, events-lost, output-dropped, agent-stop. */
#ifndef VIGIL_STATE_H
#define VIGIL_STATE_H

#include <linux/types.h>
#include "cgroup.h"
#include "json.h"
#include "ecs.h"
#include "loader.h"
#include "policy.h"
#include "privilege.h"

void state__agent_start(struct json *j, struct stream_id *s, const struct loader_status *ld,
			const struct privilege_kept *kept, unsigned int containers);
void state__events_lost(struct json *j, struct stream_id *s, __u64 count, __u64 total);
/* The share of those lost by one container (ref NULL: a cgroup not, or no longer, known as one). */
void state__container_events_lost(struct json *j, struct stream_id *s, const struct container_ref *ref, __u64 cgroup_id,
				  __u64 count, __u64 total);
/* A --syslog or --http sink dropped lines (buffer full, refused, or undelivered at exit). */
void state__output_dropped(struct json *j, struct stream_id *s, const char *sink, __u64 count, __u64 total);
/* allowed_writes: -1 without --policy */
void state__agent_stop(struct json *j, struct stream_id *s, __u64 alerts, __u64 lost, __s64 allowed_writes);
/* --policy: a container raised an alert under the pending rule (once per container). */
void state__container_pending(struct json *j, struct stream_id *s, const struct container_ref *ref, __u64 cgroup_id);
void state__policy_loaded(struct json *j, struct stream_id *s, const char *file, const struct policy *p);
void state__policy_rejected(struct json *j, struct stream_id *s, const char *file, const struct policy_error *e);

#endif /* VIGIL_STATE_H */
