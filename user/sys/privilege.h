/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vigil's own privileges. Loading and attaching BPF programs takes
 * CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN and more; watching afterwards takes
 * almost nothing. Once attached, vigil keeps only what the event loop and
 * the metadata worker still use and gives up the rest for good.
 */
#ifndef VIGIL_PRIVILEGE_H
#define VIGIL_PRIVILEGE_H

#include <stdbool.h>

struct privilege_needs {
	bool bpf_map_ops;     /* this kernel gates bpf() map and iterator calls on CAP_BPF */
	bool runtime_sockets; /* metadata: connect to root's 0660 runtime sockets */
};

/*
 * Whether this kernel lets a process without capabilities use BPF map fds
 * and iterators it already holds (Linux 5.19 and later do; before, a sysctl
 * decides). Tried in a child that drops everything: map_fd, iter_link_fd
 * and test_run_fd (a program vigil runs by BPF_PROG_TEST_RUN) are vigil's
 * own; -1 for none.
 */
bool privilege__map_ops_need_cap(int map_fd, int iter_link_fd, int test_run_fd);

#define PRIVILEGE_MAX_KEPT 4

/* What vigil holds after start-up: capability numbers. */
struct privilege_kept {
	unsigned int caps[PRIVILEGE_MAX_KEPT];
	unsigned int n;
	const char *seccomp;  /* agent-start's vigil.seccomp: on, log, off or unavailable (confine.h) */
	const char *landlock; /* agent-start's vigil.landlock: on, off or unavailable (landlock.h) */
};

/*
 * Drops every capability but those needs ask for (and vigil holds), from
 * all four sets and the bounding set, and sets no_new_privs. Call before
 * any thread starts: capabilities belong to threads. Returns 0 or a
 * negative errno.
 */
int privilege__drop(const struct privilege_needs *needs, struct privilege_kept *kept);

#endif /* VIGIL_PRIVILEGE_H */
