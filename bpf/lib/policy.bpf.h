/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy's decisions (include/vigil_policy.h): the current container's
 * rule, its rootfs mode, whether a detection alerts for it, and whether a
 * path is on its allow-list. Without a loaded policy every container gets
 * what the command line says (--enforce or not), as before policies.
 */
#ifndef VIGIL_LIB_POLICY_BPF_H
#define VIGIL_LIB_POLICY_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "maps.bpf.h"
#include "uapi.bpf.h"

/*
 * The current container's rule; the pending one while userspace has not
 * placed it (*pending then true); NULL: no policy.
 */
static __always_inline const struct vigil_container_policy *policy__lookup(bool *pending)
{
	__u64 cgid = bpf_get_current_cgroup_id();
	const struct vigil_container_policy *p = bpf_map_lookup_elem(&container_policy, &cgid);
	const struct vigil_policy_config *cfg;
	__u32 zero = 0;

	*pending = false;
	if (p)
		return p;
	cfg = bpf_map_lookup_elem(&policy_config, &zero);
	*pending = cfg && cfg->active;
	return *pending ? &cfg->pending : NULL;
}

static __always_inline const struct vigil_container_policy *policy__current(void)
{
	bool pending;

	return policy__lookup(&pending);
}

static __always_inline __u8 policy__rootfs_mode(const struct vigil_container_policy *p)
{
	if (!p)
		return enforce ? VIGIL_MODE_ENFORCE : VIGIL_MODE_MONITOR;
	return p->rootfs;
}

/* Whether an alert of this kind is raised under rule p (rootfs-write: by its mode). */
static __always_inline bool policy__wants_alert(const struct vigil_container_policy *p, __u16 kind)
{
	__u8 bit;

	switch (kind) {
	case VIGIL_EV_SETUID: bit = VIGIL_ALERT_SETUID; break;
	case VIGIL_EV_MOUNT: bit = VIGIL_ALERT_MOUNT; break;
	case VIGIL_EV_CAPABILITY: bit = VIGIL_ALERT_CAPABILITY; break;
	default: return true;
	}
	return !p || (p->alerts & bit);
}

/* capabilities_allowed: a use of cap raises no alert. */
static __always_inline bool policy__cap_allowed(int cap)
{
	const struct vigil_container_policy *p = policy__current();

	return p && cap >= 0 && cap < 64 && (p->caps_allowed & (1ull << cap));
}

/*
 * The walk's own state lives in the scratch map, not on the stack: before
 * 6.7 the verifier went on after bpf_loop as if the callback had not
 * written the caller's stack, and pruned what followed by the values it had
 * before (6.1 took "no component" for every path). Map memory is read anew.
 */
struct allow_walk {
	struct vigil_allow_scratch *s;
	__u64 dentry; /* struct dentry *, the next one up */
	__u64 root;   /* the filesystem's root dentry */
};

/* One step up from the object: collected until the filesystem's root. */
static long allow_collect(__u32 i, void *ctx)
{
	struct allow_walk *w = ctx;
	struct vigil_allow_scratch *s = w->s;
	struct dentry *d = (struct dentry *)w->dentry, *parent;

	if (w->dentry == w->root) {
		s->complete = 1;
		return 1;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (!parent || parent == d) /* a disconnected dentry: no path in this filesystem */
		return 1;
	s->len += 1 + BPF_CORE_READ(d, d_name.len);
	if (s->len >= VIGIL_ALLOW_PATH_MAX || s->n >= VIGIL_ALLOW_DEPTH)
		return 1;
	s->up[s->n & (VIGIL_ALLOW_DEPTH - 1)] = w->dentry;
	s->n++;
	w->dentry = (__u64)parent;
	return 0;
}

/* Writes the collected names from the top: "/a/b/c". */
static long allow_write(__u32 i, void *ctx)
{
	struct allow_walk *w = ctx;
	struct vigil_allow_scratch *s = w->s;
	__u32 off = s->len, n;
	struct dentry *d;

	if (i >= s->n)
		return 1;
	d = (struct dentry *)s->up[(s->n - 1 - i) & (VIGIL_ALLOW_DEPTH - 1)];
	n = BPF_CORE_READ(d, d_name.len);
	off &= 255;
	s->key.path[off] = '/';
	off = (off + 1) & 255;
	if (bpf_probe_read_kernel(&s->key.path[off], n & 255, BPF_CORE_READ(d, d_name.name)))
		return 1;
	s->len = off + n;
	return 0;
}

/*
 * Whether dentry, on a container's root filesystem sb, is on the rule's
 * allow-list. Its path is the one inside that filesystem (up to sb's root
 * dentry, through no mount): what a chroot, a bind mount of an image
 * directory or /proc/PID/root shows instead does not change it. A path
 * longer than the key holds, or not connected to the root, is not allowed.
 */
static __always_inline bool policy__path_allowed(__u32 rule_key, struct dentry *dentry, struct super_block *sb,
						 bool as_dir)
{
	__u32 zero = 0;
	struct vigil_allow_scratch *s = bpf_map_lookup_elem(&allow_scratch, &zero);
	struct allow_walk w = {
		.s = s,
		.dentry = (__u64)dentry,
		.root = (__u64)BPF_CORE_READ(sb, s_root),
	};
	struct inode *inode = BPF_CORE_READ(dentry, d_inode);
	__u32 total, written, n;
	__u64 stamp;
	bool found;

	if (!s || !dentry)
		return false;
	/*
	 * A file with more than one name: the other may be anywhere on the
	 * image (a hard link made while the container was not enforced, or
	 * shipped in it): writing it through the allowed name is not allowed.
	 */
	if (inode && !as_dir && (BPF_CORE_READ(inode, i_mode) & VIGIL_S_IFMT) != VIGIL_S_IFDIR &&
	    BPF_CORE_READ(inode, __i_nlink) > 1)
		return false;
	/*
	 * The scratch is per CPU, and LSM programs can be preempted: another
	 * one may build its key here meanwhile. Each walk stamps it and finds
	 * its own stamp after the lookup, or the answer is "not allowed".
	 */
	stamp = bpf_ktime_get_ns() ^ ((__u64)bpf_get_prandom_u32() << 32);
	s->stamp = stamp;
	s->n = 0;
	s->len = 0;
	s->complete = 0;
	bpf_loop(VIGIL_ALLOW_DEPTH + 1, allow_collect, &w, 0);
	if (!s->complete)
		return false;
	total = s->len;
	n = s->n;
	s->len = 0;
	if (n)
		bpf_loop(VIGIL_ALLOW_DEPTH, allow_write, &w, 0);
	else
		s->key.path[0] = '/', s->len = 1; /* the root itself */
	written = s->len;
	if (written != (n ? total : 1) || written >= VIGIL_ALLOW_PATH_MAX - 1)
		return false;
	/* a directory that moves takes its contents along: only an entry allowing them ("/dir/") allows it */
	if (as_dir && written > 1) {
		barrier_var(written); /* keep the mask: clang drops it after the bound check above */
		s->key.path[written & 255] = '/';
		written++;
	}
	barrier_var(written);
	s->key.path[written & 255] = 0;
	s->key.rule_key = rule_key;
	s->key.prefixlen = 32 + 8 * (written + 1);
	found = bpf_map_lookup_elem(&allow_paths, &s->key) != NULL;
	return found && s->stamp == stamp;
}

/* An allowed write: counted per rule (vigil_policy_allowed_writes_total), not alerted. */
static __always_inline void policy__count_allowed(__u32 rule_key)
{
	__u64 one = 1, *n = bpf_map_lookup_elem(&allowed_writes, &rule_key);

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&allowed_writes, &rule_key, &one, BPF_NOEXIST);
}

/*
 * Whether the container's rule lets it write dentry on its root filesystem
 * sb without an alert (counted then). `also`: a rename's or link's other
 * name, which must be allowed too: moving or linking an image file into an
 * allowed directory is not allowed.
 */
static __always_inline bool policy__write_allowed(const struct vigil_container_policy *pol, struct super_block *sb,
						  struct dentry *dentry, struct dentry *also)
{
	struct inode *inode = BPF_CORE_READ(dentry, d_inode);
	bool dir;
	__u32 key;

	if (!pol || !(pol->flags & VIGIL_POLICY_HAS_ALLOW))
		return false;
	key = pol->rule_key;
	/* a rename (also set) of a directory moves what is in it: both ends must allow its contents */
	dir = also && inode && (BPF_CORE_READ(inode, i_mode) & VIGIL_S_IFMT) == VIGIL_S_IFDIR;
	if (!policy__path_allowed(key, dentry, sb, dir) || (also && !policy__path_allowed(key, also, sb, dir)))
		return false;
	policy__count_allowed(key);
	return true;
}

#endif /* VIGIL_LIB_POLICY_BPF_H */
