// SPDX-License-Identifier: GPL-2.0
/*
 * The policy in the kernel's maps (policy_apply.h). Allow-list keys carry a
 * generation (rule_key >> 16): a new policy's paths are written beside the
 * old ones, each container then moves from its old rule to its new one in a
 * single map update, and only then are the old paths removed. No container
 * is ever without a rule or under half of one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <uthash.h>
#include "cgroup.h"
#include "log.h"
#include "policy_apply.h"
#include "policy_match.h"
#include "vigil_policy.h"

/* A container vigil knows: its cgroups, its metadata once looked up, its rule. */
struct policy_tracked {
	char id[CONTAINER_ID_MAX + 1];
	char runtime[16];
	struct container_meta meta;
	bool known; /* meta is what the lookup found (or it failed): the rule can be chosen */
	int rule;   /* index in the policy, -1: the defaults; valid when known */
	__u64 *cgids;
	unsigned int n_cgids;
	UT_hash_handle hh;
};

/* Adopted pinned maps hold a previous vigil's generation: the next one must differ from it. */
static __u32 generation_in_use(struct policy_apply *pa)
{
	struct vigil_allow_key k, *prev = NULL;
	__u32 gen = 0;

	while (!bpf_map_get_next_key(pa->maps.allow_paths, prev, &k)) {
		if ((k.rule_key >> 16) > gen)
			gen = k.rule_key >> 16;
		prev = &k;
	}
	return gen;
}

void policy_apply__init(struct policy_apply *pa, const struct policy_maps *maps, bool metadata)
{
	memset(pa, 0, sizeof(*pa));
	pthread_mutex_init(&pa->lock, NULL);
	pa->maps = *maps;
	pa->metadata = metadata;
	pa->generation = generation_in_use(pa);
}

static __u32 rule_key(__u32 generation, int rule)
{
	return generation << 16 | (__u32)(rule + 1);
}

static const struct policy_rule *rule_at(const struct policy *p, int rule)
{
	return rule < 0 ? &p->defaults : &p->rules[rule];
}

static struct vigil_container_policy value_of(const struct policy *p, __u32 generation, int rule)
{
	const struct policy_rule *r = rule_at(p, rule);
	struct vigil_container_policy v = {
		.rule_key = rule_key(generation, rule),
		.rootfs = (__u8)r->rootfs,
		.drift = (__u8)r->drift,
		.caps_allowed = r->caps_allowed,
	};

	v.alerts = (r->alert[POLICY_ALERT_SETUID] ? VIGIL_ALERT_SETUID : 0) |
		   (r->alert[POLICY_ALERT_MOUNT] ? VIGIL_ALERT_MOUNT : 0) |
		   (r->alert[POLICY_ALERT_CAPABILITY] ? VIGIL_ALERT_CAPABILITY : 0);
	if (r->n_allow_writes)
		v.flags |= VIGIL_POLICY_HAS_ALLOW;
	return v;
}

static int put_path(struct policy_apply *pa, __u32 key, const char *path, bool prefix)
{
	struct vigil_allow_key k = { .rule_key = key };
	size_t n = strlen(path);
	__u8 one = 1;

	memcpy(k.path, path, n); /* n < VIGIL_ALLOW_PATH_MAX: policy.c's bound */
	k.prefixlen = 32 + 8 * (__u32)(prefix ? n : n + 1);
	return bpf_map_update_elem(pa->maps.allow_paths, &k, &one, BPF_ANY) ? -errno : 0;
}

/* "/dir/": everything under dir (a prefix) and dir itself; "/file": exactly it. */
static int put_rule_paths(struct policy_apply *pa, const struct policy_rule *r, __u32 key)
{
	char dir[VIGIL_ALLOW_PATH_MAX];
	unsigned int i;
	int err = 0;

	for (i = 0; i < r->n_allow_writes && !err; i++) {
		const char *a = r->allow_writes[i];
		size_t n = strlen(a);

		if (a[n - 1] != '/') {
			err = put_path(pa, key, a, false);
			continue;
		}
		err = put_path(pa, key, a, true);
		if (!err && n > 1) {
			snprintf(dir, sizeof(dir), "%.*s", (int)(n - 1), a);
			err = put_path(pa, key, dir, false);
		}
	}
	return err;
}

/* Removes the allow_paths entries of every generation but `keep` (0: all). */
static void drop_paths(struct policy_apply *pa, __u32 keep)
{
	struct vigil_allow_key k, next;
	void *prev = NULL;

	while (!bpf_map_get_next_key(pa->maps.allow_paths, prev, &next)) {
		k = next;
		if ((k.rule_key >> 16) != keep || !keep) {
			bpf_map_delete_elem(pa->maps.allow_paths, &k);
			prev = NULL; /* the trie's order changed: from the start again */
			continue;
		}
		prev = &k;
	}
}

/* Writes the container's rule for each of its cgroups (under lock). */
static void place(struct policy_apply *pa, struct policy_tracked *t)
{
	struct policy_subject s = { .runtime = t->runtime,
				    .meta = &t->meta,
				    .pod_labels = t->meta.pod_labels,
				    .n_pod_labels = t->meta.n_pod_labels };
	struct vigil_container_policy v;
	unsigned int i;

	if (!pa->policy || !t->known)
		return;
	t->rule = policy__select(pa->policy, &s);
	v = value_of(pa->policy, pa->generation, t->rule);
	for (i = 0; i < t->n_cgids; i++)
		if (bpf_map_update_elem(pa->maps.container_policy, &t->cgids[i], &v, BPF_ANY))
			log_errno(-errno, "policy: container %.12s not placed under its rule", t->id);
	pa->placed++;
}

static int write_config(struct policy_apply *pa, const struct policy *p)
{
	struct vigil_policy_config cfg = { 0 };
	__u32 zero = 0;

	if (p) {
		cfg.active = 1;
		cfg.pending = value_of(p, pa->generation, -1);
		cfg.pending.rootfs = (__u8)p->pending;
	}
	return bpf_map_update_elem(pa->maps.config, &zero, &cfg, BPF_ANY) ? -errno : 0;
}

int policy_apply__load(struct policy_apply *pa, struct policy *p)
{
	struct policy_tracked *t, *tmp;
	struct policy *old;
	__u32 gen;
	int err = 0, r;

	pthread_mutex_lock(&pa->lock);
	gen = (pa->generation + 1) & 0xffff;
	if (!gen)
		gen = 1;
	err = put_rule_paths(pa, &p->defaults, rule_key(gen, -1));
	for (r = 0; r < (int)p->n_rules && !err; r++)
		err = put_rule_paths(pa, &p->rules[r], rule_key(gen, r));
	if (err) {
		drop_paths(pa, pa->generation); /* the half-written new ones */
		pa->rejected++;
		pthread_mutex_unlock(&pa->lock);
		policy__free(p);
		free(p);
		return log_errno(err, "policy: allow-list not loaded (map full?)");
	}
	old = pa->policy;
	pa->policy = p;
	pa->generation = gen;
	HASH_ITER (hh, pa->by_id, t, tmp)
		place(pa, t);
	err = write_config(pa, p);
	drop_paths(pa, gen);
	pa->reloads++;
	pthread_mutex_unlock(&pa->lock);
	if (old) {
		policy__free(old);
		free(old);
	}
	return err;
}

static struct policy_tracked *track(struct policy_apply *pa, const char *id, const char *runtime)
{
	struct policy_tracked *t;

	HASH_FIND_STR(pa->by_id, id, t);
	if (t)
		return t;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	snprintf(t->id, sizeof(t->id), "%s", id);
	snprintf(t->runtime, sizeof(t->runtime), "%s", runtime);
	t->known = !pa->metadata; /* without lookups, the rule is chosen on the runtime alone */
	HASH_ADD_STR(pa->by_id, id, t);
	return t;
}

void policy_apply__cgroup(struct policy_apply *pa, __u64 cgid, const char *id, const char *runtime)
{
	struct policy_tracked *t;
	__u64 *cgids;

	pthread_mutex_lock(&pa->lock);
	t = track(pa, id, runtime);
	for (unsigned int i = 0; t && i < t->n_cgids; i++)
		if (t->cgids[i] == cgid) /* classified again: placed again */
			t->n_cgids--, t->cgids[i] = t->cgids[t->n_cgids];
	if (t) {
		cgids = realloc(t->cgids, (t->n_cgids + 1) * sizeof(*cgids));
		if (cgids) {
			t->cgids = cgids;
			t->cgids[t->n_cgids++] = cgid;
		}
		place(pa, t);
	}
	pthread_mutex_unlock(&pa->lock);
}

void policy_apply__cgroup_gone(struct policy_apply *pa, __u64 cgid, const char *id)
{
	struct policy_tracked *t;
	unsigned int i;

	bpf_map_delete_elem(pa->maps.container_policy, &cgid);
	pthread_mutex_lock(&pa->lock);
	HASH_FIND_STR(pa->by_id, id, t);
	for (i = 0; t && i < t->n_cgids; i++)
		if (t->cgids[i] == cgid)
			t->cgids[i] = t->cgids[--t->n_cgids];
	if (t && !t->n_cgids) {
		HASH_DEL(pa->by_id, t);
		container_meta__free(&t->meta);
		free(t->cgids);
		free(t);
	}
	pthread_mutex_unlock(&pa->lock);
}

void policy_apply__metadata(void *ctx, const char *id, const struct container_meta *meta)
{
	struct policy_apply *pa = ctx;
	struct policy_tracked *t;

	pthread_mutex_lock(&pa->lock);
	HASH_FIND_STR(pa->by_id, id, t);
	/* every answer places it again: a lookup that failed once and succeeds later corrects the rule */
	if (t && (meta || !t->known)) {
		if (meta) {
			container_meta__free(&t->meta);
			container_meta__copy(&t->meta, meta);
		}
		t->known = true;
		place(pa, t);
	}
	pthread_mutex_unlock(&pa->lock);
}

static struct policy_tracked *by_cgroup(struct policy_apply *pa, __u64 cgid)
{
	struct policy_tracked *t, *tmp;
	unsigned int i;

	HASH_ITER (hh, pa->by_id, t, tmp)
		for (i = 0; i < t->n_cgids; i++)
			if (t->cgids[i] == cgid)
				return t;
	return NULL;
}

bool policy_apply__rule_of(struct policy_apply *pa, __u64 cgid, char *name, size_t len, bool *pending)
{
	struct policy_tracked *t;
	bool found = false;

	pthread_mutex_lock(&pa->lock);
	if (pa->policy) {
		t = by_cgroup(pa, cgid);
		*pending = !t || !t->known;
		snprintf(name, len, "%s", *pending || t->rule < 0 ? "defaults" : pa->policy->rules[t->rule].name);
		found = true;
	}
	pthread_mutex_unlock(&pa->lock);
	return found;
}

void policy_apply__sha256(struct policy_apply *pa, char out[65])
{
	pthread_mutex_lock(&pa->lock);
	snprintf(out, 65, "%s", pa->policy ? pa->policy->sha256 : "");
	pthread_mutex_unlock(&pa->lock);
}

uint64_t policy_apply__allowed_writes(struct policy_apply *pa)
{
	__u32 key, *prev = NULL;
	uint64_t total = 0, n;

	while (!bpf_map_get_next_key(pa->maps.allowed_writes, prev, &key)) {
		if (!bpf_map_lookup_elem(pa->maps.allowed_writes, &key, &n))
			total += n;
		prev = &key;
	}
	return total;
}

void policy_apply__free(struct policy_apply *pa)
{
	struct policy_tracked *t, *tmp;

	HASH_ITER (hh, pa->by_id, t, tmp) {
		HASH_DEL(pa->by_id, t);
		container_meta__free(&t->meta);
		free(t->cgids);
		free(t);
	}
	if (pa->policy) {
		policy__free(pa->policy);
		free(pa->policy);
	}
	pthread_mutex_destroy(&pa->lock);
}
