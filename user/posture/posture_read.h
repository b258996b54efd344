/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Posture's I/O: what the host is (once, at start) and what a starting
 * container's files tell (its cgroup's limits and devices, its LSM label, its
 * mounts), read while its entrypoint runs. What cannot be read any more (a
 * container already gone) is left unknown, never guessed.
 */
#ifndef VIGIL_POSTURE_READ_H
#define VIGIL_POSTURE_READ_H

#include "posture.h"

struct path_resolver;

/* The sensitive host paths and every directory above each, by identity (posture_read.c). */
#define POSTURE_SENSITIVE_MAX 64

struct posture_identity {
	__u64 dev, ino;
	unsigned short path;	   /* the sensitive path (index in the table) it leads to */
	char at[POSTURE_PATH_MAX]; /* this directory's own host path */
};

struct posture_env {
	struct posture_host host;
	const char *cgroup2_root;
	struct path_resolver *resolver; /* NULL: no helper holding CAP_SYS_PTRACE */
	bool host_by_pid1;		/* the host's files through PID 1's root (vigil in a container) */
	char v1_memory[256], v1_pids[256], v1_cpu[256], v1_devices[256]; /* cgroup v1 mount points, "" if none */
	unsigned int nids;
	struct posture_identity ids[POSTURE_SENSITIVE_MAX];
};

/*
 * The host's side, once: PID 1's namespaces and bounding set, the LSMs,
 * cgroup v1 mounts. PID 1's namespaces and root are read by the path
 * resolver (resolver; ptrace access), else vigil's own are taken.
 */
void posture_env__init(struct posture_env *env, const char *cgroup2_root, struct path_resolver *resolver);

/*
 * The file-read facts of the container whose entrypoint is pid (its cgroup
 * v2 path cgroup_path, read when pid is gone): f's kernel facts are kept.
 * The sensitive paths are resolved again each time (a runtime restarted has
 * a new socket).
 */
void posture__read(struct posture_env *env, __u32 pid, const char *cgroup_path, struct posture_facts *f);

#endif /* VIGIL_POSTURE_READ_H */
