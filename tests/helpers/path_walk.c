// SPDX-License-Identifier: GPL-2.0
/*
 * Checks the agent's BPF path walk (bpf/lib/path.bpf.h) against the kernel's
 * own answer: tests/helpers/path_walk.bpf.c walks this process's cwd when
 * test-run, and each case below compares that with getcwd(), on paths made
 * to be hard: long names, mount points crossed (tmpfs, bind mounts), another
 * root (chroot), a cwd outside the root, a removed directory, and depths
 * around the walk's bound (VIGIL_PATH_DEPTH: beyond it the path must say it
 * is truncated). Runs in a private mount namespace; prints a line per case,
 * exits with the number of failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "pathbuf.h"
#include "vigil_event.h"
#include "cap_dedup.h" /* types the skeleton names */
#include "path_walk.skel.h"

static struct path_walk_bpf *skel;
static int ncpus; /* counted before any case changes root: libbpf reads /sys */
static char base[64] = "/tmp/vigil-walk-XXXXXX";
static int failures;

/* The walk of the cwd, as the agent turns components into a path; flags: the record's. */
static int walk(char *out, size_t len, __u32 *flags)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	size_t stride = (bpf_map__value_size(skel->maps.scratch) + 7) & ~7ul;
	int cpu, n;
	const struct vigil_record *rec;
	char *vals;
	__u32 zero = 0;

	if (bpf_prog_test_run_opts(bpf_program__fd(skel->progs.walk_cwd), &opts) || opts.retval)
		return -1;
	cpu = sched_getcpu(); /* pinned: the run was on this CPU */
	vals = malloc(stride * ncpus);
	if (!vals || bpf_map_lookup_elem(bpf_map__fd(skel->maps.scratch), &zero, vals)) {
		free(vals);
		return -1;
	}
	rec = (const struct vigil_record *)(vals + stride * cpu);
	*flags = rec->flags;
	n = pathbuf__from_components(rec->data + rec->str[VIGIL_S_OBJECT].off, rec->str[VIGIL_S_OBJECT].len, out, len);
	free(vals);
	return n;
}

/* A long path as "<its length> bytes ...<its end>". */
static const char *shown(const char *path)
{
	static char buf[2][96];
	static int k;
	size_t n = strlen(path);

	k ^= 1;
	if (n < 80)
		return path;
	snprintf(buf[k], sizeof(buf[k]), "(%zu bytes) ...%s", n, path + n - 48);
	return buf[k];
}

static void expect(const char *name, const char *want, bool truncated)
{
	char got[PATHBUF_MAX];
	__u32 flags = 0;
	int n = walk(got, sizeof(got), &flags);
	/* a truncated walk may be longer than the agent's path buffer: only the flag counts then */
	bool ok =
		truncated ? (flags & VIGIL_F_TRUNCATED) : n >= 0 && !(flags & VIGIL_F_TRUNCATED) && !strcmp(got, want);

	printf("%s %s: walk %s%s, kernel %s\n", ok ? "ok  " : "FAIL", name,
	       n >= 0 ? shown(got) : "(longer than the agent's path buffer)",
	       flags & VIGIL_F_TRUNCATED ? " (truncated)" : "", shown(want));
	failures += !ok;
}

/* The walk of the cwd against getcwd(), or against `want` where getcwd cannot say it. */
static void expect_cwd(const char *name)
{
	char cwd[PATHBUF_MAX];

	if (!getcwd(cwd, sizeof(cwd))) {
		printf("FAIL %s: getcwd: %s\n", name, strerror(errno));
		failures++;
		return;
	}
	expect(name, cwd, false);
}

static void must(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "path_walk: %s: %s\n", what, strerror(errno));
		exit(100);
	}
}

static void nest(int depth, const char *name)
{
	for (int i = 0; i < depth; i++)
		must(!mkdir(name, 0755) && !chdir(name), "nest");
}

/* Each case in a child: its cwd, root and mounts are its own. */
static void run(const char *name, void (*fn)(const char *))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		failures = 0;
		fn(name);
		exit(failures);
	}
	waitpid(pid, &st, 0);
	failures += !WIFEXITED(st) || WEXITSTATUS(st);
}

static void at_root(const char *n)
{
	must(!chdir("/"), "chdir /");
	expect_cwd(n);
}

/* From base, depth directories with 250-byte names of letter c. */
static void nest_long_names(int depth, char c)
{
	char name[251];

	memset(name, c, 250);
	name[250] = 0;
	must(!chdir(base), "chdir base");
	nest(depth, name);
}

static void long_names(const char *n)
{
	nest_long_names(12, 'n'); /* 3 KB of path */
	expect_cwd(n);
}

/* 70 x 251 bytes: more than the record holds (VIGIL_DATA_SIZE), said, never cut silently */
static void beyond_the_record(const char *n)
{
	nest_long_names(70, 'r');
	expect(n, "", true);
}

static void across_tmpfs(const char *n)
{
	char m[128];

	snprintf(m, sizeof(m), "%s/tmpfs", base);
	must(!mkdir(m, 0755) && !mount("t", m, "tmpfs", 0, NULL) && !chdir(m), "tmpfs");
	nest(3, "in");
	expect_cwd(n);
}

static void across_bind_mount(const char *n)
{
	char a[128], b[128];

	snprintf(a, sizeof(a), "%s/bind-src", base);
	snprintf(b, sizeof(b), "%s/bind-dst", base);
	must(!mkdir(a, 0755) && !mkdir(b, 0755) && !mount(a, b, NULL, MS_BIND, NULL) && !chdir(b), "bind");
	nest(2, "sub");
	expect_cwd(n); /* through the bind mount's path, not its source's */
}

static void in_another_root(const char *n)
{
	char r[128];

	snprintf(r, sizeof(r), "%s/root", base);
	must(!mkdir(r, 0755) && !chroot(r) && !chdir("/"), "chroot");
	nest(2, "etc");
	expect_cwd(n); /* "/etc/etc": relative to the task's root, as the container sees it */
}

static void cwd_outside_the_root(const char *n)
{
	char r[128], cwd[PATHBUF_MAX];

	snprintf(r, sizeof(r), "%s/elsewhere", base);
	must(!mkdir(r, 0755) && !chdir(base) && getcwd(cwd, sizeof(cwd)), "setup");
	must(!chroot(r), "chroot"); /* the cwd stays behind: getcwd says "(unreachable)" */
	expect(n, cwd, false);	    /* the walk, not finding the root, ends at the namespace's */
}

static void removed_directory(const char *n)
{
	char gone[128];

	snprintf(gone, sizeof(gone), "%s/gone", base);
	must(!mkdir(gone, 0755) && !chdir(gone) && !rmdir(gone), "rmdir");
	expect(n, gone, false); /* getcwd adds " (deleted)"; the walk keeps the name */
}

/* The walk's bound: base is 2 steps, each directory 1 more (bpf_loop, VIGIL_PATH_DEPTH 1024). */
static void deep_within_bound(const char *n)
{
	must(!chdir(base), "chdir base");
	nest(1000, "d");
	expect_cwd(n);
}

static void deep_beyond_bound(const char *n)
{
	must(!chdir(base), "chdir base");
	nest(1100, "e");
	expect(n, "", true);
}

/* The cases' mounts are in this process's namespace: gone with it, but not before rm runs. */
static void cleanup(void)
{
	static const char *const mounts[] = { "tmpfs", "bind-dst" };
	char path[256];

	for (unsigned int i = 0; i < sizeof(mounts) / sizeof(mounts[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", base, mounts[i]);
		umount2(path, MNT_DETACH);
	}
	snprintf(path, sizeof(path), "rm -rf %s", base);
	if (system(path))
		fprintf(stderr, "path_walk: could not remove %s\n", base);
}

int main(void)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	must(!sched_setaffinity(0, sizeof(one), &one), "pin to CPU 0");
	must(!unshare(CLONE_NEWNS) && !mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), "private mounts");
	must(mkdtemp(base) != NULL, "mkdtemp");
	ncpus = libbpf_num_possible_cpus();
	must(ncpus > 0, "count CPUs");
	skel = path_walk_bpf__open();
	must(skel != NULL, "open BPF object");
	bpf_map__set_max_entries(skel->maps.events, 4096);
	if (path_walk_bpf__load(skel)) {
		fprintf(stderr, "path_walk: the kernel refused the test program: %s\n", strerror(errno));
		return 100;
	}
	run("root", at_root);
	run("long names (12 x 250 bytes)", long_names);
	run("beyond the record (70 x 250 bytes)", beyond_the_record);
	run("across a tmpfs mount", across_tmpfs);
	run("across a bind mount", across_bind_mount);
	run("in another root (chroot)", in_another_root);
	run("cwd outside the root", cwd_outside_the_root);
	run("removed directory", removed_directory);
	run("1000 levels deep", deep_within_bound);
	run("1100 levels deep", deep_beyond_bound);
	path_walk_bpf__destroy(skel);
	cleanup();
	printf("%d failed\n", failures);
	return failures;
}
