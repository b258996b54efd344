// SPDX-License-Identifier: GPL-2.0
/*
 * The policy in real BPF maps (a hash, an array, an LPM trie, as the
 * programs have them): containers placed when their metadata arrives, the
 * allow-list entries a rule gets, and a reload that leaves only the new
 * policy's entries behind.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <bpf/bpf.h>
#include "policy_apply.h"
#include "vigil_policy.h"

static struct policy_maps maps;

static int create(enum bpf_map_type type, const char *name, __u32 key, __u32 value, __u32 n)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = type == BPF_MAP_TYPE_LPM_TRIE ? BPF_F_NO_PREALLOC : 0);
	int fd = bpf_map_create(type, name, key, value, n, &opts);

	if (fd < 0)
		fail_msg("bpf_map_create %s: %s (the unit tests run as root)", name, strerror(errno));
	return fd;
}

static int setup(void **state)
{
	(void)state;
	maps.container_policy = create(BPF_MAP_TYPE_HASH, "t_cpol", 8, sizeof(struct vigil_container_policy), 64);
	maps.config = create(BPF_MAP_TYPE_ARRAY, "t_pcfg", 4, sizeof(struct vigil_policy_config), 1);
	maps.allow_paths = create(BPF_MAP_TYPE_LPM_TRIE, "t_allow", sizeof(struct vigil_allow_key), 1, 1024);
	maps.allowed_writes = create(BPF_MAP_TYPE_HASH, "t_allowed", 4, 8, 64);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close(maps.container_policy);
	close(maps.config);
	close(maps.allow_paths);
	close(maps.allowed_writes);
	return 0;
}

static struct policy *parse(const char *yaml)
{
	struct policy *p = calloc(1, sizeof(*p));
	struct policy_error err;

	assert_non_null(p);
	if (policy__parse(yaml, strlen(yaml), p, &err))
		fail_msg("%u:%u %s", err.line, err.column, err.msg);
	return p;
}

/* Whether the trie allows path for rule_key, as the kernel looks it up (bpf/lib/policy.bpf.h). */
static bool trie_allows(__u32 rule_key, const char *path)
{
	struct vigil_allow_key k = { .rule_key = rule_key };
	__u8 v;

	snprintf(k.path, sizeof(k.path), "%s", path);
	k.prefixlen = 32 + 8 * (strlen(path) + 1);
	return !bpf_map_lookup_elem(maps.allow_paths, &k, &v);
}

static unsigned int trie_entries(void)
{
	struct vigil_allow_key k, *prev = NULL;
	unsigned int n = 0;

	while (!bpf_map_get_next_key(maps.allow_paths, prev, &k)) {
		n++;
		prev = &k;
	}
	return n;
}

static void test_placed_when_metadata_arrives_and_swapped_whole(void **state)
{
	struct container_meta web = { .image = "nginx:1.25" };
	struct vigil_container_policy v;
	struct vigil_policy_config cfg;
	struct policy_apply pa;
	__u32 zero = 0, key;
	__u64 cg = 4711;

	(void)state;
	policy_apply__init(&pa, &maps, true);
	assert_int_equal(policy_apply__load(&pa, parse("version: 1\n"
						       "defaults: {pending: enforce}\n"
						       "rules:\n"
						       "  - name: web\n"
						       "    match: {image: nginx}\n"
						       "    rootfs: enforce\n"
						       "    allow_writes: [/var/cache/nginx/, /run/nginx.pid]\n")),
			 0);
	assert_int_equal(bpf_map_lookup_elem(maps.config, &zero, &cfg), 0);
	assert_int_equal(cfg.active, 1);
	assert_int_equal(cfg.pending.rootfs, VIGIL_MODE_ENFORCE);
	/* a cgroup whose metadata is not known yet: no entry (the kernel applies the pending one) */
	policy_apply__cgroup(&pa, cg, "abc", "docker");
	assert_int_not_equal(bpf_map_lookup_elem(maps.container_policy, &cg, &v), 0);
	policy_apply__metadata(&pa, "abc", &web);
	assert_int_equal(bpf_map_lookup_elem(maps.container_policy, &cg, &v), 0);
	assert_int_equal(v.rootfs, VIGIL_MODE_ENFORCE);
	assert_true(v.flags & VIGIL_POLICY_HAS_ALLOW);
	key = v.rule_key;
	/* the prefix, the directory itself, the exact file; not a sibling nor the file's neighbour */
	assert_true(trie_allows(key, "/var/cache/nginx/a/b"));
	assert_true(trie_allows(key, "/var/cache/nginx"));
	assert_true(trie_allows(key, "/run/nginx.pid"));
	assert_false(trie_allows(key, "/var/cache/nginx-evil"));
	assert_false(trie_allows(key, "/var/cache"));
	assert_false(trie_allows(key, "/run/nginx.pid.x"));
	assert_false(trie_allows(key + 1, "/run/nginx.pid")); /* another rule's key */
	assert_int_equal(trie_entries(), 3);

	/* a reload: the container moves to its new rule, the old paths are gone */
	assert_int_equal(policy_apply__load(&pa, parse("version: 1\n"
						       "rules:\n"
						       "  - name: web\n"
						       "    match: {image: nginx}\n"
						       "    rootfs: monitor\n"
						       "    allow_writes: [/tmp/]\n")),
			 0);
	assert_int_equal(bpf_map_lookup_elem(maps.container_policy, &cg, &v), 0);
	assert_int_equal(v.rootfs, VIGIL_MODE_MONITOR);
	assert_int_not_equal(v.rule_key, key);
	assert_true(trie_allows(v.rule_key, "/tmp/x"));
	assert_false(trie_allows(key, "/run/nginx.pid"));
	assert_int_equal(trie_entries(), 2);
	assert_int_equal(bpf_map_lookup_elem(maps.config, &zero, &cfg), 0);
	assert_int_equal(cfg.pending.rootfs, VIGIL_MODE_MONITOR);

	/* gone: its entry too */
	policy_apply__cgroup_gone(&pa, cg, "abc");
	assert_int_not_equal(bpf_map_lookup_elem(maps.container_policy, &cg, &v), 0);
	policy_apply__free(&pa);
}

/* A vigil adopting pinned maps continues after the generation it finds: old entries never pass for new. */
static void test_generation_continues_after_adopted_entries(void **state)
{
	struct policy_apply pa;

	(void)state;
	policy_apply__init(&pa, &maps, false);
	assert_int_equal(pa.generation, 2); /* the previous test's second policy */
	assert_int_equal(policy_apply__load(&pa, parse("version: 1\ndefaults: {allow_writes: [/srv/]}\n")), 0);
	assert_int_equal(pa.generation, 3);
	assert_int_equal(trie_entries(), 2);
	assert_true(trie_allows(3u << 16, "/srv/data"));
	policy_apply__free(&pa);
}

/* Without lookups (--no-metadata) a container is placed at once, on its runtime alone. */
static void test_without_metadata_placed_at_once(void **state)
{
	struct vigil_container_policy v;
	struct policy_apply pa;
	__u64 cg = 99;

	(void)state;
	policy_apply__init(&pa, &maps, false);
	assert_int_equal(policy_apply__load(&pa, parse("version: 1\n"
						       "rules:\n"
						       "  - name: podman-off\n"
						       "    match: {runtime: podman}\n"
						       "    rootfs: off\n"
						       "  - name: by-image\n"
						       "    match: {image: nginx}\n")),
			 0);
	policy_apply__cgroup(&pa, cg, "p1", "podman");
	assert_int_equal(bpf_map_lookup_elem(maps.container_policy, &cg, &v), 0);
	assert_int_equal(v.rootfs, VIGIL_MODE_OFF);
	assert_int_equal(v.rule_key & 0xffff, 1);
	policy_apply__cgroup_gone(&pa, cg, "p1");
	policy_apply__free(&pa);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placed_when_metadata_arrives_and_swapped_whole),
		cmocka_unit_test(test_generation_continues_after_adopted_entries),
		cmocka_unit_test(test_without_metadata_placed_at_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
