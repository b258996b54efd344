/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A policy as the BPF programs read it (docs/policy.md): each container's
 * rule, copied into one value per cgroup (container_policy), what applies
 * to a container whose rule is not known yet (policy_config), and the
 * allowed paths (allow_paths, an LPM trie keyed by rule and path bytes).
 * Userspace (user/policy/policy_apply.c) writes them; a new rule, selector or
 * path is map content, never a new program.
 */
#ifndef VIGIL_POLICY_ABI_H
#define VIGIL_POLICY_ABI_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* A container's rootfs mode; the numbers of enum policy_mode (user/policy/policy.h). */
enum vigil_mode {
	VIGIL_MODE_UNSET = 0,
	VIGIL_MODE_OFF,	    /* rootfs writes neither reported nor denied */
	VIGIL_MODE_MONITOR, /* reported */
	VIGIL_MODE_ENFORCE, /* denied (BPF LSM) and reported */
};

/* struct vigil_container_policy.alerts: the other detections a rule keeps on. */
#define VIGIL_ALERT_SETUID     (1u << 0)
#define VIGIL_ALERT_MOUNT      (1u << 1)
#define VIGIL_ALERT_CAPABILITY (1u << 2)
#define VIGIL_ALERT_ALL	       (VIGIL_ALERT_SETUID | VIGIL_ALERT_MOUNT | VIGIL_ALERT_CAPABILITY)

/* struct vigil_container_policy.flags */
#define VIGIL_POLICY_HAS_ALLOW (1u << 0) /* allow_paths holds entries under rule_key */

struct vigil_container_policy {
	__u32 rule_key;	    /* allow_paths' key: generation << 16 | rule index + 1 (0: the defaults) */
	__u8 rootfs;	    /* enum vigil_mode */
	__u8 alerts;	    /* VIGIL_ALERT_* */
	__u8 flags;	    /* VIGIL_POLICY_* */
	__u8 drift;	    /* enum vigil_mode; UNSET: --drift */
	__u64 caps_allowed; /* bit n: capability n used without an alert */
};

/* policy_config[0] */
struct vigil_policy_config {
	__u32 active; /* a policy is loaded: a container without a container_policy entry is pending */
	__u32 pad;
	struct vigil_container_policy pending; /* the defaults, with defaults.pending as rootfs mode */
};

/*
 * allow_paths key. LPM compares prefixlen bits after its own field: the
 * rule key's 32 always, then path bytes. "/dir/" is stored without its NUL
 * (a prefix: everything under dir), an exact file with it; a lookup gives
 * the whole canonical path and its NUL. 4 + 248 bytes: LPM's limit is 256.
 */
#define VIGIL_ALLOW_PATH_MAX 248 /* a path's bytes and its NUL */

struct vigil_allow_key {
	__u32 prefixlen;
	__u32 rule_key;
	char path[VIGIL_ALLOW_PATH_MAX];
};

#define VIGIL_MAX_ALLOW_PATHS 262144 /* a policy's 65,536 paths (2 entries each for a prefix), twice during a reload */

#endif /* VIGIL_POLICY_ABI_H */
