/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Posture: the hardening guides' checks (docs/posture.md), judged on what a
 * container got as it started: the kernel's facts from its entrypoint record
 * (bpf/posture.bpf.h) and what files tell (posture_read.c). Pure: the facts
 * in, the findings out.
 */
#ifndef VIGIL_POSTURE_H
#define VIGIL_POSTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "vigil_event.h"

enum posture_check {
	POSTURE_PRIVILEGED = 0,
	POSTURE_HOST_NETWORK,
	POSTURE_HOST_PID,
	POSTURE_HOST_IPC,
	POSTURE_HOST_UTS,
	POSTURE_HOST_MOUNTNS,
	POSTURE_HOST_CGROUPNS,
	POSTURE_HOST_USERNS,
	POSTURE_ROOT_USER,
	POSTURE_ADDED_CAPABILITIES,
	POSTURE_SECCOMP_DISABLED,
	POSTURE_NO_NEW_PRIVILEGES,
	POSTURE_LSM_UNCONFINED,
	POSTURE_WRITABLE_ROOTFS,
	POSTURE_NO_MEMORY_LIMIT,
	POSTURE_NO_PIDS_LIMIT,
	POSTURE_NO_CPU_LIMIT,
	POSTURE_SENSITIVE_MOUNT,
	/* during the container's life */
	POSTURE_SSH_SERVER,
	POSTURE_CHECK_MAX,
};

struct posture_check_info {
	const char *name;	 /* rule.name's suffix and --posture's key */
	const char *description; /* rule.description: what the guides advise, and why */
	const char *reference;	 /* rule.reference */
	__u8 severity;		 /* event.severity by default (syslog scale: lower is worse) */
	bool on;		 /* alerted by default */
};

const struct posture_check_info *posture__check(enum posture_check c);
/* The check of that name, or -1. */
int posture__check_by_name(const char *name);

/* The check of sharing the host's namespace ns. */
enum posture_check posture__ns_check(enum vigil_ns ns);
/* The namespace's name in /proc/PID/ns and in vigil.posture.host_namespaces. */
const char *posture__ns_name(enum vigil_ns ns);

/* A limit no file could tell (the controller not mounted for this cgroup, the cgroup gone). */
#define POSTURE_UNKNOWN	  (-2)
#define POSTURE_UNLIMITED (-1)

enum posture_lsm {
	POSTURE_LABEL_HOST_NONE = 0, /* the host runs neither AppArmor nor SELinux: nothing to judge */
	POSTURE_LABEL_CONFINED,
	POSTURE_LABEL_UNCONFINED,
	POSTURE_LABEL_UNKNOWN, /* the process was gone before its label was read */
};

#define POSTURE_MOUNTS_MAX 16
#define POSTURE_PATH_MAX   256

/* A mount of the container that shows it a sensitive host path (the path itself or a directory above it). */
struct posture_mount {
	char container_path[POSTURE_PATH_MAX];
	char host_path[POSTURE_PATH_MAX]; /* the sensitive path it exposes */
	char at[POSTURE_PATH_MAX];	  /* the host directory (or file) it is: host_path or one above it */
	bool read_only;
};

/* Devices the container may open: its cgroup's device rules. */
enum posture_devices {
	POSTURE_DEVICES_UNKNOWN = 0, /* cgroup v2 (a BPF program decides) or the cgroup gone */
	POSTURE_DEVICES_LISTED,
	POSTURE_DEVICES_ALL, /* "a *:* rwm": every device, as --privileged */
};

struct posture_facts {
	/* the kernel's, from the entrypoint record */
	__u64 cap_bset;
	__u64 cap_eff;
	__u32 ns[VIGIL_NS_MAX];
	__u32 userns_level;
	__s32 seccomp_mode;
	bool no_new_privs;
	bool root_readonly;
	__u32 uid;	      /* effective, as the initial user namespace sees it */
	bool host_ns_unknown; /* the host's namespaces could not all be read: no namespace check judged */
	/* from files (posture_read.c) */
	__s64 memory_limit; /* bytes, POSTURE_UNLIMITED or POSTURE_UNKNOWN */
	__s64 pids_limit;
	__s64 cpu_quota_us; /* per cpu_period_us */
	__s64 cpu_period_us;
	enum posture_devices devices;
	enum posture_lsm lsm;
	char lsm_label[128];
	bool mounts_known; /* false: the process was gone before its mounts were read */
	unsigned int nmounts;
	bool mounts_truncated;
	struct posture_mount mounts[POSTURE_MOUNTS_MAX];
};

struct posture_host {
	__u32 ns[VIGIL_NS_MAX]; /* PID 1's; 0: unknown */
	__u64 cap_bset;		/* PID 1's bounding set: "every capability" on this host */
	bool apparmor, selinux; /* the LSMs the host runs */
};

/* What posture__judge found. */
struct posture_findings {
	bool hit[POSTURE_CHECK_MAX];
	bool privileged_by_caps, privileged_by_devices;
	__u64 added_caps; /* the bounding set beyond the runtimes' default */
};

/* The names an SSH server's exec gives it (comm), NULL-terminated: the kernel's list (VIGIL_SSH_NAMES at most). */
extern const char *const posture_ssh_server_names[];

/* The capabilities Docker, containerd and Podman give a container by default (Podman's are a subset). */
extern const __u64 posture_default_caps;

void posture__judge(const struct posture_facts *f, const struct posture_host *h, struct posture_findings *out);

/*
 * A cgroup limit file's text (memory.max, memory.limit_in_bytes, pids.max,
 * cpu.cfs_quota_us) as a number, POSTURE_UNLIMITED ("max", -1, cgroup v1's
 * page-counter maximum) or POSTURE_UNKNOWN (not a number).
 */
__s64 posture__limit_value(const char *text);
/* cpu.max ("max 100000", "50000 100000"): its quota and period, POSTURE_UNKNOWN when malformed. */
void posture__cpu_max(const char *text, __s64 *quota, __s64 *period);

/*
 * A cgroup v1 devices.list: POSTURE_DEVICES_ALL when a rule opens every
 * device of a kind for reading or writing ("a *:* rwm", "b *:* rw": every
 * disk), else POSTURE_DEVICES_LISTED (Docker's "c *:* m" only lets mknod).
 */
enum posture_devices posture__devices(const char *list);
/* Whether an LSM label is unconfined: AppArmor "unconfined" or a profile in complain or unconfined mode, SELinux spc_t or unconfined_t. */
bool posture__label_unconfined(const char *label);

/* --posture: which checks alert, and how loud. */
struct posture_config {
	bool off; /* --posture off: no container-start event, no posture alert */
	bool on[POSTURE_CHECK_MAX];
	__u8 severity[POSTURE_CHECK_MAX];
};

void posture_config__defaults(struct posture_config *c);
/* "off", or a comma list of CHECK=on|off|0..7; 0, or -1 with one line in err. */
int posture_config__parse(struct posture_config *c, const char *arg, char *err, size_t errlen);

#endif /* VIGIL_POSTURE_H */
