// SPDX-License-Identifier: GPL-2.0
/* Every runtime's cgroup path pattern, and paths that must not match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "cgroup.h"
#include "cgroup_match.h"

#define ID "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a"

struct pattern {
	const char *path;
	const char *runtime; /* NULL: not a container */
	bool by_parent;	     /* the leaf is a sub-cgroup: the kernel knows it by its parent, not its name */
};

static const struct pattern patterns[] = {
	{ "/docker/" ID, "docker", false },
	{ "/system.slice/docker-" ID ".scope", "docker", false },
	{ "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234_5678.slice/cri-containerd-" ID ".scope",
	  "containerd", false },
	{ "/kubepods.slice/kubepods-besteffort.slice:cri-containerd:" ID, "containerd", false },
	{ "/kubepods/burstable/pod0f1e2d3c-aaaa-bbbb-cccc-123456789abc/" ID, "cri", false },
	{ "/kubepods/pod0f1e2d3c-aaaa-bbbb-cccc-123456789abc/" ID, "cri", false },
	{ "/kubepods.slice/kubepods-pod1.slice/crio-" ID ".scope", "cri-o", false },
	{ "/crio-" ID, "cri-o", false },
	{ "/machine.slice/libpod-" ID ".scope", "podman", false },
	{ "/machine.slice/libpod-" ID ".scope/container", "podman", true },
	{ "/libpod_parent/libpod-" ID, "podman", false },
	{ "/machine.slice/libpod-payload-" ID, "podman", false },
	{ "/system.slice/nerdctl-" ID ".scope", "containerd", false },
	{ "/docker/" ID "/sub/cgroup", "docker", true }, /* a container's own sub-cgroup */
	/* not containers */
	{ "/", NULL, false },
	{ "", NULL, false },
	{ "/system.slice/docker.service", NULL, false },
	{ "/system.slice/containerd.service", NULL, false },
	{ "/docker", NULL, false },
	{ "/docker/" ID "0", NULL, false }, /* 65 hex digits */
	{ "/docker/3F2A1B0C9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A", NULL, false },
	{ "/docker/not-hex-at-all-but-sixty-four-characters-long-xxxxxxxxxxxxxxxxx", NULL, false },
	{ "/machine.slice/libpod-conmon-" ID ".scope", NULL, false },
	{ "/kubepods.slice/crio-conmon-" ID ".scope", NULL, false },
	{ "/user.slice/user-1000.slice/session-2.scope", NULL, false },
	{ "/other/" ID, NULL, false }, /* hex leaf under an unknown parent */
	{ "/docker-" ID ".scopex", NULL, false },
	{ "/docker-abc.scope", NULL, false },
};

static void test_patterns(void **state)
{
	struct container_ref ref;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		bool got = cgroup__classify(patterns[i].path, &ref);

		if (got != (patterns[i].runtime != NULL))
			fail_msg("%s: classified %d", patterns[i].path, got);
		if (!got)
			continue;
		assert_string_equal(ref.id, ID);
		assert_string_equal(ref.runtime, patterns[i].runtime);
	}
}

/*
 * The BPF side sees one new cgroup at a time, its name and its parent's
 * (bpf/container.bpf.c): the shared matcher must recognise there every
 * container that the path walk recognises by its leaf.
 */
static void test_kernel_name_matcher_agrees(void **state)
{
	struct vigil_cg_match m;
	const char *leaf, *parent, *path;
	char buf[512];
	size_t i;
	bool got;

	(void)state;
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		path = patterns[i].path;
		snprintf(buf, sizeof(buf), "%s", path);
		leaf = strrchr(buf, '/');
		if (!leaf)
			leaf = buf - 1;
		if (leaf > buf) {
			*(char *)leaf = '\0';
			parent = strrchr(buf, '/');
			parent = parent ? parent + 1 : buf;
		} else {
			parent = "";
		}
		leaf++;
		got = vigil_cg_match_name(leaf, strlen(leaf), parent, strlen(parent), &m);
		if (got != (patterns[i].runtime && !patterns[i].by_parent))
			fail_msg("%s: the kernel's matcher says %d", path, got);
		if (got && strncmp(leaf + m.id_off, ID, VIGIL_CG_ID_LEN))
			fail_msg("%s: id at %u", path, m.id_off);
	}
}

static void test_deepest_match_wins(void **state)
{
	struct container_ref ref;
	const char *inner = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2";
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "/docker/%s/docker/%s", ID, inner);
	assert_true(cgroup__classify(path, &ref));
	assert_string_equal(ref.id, inner);
}

/* ctr's "/<namespace>/<id>": only the shape is checked here, containerd's bundle confirms it. */
static void test_containerd_task_shape(void **state)
{
	static const struct {
		const char *path, *ns, *id;
	} cases[] = {
		{ "/default/ctr1", "default", "ctr1" },
		{ "/k8s.io/redis-1_a.b", "k8s.io", "redis-1_a.b" },
		{ "default/web", "default", "web" },
		{ "/default/" ID, "default", ID },
		{ "/default", NULL, NULL },
		{ "/default/", NULL, NULL },
		{ "/a/b/c", NULL, NULL },      /* deeper: not ctr's shape */
		{ "/default/-x", NULL, NULL }, /* must begin alphanumeric */
		{ "/default/x-", NULL, NULL },
		{ "/default/a..b", NULL, NULL }, /* one separator at a time */
		{ "/def ault/x", NULL, NULL },
		{ "/default/x\ny", NULL, NULL },
		{ "/default/" ID "a", NULL, NULL }, /* longer than an id vigil keeps */
		/* a namespace longer than the buffer */
		{ "/0123456789012345678901234567890123456789012345678901234567890123456789012345678901234/x", NULL,
		  NULL },
	};
	struct container_ref ref;
	char ns[80];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = cgroup__containerd_task(cases[i].path, ns, sizeof(ns), &ref);

		if (got != (cases[i].ns != NULL))
			fail_msg("%s: split %d", cases[i].path, got);
		if (!got)
			continue;
		assert_string_equal(ns, cases[i].ns);
		assert_string_equal(ref.id, cases[i].id);
		assert_string_equal(ref.runtime, "containerd");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_kernel_name_matcher_agrees),
		cmocka_unit_test(test_deepest_match_wins),
		cmocka_unit_test(test_containerd_task_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
