/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy file (docs/policy.md): per workload, how its root filesystem
 * is watched (off, monitor, enforce), which paths it may write, which alerts
 * it raises and which capabilities it may use. Read from YAML and checked as
 * a whole: a policy is either all valid or refused with the line, column and
 * reason of its first error. Pure: no kernel, no I/O beyond reading a file.
 */
#ifndef VIGIL_POLICY_H
#define VIGIL_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum policy_mode { POLICY_MODE_UNSET = 0, POLICY_OFF, POLICY_MONITOR, POLICY_ENFORCE };

/* Alerts a rule can switch off (rootfs-write has its own mode). */
enum policy_alert { POLICY_ALERT_SETUID, POLICY_ALERT_MOUNT, POLICY_ALERT_CAPABILITY, POLICY_ALERT_MAX };

#define POLICY_RULES_MAX    4096
#define POLICY_PATHS_MAX    65536 /* allow_writes entries, all rules */
#define POLICY_PATH_MAX	    247	  /* bytes: an allowed path and its NUL fill the kernel's LPM key */
#define POLICY_MATCH_KV_MAX 32	  /* labels or pod_labels per match */
#define POLICY_NAME_MAX	    128
#define POLICY_FILE_MAX	    (16u << 20)

struct policy_kv {
	char *key;
	char *value; /* a glob */
};

/* Every given key must match (globs, fnmatch(3) without flags: '*' crosses '/'). */
struct policy_match {
	char *image; /* repository[:tag] or a digest / image id (sha256:...) */
	char *name;
	char *runtime;
	char *namespace;
	char *pod;
	struct policy_kv *labels;
	unsigned int n_labels;
	struct policy_kv *pod_labels;
	unsigned int n_pod_labels;
};

struct policy_rule {
	char *name; /* NULL for the defaults */
	unsigned int line;
	struct policy_match match;
	enum policy_mode rootfs;
	enum policy_mode drift; /* UNSET: --drift decides (docs/drift.md) */
	char **allow_writes;	/* "/dir/" (a prefix) or "/file" (exactly it) */
	unsigned int n_allow_writes;
	bool alert[POLICY_ALERT_MAX];
	uint64_t caps_allowed; /* bit n: capability n is used without an alert */
};

struct policy {
	struct policy_rule defaults; /* for a container no rule matches */
	enum policy_mode pending;    /* rootfs mode while a container's rule is not known yet */
	struct policy_rule *rules;   /* first match wins */
	unsigned int n_rules;
	unsigned int n_paths;
	char sha256[65]; /* of the file's bytes, hex */
};

struct policy_error {
	unsigned int line, column; /* 0: not about a place in the file */
	char msg[256];
	char sha256[65]; /* of the bytes refused ("" when none were read) */
};

/* 0, or -1 with err filled and p left empty. */
int policy__parse(const char *buf, size_t len, struct policy *p, struct policy_error *err);
/* Reads at most POLICY_FILE_MAX bytes of path, then policy__parse. */
int policy__load_file(const char *path, struct policy *p, struct policy_error *err);
void policy__free(struct policy *p);
const char *policy__mode_name(enum policy_mode m);
/* "off", "monitor" or "enforce"; POLICY_MODE_UNSET for anything else. */
enum policy_mode policy__mode_parse(const char *s);
/* Some container may be enforced: the BPF LSM backend is required. */
bool policy__enforces(const struct policy *p);
/* A rule (or the defaults) sets drift: enforce: the drift LSM programs must load. */
bool policy__enforces_drift(const struct policy *p);

#endif /* VIGIL_POLICY_H */
