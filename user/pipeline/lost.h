/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who lost what: the records of each cgroup the kernel could not queue (the
 * ring full, or the container past its share of the ring's reserve; see
 * record__submit in bpf/lib/record.bpf.h), read from the lost_by_cgroup map once
 * a second and reported per container, so one container's flood is told
 * apart from another's missing alert.
 */
#ifndef VIGIL_LOST_H
#define VIGIL_LOST_H

#include <linux/types.h>
#include <uthash.h>

struct lost_seen {
	__u64 cgroup_id;
	__u64 reported;
	UT_hash_handle hh;
};

struct lost_by_cgroup {
	int map_fd;
	struct lost_seen *seen;
};

/* Calls report(ctx, cgroup_id, new, total) for each cgroup that lost records since the last call. */
void lost__report(struct lost_by_cgroup *l, void (*report)(void *ctx, __u64 cgid, __u64 count, __u64 total), void *ctx);
/* The same for one cgroup: a container's last report, before it is forgotten (cgroup removed). */
void lost__report_one(struct lost_by_cgroup *l, __u64 cgid,
		      void (*report)(void *ctx, __u64 cgid, __u64 count, __u64 total), void *ctx);
void lost__free(struct lost_by_cgroup *l);

#endif /* VIGIL_LOST_H */
