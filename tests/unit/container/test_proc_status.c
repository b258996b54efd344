// SPDX-License-Identifier: GPL-2.0
/* The /proc fields the task-snapshot fallback reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "proc_status.h"

static const char status[] =
	"Name:\tsh\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t42\n"
	"Uid:\t0\t1000\t2000\t3000\nGid:\t10\t11\t12\t13\nFDSize:\t64\nGroups:\t0 1 2 3 4 6 10 11 20 26 27 \n";

static void test_ids_and_groups(void **state)
{
	struct cred_snapshot s;

	(void)state;
	assert_int_equal(proc_status__ids(status, &s), 0);
	assert_int_equal(s.ids.ruid, 0);
	assert_int_equal(s.ids.euid, 1000);
	assert_int_equal(s.ids.suid, 2000);
	assert_int_equal(s.ids.fsuid, 3000);
	assert_int_equal(s.ids.rgid, 10);
	assert_int_equal(s.ids.fsgid, 13);
	assert_int_equal(s.ngroups, 11);
}

static void test_no_groups(void **state)
{
	struct cred_snapshot s;

	(void)state;
	assert_int_equal(proc_status__ids("Uid:\t1\t1\t1\t1\nGid:\t2\t2\t2\t2\nGroups:\t\n", &s), 0);
	assert_int_equal(s.ngroups, 0);
	assert_int_equal(s.ids.egid, 2);
}

static void test_malformed(void **state)
{
	struct cred_snapshot s;

	(void)state;
	assert_int_equal(proc_status__ids("Uid:\t1\t1\t1\nGid:\t2\t2\t2\t2\nGroups:\n", &s), -1);
	assert_int_equal(proc_status__ids("Gid:\t2\t2\t2\t2\nGroups:\n", &s), -1);
	assert_int_equal(proc_status__ids("Uid:\t1\t1\t1\t99999999999\nGid:\t2\t2\t2\t2\nGroups:\n", &s), -1);
	assert_int_equal(proc_status__ids("Uid:\t1\t1\t1\t1\nGid:\t2\t2\t2\t2\nGroups:\tx\n", &s), -1);
	assert_int_equal(proc_status__ids("", &s), -1);
	/* "Uid:" inside another line is not the field */
	assert_int_equal(proc_status__ids("Name:\tUid:\t1\t1\t1\t1\nGid:\t2\t2\t2\t2\nGroups:\n", &s), -1);
}

static void test_cgroup2_path(void **state)
{
	char path[64];

	(void)state;
	assert_int_equal(proc_status__cgroup2_path("12:pids:/x\n1:name=systemd:/y\n0::/system.slice/docker-ab.scope\n",
						   path, sizeof(path)),
			 0);
	assert_string_equal(path, "/system.slice/docker-ab.scope");
	assert_int_equal(proc_status__cgroup2_path("0::/\n", path, sizeof(path)), 0);
	assert_string_equal(path, "/");
	assert_int_equal(proc_status__cgroup2_path("1:cpu:/a\n", path, sizeof(path)), -1);
	assert_int_equal(proc_status__cgroup2_path("0::relative\n", path, sizeof(path)), -1);
	assert_int_equal(proc_status__cgroup2_path("0::/a-path-far-too-long-for-the-buffer-given-here-to-hold-whole\n",
						   path, 16),
			 -1);
}

static void test_cgroup1_path_and_bounding_set(void **state)
{
	static const char hybrid[] = "9:name=systemd:/docker/ab\n8:pids:/docker/ab\n2:cpu,cpuacct:/docker/cd\n"
				     "4:memory:/docker/ab\n0::/docker/ab\n";
	char path[64];
	__u64 bset = 0;

	(void)state;
	assert_int_equal(proc_status__cgroup1_path(hybrid, "memory", path, sizeof(path)), 0);
	assert_string_equal(path, "/docker/ab");
	assert_int_equal(proc_status__cgroup1_path(hybrid, "cpu", path, sizeof(path)), 0);
	assert_string_equal(path, "/docker/cd");
	assert_int_equal(proc_status__cgroup1_path(hybrid, "cpuacct", path, sizeof(path)), 0);
	assert_int_equal(proc_status__cgroup1_path(hybrid, "devices", path, sizeof(path)), -1);
	assert_int_equal(proc_status__cgroup1_path(hybrid, "systemd", path, sizeof(path)), -1); /* name=systemd */
	assert_int_equal(proc_status__cgroup1_path("0::/x\n", "memory", path, sizeof(path)), -1);
	assert_int_equal(proc_status__cgroup1_path(hybrid, "memory", path, 4), -1); /* too long for path */
	assert_int_equal(proc_status__cap_bset("Name:\tsh\nCapBnd:\t000001fffeffffff\n", &bset), 0);
	assert_int_equal(bset, 0x1fffeffffffull);
	assert_int_equal(proc_status__cap_bset("CapBnd:\tzz\n", &bset), -1);
	assert_int_equal(proc_status__cap_bset("CapEff:\t0\n", &bset), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_and_groups),
		cmocka_unit_test(test_no_groups),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_cgroup2_path),
		cmocka_unit_test(test_cgroup1_path_and_bounding_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
