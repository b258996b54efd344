// SPDX-License-Identifier: GPL-2.0
/* Posture: the checks, and the judgement of one container's facts (posture.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "posture.h"

#define PSS		     "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
#define CAP(n)		     (1ull << (n))
#define POSTURE_CLASSIC_CAPS ((1ull << 38) - 1)

/*
 * CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
 * NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP: the set
 * runc's default spec, Docker's and containerd's give (Podman drops some).
 */
const __u64 posture_default_caps = CAP(0) | CAP(1) | CAP(3) | CAP(4) | CAP(5) | CAP(6) | CAP(7) | CAP(8) | CAP(10) |
				   CAP(13) | CAP(18) | CAP(27) | CAP(29) | CAP(31);

static const struct posture_check_info checks[POSTURE_CHECK_MAX] = {
	[POSTURE_PRIVILEGED] = { "privileged",
				 "The container holds every capability the host has, or may open every device: a "
				 "privileged container is root on the host. Run it unprivileged and add only the "
				 "capabilities and devices it needs",
				 PSS, 2, true },
	[POSTURE_HOST_NETWORK] = { "host-network",
				   "The container shares the host's network namespace: it sees and can bind every "
				   "host interface and reach services listening on the host's loopback",
				   PSS, 3, true },
	[POSTURE_HOST_PID] = { "host-pid",
			       "The container shares the host's PID namespace: it sees every host process and can "
			       "signal or trace those its privileges allow",
			       PSS, 3, true },
	[POSTURE_HOST_IPC] = { "host-ipc",
			       "The container shares the host's IPC namespace: host shared memory and message "
			       "queues are open to it",
			       PSS, 4, true },
	[POSTURE_HOST_UTS] = { "host-uts",
			       "The container shares the host's UTS namespace: it can change the host's name", PSS, 4,
			       true },
	[POSTURE_HOST_MOUNTNS] = { "host-mount-namespace",
				   "The container runs in the host's mount namespace: it sees the host's whole "
				   "filesystem, not an image",
				   PSS, 2, true },
	/* off by default: Docker shares these on cgroup v1 hosts and without userns-remap (root-user judges) */
	[POSTURE_HOST_CGROUPNS] = { "host-cgroup-namespace",
				    "The container shares the host's cgroup namespace: it sees the host's cgroup "
				    "paths (Docker's default on cgroup v1 hosts)",
				    "https://docs.docker.com/reference/cli/docker/container/run/", 6, false },
	[POSTURE_HOST_USERNS] = { "host-user-namespace",
				  "The container shares the host's user namespace: its ids are the host's. A user "
				  "namespace (rootless, userns-remap) maps its root to an unprivileged host user",
				  "https://docs.docker.com/engine/security/userns-remap/", 6, false },
	[POSTURE_ROOT_USER] = { "root-user",
				"The container's entrypoint runs as root of the host's user namespace: a breakout "
				"is root on the host. Run as a non-root user, or in a user namespace",
				PSS, 4, true },
	[POSTURE_ADDED_CAPABILITIES] = { "added-capabilities",
					 "The container may hold capabilities beyond the runtime's default set (see "
					 "vigil.posture.added_capabilities): drop all, add only what it needs",
					 PSS, 4, true },
	[POSTURE_SECCOMP_DISABLED] = { "seccomp-disabled",
				       "The container runs without a seccomp filter: every system call of the "
				       "kernel is open to it. Keep the runtime's default profile",
				       "https://docs.docker.com/engine/security/seccomp/", 4, true },
	[POSTURE_NO_NEW_PRIVILEGES] = { "no-new-privileges-unset",
					"no_new_privs is not set: a set-user-ID or file-capability binary in "
					"the container can raise its privileges (--security-opt "
					"no-new-privileges, allowPrivilegeEscalation: false)",
					PSS, 5, true },
	[POSTURE_LSM_UNCONFINED] = { "lsm-unconfined",
				     "The host runs AppArmor or SELinux and the container is unconfined by it: "
				     "keep the runtime's default profile",
				     "https://docs.docker.com/engine/security/apparmor/", 4, true },
	[POSTURE_WRITABLE_ROOTFS] = { "writable-rootfs",
				      "The container's root filesystem is writable: mount it read-only (--read-only, "
				      "readOnlyRootFilesystem) and keep data on volumes",
				      PSS, 5, true },
	[POSTURE_NO_MEMORY_LIMIT] = { "no-memory-limit",
				      "The container has no memory limit: it can exhaust the host's memory",
				      "https://docs.docker.com/engine/containers/resource_constraints/", 5, true },
	[POSTURE_NO_PIDS_LIMIT] = { "no-pids-limit",
				    "The container has no limit on its number of processes: a fork bomb takes the host",
				    "https://docs.docker.com/engine/containers/resource_constraints/", 5, true },
	[POSTURE_NO_CPU_LIMIT] = { "no-cpu-limit", "The container has no CPU quota: it can take every CPU of the host",
				   "https://docs.docker.com/engine/containers/resource_constraints/", 5, true },
	[POSTURE_SENSITIVE_MOUNT] = { "sensitive-mount",
				      "A sensitive host path is mounted into the container (a runtime's socket, the "
				      "host's /, /etc, /run, /var/lib/kubelet; /proc or /sys writable): see "
				      "vigil.posture.mount",
				      PSS, 3, true },
	[POSTURE_SSH_SERVER] = { "ssh-server",
				 "An SSH server started in the container: containers are entered with the runtime's "
				 "exec, and an SSH server is one more way in, with its own keys and accounts to keep",
				 "https://docs.docker.com/engine/containers/multi-service_container/", 3, true },
};

const char *const posture_ssh_server_names[] = { "sshd", "dropbear", "dropbearmulti", "tinysshd", NULL };

static const char *const ns_names[VIGIL_NS_MAX] = {
	[VIGIL_NS_MNT] = "mnt", [VIGIL_NS_NET] = "net",	      [VIGIL_NS_PID] = "pid",	[VIGIL_NS_IPC] = "ipc",
	[VIGIL_NS_UTS] = "uts", [VIGIL_NS_CGROUP] = "cgroup", [VIGIL_NS_USER] = "user",
};

static const enum posture_check ns_checks[VIGIL_NS_MAX] = {
	[VIGIL_NS_MNT] = POSTURE_HOST_MOUNTNS, [VIGIL_NS_NET] = POSTURE_HOST_NETWORK,
	[VIGIL_NS_PID] = POSTURE_HOST_PID,     [VIGIL_NS_IPC] = POSTURE_HOST_IPC,
	[VIGIL_NS_UTS] = POSTURE_HOST_UTS,     [VIGIL_NS_CGROUP] = POSTURE_HOST_CGROUPNS,
	[VIGIL_NS_USER] = POSTURE_HOST_USERNS,
};

const struct posture_check_info *posture__check(enum posture_check c)
{
	return (unsigned int)c < POSTURE_CHECK_MAX ? &checks[c] : NULL;
}

int posture__check_by_name(const char *name)
{
	int i;

	for (i = 0; i < POSTURE_CHECK_MAX; i++)
		if (!strcmp(checks[i].name, name))
			return i;
	return -1;
}

enum posture_check posture__ns_check(enum vigil_ns ns)
{
	return ns_checks[ns];
}

const char *posture__ns_name(enum vigil_ns ns)
{
	return (unsigned int)ns < VIGIL_NS_MAX ? ns_names[ns] : NULL;
}

void posture__judge(const struct posture_facts *f, const struct posture_host *h, struct posture_findings *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	/*
	 * Every capability the host's init has, up to CAP_AUDIT_READ (37): a
	 * host short of some still counts, and runtimes older than Linux 5.8
	 * name no PERFMON, BPF or CHECKPOINT_RESTORE in their "ALL".
	 */
	out->privileged_by_caps =
		h->cap_bset && f->userns_level == 0 && /* in a user namespace: its own root only */
		(f->cap_bset & h->cap_bset & POSTURE_CLASSIC_CAPS) == (h->cap_bset & POSTURE_CLASSIC_CAPS);
	out->privileged_by_devices = f->devices == POSTURE_DEVICES_ALL;
	out->hit[POSTURE_PRIVILEGED] = out->privileged_by_caps || out->privileged_by_devices;
	for (i = 0; i < VIGIL_NS_MAX; i++)
		out->hit[posture__ns_check(i)] = h->ns[i] && f->ns[i] == h->ns[i];
	/* the uid is the initial namespace's view: a remapped root is not 0 there */
	out->hit[POSTURE_ROOT_USER] = f->uid == 0;
	out->added_caps = f->cap_bset & ~posture_default_caps;
	/* privileged says it all: the list is in the event, one alert is enough */
	out->hit[POSTURE_ADDED_CAPABILITIES] = out->added_caps && !out->privileged_by_caps;
	out->hit[POSTURE_SECCOMP_DISABLED] = f->seccomp_mode == 0;
	out->hit[POSTURE_NO_NEW_PRIVILEGES] = !f->no_new_privs;
	out->hit[POSTURE_LSM_UNCONFINED] = f->lsm == POSTURE_LABEL_UNCONFINED;
	out->hit[POSTURE_WRITABLE_ROOTFS] = !f->root_readonly;
	out->hit[POSTURE_NO_MEMORY_LIMIT] = f->memory_limit == POSTURE_UNLIMITED;
	out->hit[POSTURE_NO_PIDS_LIMIT] = f->pids_limit == POSTURE_UNLIMITED;
	out->hit[POSTURE_NO_CPU_LIMIT] = f->cpu_quota_us == POSTURE_UNLIMITED;
	out->hit[POSTURE_SENSITIVE_MOUNT] = f->nmounts > 0;
}

/* cgroup v1 says "no limit" as PAGE_COUNTER_MAX pages: anything from 2^62 bytes is none */
#define V1_UNLIMITED_FROM (1ll << 62)

__s64 posture__limit_value(const char *text)
{
	long long v;
	char *end;

	if (!strncmp(text, "max", 3) && (text[3] == '\n' || text[3] == '\0'))
		return POSTURE_UNLIMITED;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (end == text || errno || (*end != '\n' && *end != '\0') || v < -1)
		return POSTURE_UNKNOWN;
	return v == -1 || v >= V1_UNLIMITED_FROM ? POSTURE_UNLIMITED : v;
}

void posture__cpu_max(const char *text, __s64 *quota, __s64 *period)
{
	char q[32];
	const char *sp = strchr(text, ' ');

	*quota = *period = POSTURE_UNKNOWN;
	if (!sp || (size_t)(sp - text) >= sizeof(q))
		return;
	memcpy(q, text, sp - text);
	q[sp - text] = '\0';
	*period = posture__limit_value(sp + 1);
	if (*period < 1) {
		*period = POSTURE_UNKNOWN;
		return;
	}
	*quota = posture__limit_value(q);
}

enum posture_devices posture__devices(const char *list)
{
	const char *line = list;

	while (line && *line) {
		char type = line[0], major[16] = "", access[8] = "";

		/* "TYPE MAJOR:MINOR ACCESS": the type a, b or c, "*" for any major */
		if (sscanf(line, "%*c %15[^:]:%*s %7s", major, access) == 2 &&
		    (type == 'a' || type == 'b' || type == 'c') && (type == 'a' || !strcmp(major, "*")) &&
		    (strchr(access, 'r') || strchr(access, 'w')))
			return POSTURE_DEVICES_ALL;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return POSTURE_DEVICES_LISTED;
}

bool posture__label_unconfined(const char *label)
{
	size_t n = strlen(label);

	return !strcmp(label, "unconfined") || (n > 11 && !strcmp(label + n - 11, " (complain)")) ||
	       (n > 13 && !strcmp(label + n - 13, " (unconfined)")) || strstr(label, ":spc_t:") ||
	       strstr(label, ":unconfined_t:");
}

void posture_config__defaults(struct posture_config *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < POSTURE_CHECK_MAX; i++) {
		c->on[i] = checks[i].on;
		c->severity[i] = checks[i].severity;
	}
}

static int parse_one(struct posture_config *c, char *item, char *err, size_t errlen)
{
	char *eq = strchr(item, '='), *end;
	long sev;
	int check;

	if (!eq) {
		snprintf(err, errlen, "--posture: '%s' is not CHECK=on|off|SEVERITY (or 'off')", item);
		return -1;
	}
	*eq = '\0';
	check = posture__check_by_name(item);
	if (check < 0) {
		snprintf(err, errlen, "--posture: no check named '%s' (docs/posture.md lists them)", item);
		return -1;
	}
	if (!strcmp(eq + 1, "on") || !strcmp(eq + 1, "off")) {
		c->on[check] = eq[2] == 'n';
		return 0;
	}
	sev = strtol(eq + 1, &end, 10);
	if (end == eq + 1 || *end || sev < 0 || sev > 7) {
		snprintf(err, errlen, "--posture: %s='%s': on, off or a severity 0..7", item, eq + 1);
		return -1;
	}
	c->on[check] = true;
	c->severity[check] = (__u8)sev;
	return 0;
}

int posture_config__parse(struct posture_config *c, const char *arg, char *err, size_t errlen)
{
	char buf[1024], *item, *save = NULL;

	if (!strcmp(arg, "off")) {
		c->off = true;
		return 0;
	}
	if (strlen(arg) >= sizeof(buf)) {
		snprintf(err, errlen, "--posture: the list is longer than %zu bytes", sizeof(buf) - 1);
		return -1;
	}
	strcpy(buf, arg);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save))
		if (parse_one(c, item, err, errlen))
			return -1;
	return 0;
}
