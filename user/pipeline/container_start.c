// SPDX-License-Identifier: GPL-2.0
/* container-start and posture lines (container_start.h). */
#include <errno.h>
#include <time.h>
#include "container_start.h"
#include "output.h"
#include "pathbuf.h"
#include "posture_format.h"
#include "sink.h"

void events__set_posture(struct events *ev, const struct posture_config *cfg)
{
	if (!cfg || cfg->off)
		return;
	posture_env__init(&ev->posture_env, ev->enrich.containers->cgroup2_root, ev->enrich.containers->resolver);
	ev->posture = cfg;
}

static bool emit(struct events *ev, unsigned int severity, const char *msgid)
{
	struct line_tag tag = { .severity = severity, .msgid = msgid };

	if (!json__end_line(&ev->json))
		return true; /* a line the buffer could not hold: dropped and counted by json */
	return output__line(&tag, ev->json.buf, ev->json.len);
}

static bool findings(struct events *ev, const struct vigil_record *r, const struct posture_facts *f,
		     const struct posture_findings *fd)
{
	const struct posture_config *cfg = ev->posture;
	int c;

	for (c = 0; c < POSTURE_CHECK_MAX; c++) {
		unsigned int i, n = c == POSTURE_SENSITIVE_MOUNT ? f->nmounts : 1;

		if (!fd->hit[c] || !cfg->on[c])
			continue;
		for (i = 0; i < n; i++) { /* a sensitive mount each its own alert */
			ev->view.seq = ev->enrich.stream->next_seq++;
			posture__format_finding(&ev->json, r, &ev->view, f, fd, cfg, c,
						c == POSTURE_SENSITIVE_MOUNT ? &f->mounts[i] : NULL);
			if (!emit(ev, cfg->severity[c], "posture"))
				return false;
			ev->posture_alerts++;
		}
	}
	return true;
}

int container_start__write(struct events *ev, const struct vigil_record *r)
{
	struct container *c = containers__find(ev->enrich.containers, r->cgroup_id);
	struct posture_findings fd;
	struct posture_facts f;
	struct timespec t0, t1;
	bool ok;

	if (!ev->posture || !c || c->started_said)
		return 0;
	/*
	 * The kernel's word: the first entrypoint of the container's cgroup (a
	 * shared PID namespace's included: not process 1 then). Later ones, and
	 * any into a container that ran before vigil (marked at the scan), are
	 * docker exec.
	 */
	if (!r->posture.first_exec)
		return 0;
	c->started_said = true;
	posture__facts_from_record(r, &f);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	posture__read(&ev->posture_env, r->pid, c->cgroup_path, &f);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ev->posture_read_ns += (t1.tv_sec - t0.tv_sec) * 1000000000ull + t1.tv_nsec - t0.tv_nsec;
	posture__judge(&f, &ev->posture_env.host, &fd);
	if (!enrich__view(&ev->enrich, r, &ev->view))
		return 0;
	ev->view.outcome = OUTCOME_UNKNOWN;
	posture__format_start(&ev->json, r, &ev->view, &f, &fd, ev->posture);
	ok = emit(ev, SEVERITY_INFO, "container-start");
	ev->containers_started++;
	if (ok)
		ok = findings(ev, r, &f, &fd);
	enrich__release(&ev->enrich, &ev->view);
	return ok ? 0 : -EIO;
}

/* FNV-1a of the executable's path: which SSH servers a container was already reported for. */
static __u64 exe_key(const struct vigil_record *r)
{
	char path[PATHBUF_MAX];
	__u64 h = 1469598103934665603ull;
	const char *p;

	if (record__path(r, VIGIL_S_EXE, path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "%.16s", r->comm);
	for (p = path; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h ? h : 1;
}

/* OpenSSH's sshd re-executes itself for every connection: once per container and executable is enough. */
static bool ssh_said(struct container *c, __u64 key)
{
	unsigned int i;

	for (i = 0; i < CONTAINER_SSH_SAID; i++) {
		if (c->ssh_said[i] == key)
			return true;
		if (!c->ssh_said[i]) {
			c->ssh_said[i] = key;
			return false;
		}
	}
	return false; /* more servers than slots: each said again, none lost */
}

int container_start__ssh_server(struct events *ev, const struct vigil_record *r)
{
	struct container *c = containers__find(ev->enrich.containers, r->cgroup_id);
	const struct posture_config *cfg = ev->posture;

	if (!cfg || !c || !cfg->on[POSTURE_SSH_SERVER] || ssh_said(c, exe_key(r)))
		return 0;
	if (!enrich__view(&ev->enrich, r, &ev->view))
		return 0;
	ev->view.outcome = OUTCOME_SUCCESS;
	posture__format_ssh_server(&ev->json, r, &ev->view, cfg);
	enrich__release(&ev->enrich, &ev->view);
	if (!emit(ev, cfg->severity[POSTURE_SSH_SERVER], "ssh-server"))
		return -EIO;
	ev->posture_alerts++;
	return 0;
}
