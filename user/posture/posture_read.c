// SPDX-License-Identifier: GPL-2.0
/* Posture's I/O: the host once, a starting container's files (posture_read.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "mountinfo.h"
#include "path_resolver.h"
#include "posture_read.h"
#include "proc_status.h"
#include "small_file.h"

/*
 * Host paths a container must not see. A mount of one of them, or of any
 * directory above one (the host's / shows them all), is a finding: matched by
 * device and inode, so another path to the same file (a hard link to a
 * runtime's socket, a symlinked directory) is the same finding. /proc and
 * /sys only writable (docker mounts a read-only /sys under --network=host).
 */
static const struct {
	const char *path;
	bool only_writable;
} sensitive[] = {
	{ "/", false },
	{ "/etc", false },
	{ "/run", false },
	{ "/var/run/docker.sock", false },
	{ "/run/containerd/containerd.sock", false },
	{ "/run/crio/crio.sock", false },
	{ "/run/podman/podman.sock", false },
	{ "/var/run/cri-dockerd.sock", false },
	{ "/var/lib/kubelet", false },
	{ "/var/lib/docker", false },
	{ "/var/lib/containerd", false },
	{ "/boot", false },
	{ "/dev", false },
	{ "/proc", true },
	{ "/sys", true },
};

#define NSENSITIVE (sizeof(sensitive) / sizeof(sensitive[0]))
#define HOST_PID   1

static int read_text(const char *path, char *buf, size_t len)
{
	return small_file__read(path, buf, len) < 0 ? -1 : 0;
}

/*
 * The host's namespaces are PID 1's, read by the path resolver (ptrace
 * access, which vigil gave up). Without it, PID 1's as vigil can read them,
 * else vigil's own: the host's for the systemd service. None known: the
 * namespace checks are not judged, and each line says so.
 */
static void host_namespaces(struct posture_env *env)
{
	char path[64];
	struct stat st;
	__u64 ino;
	int i;

	for (i = 0; i < VIGIL_NS_MAX; i++) {
		const char *name = posture__ns_name(i);

		if (env->resolver && env->resolver->fd >= 0 &&
		    !path_resolver__ns(env->resolver, HOST_PID, name, &ino)) {
			env->host.ns[i] = (__u32)ino;
			continue;
		}
		snprintf(path, sizeof(path), "/proc/1/ns/%s", name);
		if (stat(path, &st)) {
			snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
			if (stat(path, &st))
				continue;
		}
		env->host.ns[i] = (__u32)st.st_ino;
	}
}

static void host_lsms(struct posture_host *h)
{
	char buf[512];

	/* securityfs is mounted by the loader; without it, the modules' own switches */
	if (!read_text("/sys/kernel/security/lsm", buf, sizeof(buf))) {
		h->apparmor = strstr(buf, "apparmor") != NULL;
		h->selinux = strstr(buf, "selinux") != NULL;
		return;
	}
	h->apparmor = !read_text("/sys/module/apparmor/parameters/enabled", buf, sizeof(buf)) && buf[0] == 'Y';
	h->selinux = access("/sys/fs/selinux/enforce", F_OK) == 0;
}

/* The v1 hierarchy holding controller, from vigil's mount table. */
static void v1_mount(const char *controller, char *out, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	struct mount_entry e;

	out[0] = '\0';
	if (!f)
		return;
	while (getline(&line, &cap, f) > 0)
		if (mountinfo__parse_line(line, &e) && !strcmp(e.fstype, "cgroup") &&
		    mountinfo__has_option(e.super_options, controller) && strlen(e.mount_point) < len) {
			strcpy(out, e.mount_point);
			break;
		}
	free(line);
	fclose(f);
}

/* A host path's identity, symlinks followed: in PID 1's root when vigil has it, else in its own. */
static int host_identity(const struct posture_env *env, const char *path, struct path_identity *id)
{
	struct stat st;

	if (env->host_by_pid1)
		return path_resolver__identity(env->resolver, HOST_PID, path, true, id);
	if (stat(path, &st))
		return -1;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	return 0;
}

/* The sensitive paths and every directory above each ("/run/x" -> "/run" -> "/"), by identity. */
static void sensitive_identities(struct posture_env *env)
{
	struct path_identity id;
	char dir[POSTURE_PATH_MAX], *slash;
	unsigned int i;

	env->nids = 0;
	for (i = 0; i < NSENSITIVE; i++) {
		snprintf(dir, sizeof(dir), "%s", sensitive[i].path);
		for (;;) {
			const char *p = dir[0] ? dir : "/";

			if (!host_identity(env, p, &id) && env->nids < POSTURE_SENSITIVE_MAX) {
				struct posture_identity *e = &env->ids[env->nids++];

				e->dev = id.dev;
				e->ino = id.ino;
				e->path = i;
				snprintf(e->at, sizeof(e->at), "%s", p);
			}
			slash = strrchr(dir, '/');
			if (!slash || !dir[0] || !strcmp(dir, "/"))
				break;
			*slash = '\0';
		}
	}
}

void posture_env__init(struct posture_env *env, const char *cgroup2_root, struct path_resolver *resolver)
{
	struct path_identity id;
	char buf[4096];

	memset(env, 0, sizeof(*env));
	env->cgroup2_root = cgroup2_root;
	env->resolver = resolver;
	env->host_by_pid1 =
		resolver && resolver->fd >= 0 && !path_resolver__identity(resolver, HOST_PID, "/", true, &id);
	host_namespaces(env);
	if (!read_text("/proc/1/status", buf, sizeof(buf)))
		proc_status__cap_bset(buf, &env->host.cap_bset);
	host_lsms(&env->host);
	v1_mount("memory", env->v1_memory, sizeof(env->v1_memory));
	v1_mount("pids", env->v1_pids, sizeof(env->v1_pids));
	v1_mount("cpu", env->v1_cpu, sizeof(env->v1_cpu));
	v1_mount("devices", env->v1_devices, sizeof(env->v1_devices));
}

/*
 * The container's cgroup path for controller, and its hierarchy's mount: its
 * v1 hierarchy when the host has one (where the process says; gone, under
 * the cgroup v2 path, which the runtimes name alike), else cgroup v2's.
 * false: neither is known. *v1 says which, for the file names.
 */
static bool controller_path(const struct posture_env *env, const char *procs_cgroup, const char *v1_root,
			    const char *controller, const char *v2_path, const char **root, char *rel, size_t len,
			    bool *v1)
{
	*v1 = v1_root[0] != '\0';
	*root = *v1 ? v1_root : env->cgroup2_root;
	if (*v1 && procs_cgroup && !proc_status__cgroup1_path(procs_cgroup, controller, rel, len))
		return !strstr(rel, "/.."); /* outside vigil's cgroup namespace: not a path to read */
	if (!v2_path)
		return false;
	return snprintf(rel, len, "%s", v2_path) < (int)len;
}

static int cgroup_file(const char *root, const char *rel, const char *file, char *buf, size_t len)
{
	char path[8192];

	if (snprintf(path, sizeof(path), "%s%s/%s", root, rel, file) >= (int)sizeof(path))
		return -1;
	return read_text(path, buf, len);
}

/*
 * A limit is the tightest on the way up: Kubernetes sets a pod's PIDs limit
 * on the pod's cgroup, Podman its limits above crun's leaf. The leaf's file
 * must read (else unknown); the root cgroup has none.
 */
static __s64 limit_up(const char *root, const char *rel, const char *file)
{
	char dir[4096], buf[256], *slash;
	__s64 best = POSTURE_UNLIMITED, v;
	bool leaf = true;

	snprintf(dir, sizeof(dir), "%s", rel);
	while (dir[0] && strcmp(dir, "/")) {
		if (cgroup_file(root, dir, file, buf, sizeof(buf))) {
			if (leaf)
				return POSTURE_UNKNOWN;
		} else if ((v = posture__limit_value(buf)) == POSTURE_UNKNOWN && leaf) {
			return POSTURE_UNKNOWN;
		} else if (v >= 0 && (best == POSTURE_UNLIMITED || v < best)) {
			best = v;
		}
		leaf = false;
		slash = strrchr(dir, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	return best;
}

/* The CPU quota the same way: the smallest share of a CPU up the tree, as quota and period. */
static void cpu_up(const char *root, const char *rel, bool v1, struct posture_facts *f)
{
	char dir[4096], buf[256], *slash;
	__s64 q, p;
	bool leaf = true;

	snprintf(dir, sizeof(dir), "%s", rel);
	f->cpu_quota_us = f->cpu_period_us = POSTURE_UNKNOWN;
	while (dir[0] && strcmp(dir, "/")) {
		q = p = POSTURE_UNKNOWN;
		if (!v1 && !cgroup_file(root, dir, "cpu.max", buf, sizeof(buf))) {
			posture__cpu_max(buf, &q, &p);
		} else if (v1 && !cgroup_file(root, dir, "cpu.cfs_quota_us", buf, sizeof(buf))) {
			q = posture__limit_value(buf);
			if (!cgroup_file(root, dir, "cpu.cfs_period_us", buf, sizeof(buf)))
				p = posture__limit_value(buf);
		}
		if (leaf && (q == POSTURE_UNKNOWN || (q >= 0 && p <= 0)))
			return;
		if (leaf)
			f->cpu_quota_us = POSTURE_UNLIMITED;
		/* q/p < best_q/best_p, without a division */
		if (q >= 0 && p > 0 &&
		    (f->cpu_quota_us == POSTURE_UNLIMITED ||
		     (__int128)q * f->cpu_period_us < (__int128)f->cpu_quota_us * p)) {
			f->cpu_quota_us = q;
			f->cpu_period_us = p;
		}
		leaf = false;
		slash = strrchr(dir, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
}

static void read_limits(const struct posture_env *env, const char *procs_cgroup, const char *v2,
			struct posture_facts *f)
{
	char rel[4096], buf[4096];
	const char *root;
	bool v1;

	f->memory_limit = f->pids_limit = f->cpu_quota_us = f->cpu_period_us = POSTURE_UNKNOWN;
	f->devices = POSTURE_DEVICES_UNKNOWN;
	if (controller_path(env, procs_cgroup, env->v1_memory, "memory", v2, &root, rel, sizeof(rel), &v1))
		f->memory_limit = limit_up(root, rel, v1 ? "memory.limit_in_bytes" : "memory.max");
	if (controller_path(env, procs_cgroup, env->v1_pids, "pids", v2, &root, rel, sizeof(rel), &v1))
		f->pids_limit = limit_up(root, rel, "pids.max");
	if (controller_path(env, procs_cgroup, env->v1_cpu, "cpu", v2, &root, rel, sizeof(rel), &v1))
		cpu_up(root, rel, v1, f);
	/* cgroup v2 decides devices in a BPF program: unknown there */
	if (env->v1_devices[0] &&
	    controller_path(env, procs_cgroup, env->v1_devices, "devices", v2, &root, rel, sizeof(rel), &v1) &&
	    !cgroup_file(root, rel, "devices.list", buf, sizeof(buf)))
		f->devices = posture__devices(buf);
}

static void read_lsm(const struct posture_env *env, __u32 pid, struct posture_facts *f)
{
	char path[64], *nl;

	f->lsm = POSTURE_LABEL_HOST_NONE;
	if (!env->host.apparmor && !env->host.selinux)
		return;
	f->lsm = POSTURE_LABEL_UNKNOWN;
	snprintf(path, sizeof(path), "/proc/%u/attr/%s", pid, env->host.apparmor ? "apparmor/current" : "current");
	if (read_text(path, f->lsm_label, sizeof(f->lsm_label))) {
		snprintf(path, sizeof(path), "/proc/%u/attr/current", pid);
		if (read_text(path, f->lsm_label, sizeof(f->lsm_label)))
			return;
	}
	nl = strchr(f->lsm_label, '\n');
	if (nl)
		*nl = '\0';
	f->lsm = posture__label_unconfined(f->lsm_label) ? POSTURE_LABEL_UNCONFINED : POSTURE_LABEL_CONFINED;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "/"))
		return true;
	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

static void add_mount(struct posture_facts *f, const char *container_path, const char *host_path, const char *at,
		      bool ro)
{
	struct posture_mount *m;

	if (f->nmounts >= POSTURE_MOUNTS_MAX) {
		f->mounts_truncated = true;
		return;
	}
	m = &f->mounts[f->nmounts++];
	snprintf(m->container_path, sizeof(m->container_path), "%s", container_path);
	snprintf(m->host_path, sizeof(m->host_path), "%s", host_path);
	snprintf(m->at, sizeof(m->at), "%s", at);
	m->read_only = ro;
}

/*
 * A mount below one already found is what that one's recursive bind shows
 * when it is the host's file at the same place below (-v /:/host brings the
 * host's /proc as /host/proc): said once. Anything else mounted there (the
 * Docker socket over /d/null below -v /dev:/d) is judged on its own.
 */
static bool shown_by_found(const struct posture_env *env, const struct posture_facts *f, const char *mp,
			   const struct path_identity *id)
{
	struct path_identity host;
	char path[2 * POSTURE_PATH_MAX];
	unsigned int i;

	for (i = 0; i < f->nmounts; i++) {
		const struct posture_mount *m = &f->mounts[i];

		if (!under(mp, m->container_path) || !strcmp(mp, m->container_path))
			continue;
		snprintf(path, sizeof(path), "%s%s", strcmp(m->at, "/") ? m->at : "", mp + strlen(m->container_path));
		if (!host_identity(env, path, &host) && host.dev == id->dev && host.ino == id->ino)
			return true;
	}
	return false;
}

static bool shares_host_ns(const struct posture_env *env, const struct posture_facts *f, enum vigil_ns ns)
{
	return env->host.ns[ns] && f->ns[ns] == env->host.ns[ns];
}

static void judge_mount(const struct posture_env *env, struct posture_facts *f, const struct mount_entry *e,
			const struct path_identity *id)
{
	bool ro = mountinfo__has_option(e->options, "ro");
	unsigned int i;

	if (shown_by_found(env, f, e->mount_point, id))
		return;
	for (i = 0; i < env->nids; i++) {
		unsigned int s = env->ids[i].path;

		if (env->ids[i].dev != id->dev || env->ids[i].ino != id->ino)
			continue;
		if (sensitive[s].only_writable && ro)
			continue;
		/* the runtime's own /proc and /sys are the host's under --pid=host, --network=host: those checks say it */
		if (!strcmp(sensitive[s].path, "/proc") && under(e->mount_point, "/proc") &&
		    shares_host_ns(env, f, VIGIL_NS_PID))
			continue;
		if (!strcmp(sensitive[s].path, "/sys") && under(e->mount_point, "/sys") &&
		    shares_host_ns(env, f, VIGIL_NS_NET))
			continue;
		add_mount(f, e->mount_point, sensitive[s].path, env->ids[i].at, ro);
		return; /* a mount is one finding, named by the first path it exposes */
	}
}

/*
 * What each mount point shows, asked of the path resolver (opening a
 * container's /proc/PID/root takes CAP_SYS_PTRACE, which only it holds)
 * inside the container's root, and checked to be that very mount (its id):
 * a directory renamed under the lookup, or a mount covered by a later one,
 * is asked again once, then said unknown, never guessed.
 */
static void read_mounts(struct posture_env *env, __u32 pid, struct posture_facts *f)
{
	char path[64], *line = NULL;
	size_t cap = 0;
	struct mount_entry e;
	struct path_identity id;
	bool all = true;
	FILE *mi;
	int tries;

	if (!env->resolver || env->resolver->fd < 0)
		return;
	snprintf(path, sizeof(path), "/proc/%u/mountinfo", pid);
	mi = fopen(path, "re");
	if (!mi)
		return;
	sensitive_identities(env);
	while (getline(&line, &cap, mi) > 0) {
		if (!mountinfo__parse_line(line, &e))
			continue;
		for (tries = 0; tries < 2; tries++)
			if (!path_resolver__identity(env->resolver, pid, e.mount_point, false, &id) &&
			    id.mnt_id == e.mnt_id)
				break;
		if (tries == 2) {
			all = false;
			continue;
		}
		judge_mount(env, f, &e, &id);
	}
	f->mounts_known = all;
	free(line);
	fclose(mi);
}

void posture__read(struct posture_env *env, __u32 pid, const char *cgroup_path, struct posture_facts *f)
{
	char path[64], procs_cgroup[4096], v2[4096];
	bool have = false;
	int i;

	for (i = 0; i < VIGIL_NS_MAX; i++)
		if (!env->host.ns[i])
			f->host_ns_unknown = true;
	/*
	 * The process's own word on its cgroups, trusted only while it says it is
	 * in the container's: an exited entrypoint (a zombie, a reused pid) would
	 * send us to the root cgroup, whose limits are none and devices all.
	 */
	if (pid) {
		snprintf(path, sizeof(path), "/proc/%u/cgroup", pid);
		have = !read_text(path, procs_cgroup, sizeof(procs_cgroup)) &&
		       !proc_status__cgroup2_path(procs_cgroup, v2, sizeof(v2)) && cgroup_path &&
		       !strcmp(v2, cgroup_path);
	}
	read_limits(env, have ? procs_cgroup : NULL, cgroup_path, f);
	f->nmounts = 0;
	f->mounts_known = false;
	f->lsm = POSTURE_LABEL_UNKNOWN;
	if (!have) /* gone: its label and mounts with it */
		return;
	read_lsm(env, pid, f);
	read_mounts(env, pid, f);
}
