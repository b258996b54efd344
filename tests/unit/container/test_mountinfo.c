// SPDX-License-Identifier: GPL-2.0
/* mountinfo parsing, cgroup2 discovery, and the rootfs decision built on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "mountinfo.h"
#include "rootfs.h"

static const char host[] = "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
			   "25 22 0:22 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
			   "26 25 0:23 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
			   "35 25 0:31 / /sys/fs/cgroup/unified rw,relatime shared:9 - cgroup2 cgroup2 rw\n";

static const char container[] = "600 500 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u\n"
				"601 600 0:55 / /proc rw,nosuid - proc proc rw\n"
				"602 600 0:56 / /dev rw,nosuid - tmpfs tmpfs rw\n"
				"603 600 254:0 /tmp/vol /data rw,relatime - ext4 /dev/vda rw\n"
				"604 600 0:57 / /scratch rw - tmpfs tmpfs rw\n"
				"605 600 254:0 /var/lib/docker/containers/x/hosts /etc/hosts rw - ext4 /dev/vda rw\n"
				"606 600 0:58 / /with\\040space rw - tmpfs tmpfs rw\n"
				"garbage line\n";

static FILE *stream(const char *s)
{
	return fmemopen((void *)s, strlen(s), "r");
}

static void test_parse_line(void **state)
{
	char line[] =
		"36 35 98:0 /mnt1 /mnt/par\\040ent rw,noatime master:1 shared:2 - ext3 /dev/root rw,errors=continue\n";
	char bad[] = "36 35 98:0 /mnt1 /mnt rw no-separator ext3\n";
	struct mount_entry e;

	(void)state;
	assert_true(mountinfo__parse_line(line, &e));
	assert_string_equal(e.root, "/mnt1");
	assert_string_equal(e.mount_point, "/mnt/par ent");
	assert_string_equal(e.fstype, "ext3");
	assert_string_equal(e.source, "/dev/root");
	assert_string_equal(e.options, "rw,noatime");
	assert_string_equal(e.super_options, "rw,errors=continue");
	assert_int_equal(e.major, 98);
	assert_int_equal(e.minor, 0);
	assert_true(mountinfo__has_option(e.options, "noatime"));
	assert_true(mountinfo__has_option(e.options, "rw"));
	assert_false(mountinfo__has_option(e.options, "ro"));
	assert_false(mountinfo__has_option(e.options, "noatim"));
	assert_false(mountinfo__parse_line(bad, &e));
}

static void test_find_cgroup2_on_hybrid_host(void **state)
{
	char buf[256];
	FILE *f = stream(host);

	(void)state;
	assert_true(mountinfo__find_cgroup2(f, buf, sizeof(buf)));
	assert_string_equal(buf, "/sys/fs/cgroup/unified");
	fclose(f);
	f = stream("22 1 254:0 / / rw - ext4 /dev/vda rw\n");
	assert_false(mountinfo__find_cgroup2(f, buf, sizeof(buf)));
	fclose(f);
}

static void strips(const char *in, const char *want, bool stripped)
{
	char path[128];

	snprintf(path, sizeof(path), "%s", in);
	assert_int_equal(rootfs__strip_proc_root(path), stripped);
	assert_string_equal(path, want);
}

/* /proc/<process>/root is a way back to the container's root: the string must not hide it. */
static void test_proc_root_magic_links(void **state)
{
	(void)state;
	strips("/proc/self/root/etc/x", "/etc/x", true);
	strips("/proc/thread-self/root/x", "/x", true);
	strips("/proc/1/root/etc/passwd", "/etc/passwd", true);
	strips("/proc/42/task/43/root/d", "/d", true);
	strips("/proc/self/root", "/", true);
	strips("/proc/self/root/proc/1/root/etc/y", "/etc/y", true);
	strips("/proc/self/comm", "/proc/self/comm", false);
	strips("/proc/self/rootx/a", "/proc/self/rootx/a", false);
	strips("/proc/selfish/root/a", "/proc/selfish/root/a", false);
	strips("/proc//root/a", "/proc//root/a", false);
	strips("/etc/proc/self/root", "/etc/proc/self/root", false);
}

static void test_rootfs_decision(void **state)
{
	struct mount_table mt = { 0 };
	FILE *f = stream(container);

	(void)state;
	assert_true(rootfs__load_mountinfo(&mt, f));
	fclose(f);
	assert_true(rootfs__path_on_root(&mt, "/etc/passwd"));
	assert_true(rootfs__path_on_root(&mt, "/"));
	assert_true(rootfs__path_on_root(&mt, "/database")); /* not under /data */
	assert_true(rootfs__path_on_root(&mt, "/etc/hostsx"));
	assert_false(rootfs__path_on_root(&mt, "/data"));
	assert_false(rootfs__path_on_root(&mt, "/data/f"));
	assert_false(rootfs__path_on_root(&mt, "/scratch/a/b"));
	assert_false(rootfs__path_on_root(&mt, "/proc/self/comm"));
	assert_false(rootfs__path_on_root(&mt, "/etc/hosts"));
	assert_false(rootfs__path_on_root(&mt, "/with space/x"));
	rootfs__free(&mt);
}

static void test_runtime_defaults(void **state)
{
	struct mount_table mt = { 0 };

	(void)state;
	rootfs__load_runtime_defaults(&mt);
	assert_true(mt.from_runtime_defaults);
	assert_false(rootfs__path_on_root(&mt, "/dev/shm/x"));
	assert_false(rootfs__path_on_root(&mt, "/etc/resolv.conf"));
	assert_true(rootfs__path_on_root(&mt, "/etc/passwd"));
	rootfs__free(&mt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),	 cmocka_unit_test(test_find_cgroup2_on_hybrid_host),
		cmocka_unit_test(test_rootfs_decision),	 cmocka_unit_test(test_proc_root_magic_links),
		cmocka_unit_test(test_runtime_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
