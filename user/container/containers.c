// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include "containers.h"
#include "log.h"
#include "mountinfo.h"
#include "policy_apply.h"
#include "vigil_event.h"

int containers__init(struct containers *cs, int map_fd, struct metadata *md, const char *containerd_socket,
		     __u64 self_cgroup_id)
{
	const char *slash = strrchr(containerd_socket, '/');
	bool found;
	FILE *f;

	memset(cs, 0, sizeof(*cs));
	cs->map_fd = map_fd;
	cs->metadata = md;
	cs->self_cgroup_id = self_cgroup_id;
	/* containerd keeps its task bundles beside its socket: /run/containerd/io.containerd.runtime.v2.task */
	snprintf(cs->containerd_tasks, sizeof(cs->containerd_tasks), "%.*s/io.containerd.runtime.v2.task",
		 (int)(slash ? slash - containerd_socket : 0), containerd_socket);
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return log_errno(-errno, "open /proc/self/mountinfo");
	found = mountinfo__find_cgroup2(f, cs->cgroup2_root, sizeof(cs->cgroup2_root));
	fclose(f);
	if (!found)
		return log_err(-ENOENT, "no cgroup2 mount in /proc/self/mountinfo: vigil needs the cgroup v2 "
					"hierarchy (mount -t cgroup2 none /sys/fs/cgroup/unified)");
	return 0;
}

struct container *containers__find(struct containers *cs, __u64 cgid)
{
	struct container *c;

	HASH_FIND(hh, cs->by_cgroup, &cgid, sizeof(cgid), c);
	return c;
}

static struct container *containers__find_id(struct containers *cs, const char *id)
{
	struct container *c, *tmp;

	HASH_ITER (hh, cs->by_cgroup, c, tmp)
		if (!strcmp(c->ref.id, id))
			return c;
	return NULL;
}

static void map_set(struct containers *cs, __u64 cgid, bool container)
{
	__u8 state = VIGIL_CG_CONTAINER;

	if (container)
		bpf_map_update_elem(cs->map_fd, &cgid, &state, BPF_ANY);
	else
		bpf_map_delete_elem(cs->map_fd, &cgid);
}

/* "/<namespace>/<id>" is a ctr container only if containerd has a task bundle of that name. */
static bool containerd_task(struct containers *cs, const char *path, struct container_ref *ref)
{
	char ns[80], bundle[sizeof(cs->containerd_tasks) + sizeof(ns) + CONTAINER_ID_MAX + 16];
	struct stat st;

	if (!cgroup__containerd_task(path, ns, sizeof(ns), ref))
		return false;
	snprintf(bundle, sizeof(bundle), "%s/%s/%s/config.json", cs->containerd_tasks, ns, ref->id);
	return !stat(bundle, &st);
}

static bool classify(struct containers *cs, const char *path, struct container_ref *ref)
{
	return cgroup__classify(path, ref) || containerd_task(cs, path, ref);
}

/* Keeps a classified cgroup as a container (vigil's own never); false if it is not kept. */
static bool track(struct containers *cs, __u64 cgid, const char *path, const struct container_ref *ref)
{
	struct container *c;
	bool fresh;

	if (cgid == cs->self_cgroup_id) {
		map_set(cs, cgid, false);
		return false;
	}
	c = containers__find(cs, cgid);
	fresh = !c;
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			log_err(-ENOMEM, "container %s not tracked", ref->id);
			map_set(cs, cgid, false);
			return false;
		}
		c->cgroup_id = cgid;
		HASH_ADD(hh, cs->by_cgroup, cgroup_id, sizeof(c->cgroup_id), c);
		cs->count++;
	}
	c->ref = *ref;
	free(c->cgroup_path);
	c->cgroup_path = strdup(path);
	/* the policy knows it before its lookup can answer (an answer for an unknown container is lost) */
	if (cs->policy)
		policy_apply__cgroup(cs->policy, cgid, ref->id, ref->runtime);
	/* the engine knows a container before its cgroup exists: ask now, not at its first alert */
	if (fresh)
		metadata__want(cs->metadata, ref->id, ref->runtime);
	map_set(cs, cgid, true);
	return true;
}

void containers__on_mkdir(struct containers *cs, __u64 cgid, const char *path)
{
	struct container_ref ref;

	if (classify(cs, path, &ref))
		track(cs, cgid, path, &ref);
	else
		map_set(cs, cgid, false); /* the kernel's candidate was not a container */
}

static void drop(struct containers *cs, struct container *c)
{
	HASH_DEL(cs->by_cgroup, c);
	if (cs->policy)
		policy_apply__cgroup_gone(cs->policy, c->cgroup_id, c->ref.id);
	/* a container's own sub-cgroups share its id: the metadata goes with the last of them */
	if (!containers__find_id(cs, c->ref.id))
		metadata__forget(cs->metadata, c->ref.id);
	rootfs__free(&c->mounts);
	free(c->cgroup_path);
	free(c);
	cs->count--;
}

void containers__on_rmdir(struct containers *cs, __u64 cgid)
{
	struct container *c = containers__find(cs, cgid);

	if (c)
		drop(cs, c);
}

static struct containers *scan_target;

static int scan_one(const char *fpath, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = fpath + strlen(scan_target->cgroup2_root);
	struct container_ref ref;

	(void)ftw;
	if (type == FTW_D && classify(scan_target, rel, &ref) && track(scan_target, st->st_ino, rel, &ref)) {
		struct container *c = containers__find(scan_target, st->st_ino);

		containers__on_entrypoint(scan_target, st->st_ino, 0);
		if (c) /* it started before vigil: a later entrypoint is a docker exec, not its start */
			c->started_said = true;
	}
	return 0;
}

int containers__scan(struct containers *cs)
{
	scan_target = cs;
	if (nftw(cs->cgroup2_root, scan_one, 32, FTW_PHYS | FTW_MOUNT))
		return log_errno(-errno, "scan %s", cs->cgroup2_root);
	return 0;
}

static bool load_mounts_of(struct container *c, __u32 pid)
{
	char path[64];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "/proc/%u/mountinfo", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = rootfs__load_mountinfo(&c->mounts, f);
	fclose(f);
	return ok;
}

/* Any live process of the container will do: they share its mount namespace. */
/* The container's processes, one pid a line (its cgroup.procs); NULL when the cgroup is gone. */
static FILE *open_procs(struct containers *cs, struct container *c)
{
	char path[8192];

	snprintf(path, sizeof(path), "%s%s/cgroup.procs", cs->cgroup2_root, c->cgroup_path);
	return fopen(path, "re");
}

static bool load_mounts_any(struct containers *cs, struct container *c)
{
	FILE *f = open_procs(cs, c);
	unsigned int pid;
	bool ok = false;

	while (f && !ok && fscanf(f, "%u", &pid) == 1)
		ok = load_mounts_of(c, pid);
	if (f)
		fclose(f);
	return ok;
}

const struct mount_table *containers__mounts(struct containers *cs, struct container *c, __u32 pid)
{
	if (c->mounts_current)
		return &c->mounts;
	if ((pid && load_mounts_of(c, pid)) || load_mounts_any(cs, c))
		c->mounts_current = true;
	else if (!c->mounts.from_runtime_defaults) /* not again per event: it allocates */
		rootfs__load_runtime_defaults(&c->mounts);
	return &c->mounts;
}

/* The first live process of the container (cgroup.procs), 0 if none. */
static __u32 any_pid(struct containers *cs, struct container *c)
{
	FILE *f = open_procs(cs, c);
	unsigned int pid = 0;

	if (f) {
		if (fscanf(f, "%u", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid;
}

/* The mount of a process's root: the entrypoint's root is the container's root filesystem. */
static __u64 root_mount_of(struct containers *cs, __u32 pid)
{
	__u64 id = 0;

	if (!cs->resolver || !pid || path_resolver__mount(cs->resolver, pid, "/", false, &id))
		return 0;
	return id;
}

void containers__on_entrypoint(struct containers *cs, __u64 cgid, __u32 pid)
{
	struct container *c = containers__find(cs, cgid);

	if (!c)
		return;
	containers__mounts(cs, c, pid);
	if (!pid)
		pid = any_pid(cs, c);
	c->root_mnt_id = root_mount_of(cs, pid);
	if (c->root_mnt_id && !c->root_told && cs->on_root) {
		c->root_told = true;
		cs->on_root(cs->on_root_ctx, c, pid);
	}
}

int containers__resolve_on_root(struct containers *cs, struct container *c, __u32 pid, const char *path, bool parent)
{
	__u64 id;

	if (!cs->resolver)
		return -1;
	if (!c->root_mnt_id)
		c->root_mnt_id = root_mount_of(cs, any_pid(cs, c));
	if (!c->root_mnt_id)
		return -1;
	/* gone already: any process of the container shares its root (unless it chrooted) */
	if (path_resolver__mount(cs->resolver, pid, path, parent, &id) &&
	    path_resolver__mount(cs->resolver, any_pid(cs, c), path, parent, &id))
		return -1;
	return id == c->root_mnt_id;
}

void containers__mounts_changed(struct container *c)
{
	c->mounts_current = false;
}

void containers__free(struct containers *cs)
{
	struct container *c, *tmp;

	HASH_ITER (hh, cs->by_cgroup, c, tmp)
		drop(cs, c);
}
