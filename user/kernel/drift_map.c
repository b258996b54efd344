// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdlib.h>
#include <bpf/bpf.h>
#include "drift_map.h"
#include "vigil_event.h"

/* Whether an entry of this cgroup goes: the one named, or (gone_fd >= 0) any the containers map lost. */
static bool goes(__u64 cgid, __u64 only, int containers_fd)
{
	__u8 state;

	if (containers_fd < 0)
		return cgid == only;
	return bpf_map_lookup_elem(containers_fd, &cgid, &state) != 0;
}

/*
 * The keys are collected first, then deleted: deleting while walking a hash
 * map can restart the walk from its first bucket. The walks start from a key
 * no entry has (cgroup 0: valgrind rejects a NULL key).
 */
static unsigned int drop(int written_fd, int counts_fd, __u64 only, int containers_fd)
{
	struct vigil_drift_key key = { 0 }, next, *gone;
	unsigned int n = 0, i;
	__u64 cgid = 0, cnext;

	gone = calloc(VIGIL_DRIFT_MAX_FILES, sizeof(*gone));
	if (!gone)
		return 0;
	while (n < VIGIL_DRIFT_MAX_FILES && !bpf_map_get_next_key(written_fd, &key, &next)) {
		key = next;
		if (goes(key.cgroup_id, only, containers_fd))
			gone[n++] = key;
	}
	for (i = 0; i < n; i++)
		bpf_map_delete_elem(written_fd, &gone[i]);
	free(gone);
	if (containers_fd < 0) {
		bpf_map_delete_elem(counts_fd, &only);
		return n;
	}
	while (!bpf_map_get_next_key(counts_fd, &cgid, &cnext)) {
		cgid = cnext;
		if (goes(cgid, 0, containers_fd))
			bpf_map_delete_elem(counts_fd, &cgid); /* the walk may restart: each goes once */
	}
	return n;
}

unsigned int drift_map__forget(int written_fd, int counts_fd, __u64 cgid)
{
	return drop(written_fd, counts_fd, cgid, -1);
}

unsigned int drift_map__sweep(int written_fd, int counts_fd, int containers_fd)
{
	return drop(written_fd, counts_fd, 0, containers_fd);
}
