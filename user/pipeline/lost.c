// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <bpf/bpf.h>
#include "lost.h"

/* More cgroups than the map holds have lost records: start the count over rather than grow. */
#define LOST_SEEN_MAX 8192

static void report_key(struct lost_by_cgroup *l, __u64 key,
		       void (*report)(void *ctx, __u64 cgid, __u64 count, __u64 total), void *ctx)
{
	struct lost_seen *s;
	__u64 total;

	if (bpf_map_lookup_elem(l->map_fd, &key, &total))
		return;
	HASH_FIND(hh, l->seen, &key, sizeof(key), s);
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s)
			return;
		s->cgroup_id = key;
		HASH_ADD(hh, l->seen, cgroup_id, sizeof(s->cgroup_id), s);
	}
	/* an LRU map may have evicted and restarted the entry */
	if (total < s->reported)
		s->reported = 0;
	if (total > s->reported) {
		report(ctx, key, total - s->reported, total);
		s->reported = total;
	}
}

void lost__report(struct lost_by_cgroup *l, void (*report)(void *ctx, __u64 cgid, __u64 count, __u64 total), void *ctx)
{
	/* no cgroup has id 0: a key not in the map starts the walk (valgrind rejects a NULL key) */
	__u64 key = 0, next;

	if (l->map_fd < 0)
		return;
	if (HASH_COUNT(l->seen) > LOST_SEEN_MAX)
		lost__free(l);
	while (!bpf_map_get_next_key(l->map_fd, &key, &next)) {
		key = next;
		report_key(l, key, report, ctx);
	}
}

void lost__report_one(struct lost_by_cgroup *l, __u64 cgid,
		      void (*report)(void *ctx, __u64 cgid, __u64 count, __u64 total), void *ctx)
{
	if (l->map_fd >= 0)
		report_key(l, cgid, report, ctx);
}

void lost__free(struct lost_by_cgroup *l)
{
	struct lost_seen *s, *tmp;

	HASH_ITER (hh, l->seen, s, tmp) {
		HASH_DEL(l->seen, s);
		free(s);
	}
}
