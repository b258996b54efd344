// SPDX-License-Identifier: GPL-2.0
/* The ECS fields every alert carries. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "alert.h"
#include "ecs.h"
#include "pathbuf.h"
#include "sink.h" /* SEVERITY_* */

enum outcome alert__outcome(const struct vigil_record *r)
{
	if (!(r->flags & VIGIL_F_OUTCOME_KNOWN))
		return OUTCOME_UNKNOWN;
	return r->ret < 0 ? OUTCOME_FAILURE : OUTCOME_SUCCESS;
}

static void timestamp(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	struct alert_clock *c = v->clock;
	__s64 ns = (__s64)r->ts_ns + v->boot_to_realtime_ns;
	time_t secs = ns / 1000000000;
	long frac = ns % 1000000000;
	struct tm tm;
	int i;

	if (secs != c->secs) {
		gmtime_r(&secs, &tm);
		c->prefix = strftime(c->buf, sizeof(c->buf), "%Y-%m-%dT%H:%M:%S.", &tm);
		c->secs = secs;
	}
	for (i = 8; i >= 0; i--, frac /= 10)
		c->buf[c->prefix + i] = '0' + frac % 10;
	c->buf[c->prefix + 9] = 'Z';
	c->buf[c->prefix + 10] = '\0';
	json__str(j, "@timestamp", c->buf);
}

/* argv as the process laid it out: NUL-separated, possibly cut (a cut last argument is kept as far as it goes). */
static size_t args_array(struct json *j, const char *args, size_t n)
{
	size_t i, start, count = 0;

	json__begin_array(j, "args");
	for (i = 0, start = 0; args && i < n; i++) {
		if (args[i] == '\0') {
			json__strn(j, NULL, args + start, i - start);
			start = i + 1;
			count++;
		}
	}
	if (args && start < n) {
		json__strn(j, NULL, args + start, n - start);
		count++;
	}
	json__end_array(j);
	return count;
}

/* process.command_line: the arguments joined by spaces, as ECS defines it. */
static void command_line(struct json *j, const char *args, size_t n)
{
	char line[VIGIL_ARGS_MAX];
	size_t i;

	if (!args || !n)
		return;
	if (n > sizeof(line))
		n = sizeof(line);
	for (i = 0; i < n; i++)
		line[i] = args[i] ? args[i] : ' ';
	while (n && line[n - 1] == ' ') /* argv's last NUL */
		n--;
	json__strn(j, "command_line", line, n);
}

static void id_object(struct json *j, const char *key, __u32 id)
{
	json__begin_object(j, key);
	json__u64_string(j, "id", id);
	json__end_object(j);
}

static void process(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	char path[PATHBUF_MAX];
	const char *args;
	size_t n = 0;

	json__begin_object(j, "process");
	json__u64(j, "pid", r->pid);
	ecs__entity_id(j, v->stream, r->pid, r->proc_start_ns);
	json__strn(j, "name", r->comm, strnlen(r->comm, sizeof(r->comm)));
	if (record__path(r, VIGIL_S_EXE, path, sizeof(path)) >= 0)
		json__str(j, "executable", path);
	args = record__str(r, VIGIL_S_ARGS, &n);
	json__u64(j, "args_count", args_array(j, args, n));
	command_line(j, args, n);
	json__begin_object(j, "thread");
	json__u64(j, "id", r->tid);
	json__end_object(j);
	if (record__path(r, VIGIL_S_CWD, path, sizeof(path)) >= 0)
		json__str(j, "working_directory", path);
	/*
	 * Effective ids at the event. A setuid alert's are those after the
	 * change (an LSM hook runs before the kernel commits it), all of them.
	 */
	if (r->kind != VIGIL_EV_SETUID) {
		id_object(j, "user", r->uid);
		id_object(j, "group", r->gid);
	} else {
		id_object(j, "user", r->setid.after.euid);
		id_object(j, "group", r->setid.after.egid);
		id_object(j, "real_user", r->setid.after.ruid);
		id_object(j, "saved_user", r->setid.after.suid);
		id_object(j, "real_group", r->setid.after.rgid);
		id_object(j, "saved_group", r->setid.after.sgid);
	}
	json__begin_object(j, "parent");
	json__u64(j, "pid", r->ppid);
	if (record__path(r, VIGIL_S_PARENT_EXE, path, sizeof(path)) >= 0)
		json__str(j, "executable", path);
	json__end_object(j);
	json__end_object(j);
}

/* rule.*: which detection raised the alert (a policy's rules join here, issue 17). */
static const struct alert_rule rules[VIGIL_EV_KIND_MAX] = {
	[VIGIL_EV_ROOTFS_WRITE] = { "container-rootfs-write",
				    "A container process created, changed or deleted a file on its image's root "
				    "filesystem (not a volume, tmpfs, /proc, /sys or /dev)",
				    NULL },
	[VIGIL_EV_SETUID] = { "container-id-change", "A container process changed its user or group ids", NULL },
	[VIGIL_EV_MOUNT] = { "container-mount", "A container process mounted, unmounted or moved a filesystem", NULL },
	[VIGIL_EV_CAPABILITY] = { "container-capability-use", "A container process used a Linux capability", NULL },
	[VIGIL_EV_DRIFT] = { "container-drift",
			     "A container ran a program or library its image did not ship: written after the "
			     "container started, held only in memory, deleted, or on a writable volume or tmpfs",
			     NULL },
};

static void rule(struct json *j, const struct alert_rule *r, const struct alert_view *v)
{
	json__begin_object(j, "rule");
	json__str(j, "id", r->id);
	/* under --policy, the container's rule (its name in the policy file; "defaults" when none matched) */
	json__str(j, "name", v->has_policy ? v->policy_rule : r->id);
	json__str(j, "description", r->description);
	if (r->reference)
		json__str(j, "reference", r->reference);
	json__str(j, "ruleset", "vigil");
	json__end_object(j);
}

void alert__open(struct json *j, const struct vigil_record *r, const struct alert_view *v, const struct alert_head *h)
{
	bool denied = r->flags & VIGIL_F_DENIED;
	const char *const *types;

	json__reset(j);
	timestamp(j, r, v);
	ecs__envelope(j, v->stream);
	json__begin_object(j, "event");
	json__str(j, "kind", h->kind);
	json__str(j, "module", "vigil");
	json__str(j, "dataset", h->dataset);
	json__str(j, "action", h->action);
	ecs__event_id(j, v->stream, v->seq);
	json__u64(j, "severity", h->severity);
	if (h->outcome)
		json__str(j, "outcome", outcome__name(v->outcome));
	json__begin_array(j, "category");
	json__str(j, NULL, h->category);
	if (denied) /* ECS: a blocked action is also intrusion detection's "denied" */
		json__str(j, NULL, "intrusion_detection");
	json__end_array(j);
	json__begin_array(j, "type");
	for (types = h->types; *types; types++)
		json__str(j, NULL, *types);
	if (denied)
		json__str(j, NULL, "denied");
	json__end_array(j);
	json__end_object(j);
	if (h->rule)
		rule(j, h->rule, v);

	json__begin_object(j, "container");
	json__str(j, "id", v->container->id);
	json__str(j, "runtime", v->container->runtime);
	if (v->meta)
		container_meta__container_fields(j, v->meta);
	if (h->privileged) { /* container-start's, as the kernel gave it */
		json__begin_object(j, "security_context");
		json__bool(j, "privileged", *h->privileged);
		json__end_object(j);
	}
	json__end_object(j);
	if (v->meta)
		container_meta__orchestrator(j, v->meta);
	if (r->pid) /* 0: a capability window's end whose opening alert vigil no longer holds */
		process(j, r, v);
}

void alert__begin(struct json *j, const struct vigil_record *r, const struct alert_view *v, const char *category,
		  const char *const *types)
{
	struct alert_head h = {
		.kind = "alert",
		.dataset = "vigil.alerts",
		.action = record__action(r->kind),
		.severity = SEVERITY_WARNING,
		.outcome = true,
		.category = category,
		.types = types,
		.rule = r->kind < VIGIL_EV_KIND_MAX && rules[r->kind].id ? &rules[r->kind] : NULL,
	};

	alert__open(j, r, v, &h);
}

void alert__file_name_and_directory(struct json *j, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash || !slash[1])
		return;
	json__str(j, "name", slash + 1);
	if (slash == path)
		json__str(j, "directory", "/");
	else
		json__strn(j, "directory", path, (size_t)(slash - path));
}

void alert__file_inode(struct json *j, __u64 ino, __u32 dev)
{
	char buf[24];

	json__u64_string(j, "inode", ino);
	snprintf(buf, sizeof(buf), "%u:%u", dev >> 20, dev & 0xfffff);
	json__str(j, "device", buf);
}

void alert__open_vigil(struct json *j, const struct alert_view *v)
{
	json__begin_object(j, "vigil");
	json__u64(j, "schema_version", VIGIL_SCHEMA_VERSION);
	if (v->meta && v->meta->labels_truncated) {
		json__begin_object(j, "container");
		json__bool(j, "labels_truncated", true);
		json__end_object(j);
	}
	if (v->has_policy) { /* --policy: the container's rule, as rule.name says it */
		json__begin_object(j, "policy");
		json__str(j, "rule", v->policy_rule);
		json__bool(j, "pending", v->policy_pending);
		json__end_object(j);
	}
}

void alert__begin_vigil(struct json *j, const struct vigil_record *r, const struct alert_view *v, const char *operation)
{
	const char *name = record__syscall_name(r);

	alert__open_vigil(j, v);
	if (operation)
		json__str(j, "operation", operation);
	if (name)
		json__str(j, "syscall", name);
	json__u64(j, "syscall_nr", r->syscall_nr);
	if (r->flags & VIGIL_F_IA32) /* int 0x80 or sysenter: syscall_nr is an i386 number */
		json__bool(j, "ia32", true);
	/* an io_uring request: no syscall of its own, seen as submitted */
	if (r->flags & VIGIL_F_IO_URING)
		json__u64(j, "io_uring_opcode", r->file.uring_opcode);
	if ((r->flags & VIGIL_F_OUTCOME_KNOWN) && r->kind != VIGIL_EV_CAPABILITY)
		json__i64(j, "return", r->ret);
	json__u64(j, "cgroup_id", r->cgroup_id);
	if (r->pid)
		json__u64(j, "tid", r->tid);
	json__bool(j, "truncated", r->flags & VIGIL_F_TRUNCATED);
}
