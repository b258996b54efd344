/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Container cgroup names: the one matcher, shared verbatim by the BPF side
 * (bpf/container.bpf.c runs it on each new cgroup, so a container is one
 * from its first instant even when no agent runs) and userspace
 * (user/container/cgroup.c runs it on each component of a cgroup path).
 *
 * What the runtimes create (../shared/cgroup-patterns.md), by one name and
 * the name of its parent:
 *   Docker, cgroupfs             docker/<64hex>
 *   Docker, systemd              docker-<64hex>.scope
 *   containerd CRI, systemd      cri-containerd-<64hex>.scope
 *   containerd CRI, no systemd cgroup driver on a systemd host
 *                                <slice>:cri-containerd:<64hex>
 *   containerd CRI, cgroupfs     pod<uid>/<64hex>
 *   CRI-O                        crio-<64hex>[.scope]      (not crio-conmon-)
 *   Podman                       libpod-<64hex>[.scope], libpod-payload-<64hex>
 *                                (not libpod-conmon-)
 *   nerdctl                      nerdctl-<64hex>.scope
 * Not by name: containerd's own containers (ctr, /<namespace>/<id>), a shape
 * any host cgroup could have, which userspace confirms with containerd's task
 * bundle (cgroup.h); a runtime's sub-cgroups (Podman's crun "container"
 * leaf), which belong to the container above them. Not matched at all:
 * Garden's UUID-shaped leaves and Sysbox's nested roots.
 *
 * Names are passed in buffers of VIGIL_CG_NAME_MAX bytes (a kernfs name is
 * at most 255 bytes), read with masked indexes so the verifier can bound them.
 */
#ifndef VIGIL_CGROUP_MATCH_H
#define VIGIL_CGROUP_MATCH_H

#ifndef __VMLINUX_H__
#include <stdbool.h>
#include <linux/types.h>
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#define VIGIL_CG_NAME_MAX  256
#define VIGIL_CG_NAME_MASK (VIGIL_CG_NAME_MAX - 1)
#define VIGIL_CG_ID_LEN	   64

enum vigil_cg_runtime {
	VIGIL_RT_NONE,
	VIGIL_RT_DOCKER,
	VIGIL_RT_CONTAINERD,
	VIGIL_RT_CRIO,
	VIGIL_RT_PODMAN,
	VIGIL_RT_CRI, /* a CRI runtime under cgroupfs: the path does not say which */
};

/* A container's name, prefix then id: X(prefix, runtime). */
#define VIGIL_CG_PREFIXES(X)                      \
	X("docker-", VIGIL_RT_DOCKER)             \
	X("cri-containerd-", VIGIL_RT_CONTAINERD) \
	X("crio-", VIGIL_RT_CRIO)                 \
	X("libpod-payload-", VIGIL_RT_PODMAN)     \
	X("libpod-", VIGIL_RT_PODMAN)             \
	X("nerdctl-", VIGIL_RT_CONTAINERD)

/* What a name tells: its runtime and where in it the 64-hex id starts. */
struct vigil_cg_match {
	enum vigil_cg_runtime runtime;
	unsigned int id_off;
};

static __always_inline bool vigil_cg_is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* name[off, off + 64) is lowercase hex and ends the name, or is followed by ".scope" that does. */
static __always_inline bool vigil_cg_id_at(const char *name, unsigned int len, unsigned int off)
{
	const char scope[] = ".scope";
	unsigned int i;

	if (off + VIGIL_CG_ID_LEN > len)
		return false;
	for (i = 0; i < VIGIL_CG_ID_LEN; i++)
		if (!vigil_cg_is_hex(name[(off + i) & VIGIL_CG_NAME_MASK]))
			return false;
	if (off + VIGIL_CG_ID_LEN == len)
		return true;
	if (off + VIGIL_CG_ID_LEN + sizeof(scope) - 1 != len)
		return false;
	for (i = 0; i < sizeof(scope) - 1; i++)
		if (name[(off + VIGIL_CG_ID_LEN + i) & VIGIL_CG_NAME_MASK] != scope[i])
			return false;
	return true;
}

static __always_inline bool vigil_cg_has_prefix(const char *name, unsigned int len, const char *prefix,
						unsigned int plen)
{
	unsigned int i;

	if (len < plen)
		return false;
	for (i = 0; i < plen; i++)
		if (name[i & VIGIL_CG_NAME_MASK] != prefix[i])
			return false;
	return true;
}

/*
 * Matches one cgroup name (len bytes of name) whose parent is named parent
 * (plen bytes). Fills m and returns true for a container's own cgroup.
 */
static __always_inline bool vigil_cg_match_name(const char *name, unsigned int len, const char *parent,
						unsigned int plen, struct vigil_cg_match *m)
{
	const char tag[] = ":cri-containerd:";
	const unsigned int tlen = sizeof(tag) - 1;

	if (len >= VIGIL_CG_NAME_MAX)
		return false;
#define VIGIL_CG_TRY_PREFIX(prefix, rt)                                   \
	if (vigil_cg_has_prefix(name, len, prefix, sizeof(prefix) - 1) && \
	    vigil_cg_id_at(name, len, sizeof(prefix) - 1)) {              \
		m->runtime = rt;                                          \
		m->id_off = sizeof(prefix) - 1;                           \
		return true;                                              \
	}
	VIGIL_CG_PREFIXES(VIGIL_CG_TRY_PREFIX)
#undef VIGIL_CG_TRY_PREFIX
	/* "<slice>:cri-containerd:<64hex>", the whole thing one name */
	if (len > tlen + VIGIL_CG_ID_LEN) {
		unsigned int at = len - VIGIL_CG_ID_LEN - tlen, i;
		bool tagged = true;

		for (i = 0; i < tlen; i++)
			if (name[(at + i) & VIGIL_CG_NAME_MASK] != tag[i])
				tagged = false;
		if (tagged && vigil_cg_id_at(name, len, at + tlen)) {
			m->runtime = VIGIL_RT_CONTAINERD;
			m->id_off = at + tlen;
			return true;
		}
	}
	/* a bare id: under "docker" (Docker, cgroupfs) or "pod<uid>" (a CRI runtime, cgroupfs) */
	if (len != VIGIL_CG_ID_LEN || !vigil_cg_id_at(name, len, 0))
		return false;
	m->id_off = 0;
	if (plen == 6 && vigil_cg_has_prefix(parent, plen, "docker", 6)) {
		m->runtime = VIGIL_RT_DOCKER;
		return true;
	}
	if (plen > 3 && vigil_cg_has_prefix(parent, plen, "pod", 3)) {
		m->runtime = VIGIL_RT_CRI;
		return true;
	}
	return false;
}

#endif /* VIGIL_CGROUP_MATCH_H */
