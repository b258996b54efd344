// SPDX-License-Identifier: GPL-2.0
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/bpf.h>
#include "drift.h"
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
 * The keys of a map of vigil_drift_key (at most max) are collected first,
 * then deleted: deleting while walking a hash map can restart the walk from
 * its first bucket. The walks start from a key no entry has (cgroup 0:
 * valgrind rejects a NULL key).
 */
static unsigned int drop_files(int fd, unsigned int max, __u64 only, int containers_fd)
{
	struct vigil_drift_key key = { 0 }, next, *gone;
	unsigned int n = 0, i;

	if (fd < 0)
		return 0;
	gone = calloc(max, sizeof(*gone));
	if (!gone)
		return 0;
	while (n < max && !bpf_map_get_next_key(fd, &key, &next)) {
		key = next;
		if (goes(key.cgroup_id, only, containers_fd))
			gone[n++] = key;
	}
	for (i = 0; i < n; i++)
		bpf_map_delete_elem(fd, &gone[i]);
	free(gone);
	return n;
}

static unsigned int drop(const struct drift_maps *m, __u64 only, int containers_fd)
{
	unsigned int n = drop_files(m->written, VIGIL_DRIFT_MAX_FILES, only, containers_fd);
	__u64 cgid = 0, cnext;

	drop_files(m->interpreters, VIGIL_DRIFT_MAX_INTERPRETERS, only, containers_fd);
	if (containers_fd < 0) {
		bpf_map_delete_elem(m->counts, &only);
		return n;
	}
	while (!bpf_map_get_next_key(m->counts, &cgid, &cnext)) {
		cgid = cnext;
		if (goes(cgid, 0, containers_fd))
			bpf_map_delete_elem(m->counts, &cgid); /* the walk may restart: each goes once */
	}
	return n;
}

unsigned int drift_map__forget(const struct drift_maps *m, __u64 cgid)
{
	return drop(m, cgid, -1);
}

unsigned int drift_map__sweep(const struct drift_maps *m, int containers_fd)
{
	return drop(m, 0, containers_fd);
}

/* Where images keep their interpreters; /bin and /sbin are often links to /usr's: found once. */
static const char *const interpreter_dirs[] = { "/usr/local/bin",  "/usr/bin",	"/bin",
						"/usr/local/sbin", "/usr/sbin", "/sbin" };
/* Besides the names the kernel knows (drift.h): the usual versioned ones, each a link to the file. */
static const char *const interpreter_extra[] = { "python3", "python2" };
/* What a multi-call binary also answers to: an interpreter that is one of these is not one file's. */
static const char *const multi_call[] = { "busybox", "toybox", "ls", "cat" };

#define CANDIDATES_MAX 128

static bool same_file(const struct path_identity *a, const struct path_identity *list, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (a->dev == list[i].dev && a->ino == list[i].ino)
			return true;
	return false;
}

/* What the usual directories hold under the interpreters' names, and under a multi-call binary's. */
struct candidates {
	struct path_identity interp[CANDIDATES_MAX];
	struct path_identity multi[CANDIDATES_MAX];
	unsigned int n_interp, n_multi;
};

/*
 * names[] (the first n_interp an interpreter's, the rest a multi-call
 * binary's) looked up in the usual directories, as pid sees them, in one
 * pass: a directory that is another's (merged /usr: /bin is /usr/bin) is
 * looked in once; only files on the root filesystem's mount with the
 * st_dev of its "/": overlayfs gives a file on layers of different
 * filesystems its layer's st_dev and an inode number unique only with it,
 * which the kernel side's key (cgroup, inode) cannot tell apart.
 */
static void candidates(struct path_resolver *r, const struct container *c, __u32 pid, const char *const *names,
		       unsigned int n_names, unsigned int n_interp, struct candidates *out)
{
	struct path_identity dirs[sizeof(interpreter_dirs) / sizeof(interpreter_dirs[0])], root, id;
	char path[PATH_MAX];
	unsigned int nd = 0;

	if (path_resolver__identity(r, pid, "/", true, &root))
		return;
	for (size_t d = 0; d < sizeof(interpreter_dirs) / sizeof(interpreter_dirs[0]); d++) {
		if (path_resolver__identity(r, pid, interpreter_dirs[d], true, &dirs[nd]) ||
		    same_file(&dirs[nd], dirs, nd))
			continue;
		nd++;
		for (unsigned int i = 0; i < n_names; i++) {
			snprintf(path, sizeof(path), "%s/%s", interpreter_dirs[d], names[i]);
			if (path_resolver__identity(r, pid, path, true, &id) || id.mnt_id != c->root_mnt_id ||
			    id.dev != root.dev) /* not a volume's: those are drift */
				continue;
			if (i < n_interp && out->n_interp < CANDIDATES_MAX)
				out->interp[out->n_interp++] = id;
			else if (i >= n_interp && out->n_multi < CANDIDATES_MAX)
				out->multi[out->n_multi++] = id;
		}
	}
}

unsigned int drift_map__learn_interpreters(void *learn, const struct container *c, __u32 pid)
{
	const struct drift_learn *l = learn;
	const size_t n_multi_call = sizeof(multi_call) / sizeof(multi_call[0]);
	const char *names[VIGIL_INTERPRETERS + sizeof(interpreter_extra) / sizeof(interpreter_extra[0]) +
			  sizeof(multi_call) / sizeof(multi_call[0])];
	struct vigil_drift_key key = { .cgroup_id = c->cgroup_id };
	unsigned int n_interp = 0, learnt = 0;
	struct candidates *found;
	__u8 one = 1;

	if (l->fd < 0 || !l->resolver || l->resolver->fd < 0 || !c->root_mnt_id)
		return 0;
	for (unsigned int i = 0; drift_interpreter_names[i] && n_interp < VIGIL_INTERPRETERS; i++)
		names[n_interp++] = drift_interpreter_names[i];
	for (size_t i = 0; i < sizeof(interpreter_extra) / sizeof(interpreter_extra[0]); i++)
		names[n_interp++] = interpreter_extra[i];
	for (size_t i = 0; i < n_multi_call; i++)
		names[n_interp + i] = multi_call[i];
	found = calloc(1, sizeof(*found));
	if (!found)
		return 0;
	candidates(l->resolver, c, pid, names, n_interp + n_multi_call, n_interp, found);
	for (unsigned int i = 0; i < found->n_interp; i++) {
		if (same_file(&found->interp[i], found->multi, found->n_multi) ||
		    same_file(&found->interp[i], found->interp, i))
			continue;
		key.ino = found->interp[i].ino;
		if (!bpf_map_update_elem(l->fd, &key, &one, BPF_ANY))
			learnt++;
	}
	free(found);
	return learnt;
}
