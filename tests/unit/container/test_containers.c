// SPDX-License-Identifier: GPL-2.0
/*
 * Container tracking (user/container/containers.c): the start-up scan of a
 * cgroup tree, cgroup records, vigil's own cgroup, and the kernel's
 * `containers` map kept in step. The map is a real BPF hash map of the same
 * shape (needs root, as the rest of `make test`); the tree is directories
 * named as the runtimes name their cgroups (../shared/cgroup-patterns.md),
 * keyed by their inode numbers as cgroup2 ids are.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <bpf/bpf.h>
#include "containers.h"
#include "vigil_event.h"

#define HEX64_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HEX64_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HEX64_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

struct fixture {
	char root[64];
	struct containers cs;
};

static int map_create(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, "vigil_test_cg", sizeof(__u64), sizeof(__u8), 1024, NULL);

	if (fd < 0)
		fail_msg("bpf_map_create: %s (the unit tests run as root)", strerror(errno));
	return fd;
}

/* mkdir -p root/rel, returning its inode (its cgroup id, on cgroup2). */
static __u64 mkdirs(const char *root, const char *rel)
{
	char path[4096], *p;
	struct stat st;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
	assert_int_equal(stat(path, &st), 0);
	return st.st_ino;
}

static int map_state(struct containers *cs, __u64 cgid)
{
	__u8 v;

	return bpf_map_lookup_elem(cs->map_fd, &cgid, &v) ? -1 : v;
}

static void map_put_candidate(struct containers *cs, __u64 cgid)
{
	__u8 v = VIGIL_CG_CANDIDATE;

	assert_int_equal(bpf_map_update_elem(cs->map_fd, &cgid, &v, BPF_ANY), 0);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	snprintf(fx->root, sizeof(fx->root), "/tmp/vigil-containers-XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	fx->cs.map_fd = map_create();
	snprintf(fx->cs.cgroup2_root, sizeof(fx->cs.cgroup2_root), "%s", fx->root);
	snprintf(fx->cs.containerd_tasks, sizeof(fx->cs.containerd_tasks), "%s/tasks", fx->root);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[128];

	containers__free(&fx->cs);
	close(fx->cs.map_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fx->root);
	free(fx);
	return system(cmd);
}

static void test_scan_tracks_the_runtimes_cgroups_and_nothing_else(void **state)
{
	struct fixture *fx = *state;
	struct containers *cs = &fx->cs;
	__u64 docker, kube, ctr, ctr_unknown, service;
	struct container *c;
	char bundle[4096];
	FILE *f;

	docker = mkdirs(fx->root, "/system.slice/docker-" HEX64_A ".scope");
	kube = mkdirs(fx->root, "/kubepods/burstable/pod0f1e2d3c-aaaa-bbbb-cccc-0123456789ab/" HEX64_B);
	ctr = mkdirs(fx->root, "/default/web");		  /* ctr: a task bundle says it is one */
	ctr_unknown = mkdirs(fx->root, "/default/other"); /* no bundle: a host cgroup */
	service = mkdirs(fx->root, "/system.slice/cron.service");
	mkdirs(fx->root, "/tasks/default/web");
	snprintf(bundle, sizeof(bundle), "%s/tasks/default/web/config.json", fx->root);
	f = fopen(bundle, "we");
	assert_non_null(f);
	fclose(f);

	assert_int_equal(containers__scan(cs), 0);
	assert_int_equal(cs->count, 3);
	c = containers__find(cs, docker);
	assert_non_null(c);
	assert_string_equal(c->ref.id, HEX64_A);
	assert_string_equal(c->ref.runtime, "docker");
	assert_string_equal(c->cgroup_path, "/system.slice/docker-" HEX64_A ".scope");
	c = containers__find(cs, kube);
	assert_non_null(c);
	assert_string_equal(c->ref.id, HEX64_B);
	c = containers__find(cs, ctr);
	assert_non_null(c);
	assert_string_equal(c->ref.id, "web");
	assert_null(containers__find(cs, ctr_unknown));
	assert_null(containers__find(cs, service));
	/* the kernel side gates on the map: containers in, the rest not */
	assert_int_equal(map_state(cs, docker), VIGIL_CG_CONTAINER);
	assert_int_equal(map_state(cs, kube), VIGIL_CG_CONTAINER);
	assert_int_equal(map_state(cs, ctr), VIGIL_CG_CONTAINER);
	assert_int_equal(map_state(cs, service), -1);
	assert_int_equal(map_state(cs, ctr_unknown), -1);
	/* no process to read: the runtime's default mount table stands in until one is */
	c = containers__find(cs, docker);
	assert_true(c->mounts.from_runtime_defaults);
	assert_false(c->mounts_current);
}

static void test_cgroup_records_keep_the_map_in_step(void **state)
{
	struct fixture *fx = *state;
	struct containers *cs = &fx->cs;

	/* the kernel marks every new cgroup a candidate until userspace says */
	map_put_candidate(cs, 1001);
	containers__on_mkdir(cs, 1001, "/system.slice/docker-" HEX64_C ".scope");
	assert_int_equal(map_state(cs, 1001), VIGIL_CG_CONTAINER);
	assert_int_equal(cs->count, 1);
	map_put_candidate(cs, 1002);
	containers__on_mkdir(cs, 1002, "/system.slice/sshd.service");
	assert_int_equal(map_state(cs, 1002), -1); /* a host service's: never enforced on */
	assert_int_equal(cs->count, 1);
	/* crun's sub-cgroup of a Podman container: the same container */
	containers__on_mkdir(cs, 1003, "/machine.slice/libpod-" HEX64_C ".scope/container");
	assert_int_equal(cs->count, 2);
	assert_string_equal(containers__find(cs, 1003)->ref.id, HEX64_C);
	containers__on_rmdir(cs, 1001);
	assert_null(containers__find(cs, 1001));
	assert_non_null(containers__find(cs, 1003));
	assert_int_equal(cs->count, 1);
	containers__on_rmdir(cs, 4242); /* unknown: nothing happens */
	assert_int_equal(cs->count, 1);
}

static void test_vigils_own_cgroup_is_never_a_container(void **state)
{
	struct fixture *fx = *state;
	struct containers *cs = &fx->cs;
	__u64 self = mkdirs(fx->root, "/kubepods/besteffort/pod11111111-2222-3333-4444-555555555555/" HEX64_A);

	cs->self_cgroup_id = self; /* vigil as a DaemonSet pod: its cgroup looks like a container's */
	map_put_candidate(cs, self);
	assert_int_equal(containers__scan(cs), 0);
	assert_null(containers__find(cs, self));
	assert_int_equal(map_state(cs, self), -1);
	containers__on_mkdir(cs, self, "/kubepods/besteffort/pod11111111-2222-3333-4444-555555555555/" HEX64_A);
	assert_null(containers__find(cs, self));
	assert_int_equal(cs->count, 0);
}

static void test_a_mount_change_makes_the_table_stale(void **state)
{
	struct fixture *fx = *state;
	struct containers *cs = &fx->cs;
	struct container *c;
	char procs[4096];
	FILE *f;

	/* a container whose cgroup.procs names this test process: its mounts are read through it */
	mkdirs(fx->root, "/docker/" HEX64_B);
	snprintf(procs, sizeof(procs), "%s/docker/%s/cgroup.procs", fx->root, HEX64_B);
	f = fopen(procs, "we");
	assert_non_null(f);
	fprintf(f, "%d\n", getpid());
	fclose(f);
	containers__on_mkdir(cs, 77, "/docker/" HEX64_B);
	c = containers__find(cs, 77);
	assert_non_null(c);
	assert_non_null(containers__mounts(cs, c, 0));
	assert_true(c->mounts_current);
	assert_false(c->mounts.from_runtime_defaults);
	containers__mounts_changed(c);
	assert_false(c->mounts_current);
	containers__mounts(cs, c, getpid());
	assert_true(c->mounts_current);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_tracks_the_runtimes_cgroups_and_nothing_else, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cgroup_records_keep_the_map_in_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vigils_own_cgroup_is_never_a_container, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_mount_change_makes_the_table_stale, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
