// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "log.h"
#include "proc_status.h"
#include "small_file.h"
#include "task_snapshot.h"

/* The cgroup v2 id (the directory's inode number) of a /proc/PID/cgroup file. */
static __u64 cgroup_id_of(const char *proc_cgroup, const char *cgroup2_root)
{
	char text[4096], rel[2048], path[4096 + 2048];
	struct stat st;

	if (small_file__read(proc_cgroup, text, sizeof(text)) <= 0 || proc_status__cgroup2_path(text, rel, sizeof(rel)))
		return 0;
	snprintf(path, sizeof(path), "%s%s", cgroup2_root, rel);
	return stat(path, &st) ? 0 : st.st_ino;
}

__u64 task_snapshot__self_cgroup(const char *cgroup2_root)
{
	return cgroup_id_of("/proc/self/cgroup", cgroup2_root);
}

static int snapshot_one(int cred_map_fd, pid_t pid)
{
	struct cred_snapshot snap;
	char path[64], text[8192];
	int pidfd, err;

	/* the pidfd first, the ids next, then the pidfd still alive: the ids are that process's */
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (small_file__read(path, text, sizeof(text)) <= 0 || proc_status__ids(text, &snap) ||
	    syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0)) {
		close(pidfd);
		return 0; /* gone meanwhile */
	}
	/* BPF_NOEXIST: a snapshot taken at fork meanwhile is newer than this one */
	err = bpf_map_update_elem(cred_map_fd, &pidfd, &snap, BPF_NOEXIST);
	close(pidfd);
	return err ? 0 : 1;
}

int task_snapshot__proc(int cred_map_fd, int containers_map_fd, const char *cgroup2_root)
{
	DIR *proc = opendir("/proc");
	struct dirent *d;
	char path[64];
	__u8 state;
	__u64 cgid;
	int n = 0;

	if (!proc)
		return log_errno(-errno, "open /proc");
	while ((d = readdir(proc))) {
		pid_t pid = atoi(d->d_name);

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
		cgid = cgroup_id_of(path, cgroup2_root);
		if (!cgid || bpf_map_lookup_elem(containers_map_fd, &cgid, &state))
			continue;
		n += snapshot_one(cred_map_fd, pid);
	}
	closedir(proc);
	return n;
}
