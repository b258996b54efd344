// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <time.h>
#include <sys/utsname.h>
#include "capnames.h"
#include "output.h"
#include "state.h"

/* The line being built: its syslog severity and MSGID. */
static struct line_tag tag;

/*
 * agent-start and agent-stop are events of the host (category host,
 * host_type "start" or "end"); loss counters are measurements (kind
 * metric, host_type NULL).
 */
static void begin_as(struct json *j, struct stream_id *s, const char *action, int severity, const char *category,
		     const char *type, const char *outcome)
{
	struct timespec ts;
	struct tm tm;
	char buf[64];
	size_t n;

	tag.msgid = action;
	tag.severity = severity;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, sizeof(buf) - n, ".%09ldZ", ts.tv_nsec);
	json__reset(j);
	json__str(j, "@timestamp", buf);
	ecs__envelope(j, s);
	json__begin_object(j, "event");
	json__str(j, "kind", category ? "event" : "metric");
	json__str(j, "module", "vigil");
	json__str(j, "dataset", "vigil.agent");
	json__str(j, "action", action);
	ecs__event_id(j, s, s->next_seq++);
	json__u64(j, "severity", severity);
	if (outcome)
		json__str(j, "outcome", outcome);
	if (category) {
		json__begin_array(j, "category");
		json__str(j, NULL, category);
		json__end_array(j);
		json__begin_array(j, "type");
		json__str(j, NULL, type);
		json__end_array(j);
	}
	json__end_object(j);
}

static void begin(struct json *j, struct stream_id *s, const char *action, int severity, const char *host_type)
{
	begin_as(j, s, action, severity, host_type ? "host" : NULL, host_type, NULL);
}

/* vigil.* of a state line, opened */
static void begin_vigil(struct json *j)
{
	json__begin_object(j, "vigil");
	json__u64(j, "schema_version", VIGIL_SCHEMA_VERSION);
}

static void emit(struct json *j)
{
	if (json__end_line(j))
		output__line(&tag, j->buf, j->len);
	output__flush();
}

static void string_array(struct json *j, const char *key, const char *const *list, unsigned int n)
{
	unsigned int i;

	json__begin_array(j, key);
	for (i = 0; i < n; i++)
		json__str(j, NULL, list[i]);
	json__end_array(j);
}

static void capabilities_kept(struct json *j, const struct privilege_kept *kept)
{
	char name[32];
	unsigned int i;

	json__begin_array(j, "capabilities");
	for (i = 0; i < kept->n; i++)
		json__str(j, NULL, capnames__name(kept->caps[i], name, sizeof(name)));
	json__end_array(j);
}

/* What this backend cannot see even with every program loaded: said, never silent. */
static void blind_spots(struct json *j, const struct loader_status *ld)
{
	const char *const *list = ld->lsm ? blind_spots_lsm : blind_spots_tracepoint;

	json__begin_array(j, "blind_spots");
	for (; *list; list++)
		json__str(j, NULL, *list);
	if (!ld->lsm && !ld->watch_ia32 && ld->ia32_syscalls)
		json__str(j, NULL, blind_spot_ia32);
	if (!ld->lsm && ld->x32_syscalls)
		json__str(j, NULL, blind_spot_x32);
	if (!ld->lsm && !ld->path_resolution)
		json__str(j, NULL, blind_spot_no_resolver);
	json__end_array(j);
}

/* {"rootfs-write": "active", ...}: what a SIEM alerts on when a detection is lost */
static void detection_states(struct json *j, const struct loader_status *ld)
{
	unsigned int d;

	json__begin_object(j, "detection_state");
	for (d = 0; d < DET_MAX; d++)
		json__str(j, detection__name(d), loader__detection_state_name(ld->detection[d]));
	json__end_object(j);
}

void state__agent_start(struct json *j, struct stream_id *s, const struct loader_status *ld,
			const struct privilege_kept *kept, unsigned int containers)
{
	struct utsname u;

	uname(&u);
	begin(j, s, "agent-start", SEVERITY_INFO, "start");
	begin_vigil(j);
	json__str(j, "backend", ld->backend);
	json__bool(j, "enforce", ld->enforce);
	json__begin_object(j, "drift"); /* --drift, --drift-volumes */
	json__str(j, "mode", policy__mode_name(ld->drift ? ld->drift : VIGIL_MODE_MONITOR)); /* unset: the default */
	json__bool(j, "volumes", ld->drift_volumes);
	json__end_object(j);
	json__bool(j, "pinned", ld->pinned);
	json__bool(j, "adopted", ld->adopted);
	json__str(j, "kernel", u.release);
	string_array(j, "detections", ld->detections, ld->n_detections);
	string_array(j, "programs", ld->programs, ld->n_programs);
	string_array(j, "unavailable", ld->missing, ld->n_missing);
	/* every program the kernel refused, and what vigil does without it */
	string_array(j, "degraded", ld->degraded, ld->n_degraded);
	json__bool(j, "ia32_syscalls", ld->ia32_syscalls); /* the kernel takes 32-bit syscalls */
	blind_spots(j, ld);
	detection_states(j, ld);
	json__u64(j, "containers", containers);
	capabilities_kept(j, kept);
	if (kept->seccomp) /* the filter vigil put on itself (user/sys/confine.c) */
		json__str(j, "seccomp", kept->seccomp);
	if (kept->landlock) /* the file-system writes vigil allowed itself (user/sys/landlock.c) */
		json__str(j, "landlock", kept->landlock);
	json__end_object(j);
	emit(j);
}

/* A state line whose payload is two counters under vigil.* */
static void counters_line(struct json *j, struct stream_id *s, const char *action, int severity, const char *host_type,
			  const char *k1, __u64 v1, const char *k2, __u64 v2)
{
	begin(j, s, action, severity, host_type);
	begin_vigil(j);
	json__u64(j, k1, v1);
	json__u64(j, k2, v2);
	json__end_object(j);
	emit(j);
}

void state__events_lost(struct json *j, struct stream_id *s, __u64 count, __u64 total)
{
	counters_line(j, s, "events-lost", SEVERITY_WARNING, NULL, "lost", count, "lost_total", total);
}

void state__container_events_lost(struct json *j, struct stream_id *s, const struct container_ref *ref, __u64 cgroup_id,
				  __u64 count, __u64 total)
{
	begin(j, s, "container-events-lost", SEVERITY_WARNING, NULL);
	if (ref) {
		json__begin_object(j, "container");
		json__str(j, "id", ref->id);
		json__str(j, "runtime", ref->runtime);
		json__end_object(j);
	}
	begin_vigil(j);
	json__u64(j, "cgroup_id", cgroup_id);
	json__u64(j, "lost", count);
	json__u64(j, "lost_total", total);
	json__end_object(j);
	emit(j);
}

void state__output_dropped(struct json *j, struct stream_id *s, const char *sink, __u64 count, __u64 total)
{
	begin(j, s, "output-dropped", SEVERITY_WARNING, NULL);
	begin_vigil(j);
	json__str(j, "output", sink);
	json__u64(j, "dropped", count);
	json__u64(j, "dropped_total", total);
	json__end_object(j);
	emit(j);
}

void state__agent_stop(struct json *j, struct stream_id *s, __u64 alerts, __u64 lost, __s64 allowed_writes)
{
	begin(j, s, "agent-stop", SEVERITY_INFO, "end");
	begin_vigil(j);
	json__u64(j, "alerts", alerts);
	json__u64(j, "lost_total", lost);
	if (allowed_writes >= 0) { /* --policy: writes its allow-lists let through, unreported */
		json__begin_object(j, "policy");
		json__u64(j, "allowed_writes", (__u64)allowed_writes);
		json__end_object(j);
	}
	json__end_object(j);
	emit(j);
}

/* A container raised an alert before its rule was placed: it ran under the pending rule. */
void state__container_pending(struct json *j, struct stream_id *s, const struct container_ref *ref, __u64 cgroup_id)
{
	begin_as(j, s, "container-pending", SEVERITY_WARNING, "configuration", "info", NULL);
	json__begin_object(j, "container");
	json__str(j, "id", ref->id);
	json__str(j, "runtime", ref->runtime);
	json__end_object(j);
	begin_vigil(j);
	json__u64(j, "cgroup_id", cgroup_id);
	json__begin_object(j, "policy");
	json__bool(j, "pending", true);
	json__end_object(j);
	json__end_object(j);
	emit(j);
}

/* A policy file became the policy (at start, or a reload). */
void state__policy_loaded(struct json *j, struct stream_id *s, const char *file, const struct policy *p)
{
	begin_as(j, s, "policy-loaded", SEVERITY_INFO, "configuration", "change", "success");
	begin_vigil(j);
	json__begin_object(j, "policy");
	json__str(j, "file", file);
	json__str(j, "sha256", p->sha256);
	json__u64(j, "rules", p->n_rules);
	json__u64(j, "allowed_paths", p->n_paths);
	json__str(j, "default_rootfs", policy__mode_name(p->defaults.rootfs));
	json__str(j, "pending_rootfs", policy__mode_name(p->pending));
	json__end_object(j);
	json__end_object(j);
	emit(j);
}

/* A reload that did not happen: the policy in force stays, and why is said. */
void state__policy_rejected(struct json *j, struct stream_id *s, const char *file, const struct policy_error *e)
{
	begin_as(j, s, "policy-rejected", SEVERITY_WARNING, "configuration", "change", "failure");
	begin_vigil(j);
	json__begin_object(j, "policy");
	json__str(j, "file", file);
	if (e->line) {
		json__u64(j, "line", e->line);
		json__u64(j, "column", e->column);
	}
	json__str(j, "reason", e->msg);
	json__end_object(j);
	json__end_object(j);
	emit(j);
}
