// SPDX-License-Identifier: GPL-2.0
/* The policy file: its schema, its errors (line, column, reason) and rule selection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "policy.h"
#include "policy_match.h"

/* docs/policy.md's example, kept in step by hand: tests/integration/test_policy.sh checks the doc's own copy. */
static const char example[] = "version: 1\n"
			      "defaults:\n"
			      "  rootfs: monitor\n"
			      "  pending: enforce\n"
			      "  alert: {capability: false}\n"
			      "rules:\n"
			      "  - name: nginx\n"
			      "    match:\n"
			      "      image: nginx\n"
			      "      labels: {tier: \"front*\"}\n"
			      "    rootfs: enforce\n"
			      "    allow_writes: [/var/cache/nginx/, /run/nginx.pid]\n"
			      "    capabilities_allowed: [CAP_NET_BIND_SERVICE, chown]\n"
			      "  - name: batch\n"
			      "    match: {namespace: batch-*, pod: report-*}\n"
			      "    rootfs: off\n"
			      "    alert: {setuid: false, capability: true}\n";

static void test_example_parses_and_inherits(void **state)
{
	struct policy p;
	struct policy_error err;

	(void)state;
	assert_int_equal(policy__parse(example, strlen(example), &p, &err), 0);
	assert_int_equal(p.n_rules, 2);
	assert_int_equal(p.defaults.rootfs, POLICY_MONITOR);
	assert_int_equal(p.pending, POLICY_ENFORCE);
	assert_false(p.defaults.alert[POLICY_ALERT_CAPABILITY]);
	assert_true(p.defaults.alert[POLICY_ALERT_SETUID]);
	assert_string_equal(p.rules[0].name, "nginx");
	assert_int_equal(p.rules[0].line, 7);
	assert_int_equal(p.rules[0].rootfs, POLICY_ENFORCE);
	assert_int_equal(p.rules[0].n_allow_writes, 2);
	assert_string_equal(p.rules[0].allow_writes[0], "/var/cache/nginx/");
	assert_int_equal(p.rules[0].caps_allowed, (1ull << 10) | (1ull << 0));
	/* not given: the defaults' */
	assert_false(p.rules[0].alert[POLICY_ALERT_CAPABILITY]);
	assert_true(p.rules[0].alert[POLICY_ALERT_MOUNT]);
	assert_int_equal(p.rules[1].rootfs, POLICY_OFF);
	assert_false(p.rules[1].alert[POLICY_ALERT_SETUID]);
	assert_true(p.rules[1].alert[POLICY_ALERT_CAPABILITY]);
	assert_int_equal(p.n_paths, 2);
	assert_int_equal(strlen(p.sha256), 64);
	policy__free(&p);
}

static void test_minimal_policy_defaults_to_monitor(void **state)
{
	struct policy p;
	struct policy_error err;

	(void)state;
	assert_int_equal(policy__parse("version: 1\n", 11, &p, &err), 0);
	assert_int_equal(p.n_rules, 0);
	assert_int_equal(p.defaults.rootfs, POLICY_MONITOR);
	assert_int_equal(p.pending, POLICY_MONITOR);
	assert_true(p.defaults.alert[POLICY_ALERT_MOUNT]);
	policy__free(&p);
}

/* Each bad file gives one error at the place it names. */
static void test_errors_name_line_column_and_reason(void **state)
{
	static const struct {
		const char *yaml;
		unsigned int line, column;
		const char *reason;
	} cases[] = {
		{ "", 0, 0, "empty" },
		{ "rules: []\n", 1, 1, "no \"version: 1\"" },
		{ "version: 2\n", 1, 10, "only 1" },
		{ "version: 1\nrule: []\n", 2, 1, "unknown key 'rule'" },
		{ "version: 1\ndefaults: {rootfs: block}\n", 2, 20, "'block' is not off, monitor or enforce" },
		{ "version: 1\nrules:\n  - name: a\n    match: {}\n  - name: a\n    match: {}\n", 5, 5,
		  "used by rule 1" },
		{ "version: 1\nrules:\n  - match: {}\n", 3, 5, "no name" },
		{ "version: 1\nrules:\n  - name: a b\n", 3, 5, "only letters" },
		{ "version: 1\nrules:\n  - name: a\n    allow_writes: [var/log/]\n", 4, 20, "not an absolute path" },
		{ "version: 1\nrules:\n  - name: a\n    allow_writes: [/var/../etc/]\n", 4, 20, "not canonical" },
		{ "version: 1\nrules:\n  - name: a\n    allow_writes: [/var//x]\n", 4, 20, "not canonical" },
		{ "version: 1\nrules:\n  - name: a\n    allow_writes: [/var/..]\n", 4, 20, "not canonical" },
		{ "version: 1\nrules:\n  - name: a\n    capabilities_allowed: [CAP_FLY]\n", 4, 28,
		  "unknown capability 'CAP_FLY'" },
		{ "version: 1\nrules:\n  - name: a\n    match: {image: x, image: y}\n", 4, 23, "given twice" },
		{ "version: 1\nrules:\n  - name: a\n    match: {imgae: x}\n", 4, 13, "unknown key 'imgae'" },
		{ "version: 1\nrules:\n  - name: a\n    alert: {setuid: no}\n", 4, 21, "not true or false" },
		{ "version: 1\nrules:\n  - name: a\n    rootfs: [enforce]\n", 4, 13, "must be a string" },
		{ "version: 1\ndefaults: &d {rootfs: off}\nrules:\n  - *d\n", 2, 11, "anchors and aliases" },
		{ "version: 1\n---\nversion: 1\n", 2, 1, "more than one document" },
		{ "version: 1\nrules: [\n", 3, 1, "did not find expected node content" },
		{ "version: 1\nrules:\n  - name: a\n    pending: enforce\n", 4, 5, "unknown key 'pending'" },
		{ "version: 1\nrules:\n  - name: a\n    drift: deny\n", 4, 12,
		  "drift: 'deny' is not off, monitor or enforce" },
	};
	struct policy p;
	struct policy_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ret = policy__parse(cases[i].yaml, strlen(cases[i].yaml), &p, &err);

		if (ret != -1 || err.line != cases[i].line || err.column != cases[i].column ||
		    !strstr(err.msg, cases[i].reason)) {
			fprintf(stderr, "case %zu: ret %d, %u:%u %s\n", i, ret, err.line, err.column, err.msg);
			fail();
		}
		assert_int_equal(p.n_rules, 0); /* nothing half-built is left */
	}
}

static void test_path_bound(void **state)
{
	char yaml[600], path[POLICY_PATH_MAX + 2];
	struct policy p;
	struct policy_error err;

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[POLICY_PATH_MAX] = 0; /* exactly the bound */
	snprintf(yaml, sizeof(yaml), "version: 1\nrules:\n  - name: a\n    allow_writes: [\"%s\"]\n", path);
	assert_int_equal(policy__parse(yaml, strlen(yaml), &p, &err), 0);
	policy__free(&p);
	path[POLICY_PATH_MAX] = 'a';
	path[POLICY_PATH_MAX + 1] = 0;
	snprintf(yaml, sizeof(yaml), "version: 1\nrules:\n  - name: a\n    allow_writes: [\"%s\"]\n", path);
	assert_int_equal(policy__parse(yaml, strlen(yaml), &p, &err), -1);
	assert_non_null(strstr(err.msg, "longer than 247 bytes"));
}

static void test_image_patterns(void **state)
{
	(void)state;
	assert_true(policy__image_matches("nginx", "nginx", NULL));
	assert_true(policy__image_matches("nginx", "nginx:1.25", NULL));
	assert_true(policy__image_matches("nginx", "docker.io/library/nginx:1.25@sha256:abc", NULL));
	assert_true(policy__image_matches("docker.io/library/nginx", "nginx", NULL));
	assert_false(policy__image_matches("nginx", "nginx-evil", NULL));
	assert_false(policy__image_matches("nginx", "evil/nginx", NULL));
	assert_true(policy__image_matches("*/nginx", "evil/nginx", NULL));
	assert_true(policy__image_matches("nginx:latest", "nginx", NULL));
	assert_true(policy__image_matches("nginx:1.*", "nginx:1.25", NULL));
	assert_false(policy__image_matches("nginx:1.*", "nginx:2.0", NULL));
	assert_true(policy__image_matches("registry:5000/app", "registry:5000/app:v1", NULL));
	assert_false(policy__image_matches("registry:5000/app:v2", "registry:5000/app:v1", NULL));
	assert_true(policy__image_matches("sha256:ab*", "app:v1", "sha256:abcdef"));
	assert_true(policy__image_matches("sha256:cd*", "app@sha256:cdef", "sha256:abcdef"));
	assert_false(policy__image_matches("sha256:ee*", "app@sha256:cdef", "sha256:abcdef"));
	assert_false(policy__image_matches("nginx", NULL, NULL));
}

static void test_first_matching_rule_wins(void **state)
{
	static const char yaml[] = "version: 1\n"
				   "rules:\n"
				   "  - name: web-front\n"
				   "    match: {image: nginx, labels: {tier: front}}\n"
				   "  - name: web\n"
				   "    match: {image: nginx}\n"
				   "  - name: by-name\n"
				   "    match: {name: \"job-*\", runtime: docker}\n"
				   "  - name: pods\n"
				   "    match: {namespace: prod, pod_labels: {app: api}}\n";
	struct meta_label front[] = { { "tier", "front" } }, back[] = { { "tier", "back" } },
			  app[] = { { "app", "api" } };
	struct container_meta nginx_front = { .image = "nginx:1.25", .labels = { front[0] }, .n_labels = 1 };
	struct container_meta nginx_back = { .image = "nginx", .labels = { back[0] }, .n_labels = 1 };
	struct container_meta job = { .name = "job-7", .image = "busybox" };
	struct container_meta pod = { .pod_namespace = "prod", .pod_name = "api-5d9f" };
	struct policy p;
	struct policy_error err;

	(void)state;
	assert_int_equal(policy__parse(yaml, strlen(yaml), &p, &err), 0);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "docker", &nginx_front, NULL, 0 }), 0);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "docker", &nginx_back, NULL, 0 }), 1);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "docker", &job, NULL, 0 }), 2);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "podman", &job, NULL, 0 }), -1);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "cri", &pod, app, 1 }), 3);
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "cri", &pod, NULL, 0 }), -1);
	/* no metadata: only a rule that names nothing it lacks */
	assert_int_equal(policy__select(&p, &(struct policy_subject){ "docker", NULL, NULL, 0 }), -1);
	policy__free(&p);
}

/* drift: unset leaves it to --drift (0 in the kernel's value); a rule inherits the defaults'; enforce enforces. */
static void test_drift_mode_inherited_and_enforcing(void **state)
{
	static const char none[] = "version: 1\nrules:\n  - name: a\n    match: {}\n";
	static const char yaml[] = "version: 1\ndefaults: {drift: off}\nrules:\n  - name: a\n    match: {name: a}\n"
				   "  - name: b\n    match: {name: b}\n    drift: enforce\n";
	struct policy p;
	struct policy_error err;

	(void)state;
	assert_int_equal(policy__parse(none, strlen(none), &p, &err), 0);
	assert_int_equal(p.rules[0].drift, POLICY_MODE_UNSET);
	assert_false(policy__enforces(&p));
	policy__free(&p);
	assert_int_equal(policy__parse(yaml, strlen(yaml), &p, &err), 0);
	assert_int_equal(p.defaults.drift, POLICY_OFF);
	assert_int_equal(p.rules[0].drift, POLICY_OFF);
	assert_int_equal(p.rules[1].drift, POLICY_ENFORCE);
	assert_int_equal(p.rules[1].rootfs, POLICY_MONITOR);
	assert_true(policy__enforces(&p)); /* BPF LSM required */
	policy__free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_parses_and_inherits),
		cmocka_unit_test(test_minimal_policy_defaults_to_monitor),
		cmocka_unit_test(test_errors_name_line_column_and_reason),
		cmocka_unit_test(test_path_bound),
		cmocka_unit_test(test_image_patterns),
		cmocka_unit_test(test_first_matching_rule_wins),
		cmocka_unit_test(test_drift_mode_inherited_and_enforcing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
