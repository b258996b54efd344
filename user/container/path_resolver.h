/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a path inside a container lands, asked of the kernel in the
 * process's own root (/proc/PID/root, openat2 with RESOLVE_IN_ROOT: symlinks
 * followed, mounts as they are): what a path string cannot tell (a symlink
 * on a tmpfs pointing into the root filesystem).
 *
 * Opening /proc/PID/root takes ptrace read access to the process, that is
 * CAP_SYS_PTRACE for a container's processes, whose capabilities vigil does
 * not hold once started. So a child forked before the drop keeps that one
 * capability and nothing else (no other fd, no_new_privs, dies with vigil)
 * and answers only this question, over a socketpair; vigil keeps none of it.
 * A path that hangs (a stuck network or FUSE mount) costs one answer's time
 * limit; a helper that stops answering is given up, and vigil falls back to
 * the path string, saying so once.
 */
#ifndef VIGIL_PATH_RESOLVER_H
#define VIGIL_PATH_RESOLVER_H

#include <stdbool.h>
#include "confine.h"
#include <sys/types.h>
#include <linux/types.h>

struct path_resolver {
	int fd; /* -1: no helper (never started, or given up) */
	pid_t pid;
	__u32 seq;
	unsigned int timeouts; /* in a row */
};

/*
 * Before capabilities are dropped. Without CAP_SYS_PTRACE, or where the
 * helper cannot start, fd stays -1 (and 0 is returned): paths are judged
 * from their strings, and agent-start says so.
 */
int path_resolver__start(struct path_resolver *r, enum confine_mode mode);
/*
 * The mount (its id, statx STATX_MNT_ID, Linux 5.8+) path (or, parent, the
 * directory its last component is in) lands on, as process pid sees it; 0
 * when it resolved, -1 unknown (no helper, the process gone, the path gone,
 * no answer in time).
 */
int path_resolver__mount(struct path_resolver *r, __u32 pid, const char *path, bool parent, __u64 *mnt_id);
struct path_identity {
	__u64 dev; /* st_dev's encoding (makedev) */
	__u64 ino;
	__u64 mnt_id; /* the mount it is on (statx STATX_MNT_ID; mountinfo's first field) */
};

/*
 * What is at path as process pid sees it, inside its root: follow false for
 * a mount point (what is mounted there, not what a symlink there points to).
 * 0, or -1 unknown as above. With pid 1: the host's files, from vigil in a
 * container of its own.
 */
int path_resolver__identity(struct path_resolver *r, __u32 pid, const char *path, bool follow,
			    struct path_identity *id);
/* The inode of pid's namespace name ("net", ...: /proc/PID/ns/NAME); 0, or -1. */
int path_resolver__ns(struct path_resolver *r, __u32 pid, const char *name, __u64 *ino);
void path_resolver__stop(struct path_resolver *r);

#endif /* VIGIL_PATH_RESOLVER_H */
