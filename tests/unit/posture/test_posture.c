// SPDX-License-Identifier: GPL-2.0
/* Posture: the judgement of a container's facts, --posture, the cgroup limit files (posture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "posture.h"

#define HOST_BSET 0x1fffeffffffull /* this machine's PID 1: every capability but SYS_RESOURCE */

static const struct posture_host host = { .ns = { 11, 12, 13, 14, 15, 16, 17 }, .cap_bset = HOST_BSET };

/* A container as Docker starts it by default: its own namespaces but cgroup and user, root, 14 capabilities. */
static struct posture_facts docker_default(void)
{
	struct posture_facts f = { .cap_bset = posture_default_caps,
				   .ns = { 21, 22, 23, 24, 25, 16, 17 },
				   .seccomp_mode = 2,
				   .memory_limit = POSTURE_UNLIMITED,
				   .pids_limit = POSTURE_UNLIMITED,
				   .cpu_quota_us = POSTURE_UNLIMITED,
				   .devices = POSTURE_DEVICES_LISTED,
				   .mounts_known = true };
	return f;
}

static void expect_hits(const struct posture_findings *fd, const enum posture_check *want, size_t n)
{
	bool expected[POSTURE_CHECK_MAX] = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		expected[want[i]] = true;
	for (i = 0; i < POSTURE_CHECK_MAX; i++)
		if (fd->hit[i] != expected[i]) {
			fprintf(stderr, "check %s: %s, want %s\n", posture__check(i)->name,
				fd->hit[i] ? "hit" : "clear", expected[i] ? "hit" : "clear");
			fail();
		}
}

static void test_default_container(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;
	static const enum posture_check want[] = { POSTURE_HOST_CGROUPNS,   POSTURE_HOST_USERNS,
						   POSTURE_ROOT_USER,	    POSTURE_NO_NEW_PRIVILEGES,
						   POSTURE_WRITABLE_ROOTFS, POSTURE_NO_MEMORY_LIMIT,
						   POSTURE_NO_PIDS_LIMIT,   POSTURE_NO_CPU_LIMIT };

	(void)state;
	posture__judge(&f, &host, &fd);
	expect_hits(&fd, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(fd.added_caps, 0);
}

/* --read-only --user 1000 --cap-drop ALL --security-opt no-new-privileges -m 64m --pids-limit 64 --cpus 1 */
static void test_hardened_container_has_no_default_finding(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;
	struct posture_config cfg;
	int i;

	(void)state;
	f.cap_bset = 0;
	f.uid = 1000;
	f.no_new_privs = true;
	f.root_readonly = true;
	f.memory_limit = 64 << 20;
	f.pids_limit = 64;
	f.cpu_quota_us = 100000;
	f.cpu_period_us = 100000;
	posture__judge(&f, &host, &fd);
	posture_config__defaults(&cfg);
	for (i = 0; i < POSTURE_CHECK_MAX; i++)
		if (fd.hit[i] && cfg.on[i])
			fail_msg("a hardened container hits %s", posture__check(i)->name);
}

static void test_privileged_by_capabilities_or_devices(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;

	(void)state;
	/* docker --cap-add ALL on an older runtime: no PERFMON, BPF, CHECKPOINT_RESTORE; here no SYS_RESOURCE */
	f.cap_bset = HOST_BSET & ((1ull << 38) - 1);
	posture__judge(&f, &host, &fd);
	assert_true(fd.hit[POSTURE_PRIVILEGED]);
	assert_true(fd.privileged_by_caps);
	assert_false(fd.hit[POSTURE_ADDED_CAPABILITIES]); /* privileged says it */
	/* one capability short of the host's is not privileged: it is a list of added ones */
	f.cap_bset &= ~(1ull << 21);
	f.cap_bset |= 1ull << 25;
	posture__judge(&f, &host, &fd);
	assert_false(fd.hit[POSTURE_PRIVILEGED]);
	assert_true(fd.hit[POSTURE_ADDED_CAPABILITIES]);
	f = docker_default();
	f.devices = POSTURE_DEVICES_ALL;
	posture__judge(&f, &host, &fd);
	assert_true(fd.hit[POSTURE_PRIVILEGED]);
	assert_true(fd.privileged_by_devices);
	assert_false(fd.privileged_by_caps);
}

static void test_host_namespaces_and_unknown_host(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_host h = host;
	struct posture_findings fd;

	(void)state;
	f.ns[VIGIL_NS_NET] = 12;
	f.ns[VIGIL_NS_PID] = 13;
	posture__judge(&f, &h, &fd);
	assert_true(fd.hit[POSTURE_HOST_NETWORK]);
	assert_true(fd.hit[POSTURE_HOST_PID]);
	assert_false(fd.hit[POSTURE_HOST_IPC]);
	h.ns[VIGIL_NS_NET] = 0; /* not known: never a finding, even against a 0 from the kernel */
	f.ns[VIGIL_NS_NET] = 0;
	posture__judge(&f, &h, &fd);
	assert_false(fd.hit[POSTURE_HOST_NETWORK]);
}

static void test_root_is_uid_0_of_the_initial_namespace(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;

	(void)state;
	f.uid = 100000; /* root remapped by a user namespace */
	f.userns_level = 1;
	posture__judge(&f, &host, &fd);
	assert_false(fd.hit[POSTURE_ROOT_USER]);
	f.uid = 0;
	posture__judge(&f, &host, &fd);
	assert_true(fd.hit[POSTURE_ROOT_USER]);
}

static void test_unknown_is_never_a_finding(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;

	(void)state;
	f.memory_limit = f.pids_limit = f.cpu_quota_us = POSTURE_UNKNOWN;
	f.devices = POSTURE_DEVICES_UNKNOWN;
	f.lsm = POSTURE_LABEL_UNKNOWN;
	posture__judge(&f, &host, &fd);
	assert_false(fd.hit[POSTURE_NO_MEMORY_LIMIT]);
	assert_false(fd.hit[POSTURE_NO_PIDS_LIMIT]);
	assert_false(fd.hit[POSTURE_NO_CPU_LIMIT]);
	assert_false(fd.hit[POSTURE_PRIVILEGED]);
	assert_false(fd.hit[POSTURE_LSM_UNCONFINED]);
}

static void test_limit_files(void **state)
{
	__s64 q, p;

	(void)state;
	assert_int_equal(posture__limit_value("max\n"), POSTURE_UNLIMITED);
	assert_int_equal(posture__limit_value("-1\n"), POSTURE_UNLIMITED);
	assert_int_equal(posture__limit_value("9223372036854771712\n"), POSTURE_UNLIMITED); /* v1's none */
	assert_int_equal(posture__limit_value("67108864\n"), 67108864);
	assert_int_equal(posture__limit_value("64"), 64);
	assert_int_equal(posture__limit_value(""), POSTURE_UNKNOWN);
	assert_int_equal(posture__limit_value("12x\n"), POSTURE_UNKNOWN);
	assert_int_equal(posture__limit_value("-5\n"), POSTURE_UNKNOWN);
	assert_int_equal(posture__limit_value("maxi"), POSTURE_UNKNOWN);
	assert_int_equal(posture__limit_value("99999999999999999999999\n"), POSTURE_UNKNOWN);
	posture__cpu_max("max 100000\n", &q, &p);
	assert_int_equal(q, POSTURE_UNLIMITED);
	assert_int_equal(p, 100000);
	posture__cpu_max("50000 100000\n", &q, &p);
	assert_int_equal(q, 50000);
	assert_int_equal(p, 100000);
	posture__cpu_max("50000 0\n", &q, &p);
	assert_int_equal(q, POSTURE_UNKNOWN);
	posture__cpu_max("50000\n", &q, &p);
	assert_int_equal(q, POSTURE_UNKNOWN);
}

static void test_config(void **state)
{
	struct posture_config c;
	char err[256];

	(void)state;
	posture_config__defaults(&c);
	assert_false(c.off);
	assert_true(c.on[POSTURE_PRIVILEGED]);
	assert_false(c.on[POSTURE_HOST_USERNS]);
	assert_int_equal(
		posture_config__parse(&c, "host-user-namespace=on,no-cpu-limit=off,root-user=2", err, sizeof(err)), 0);
	assert_true(c.on[POSTURE_HOST_USERNS]);
	assert_false(c.on[POSTURE_NO_CPU_LIMIT]);
	assert_true(c.on[POSTURE_ROOT_USER]);
	assert_int_equal(c.severity[POSTURE_ROOT_USER], 2);
	assert_int_equal(posture_config__parse(&c, "off", err, sizeof(err)), 0);
	assert_true(c.off);
	assert_int_equal(posture_config__parse(&c, "no-such-check=on", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no-such-check"));
	assert_int_equal(posture_config__parse(&c, "root-user=8", err, sizeof(err)), -1);
	assert_int_equal(posture_config__parse(&c, "root-user", err, sizeof(err)), -1);
	assert_int_equal(posture_config__parse(&c, "root-user=", err, sizeof(err)), -1);
	assert_int_equal(posture__check_by_name("sensitive-mount"), POSTURE_SENSITIVE_MOUNT);
	assert_int_equal(posture__check_by_name("ssh-server"), POSTURE_SSH_SERVER);
	/* the kernel's list: at most what it holds, each name a comm (15 bytes and its NUL) */
	for (int i = 0; posture_ssh_server_names[i]; i++) {
		assert_true(i < VIGIL_SSH_NAMES);
		assert_true(strlen(posture_ssh_server_names[i]) < VIGIL_COMM_LEN);
	}
}

static void test_device_rules_and_lsm_labels(void **state)
{
	(void)state;
	assert_int_equal(posture__devices("a *:* rwm\n"), POSTURE_DEVICES_ALL);
	assert_int_equal(posture__devices("c 1:3 rwm\nb *:* rw\n"), POSTURE_DEVICES_ALL); /* every disk */
	assert_int_equal(posture__devices("c *:* r\n"), POSTURE_DEVICES_ALL);
	/* Docker's default: mknod of anything, read/write of a few */
	assert_int_equal(posture__devices("c *:* m\nb *:* m\nc 1:3 rwm\nc 1:5 rwm\nc 136:* rwm\n"),
			 POSTURE_DEVICES_LISTED);
	assert_int_equal(posture__devices(""), POSTURE_DEVICES_LISTED);
	assert_int_equal(posture__devices("garbage"), POSTURE_DEVICES_LISTED);
	assert_true(posture__label_unconfined("unconfined"));
	assert_true(posture__label_unconfined("docker-default (complain)"));
	assert_true(posture__label_unconfined("my-profile (unconfined)"));
	assert_true(posture__label_unconfined("system_u:system_r:spc_t:s0"));
	assert_false(posture__label_unconfined("docker-default (enforce)"));
	assert_false(posture__label_unconfined("system_u:system_r:container_t:s0:c1,c2"));
	assert_false(posture__label_unconfined("unconfined-ish (enforce)"));
}

static void test_privileged_in_a_user_namespace_is_not_the_host(void **state)
{
	struct posture_facts f = docker_default();
	struct posture_findings fd;

	(void)state;
	f.cap_bset = HOST_BSET;
	f.userns_level = 1;
	f.uid = 100000;
	posture__judge(&f, &host, &fd);
	assert_false(fd.hit[POSTURE_PRIVILEGED]);
	assert_true(fd.hit[POSTURE_ADDED_CAPABILITIES]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_container),
		cmocka_unit_test(test_hardened_container_has_no_default_finding),
		cmocka_unit_test(test_privileged_by_capabilities_or_devices),
		cmocka_unit_test(test_host_namespaces_and_unknown_host),
		cmocka_unit_test(test_root_is_uid_0_of_the_initial_namespace),
		cmocka_unit_test(test_unknown_is_never_a_finding),
		cmocka_unit_test(test_limit_files),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_device_rules_and_lsm_labels),
		cmocka_unit_test(test_privileged_in_a_user_namespace_is_not_the_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
