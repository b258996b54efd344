// SPDX-License-Identifier: GPL-2.0
/*
 * What vigil asks the running programs, after the start: the credential
 * snapshot of container tasks that already run and vigil's own cgroup (task
 * iterator, else vigil_whoami and /proc), and the capability checks folded
 * after a key's last alert (map iterator, else a test run).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "readback.h"
#include "log.h"
#include "task_snapshot.h"
#include "cap_dedup.h" /* types the skeleton names */
#include "vigil.skel.h"

/* Reads exactly len bytes unless the end comes first. */
static bool read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		got += n;
	}
	return true;
}

__u64 readback__agent_cgroup_id(struct loader *ld)
{
	return ld->skel->bss->agent_cgroup_id;
}

__u64 readback__set_agent_cgroup(struct loader *ld, const char *cgroup2_root)
{
	if (!ld->skel->bss->agent_cgroup_id)
		ld->skel->bss->agent_cgroup_id = task_snapshot__self_cgroup(cgroup2_root);
	return ld->skel->bss->agent_cgroup_id;
}

/* A run of an iterator program: it runs as the returned fd is read. */
static int iter_open(struct bpf_link *link, const char *what)
{
	int fd = bpf_iter_create(bpf_link__fd(link));

	return fd < 0 ? log_errno(-errno, "%s", what) : fd;
}

static int test_run(struct bpf_program *prog, const char *what)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts))
		return log_errno(-errno, "%s", what);
	return 0;
}

static int iter_drain(struct bpf_link *link, const char *what)
{
	char buf[64];
	int fd, n;

	fd = iter_open(link, what);
	if (fd < 0)
		return fd;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		n = log_errno(-errno, "%s", what);
	close(fd);
	return n;
}

/*
 * First call (cgroup2_root NULL): vigil's own cgroup. Second, after the
 * container scan: credential snapshots of the container tasks that run.
 * By the task iterator where the kernel allows it, else vigil_whoami and /proc.
 */
int readback__snapshot_tasks(struct loader *ld, const char *cgroup2_root)
{
	struct vigil_bpf *skel = ld->skel;
	int n;

	if (ld->snapshot_by_iter)
		return iter_drain(skel->links.vigil_snapshot_tasks, "task iterator");
	if (!cgroup2_root) {
		if (loader__program_runs(ld, "vigil_whoami"))
			return test_run(skel->progs.vigil_whoami, "vigil_whoami");
		return 0; /* readback__set_agent_cgroup(), from /proc, once the cgroup2 mount is known */
	}
	n = task_snapshot__proc(bpf_map__fd(skel->maps.cred_snapshots), bpf_map__fd(skel->maps.containers),
				cgroup2_root);
	return n < 0 ? n : 0;
}

int readback__dedup_tails(struct loader *ld, __u64 cgroup_id, bool all, readback_tail_fn fn, void *ctx)
{
	struct vigil_bpf *skel = ld->skel;
	struct vigil_dedup_tail t;
	__u32 i, n;
	int fd, err;

	skel->bss->tails_cgroup_id = cgroup_id;
	skel->bss->tails_all = all;
	switch (ld->tails) {
	case TAILS_ITER:
		fd = iter_open(skel->links.vigil_dedup_tails, "cap_dedup iterator");
		if (fd < 0)
			return fd;
		while (read_full(fd, &t, sizeof(t)))
			fn(ctx, &t);
		close(fd);
		return 0;
	case TAILS_TEST_RUN:
		/* a full batch may leave more: run again until one comes back short */
		do {
			err = test_run(skel->progs.vigil_dedup_take, "vigil_dedup_take");
			if (err)
				return err;
			n = skel->bss->tail_batch_len;
			for (i = 0; i < n && i < VIGIL_TAIL_BATCH; i++) {
				t = skel->bss->tail_batch[i];
				fn(ctx, &t);
			}
		} while (n >= VIGIL_TAIL_BATCH);
		return 0;
	default: return 0; /* no reader: said in agent-start (vigil.degraded) */
	}
}

int readback__iter_link_fd(const struct loader *ld)
{
	if (ld->snapshot_by_iter)
		return bpf_link__fd(ld->skel->links.vigil_snapshot_tasks);
	if (ld->tails == TAILS_ITER)
		return bpf_link__fd(ld->skel->links.vigil_dedup_tails);
	return -1;
}

/* vigil_whoami when it runs: the probe must not take tails (vigil_dedup_take would). */
int readback__test_run_fd(const struct loader *ld)
{
	if (ld->tails != TAILS_TEST_RUN && ld->snapshot_by_iter)
		return -1;
	if (loader__program_runs(ld, "vigil_whoami"))
		return bpf_program__fd(ld->skel->progs.vigil_whoami);
	if (ld->tails == TAILS_TEST_RUN)
		return bpf_program__fd(ld->skel->progs.vigil_dedup_take);
	return -1;
}
