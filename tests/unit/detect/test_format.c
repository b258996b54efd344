// SPDX-License-Identifier: GPL-2.0
/*
 * Golden lines: a record and its view (what enrich learned) make exactly this
 * line, per detection and variant. The formatters are pure (view.h), so the
 * stream's shape is fixed here, byte for byte; a change to it shows as a diff
 * of this table (and belongs in docs/events.md). GOLDEN_PRINT=1 prints what
 * the formatters write, to review a deliberate change (tests/ecs/docs.py
 * --write puts them in docs/events.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "capability.h"
#include "drift.h"
#include "json.h"
#include "mount.h"
#include "posture_format.h"
#include "rootfs_write.h"
#include "setuid.h"

#define ID "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a"
/* 2026-12-05T12:00:00Z as CLOCK_REALTIME - CLOCK_BOOTTIME with a boot time of 0 */
#define T0 1796472000ll

static struct vigil_record rec;

/* A path as the BPF walk writes it: NUL-separated components, leaf first. */
static void add_components(struct vigil_record *r, enum vigil_str_slot slot, const char *s, size_t n)
{
	r->str[slot] = (struct vigil_str){ .off = r->data_len, .len = n };
	r->str_form[slot] = VIGIL_STR_COMPONENTS;
	memcpy(r->data + r->data_len, s, n);
	r->data_len += n;
}

/* A record of the container's process 4242 (sh, /bin/busybox, uid 0) at T0 + 0.000001234 s. */
static struct vigil_record *record(__u16 kind, __u16 op, __u32 syscall_nr, __u32 flags, __s64 ret)
{
	static const char exe[] = "busybox\0bin"; /* components, leaf first */
	static const char args[] = "sh\0-c\0echo x > /etc/motd";
	static const char parent_exe[] = "busybox\0bin", cwd[] = "app\0srv";

	memset(&rec, 0, sizeof(rec));
	rec.kind = kind;
	rec.op = op;
	rec.syscall_nr = syscall_nr;
	rec.flags = flags;
	rec.ret = ret;
	rec.ts_ns = 1234;
	rec.cgroup_id = 1735;
	rec.pid = 4242;
	rec.tid = 4243;
	rec.ppid = 4200;
	rec.proc_start_ns = 5000000000;
	strcpy(rec.comm, "sh");
	rec.str[VIGIL_S_EXE] = (struct vigil_str){ .off = 0, .len = sizeof(exe) };
	rec.str_form[VIGIL_S_EXE] = VIGIL_STR_COMPONENTS;
	memcpy(rec.data, exe, sizeof(exe));
	rec.str[VIGIL_S_ARGS] = (struct vigil_str){ .off = sizeof(exe), .len = sizeof(args) - 1 };
	memcpy(rec.data + sizeof(exe), args, sizeof(args) - 1);
	rec.data_len = sizeof(exe) + sizeof(args) - 1;
	add_components(&rec, VIGIL_S_PARENT_EXE, parent_exe, sizeof(parent_exe));
	add_components(&rec, VIGIL_S_CWD, cwd, sizeof(cwd));
	return &rec;
}

static void add_str(struct vigil_record *r, enum vigil_str_slot slot, const char *s, size_t n)
{
	r->str[slot] = (struct vigil_str){ .off = r->data_len, .len = n };
	r->str_form[slot] = VIGIL_STR_RAW;
	memcpy(r->data + r->data_len, s, n);
	r->data[r->data_len + n] = 'X'; /* the kernel writes a NUL here: vigil must not need it */
	r->data_len += n + 1;
}

static const struct container_ref docker = { .id = ID, .runtime = "docker" };
static struct alert_clock clock_cache = { .secs = -1 };
static struct alert_view view;
static struct stream_id stream = {
	.host_name = "node-1", .kernel = "6.18.0-test", .boot_id = "b00710ad", .instance = "188e1c2a00000000"
};

static struct alert_view *view_of(enum outcome o, const struct container_meta *meta)
{
	memset(&view, 0, sizeof(view));
	view.container = &docker;
	view.meta = meta;
	view.stream = &stream;
	view.seq = 7;
	view.boot_to_realtime_ns = T0 * 1000000000ll;
	view.clock = &clock_cache;
	view.outcome = o;
	return &view;
}

typedef void (*formatter)(struct json *, const struct vigil_record *, const struct alert_view *);

static void expect_line(formatter f, const struct vigil_record *r, const struct alert_view *v, const char *want)
{
	struct json j = { 0 };

	f(&j, r, v);
	assert_true(json__end_line(&j));
	if (getenv("GOLDEN_PRINT")) { /* every line, compared with nothing, among cmocka's own lines */
		fputs(j.buf, stdout);
		json__free(&j);
		return;
	}
	if (strcmp(j.buf, want)) {
		fprintf(stderr, "line differs\n got: %s want: %s", j.buf, want);
		json__free(&j);
		fail();
	}
	json__free(&j);
}

/* What every line starts with: the stream's identity (view_of's stream). */
#define ENVELOPE                                                                                           \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\"" \
	"type\":\"vigil\",\"version\":\"" VIGIL_VERSION                                                    \
	"\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\":\"node-1\",\"os\":{\"type\":\"linux" \
	"\",\"kernel\":\"6.18.0-test\"}},"
#define EVENT(action, outcome, categories, types)                                                               \
	"\"event\":{\"kind\":\"alert\",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"" action  \
	"\",\"id\":\"188e1c2a00000000-7\",\"severity\":4,\"outcome\":\"" outcome "\",\"category\":[" categories \
	"],\"type\":[" types "]},"
#define RULE_CAPABILITY                                                                                    \
	"\"rule\":{\"id\":\"container-capability-use\",\"name\":\"container-capability-use\",\"descriptio" \
	"n\":\"A container process used a Linux capability\",\"ruleset\":\"vigil\"},"
#define RULE_MOUNT                                                                                         \
	"\"rule\":{\"id\":\"container-mount\",\"name\":\"container-mount\",\"description\":\"A container " \
	"process mounted, unmounted or moved a filesystem\",\"ruleset\":\"vigil\"},"
#define RULE_ROOTFS_WRITE                                                                                  \
	"\"rule\":{\"id\":\"container-rootfs-write\",\"name\":\"container-rootfs-write\",\"description\":" \
	"\"A container process created, changed or deleted a file on its image's root filesystem (not a v" \
	"olume, tmpfs, /proc, /sys or /dev)\",\"ruleset\":\"vigil\"},"
#define RULE_SETUID                                                                                        \
	"\"rule\":{\"id\":\"container-id-change\",\"name\":\"container-id-change\",\"description\":\"A co" \
	"ntainer process changed its user or group ids\",\"ruleset\":\"vigil\"},"
#define CONTAINER "\"container\":{\"id\":\"" ID "\",\"runtime\":\"docker\"},"
/* record()'s process, as every alert but a setuid one writes it */
#define PROCESS                                                                                                       \
	"\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-5000000000\",\"name\":\"sh\",\"executabl"            \
	"e\":\"/bin/busybox\",\"args\":[\"sh\",\"-c\",\"echo x > /etc/motd\"],\"args_count\":3,\"command_"            \
	"line\":\"sh -c echo x > "                                                                                    \
	"/etc/motd\",\"thread\":{\"id\":4243},\"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{" \
	"\"id\":\"0\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/busybox\"}},"

static void test_rootfs_write_open(void **state)
{
	struct vigil_record *r =
		record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_OPEN, 257,
		       VIGIL_F_OUTCOME_KNOWN | VIGIL_F_OBJ_KNOWN | VIGIL_F_OBJ_ON_ROOT | VIGIL_F_INODE, 3);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	r->file.ino = 1048601;
	r->file.dev = (0u << 20) | 45; /* an overlay: major 0 */
	strcpy(v->path, "/etc/motd");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"change\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/etc/motd\",\"name\":\"motd\",\"directory\":\"/etc\",\"inode\":\"1048601\","
		    "\"device\":\"0:45\"},\"vigil\":{\"schema_v"
		    "ersion\":2,\"operation\":\"open\",\"syscall\":\"openat\",\"syscall_nr\":257,\"return\":3,\"cgrou"
		    "p_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

/* --policy: rule.name is the container's rule, vigil.policy says which and whether it was pending. */
static void test_rootfs_write_under_a_policy_rule(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_MKDIR, 83, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	strcpy(v->path, "/var/cache/nginx-evil");
	v->has_policy = true;
	strcpy(v->policy_rule, "nginx");
	expect_line(
		rootfs_write__format, r, v,
		ENVELOPE EVENT(
			"rootfs-write", "success", "\"file\"",
			"\"creation\"") "\"rule\":{\"id\":\"container-rootfs-write\",\"name\":\"nginx\","
					"\"description\":"
					"\"A container process created, changed or deleted a file on its image's root "
					"filesystem (not a v"
					"olume, tmpfs, /proc, /sys or /dev)\",\"ruleset\":\"vigil\"}," CONTAINER PROCESS
					"\"file\":{\"path\":\"/var/cache/"
					"nginx-evil\",\"name\":\"nginx-evil\",\"directory\":\"/var/"
					"cache\"},\"vigil\":{\"schema_version\":2,\"policy\":{\"rule\":\"nginx\","
					"\"pending\":false},"
					"\"operation\":\"mkdir\",\"syscall\":\"mkdir\",\"syscall_nr\":83,\"return\":0,"
					"\"cgroup_id\":1735,"
					"\"tid\":4243,\"truncated\":false}}\n");
}

/* chmod's new mode (octal, as ECS writes it) and chown's new owner; -1 ("unchanged") is left out. */
static void test_rootfs_write_chmod_and_chown(void **state)
{
	struct vigil_record *r =
		record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_CHMOD, 90, VIGIL_F_OUTCOME_KNOWN | VIGIL_F_MODE, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	r->file.mode = 04755;
	strcpy(v->path, "/bin/sh");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"change\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/bin/sh\",\"name\":\"sh\",\"directory\":\"/bin\",\"mode\":\"4755\"},"
		    "\"vigil\":{\"schema_version\":2,\"operation\":\"chmod\",\"syscall\":\"chmod\",\"syscall_nr\":90,"
		    "\"return\":0,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
	r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_CHOWN, 92, VIGIL_F_OUTCOME_KNOWN | VIGIL_F_OWNER, 0);
	r->file.uid = 1000;
	r->file.gid = (__u32)-1;
	strcpy(v->path, "/etc/shadow");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"change\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/etc/shadow\",\"name\":\"shadow\",\"directory\":\"/etc\",\"uid\":\"1000\"},"
		    "\"vigil\":{\"schema_version\":2,\"operation\":\"chown\",\"syscall\":\"chown\",\"syscall_nr\":92,"
		    "\"return\":0,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

/* Blocked under --enforce: the LSM hook's record, event.type says denied. */
static void test_rootfs_write_denied_unlink(void **state)
{
	struct vigil_record *r =
		record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_UNLINK, 87,
		       VIGIL_F_OUTCOME_KNOWN | VIGIL_F_DENIED | VIGIL_F_OBJ_KNOWN | VIGIL_F_OBJ_ON_ROOT, -1);
	struct alert_view *v = view_of(OUTCOME_FAILURE, NULL);

	(void)state;
	strcpy(v->path, "/etc/passwd");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "failure", "\"file\",\"intrusion_detection\"",
				   "\"deletion\",\"denied\"") RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/etc/passwd\",\"name\":\"passwd\",\"directory\":\"/etc\"},\"vigil\":{\"sche"
		    "ma_version\":2,\"operation\":\"unlink\",\"syscall\":\"unlink\",\"syscall_nr\":87,\"return\":-1,"
		    "\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

static void test_rootfs_write_rename_has_target(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_RENAME, 82, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	strcpy(v->path, "/tmp/x");
	strcpy(v->target, "/usr/bin/x");
	v->has_target = true;
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"change\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/tmp/x\",\"name\":\"x\",\"directory\":\"/tmp\"},\"vigil\":{\"schema_version"
		    "\":2,\"operation\":\"rename\",\"syscall\":\"rename\",\"syscall_nr\":82,\"return\":0,\"cgroup_id"
		    "\":1735,\"tid\":4243,\"truncated\":false,\"file\":{\"target_path\":\"/usr/bin/x\"}}}\n");
}

/* A symlink's target is the link's text as given, not a path vigil resolves. */
static void test_rootfs_write_symlink_keeps_its_text(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_SYMLINK, 88, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	add_str(r, VIGIL_S_STR0, "/etc/l", 6);
	add_str(r, VIGIL_S_STR1, "../proc/\"x\"", 11);
	strcpy(v->path, "/etc/l");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"creation\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"/etc/l\",\"name\":\"l\",\"directory\":\"/etc\",\"target_path\":\"../proc/"
		    "\\\"x\\\"\"},\"vigil\":{\"schema_version\":2,\"operation\":\"symlink\",\"syscall\":\"symlink\","
		    "\"syscall_nr\":88,\"return\":0,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

/* An io_uring request vigil could not resolve: reported with the string as given, flagged. */
static void test_rootfs_write_unresolved_io_uring(void **state)
{
	struct vigil_record *r =
		record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_SETXATTR, 0, VIGIL_F_IO_URING | VIGIL_F_UNRESOLVED, 0);
	struct alert_view *v = view_of(OUTCOME_UNKNOWN, NULL);

	(void)state;
	r->file.uring_opcode = 20;
	add_str(r, VIGIL_S_STR0, "user.x", 6);
	v->path_unresolved = true;
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "unknown", "\"file\"", "\"change\"")
			    RULE_ROOTFS_WRITE CONTAINER PROCESS
		    "\"file\":{\"path\":\"user.x\"},\"vigil\":{\"schema_version\":2,\"operation\":\"setxattr\",\"sysc"
		    "all_nr\":0,\"io_uring_opcode\":20,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"path_unr"
		    "esolved\":true}}\n");
}

/* Runtime metadata: container name, image, labels, and the pod as orchestrator.* */
static void test_rootfs_write_with_metadata(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_MKDIR, 83, VIGIL_F_OUTCOME_KNOWN, 0);
	struct container_meta meta = { 0 };
	struct alert_view *v;

	(void)state;
	meta.name = "web";
	meta.image = "registry.local/web:1.2";
	meta.image_id = "sha256:abcd";
	meta.labels[0] = (struct meta_label){ "app", "web" };
	meta.n_labels = 1;
	meta.pod_name = "web-0";
	meta.pod_namespace = "shop";
	meta.pod_uid = "0f1e2d3c-aaaa-bbbb-cccc-123456789abc";
	meta.k8s_container = "nginx";
	v = view_of(OUTCOME_SUCCESS, &meta);
	strcpy(v->path, "/var/www/new");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"creation\"") RULE_ROOTFS_WRITE
		    "\"container\":{\"id\":\"" ID
		    "\",\"runtime\":\"docker\",\"name\":\"nginx\",\"image\":{\"name\":\"registry.local/web\",\"tag\":"
		    "[\"1.2\"],\"hash\":{\"all\":[\"sha256:abcd\"]}},\"labels\":{\"app\":\"web\"}},\"orchestrator\":{"
		    "\"type\":\"kubernetes\",\"namespace\":\"shop\",\"resource\":{\"type\":\"pod\",\"name\":\"web-0\""
		    ",\"id\":\"0f1e2d3c-aaaa-bbbb-cccc-123456789abc\"}}," PROCESS
		    "\"file\":{\"path\":\"/var/www/new\",\"name\":\"new\",\"directory\":\"/var/www\"},\"vigil\":{\"sc"
		    "hema_version\":2,\"operation\":\"mkdir\",\"syscall\":\"mkdir\",\"syscall_nr\":83,\"return\":0,\""
		    "cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

#define CONTAINER_START_LINE                                                                               \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\"" \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\"" \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"event"  \
	"\",\"module\":\"vigil\",\"dataset\":\"vigil.containers\",\"action\":\"container-start\",\"id\":"  \
	"\"188e1c2a00000000-7\",\"severity\":6,\"category\":[\"process\"],\"type\":[\"start\"]},\"contain" \
	"er\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a\",\"runtime\":\"" \
	"docker\",\"security_context\":{\"privileged\":false}},\"process\":{\"pid\":4242,\"entity_id\":\"" \
	"b00710ad-4242-5000000000\",\"name\":\"sh\",\"executable\":\"/bin/busybox\",\"args\":[\"sh\",\"-c" \
	"\",\"echo x > /etc/motd\"],\"args_count\":3,\"command_line\":\"sh -c echo x > /etc/motd\",\"thre" \
	"ad\":{\"id\":4243},\"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{\"id\":" \
	"\"0\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/busybox\"}},\"vigil\":{\"schema_version\":" \
	"2,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"posture\":{\"privileged\":false,\"privil" \
	"eged_by\":[],\"host_namespaces\":[\"net\",\"user\"],\"root_user\":true,\"user_namespace\":false," \
	"\"capability_bounding_set\":\"00000000a82425fb\",\"added_capabilities\":[\"CAP_SYS_ADMIN\"],\"se" \
	"ccomp\":\"filter\",\"no_new_privileges\":false,\"read_only_rootfs\":false,\"memory_limit_bytes\"" \
	":67108864,\"pids_limit\":-1,\"cpu_limit_millicores\":500,\"devices\":\"listed\",\"sensitive_moun" \
	"ts\":[\"/var/run/docker.sock\"],\"unknown\":[],\"findings\":[\"host-network\",\"root-user\",\"ad" \
	"ded-capabilities\",\"no-new-privileges-unset\",\"writable-rootfs\",\"no-pids-limit\",\"sensitive" \
	"-mount\"]}}}\n"
#define SENSITIVE_MOUNT_LINE                                                                               \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\"" \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\"" \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert"  \
	"\",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"posture\",\"id\":\"188e1c2a000" \
	"00000-7\",\"severity\":3,\"category\":[\"configuration\"],\"type\":[\"info\"]},\"rule\":{\"id\":" \
	"\"container-posture-sensitive-mount\",\"name\":\"container-posture-sensitive-mount\",\"descripti" \
	"on\":\"A sensitive host path is mounted into the container (a runtime's socket, the host's /, /e" \
	"tc, /run, /var/lib/kubelet; /proc or /sys writable): see vigil.posture.mount\",\"reference\":\"h" \
	"ttps://kubernetes.io/docs/concepts/security/pod-security-standards/\",\"ruleset\":\"vigil\"},\"c" \
	"ontainer\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a\",\"runtim" \
	"e\":\"docker\",\"security_context\":{\"privileged\":false}},\"process\":{\"pid\":4242,\"entity_i" \
	"d\":\"b00710ad-4242-5000000000\",\"name\":\"sh\",\"executable\":\"/bin/busybox\",\"args\":[\"sh"  \
	"\",\"-c\",\"echo x > /etc/motd\"],\"args_count\":3,\"command_line\":\"sh -c echo x > /etc/motd\"" \
	",\"thread\":{\"id\":4243},\"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{" \
	"\"id\":\"0\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/busybox\"}},\"vigil\":{\"schema_ver" \
	"sion\":2,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"posture\":{\"privileged\":false,"  \
	"\"privileged_by\":[],\"host_namespaces\":[\"net\",\"user\"],\"root_user\":true,\"user_namespace"  \
	"\":false,\"capability_bounding_set\":\"00000000a82425fb\",\"added_capabilities\":[\"CAP_SYS_ADMI" \
	"N\"],\"seccomp\":\"filter\",\"no_new_privileges\":false,\"read_only_rootfs\":false,\"memory_limi" \
	"t_bytes\":67108864,\"pids_limit\":-1,\"cpu_limit_millicores\":500,\"devices\":\"listed\",\"sensi" \
	"tive_mounts\":[\"/var/run/docker.sock\"],\"unknown\":[],\"findings\":[\"host-network\",\"root-us" \
	"er\",\"added-capabilities\",\"no-new-privileges-unset\",\"writable-rootfs\",\"no-pids-limit\",\"" \
	"sensitive-mount\"],\"check\":\"sensitive-mount\",\"mount\":{\"container_path\":\"/var/run/docker" \
	".sock\",\"host_path\":\"/var/run/docker.sock\",\"read_only\":false}}}}\n"

#define SSH_SERVER_LINE                                                                                    \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\"" \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\"" \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert"  \
	"\",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"ssh-server\",\"id\":\"188e1c2a" \
	"00000000-7\",\"severity\":3,\"outcome\":\"success\",\"category\":[\"process\"],\"type\":[\"start" \
	"\"]},\"rule\":{\"id\":\"container-ssh-server\",\"name\":\"container-ssh-server\",\"description\"" \
	":\"An SSH server started in the container: containers are entered with the runtime's exec, and a" \
	"n SSH server is one more way in, with its own keys and accounts to keep\",\"reference\":\"https:" \
	"//docs.docker.com/engine/containers/multi-service_container/\",\"ruleset\":\"vigil\"},\"containe" \
	"r\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a\",\"runtime\":\"d" \
	"ocker\"},\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-5000000000\",\"name\":\"sshd\"," \
	"\"executable\":\"/usr/sbin/sshd\",\"args\":[\"/usr/sbin/sshd\",\"-D\"],\"args_count\":2,\"comman" \
	"d_line\":\"/usr/sbin/sshd -D\",\"thread\":{\"id\":4243},\"working_directory\":\"/srv/app\",\"use" \
	"r\":{\"id\":\"0\"},\"group\":{\"id\":\"0\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/busyb" \
	"ox\"}},\"vigil\":{\"schema_version\":2,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"sys" \
	"call\":\"execve\",\"syscall_nr\":59}}\n"

static void test_setuid(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_SETUID, VIGIL_OP_SETRESID, 117, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	r->setid.before = (struct vigil_ids){ 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 };
	r->setid.after = (struct vigil_ids){ 0, 0, 0, 0, 1000, 1000, 1000, 1000 };
	r->setid.ngroups_before = 1;
	r->setid.ngroups_after = 1;
	expect_line(setuid__format, r, v,
		    ENVELOPE EVENT("setuid", "success", "\"process\"", "\"change\"") RULE_SETUID CONTAINER
		    "\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-5000000000\",\"name\":\"sh\",\"executabl"
		    "e\":\"/bin/busybox\",\"args\":[\"sh\",\"-c\",\"echo x > /etc/motd\"],\"args_count\":3,\"command_"
		    "line\":\"sh -c echo x > "
		    "/etc/motd\",\"thread\":{\"id\":4243},\"working_directory\":\"/srv/"
		    "app\",\"user\":{\"id\":\"0\"},\"group\":{"
		    "\"id\":\"1000\"},\"real_user\":{\"id\":\"0\"},\"saved_user\":{\"id\":\"0\"},\"real_group\":{\"id"
		    "\":\"1000\"},\"saved_group\":{\"id\":\"1000\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/"
		    "busybox\"}},\"vigil\":{\"schema_ve"
		    "rsion\":2,\"operation\":\"setresuid\",\"syscall\":\"setresuid\",\"syscall_nr\":117,\"return\":0,"
		    "\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"credentials\":{\"before\":{\"ruid\":1000,"
		    "\"euid\":1000,\"suid\":1000,\"fsuid\":1000,\"rgid\":1000,\"egid\":1000,\"sgid\":1000,\"fsgid\":1"
		    "000,\"groups_count\":1},\"after\":{\"ruid\":0,\"euid\":0,\"suid\":0,\"fsuid\":0,\"rgid\":1000,\""
		    "egid\":1000,\"sgid\":1000,\"fsgid\":1000,\"groups_count\":1}}}}\n");
}

static void test_mount(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_MOUNT, VIGIL_OP_MOUNT, 165, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	add_str(r, VIGIL_S_STR0, "/mnt/../data", 12);
	add_str(r, VIGIL_S_STR1, "tmpfs", 5);
	add_str(r, VIGIL_S_STR2, "tmpfs", 5);
	r->mount.flags = 6;
	expect_line(mount__format, r, v,
		    ENVELOPE EVENT("mount", "success", "\"configuration\"", "\"change\"") RULE_MOUNT CONTAINER PROCESS
		    "\"vigil\":{\"schema_version\":2,\"operation\":\"mount\",\"syscall\":\"mount\",\"syscall_nr\":165"
		    ",\"return\":0,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"mount\":{\"target\":\"/data"
		    "\",\"source\":\"tmpfs\",\"fstype\":\"tmpfs\",\"flags\":6}}}\n");
}

#define DRIFT_EXEC_LINE                                                                                     \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\""  \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\""  \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert\"" \
	",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"drift\",\"id\":\"188e1c2a0000000"  \
	"0-7\",\"severity\":4,\"outcome\":\"success\",\"category\":[\"process\"],\"type\":[\"start\"]},\""  \
	"rule\":{\"id\":\"container-drift\",\"name\":\"container-drift\",\"description\":\"A container ra"  \
	"n a program or library its image did not ship: written after the container started, held only in"  \
	" memory, deleted, or on a writable volume or tmpfs\",\"ruleset\":\"vigil\"},\"container\":{\"id\"" \
	":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a\",\"runtime\":\"docker\"},\""  \
	"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-5000000000\",\"name\":\"tool\",\"executabl"  \
	"e\":\"/usr/tool\",\"args\":[\"/usr/tool\",\"-x\"],\"args_count\":2,\"command_line\":\"/usr/tool "  \
	"-x\",\"thread\":{\"id\":4243},\"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group"  \
	"\":{\"id\":\"0\"},\"parent\":{\"pid\":4200,\"executable\":\"/bin/busybox\"}},\"file\":{\"path\":"  \
	"\"/usr/tool\",\"name\":\"tool\",\"directory\":\"/usr\",\"inode\":\"1794915\",\"device\":\"0:39\""  \
	"},\"vigil\":{\"schema_version\":2,\"operation\":\"exec\",\"syscall_nr\":59,\"return\":0,\"cgroup"  \
	"_id\":1735,\"tid\":4243,\"truncated\":false,\"drift\":{\"reason\":\"written-after-start\",\"writ"  \
	"er\":{\"pid\":4240,\"entity_id\":\"b00710ad-4240-4000000000\",\"name\":\"cp\"}}}}\n"
#define DRIFT_MEMFD_LINE                                                                                    \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\""  \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\""  \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert\"" \
	",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"drift\",\"id\":\"188e1c2a0000000"  \
	"0-7\",\"severity\":4,\"outcome\":\"failure\",\"category\":[\"process\",\"intrusion_detection\"],"  \
	"\"type\":[\"start\",\"denied\"]},\"rule\":{\"id\":\"container-drift\",\"name\":\"container-drift"  \
	"\",\"description\":\"A container ran a program or library its image did not ship: written after "  \
	"the container started, held only in memory, deleted, or on a writable volume or tmpfs\",\"rulese"  \
	"t\":\"vigil\"},\"container\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5"  \
	"d4e3f2a\",\"runtime\":\"docker\"},\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-500000"  \
	"0000\",\"name\":\"sh\",\"executable\":\"/bin/busybox\",\"args\":[\"sh\",\"-c\",\"echo x > /etc/m"  \
	"otd\"],\"args_count\":3,\"command_line\":\"sh -c echo x > /etc/motd\",\"thread\":{\"id\":4243},\"" \
	"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{\"id\":\"0\"},\"parent\":{\""  \
	"pid\":4200,\"executable\":\"/bin/busybox\"}},\"file\":{\"name\":\"memfd:payload\",\"inode\":\"10"  \
	"42\",\"device\":\"0:1\"},\"vigil\":{\"schema_version\":2,\"operation\":\"exec\",\"syscall_nr\":3"  \
	"22,\"return\":-1,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false,\"drift\":{\"reason\":\"mem"  \
	"fd\"}}}\n"
#define DRIFT_SCRIPT_LINE                                                                                  \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\"" \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\"" \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert"  \
	"\",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"drift-script\",\"id\":\"188e1c" \
	"2a00000000-7\",\"severity\":5,\"outcome\":\"success\",\"category\":[\"file\"],\"type\":[\"access" \
	"\"]},\"rule\":{\"id\":\"container-drift-script\",\"name\":\"container-drift-script\",\"descripti" \
	"on\":\"An interpreter in a container read a script its image did not ship (written after the con" \
	"tainer started, in memory, deleted, or on a writable volume or tmpfs)\",\"ruleset\":\"vigil\"},"  \
	"\"container\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a\",\"run" \
	"time\":\"docker\"},\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-5000000000\",\"name\"" \
	":\"sh\",\"executable\":\"/bin/busybox\",\"args\":[\"sh\",\"-c\",\"echo x > /etc/motd\"],\"args_c" \
	"ount\":3,\"command_line\":\"sh -c echo x > /etc/motd\",\"thread\":{\"id\":4243},\"working_direct" \
	"ory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{\"id\":\"0\"},\"parent\":{\"pid\":4200,\"e" \
	"xecutable\":\"/bin/busybox\"}},\"file\":{\"path\":\"/tmp/x.sh\",\"name\":\"x.sh\",\"directory\":" \
	"\"/tmp\",\"inode\":\"88\",\"device\":\"0:45\"},\"vigil\":{\"schema_version\":2,\"operation\":\"s" \
	"cript\",\"syscall\":\"openat\",\"syscall_nr\":257,\"return\":3,\"cgroup_id\":1735,\"tid\":4243,"  \
	"\"truncated\":false,\"drift\":{\"reason\":\"tmpfs\"}}}\n"
#define DRIFT_MMAP_LINE                                                                                     \
	"{\"@timestamp\":\"2026-12-05T12:00:00.000001234Z\",\"ecs\":{\"version\":\"9.4.0\"},\"agent\":{\""  \
	"type\":\"vigil\",\"version\":\"0.1.0\",\"ephemeral_id\":\"188e1c2a00000000\"},\"host\":{\"name\""  \
	":\"node-1\",\"os\":{\"type\":\"linux\",\"kernel\":\"6.18.0-test\"}},\"event\":{\"kind\":\"alert\"" \
	",\"module\":\"vigil\",\"dataset\":\"vigil.alerts\",\"action\":\"drift\",\"id\":\"188e1c2a0000000"  \
	"0-7\",\"severity\":4,\"outcome\":\"failure\",\"category\":[\"library\",\"intrusion_detection\"],"  \
	"\"type\":[\"start\",\"denied\"]},\"rule\":{\"id\":\"container-drift\",\"name\":\"container-drift"  \
	"\",\"description\":\"A container ran a program or library its image did not ship: written after "  \
	"the container started, held only in memory, deleted, or on a writable volume or tmpfs\",\"rulese"  \
	"t\":\"vigil\"},\"container\":{\"id\":\"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5"  \
	"d4e3f2a\",\"runtime\":\"docker\"},\"process\":{\"pid\":4242,\"entity_id\":\"b00710ad-4242-500000"  \
	"0000\",\"name\":\"sh\",\"executable\":\"/bin/busybox\",\"args\":[\"sh\",\"-c\",\"echo x > /etc/m"  \
	"otd\"],\"args_count\":3,\"command_line\":\"sh -c echo x > /etc/motd\",\"thread\":{\"id\":4243},\"" \
	"working_directory\":\"/srv/app\",\"user\":{\"id\":\"0\"},\"group\":{\"id\":\"0\"},\"parent\":{\""  \
	"pid\":4200,\"executable\":\"/bin/busybox\"}},\"file\":{\"path\":\"/tmp/libx.so\",\"name\":\"libx"  \
	".so\",\"directory\":\"/tmp\",\"inode\":\"77\",\"device\":\"0:45\"},\"vigil\":{\"schema_version\""  \
	":2,\"operation\":\"mmap\",\"syscall_nr\":9,\"return\":-1,\"cgroup_id\":1735,\"tid\":4243,\"trunc"  \
	"ated\":false,\"drift\":{\"reason\":\"tmpfs\"}}}\n"

/* A container started with -v /var/run/docker.sock and --cap-add SYS_ADMIN, as an entrypoint record and its files. */
static struct posture_facts facts;
static struct posture_findings findings;
static struct posture_config posture_cfg;

static struct vigil_record *entrypoint(void)
{
	static const struct posture_host host = { .ns = { 4026531841, 4026531840, 4026531836, 4026531839, 4026531838,
							  4026531835, 4026531837 },
						  .cap_bset = 0x1ffffffffffull };
	struct vigil_record *r = record(VIGIL_EV_ENTRYPOINT, 0, 59, 0, 0);

	r->posture.cap_bset = 0xa82425fbull; /* the default set and SYS_ADMIN */
	r->posture.cap_eff = 0xa82425fbull;
	r->posture.ns[VIGIL_NS_MNT] = 4026532301;
	r->posture.ns[VIGIL_NS_NET] = 4026531840; /* --network host */
	r->posture.ns[VIGIL_NS_PID] = 4026532304;
	r->posture.ns[VIGIL_NS_IPC] = 4026532303;
	r->posture.ns[VIGIL_NS_UTS] = 4026532302;
	r->posture.ns[VIGIL_NS_CGROUP] = 4026532305;
	r->posture.ns[VIGIL_NS_USER] = 4026531837;
	r->posture.seccomp_mode = 2;
	posture__facts_from_record(r, &facts);
	facts.memory_limit = 67108864;
	facts.pids_limit = POSTURE_UNLIMITED;
	facts.cpu_quota_us = 50000;
	facts.cpu_period_us = 100000;
	facts.devices = POSTURE_DEVICES_LISTED;
	facts.lsm = POSTURE_LABEL_HOST_NONE;
	facts.mounts_known = true;
	facts.nmounts = 1;
	strcpy(facts.mounts[0].container_path, "/var/run/docker.sock");
	strcpy(facts.mounts[0].host_path, "/var/run/docker.sock");
	posture_config__defaults(&posture_cfg);
	posture__judge(&facts, &host, &findings);
	return r;
}

static void container_start(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	posture__format_start(j, r, v, &facts, &findings, &posture_cfg);
}

static void sensitive_mount(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	posture__format_finding(j, r, v, &facts, &findings, &posture_cfg, POSTURE_SENSITIVE_MOUNT, &facts.mounts[0]);
}

static void ssh_server(struct json *j, const struct vigil_record *r, const struct alert_view *v)
{
	posture__format_ssh_server(j, r, v, &posture_cfg);
}

/* /usr/sbin/sshd -D exec'd in the container (execve, 59) */
static void test_ssh_server(void **state)
{
	static const char exe[] = "sshd\0sbin\0usr";
	struct vigil_record *r = record(VIGIL_EV_SSH_SERVER, 0, 59, 0, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	posture_config__defaults(&posture_cfg);
	strcpy(r->comm, "sshd");
	add_components(r, VIGIL_S_EXE, exe, sizeof(exe));
	add_str(r, VIGIL_S_ARGS, "/usr/sbin/sshd\0-D", 17);
	expect_line(ssh_server, r, v, SSH_SERVER_LINE);
}

static void test_container_start_and_posture(void **state)
{
	struct vigil_record *r = entrypoint();
	struct alert_view *v = view_of(OUTCOME_UNKNOWN, NULL);

	(void)state;
	expect_line(container_start, r, v, CONTAINER_START_LINE);
	expect_line(sensitive_mount, r, v, SENSITIVE_MOUNT_LINE);
}

/* A tool copied to / by cp (pid 4240) and run: the tracepoint backend's report after the exec. */
static void test_drift_written_after_start(void **state)
{
	static const char exe[] = "tool\0usr\0";
	struct vigil_record *r = record(VIGIL_EV_DRIFT, VIGIL_OP_EXEC, 59, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	strcpy(r->comm, "tool");
	add_components(r, VIGIL_S_EXE, exe, sizeof(exe) - 1);
	add_str(r, VIGIL_S_ARGS, "/usr/tool\0-x", 12);
	add_components(r, VIGIL_S_OBJECT, exe, sizeof(exe) - 1);
	r->drift.ino = 1794915;
	r->drift.dev = 39;
	r->drift.reason = VIGIL_DRIFT_WRITTEN;
	r->drift.writer_pid = 4240;
	r->drift.writer_start_ns = 4000000000;
	strcpy(r->drift.writer_comm, "cp");
	expect_line(drift__format, r, v, DRIFT_EXEC_LINE);
}

/* The LSM backend under --drift enforce: a memfd's exec refused, and a dropped library's mapping. */
static void test_drift_denied_memfd_and_mapping(void **state)
{
	static const char lib[] = "libx.so\0tmp\0";
	struct vigil_record *r = record(VIGIL_EV_DRIFT, VIGIL_OP_EXEC, 322, VIGIL_F_OUTCOME_KNOWN | VIGIL_F_DENIED, -1);
	struct alert_view *v = view_of(OUTCOME_FAILURE, NULL);

	(void)state;
	add_str(r, VIGIL_S_STR0, "memfd:payload", 13);
	r->drift.ino = 1042;
	r->drift.dev = 1;
	r->drift.reason = VIGIL_DRIFT_MEMFD;
	expect_line(drift__format, r, v, DRIFT_MEMFD_LINE);
	r = record(VIGIL_EV_DRIFT, VIGIL_OP_MMAP, 9, VIGIL_F_OUTCOME_KNOWN | VIGIL_F_DENIED, -1);
	add_components(r, VIGIL_S_OBJECT, lib, sizeof(lib) - 1);
	r->drift.ino = 77;
	r->drift.dev = 45;
	r->drift.reason = VIGIL_DRIFT_TMPFS;
	r->drift.prot = 5;
	expect_line(drift__format, r, v, DRIFT_MMAP_LINE);
}

/* drift-script: sh read a script written after start; a finding of its own, lower severity, never denied. */
static void test_drift_script_read_by_an_interpreter(void **state)
{
	static const char script[] = "x.sh\0tmp\0";
	struct vigil_record *r = record(VIGIL_EV_DRIFT, VIGIL_OP_SCRIPT, 257, VIGIL_F_OUTCOME_KNOWN, 3);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	add_components(r, VIGIL_S_OBJECT, script, sizeof(script) - 1);
	r->drift.ino = 88;
	r->drift.dev = 45;
	r->drift.reason = VIGIL_DRIFT_TMPFS;
	expect_line(drift__format, r, v, DRIFT_SCRIPT_LINE);
}

static void test_capability_and_window_end(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_CAPABILITY, 0, 92, VIGIL_F_OUTCOME_KNOWN, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	r->cap.cap = 0;
	r->cap.granted = 1;
	r->cap.count = 1;
	expect_line(capability__format, r, v,
		    ENVELOPE EVENT("capability", "success", "\"process\"", "\"access\"")
			    RULE_CAPABILITY CONTAINER PROCESS
		    "\"vigil\":{\"schema_version\":2,\"syscall\":\"chown\",\"syscall_nr\":92,\"cgroup_id\":1735,\"tid"
		    "\":4243,\"truncated\":false,\"capability\":{\"name\":\"CAP_CHOWN\",\"number\":0,\"granted\":true"
		    ",\"count\":1}}}\n");
	r->flags |= VIGIL_F_WINDOW_END;
	r->cap.count = 999;
	expect_line(capability__format, r, v,
		    ENVELOPE EVENT("capability", "success", "\"process\"", "\"access\"")
			    RULE_CAPABILITY CONTAINER PROCESS
		    "\"vigil\":{\"schema_version\":2,\"syscall\":\"chown\",\"syscall_nr\":92,\"cgroup_id\":1735,\"tid"
		    "\":4243,\"truncated\":false,\"capability\":{\"name\":\"CAP_CHOWN\",\"number\":0,\"granted\":true"
		    ",\"count\":999,\"window_end\":true}}}\n");
}

/* Label keys with dots (Compose sets a.b and a.b.c on one container) become a_b and a_b_c; a cut list is said. */
static void test_labels_dedotted_and_truncation_said(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_ROOTFS_WRITE, VIGIL_OP_MKDIR, 83, VIGIL_F_OUTCOME_KNOWN, 0);
	struct container_meta meta = { 0 };
	struct alert_view *v;

	(void)state;
	meta.name = "app-web-1";
	meta.labels[0] = (struct meta_label){ "com.docker.compose.project", "app" };
	meta.labels[1] = (struct meta_label){ "com.docker.compose.project.working_dir", "/srv/app" };
	meta.n_labels = 2;
	meta.labels_truncated = true;
	v = view_of(OUTCOME_SUCCESS, &meta);
	strcpy(v->path, "/new");
	expect_line(rootfs_write__format, r, v,
		    ENVELOPE EVENT("rootfs-write", "success", "\"file\"", "\"creation\"") RULE_ROOTFS_WRITE
		    "\"container\":{\"id\":\"" ID
		    "\",\"runtime\":\"docker\",\"name\":\"app-web-1\",\"labels\":{\"com_docker_compose_project\":\"ap"
		    "p\",\"com_docker_compose_project_working_dir\":\"/srv/app\"}}," PROCESS
		    "\"file\":{\"path\":\"/new\",\"name\":\"new\",\"directory\":\"/\"},\"vigil\":{\"schema_version\":"
		    "2,\"container\":{\"labels_truncated\":true},\"operation\":\"mkdir\",\"syscall\":\"mkdir\",\"sysc"
		    "all_nr\":83,\"return\":0,\"cgroup_id\":1735,\"tid\":4243,\"truncated\":false}}\n");
}

/* A window's end whose opening alert vigil no longer holds (restarted, or evicted): no process at all. */
static void test_capability_window_end_without_its_process(void **state)
{
	struct vigil_record *r = record(VIGIL_EV_CAPABILITY, 0, 0, VIGIL_F_OUTCOME_KNOWN | VIGIL_F_WINDOW_END, 0);
	struct alert_view *v = view_of(OUTCOME_SUCCESS, NULL);

	(void)state;
	r->pid = r->tid = r->ppid = 0; /* as cap_windows__end leaves them */
	r->cap.cap = 21;
	r->cap.granted = 1;
	r->cap.count = 12;
	r->data_len = 0;
	memset(r->str, 0, sizeof(r->str));
	expect_line(capability__format, r, v,
		    ENVELOPE EVENT("capability", "success", "\"process\"", "\"access\"") RULE_CAPABILITY CONTAINER
		    "\"vigil\":{\"schema_version\":2,\"syscall_nr\":0,\"cgroup_id\":1735,\"truncated\":false,\"capabi"
		    "lity\":{\"name\":\"CAP_SYS_ADMIN\",\"number\":21,\"granted\":true,\"count\":12,\"window_end\":tr"
		    "ue}}}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rootfs_write_open),
		cmocka_unit_test(test_rootfs_write_under_a_policy_rule),
		cmocka_unit_test(test_rootfs_write_chmod_and_chown),
		cmocka_unit_test(test_rootfs_write_denied_unlink),
		cmocka_unit_test(test_rootfs_write_rename_has_target),
		cmocka_unit_test(test_rootfs_write_symlink_keeps_its_text),
		cmocka_unit_test(test_rootfs_write_unresolved_io_uring),
		cmocka_unit_test(test_rootfs_write_with_metadata),
		cmocka_unit_test(test_setuid),
		cmocka_unit_test(test_mount),
		cmocka_unit_test(test_container_start_and_posture),
		cmocka_unit_test(test_ssh_server),
		cmocka_unit_test(test_drift_written_after_start),
		cmocka_unit_test(test_drift_denied_memfd_and_mapping),
		cmocka_unit_test(test_drift_script_read_by_an_interpreter),
		cmocka_unit_test(test_capability_and_window_end),
		cmocka_unit_test(test_labels_dedotted_and_truncation_said),
		cmocka_unit_test(test_capability_window_end_without_its_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
