// SPDX-License-Identifier: GPL-2.0
/* Posture's lines: container-start and the posture alerts (posture_format.h). */
#include <stdio.h>
#include <asm/unistd.h>
#include <string.h>
#include "alert.h"
#include "capnames.h"
#include "posture_format.h"
#include "sink.h" /* SEVERITY_* */

void posture__facts_from_record(const struct vigil_record *r, struct posture_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->cap_bset = r->posture.cap_bset;
	f->cap_eff = r->posture.cap_eff;
	memcpy(f->ns, r->posture.ns, sizeof(f->ns));
	f->userns_level = r->posture.userns_level;
	f->seccomp_mode = r->posture.seccomp_mode;
	f->no_new_privs = r->posture.no_new_privs;
	f->root_readonly = r->posture.root_readonly;
	f->uid = r->uid;
	f->memory_limit = f->pids_limit = f->cpu_quota_us = f->cpu_period_us = POSTURE_UNKNOWN;
	f->lsm = POSTURE_LABEL_UNKNOWN;
}

static void cap_list(struct json *j, const char *key, __u64 set)
{
	char buf[16];
	unsigned int i;

	json__begin_array(j, key);
	for (i = 0; i < 64; i++)
		if (set & (1ull << i))
			json__str(j, NULL, capnames__name(i, buf, sizeof(buf)));
	json__end_array(j);
}

static const char *seccomp_name(__s32 mode)
{
	switch (mode) {
	case 0: return "disabled";
	case 1: return "strict";
	case 2: return "filter";
	default: return "unknown";
	}
}

/* A limit as a number: -1 unlimited; absent when no file told (listed in vigil.posture.unknown). */
static void limit(struct json *j, const char *key, __s64 v)
{
	if (v != POSTURE_UNKNOWN)
		json__i64(j, key, v);
}

static void unknown_list(struct json *j, const struct posture_facts *f)
{
	json__begin_array(j, "unknown");
	if (f->memory_limit == POSTURE_UNKNOWN)
		json__str(j, NULL, "memory_limit");
	if (f->pids_limit == POSTURE_UNKNOWN)
		json__str(j, NULL, "pids_limit");
	if (f->cpu_quota_us == POSTURE_UNKNOWN)
		json__str(j, NULL, "cpu_limit");
	if (f->devices == POSTURE_DEVICES_UNKNOWN)
		json__str(j, NULL, "devices");
	if (f->lsm == POSTURE_LABEL_UNKNOWN)
		json__str(j, NULL, "lsm");
	if (!f->mounts_known)
		json__str(j, NULL, "mounts");
	if (f->host_ns_unknown)
		json__str(j, NULL, "host_namespaces");
	json__end_array(j);
}

/* vigil.posture: the whole posture, the same on container-start and on each of its alerts. */
static void posture_object(struct json *j, const struct posture_facts *f, const struct posture_findings *fd,
			   const struct posture_config *cfg)
{
	char hex[24];
	unsigned int i;

	json__begin_object(j, "posture");
	json__bool(j, "privileged", fd->hit[POSTURE_PRIVILEGED]);
	json__begin_array(j, "privileged_by");
	if (fd->privileged_by_caps)
		json__str(j, NULL, "capabilities");
	if (fd->privileged_by_devices)
		json__str(j, NULL, "devices");
	json__end_array(j);
	json__begin_array(j, "host_namespaces");
	for (i = 0; i < VIGIL_NS_MAX; i++) /* the host's namespaces it shares, alerted or not */
		if (fd->hit[posture__ns_check(i)])
			json__str(j, NULL, posture__ns_name(i));
	json__end_array(j);
	json__bool(j, "root_user", fd->hit[POSTURE_ROOT_USER]);
	json__bool(j, "user_namespace", f->userns_level > 0);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)f->cap_bset);
	json__str(j, "capability_bounding_set", hex);
	cap_list(j, "added_capabilities", fd->added_caps);
	json__str(j, "seccomp", seccomp_name(f->seccomp_mode));
	json__bool(j, "no_new_privileges", f->no_new_privs);
	if (f->lsm == POSTURE_LABEL_CONFINED || f->lsm == POSTURE_LABEL_UNCONFINED)
		json__str(j, "lsm_label", f->lsm_label);
	json__bool(j, "read_only_rootfs", f->root_readonly);
	limit(j, "memory_limit_bytes", f->memory_limit);
	limit(j, "pids_limit", f->pids_limit);
	if (f->cpu_quota_us == POSTURE_UNLIMITED)
		json__i64(j, "cpu_limit_millicores", -1);
	else if (f->cpu_quota_us >= 0 && f->cpu_period_us > 0)
		json__i64(j, "cpu_limit_millicores", (__s64)((__int128)f->cpu_quota_us * 1000 / f->cpu_period_us));
	if (f->devices != POSTURE_DEVICES_UNKNOWN)
		json__str(j, "devices", f->devices == POSTURE_DEVICES_ALL ? "all" : "listed");
	json__begin_array(j, "sensitive_mounts");
	for (i = 0; i < f->nmounts; i++)
		json__str(j, NULL, f->mounts[i].container_path);
	json__end_array(j);
	if (f->mounts_truncated)
		json__bool(j, "sensitive_mounts_truncated", true);
	unknown_list(j, f);
	json__begin_array(j, "findings"); /* the checks that alert (--posture) */
	for (i = 0; i < POSTURE_CHECK_MAX; i++)
		if (fd->hit[i] && cfg->on[i])
			json__str(j, NULL, posture__check(i)->name);
	json__end_array(j);
}

static void vigil_fields(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	alert__open_vigil(j, v);
	json__u64(j, "cgroup_id", r->cgroup_id);
	json__u64(j, "tid", r->tid);
	json__bool(j, "truncated", r->flags & VIGIL_F_TRUNCATED);
}

void posture__format_start(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			   const struct posture_facts *f, const struct posture_findings *fd,
			   const struct posture_config *cfg)
{
	static const char *const types[] = { "start", NULL };
	bool privileged = fd->hit[POSTURE_PRIVILEGED];
	struct alert_head h = {
		.kind = "event",
		.dataset = "vigil.containers",
		.action = "container-start",
		.severity = SEVERITY_INFO,
		.category = "process",
		.types = types,
		.privileged = &privileged,
	};

	alert__open(j, r, v, &h);
	vigil_fields(j, r, v);
	posture_object(j, f, fd, cfg);
	json__end_object(j); /* posture */
	json__end_object(j); /* vigil */
}

void posture__format_finding(struct json *j, const struct vigil_record *r, const struct alert_view *v,
			     const struct posture_facts *f, const struct posture_findings *fd,
			     const struct posture_config *cfg, enum posture_check c, const struct posture_mount *m)
{
	static const char *const types[] = { "info", NULL };
	const struct posture_check_info *info = posture__check(c);
	char id[64];
	bool privileged = fd->hit[POSTURE_PRIVILEGED];
	struct alert_rule rule = { id, info->description, info->reference };
	struct alert_head h = {
		.kind = "alert",
		.dataset = "vigil.alerts",
		.action = "posture",
		.severity = cfg->severity[c],
		.category = "configuration",
		.types = types,
		.rule = &rule,
		.privileged = &privileged,
	};

	snprintf(id, sizeof(id), "container-posture-%s", info->name);
	alert__open(j, r, v, &h);
	vigil_fields(j, r, v);
	posture_object(j, f, fd, cfg);
	json__str(j, "check", info->name);
	if (m) {
		json__begin_object(j, "mount");
		json__str(j, "container_path", m->container_path);
		json__str(j, "host_path", m->host_path);
		json__bool(j, "read_only", m->read_only);
		json__end_object(j);
	}
	json__end_object(j); /* posture */
	json__end_object(j); /* vigil */
}

void posture__format_ssh_server(struct json *j, const struct vigil_record *r, const struct alert_view *v,
				const struct posture_config *cfg)
{
	static const char *const types[] = { "start", NULL };
	const struct posture_check_info *info = posture__check(POSTURE_SSH_SERVER);
	struct alert_rule rule = { "container-ssh-server", info->description, info->reference };
	struct alert_head h = {
		.kind = "alert",
		.dataset = "vigil.alerts",
		.action = "ssh-server",
		.severity = cfg->severity[POSTURE_SSH_SERVER],
		.outcome = true,
		.category = "process",
		.types = types,
		.rule = &rule,
	};
	alert__open(j, r, v, &h);
	vigil_fields(j, r, v);
	/* the exec family is not in vigil's table of watched calls */
	json__str(j, "syscall", r->syscall_nr == __NR_execveat ? "execveat" : "execve");
	json__u64(j, "syscall_nr", r->syscall_nr);
	json__end_object(j); /* vigil */
}
