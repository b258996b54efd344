// SPDX-License-Identifier: GPL-2.0
/*
 * The pipeline, top to bottom (docs/architecture.md): a ring record is
 * decoded (record.c), enriched (enrich.c: container, rootfs verdict,
 * metadata; all the I/O), formatted by its detection's pure formatter and
 * written to the sinks (output.c). Cgroup and entrypoint records only keep
 * the container table current.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "capability.h"
#include "container_start.h"
#include "drift.h"
#include "drift_map.h"
#include "events.h"
#include "readback.h"
#include "log.h"
#include "mount.h"
#include "output.h"
#include "record.h"
#include "rootfs_write.h"
#include "setuid.h"
#include "state.h"

typedef void (*formatter)(struct json *, const struct vigil_record *, const struct alert_view *);

static const formatter formatters[VIGIL_EV_KIND_MAX] = {
	[VIGIL_EV_ROOTFS_WRITE] = rootfs_write__format,
	[VIGIL_EV_SETUID] = setuid__format,
	[VIGIL_EV_MOUNT] = mount__format,
	[VIGIL_EV_CAPABILITY] = capability__format,
	[VIGIL_EV_DRIFT] = drift__format,
};

static void end_cap_windows(struct events *ev, __u64 cgroup_id, bool all);
static void on_container_lost(void *ctx, __u64 cgid, __u64 count, __u64 total);

static void on_cgroup(struct events *ev, const struct vigil_record *r)
{
	char path[4096];
	size_t n;
	const char *s = record__str(r, VIGIL_S_CGROUP, &n);

	if (r->kind == VIGIL_EV_CGROUP_RMDIR) {
		/* while the container is still known: its windows' ends and its losses name it */
		end_cap_windows(ev, r->cgroup_id, false);
		lost__report_one(&ev->lost_by, r->cgroup_id, on_container_lost, ev);
		containers__on_rmdir(ev->enrich.containers, r->cgroup_id);
		drift_map__forget(&ev->drift, r->cgroup_id);
		return;
	}
	if (!s || n >= sizeof(path))
		return;
	memcpy(path, s, n);
	path[n] = '\0';
	containers__on_mkdir(ev->enrich.containers, r->cgroup_id, path);
}

/* 0 when written or not an alert after all; -EIO when the stream failed. */
static int write_alert(struct events *ev, const struct vigil_record *r)
{
	struct line_tag tag = { .severity = SEVERITY_WARNING, .msgid = record__action(r->kind) };
	bool complete;

	if (!enrich__view(&ev->enrich, r, &ev->view))
		return 0;
	formatters[r->kind](&ev->json, r, &ev->view);
	enrich__release(&ev->enrich, &ev->view);
	complete = json__end_line(&ev->json);
	if (!complete)
		return 0;
	ev->by_kind[r->kind][ev->view.outcome]++;
	if (r->kind == VIGIL_EV_CAPABILITY) {
		/* a window's end reports folded checks only; an alert, itself and the folded ones */
		ev->capability_checks_folded += r->cap.count - !(r->flags & VIGIL_F_WINDOW_END);
		if (!(r->flags & VIGIL_F_WINDOW_END))
			cap_windows__opened(&ev->cap_windows, r);
	}
	if (!output__line(&tag, ev->json.buf, ev->json.len))
		return -EIO;
	/* --policy: its first alert raised before its rule was known says it ran under the pending rule */
	if (r->flags & VIGIL_F_POLICY_PENDING) {
		struct container *c = containers__find(ev->enrich.containers, r->cgroup_id);

		if (c && !c->pending_said) {
			c->pending_said = true;
			state__container_pending(&ev->json, ev->enrich.stream, &c->ref, r->cgroup_id);
		}
	}
	return 0;
}

static __u64 boottime_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_BOOTTIME, &t);
	return t.tv_sec * 1000000000ull + t.tv_nsec;
}

struct tail_ctx {
	struct events *ev;
	__u64 now;
};

static void on_tail(void *ctx, const struct vigil_dedup_tail *t)
{
	struct tail_ctx *tc = ctx;
	const struct vigil_record *r = cap_windows__end(&tc->ev->cap_windows, t, tc->now);

	if (r)
		write_alert(tc->ev, r);
}

/*
 * The capability checks folded after their key's last alert: for windows
 * that are over, of a container that is gone (cgroup_id), or all of them.
 */
static void end_cap_windows(struct events *ev, __u64 cgroup_id, bool all)
{
	/* before the tails are taken: a window over now has its tail taken then */
	struct tail_ctx tc = { .ev = ev, .now = boottime_ns() };
	__u64 now = tc.now;

	readback__dedup_tails(ev->ld, cgroup_id, all, on_tail, &tc);
	cap_windows__closed(&ev->cap_windows, now, cgroup_id, all);
}

void events__end_cap_windows(struct events *ev)
{
	end_cap_windows(ev, 0, true);
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct events *ev = ctx;
	const struct vigil_record *r = record__decode(data, size);

	if (!r)
		return 0;
	if (r->kind == VIGIL_EV_CGROUP_MKDIR || r->kind == VIGIL_EV_CGROUP_RMDIR) {
		on_cgroup(ev, r);
		return 0;
	}
	if (r->kind == VIGIL_EV_ENTRYPOINT) {
		containers__on_entrypoint(ev->enrich.containers, r->cgroup_id, r->pid);
		return container_start__write(ev, r);
	}
	if (r->kind == VIGIL_EV_SSH_SERVER)
		return container_start__ssh_server(ev, r);
	if (r->kind >= VIGIL_EV_KIND_MAX || !formatters[r->kind])
		return 0;
	return write_alert(ev, r);
}

/*
 * The ring's consumer and producer positions, mapped read-only (libbpf 1.1
 * has no ring__avail_data_size), for the metrics' fill level. Without them
 * the metric reads 0; nothing else depends on it.
 */
static void map_ring_positions(struct events *ev, int fd, __u64 size)
{
	long page = sysconf(_SC_PAGESIZE);
	void *c = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
	void *p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, page);

	if (c == MAP_FAILED || p == MAP_FAILED) {
		if (c != MAP_FAILED)
			munmap(c, page);
		if (p != MAP_FAILED)
			munmap(p, page);
		return;
	}
	ev->rb_consumer_pos = c;
	ev->rb_producer_pos = p;
	ev->rb_size = size;
}

int events__open(struct events *ev, struct loader *ld, struct containers *cs, struct stream_id *stream,
		 unsigned int cap_window_s)
{
	struct loader_maps maps;

	memset(ev, 0, sizeof(*ev));
	ev->ld = ld;
	ev->cap_windows.window_ns = cap_window_s * 1000000000ull;
	enrich__init(&ev->enrich, cs, stream);
	ev->ncpus = libbpf_num_possible_cpus();
	if (ev->ncpus <= 0)
		return log_errno(ev->ncpus ? ev->ncpus : -EINVAL, "count possible CPUs");
	ev->lost_percpu = calloc(ev->ncpus, sizeof(__u64));
	if (!ev->lost_percpu)
		return log_err(-ENOMEM, "out of memory");
	loader__maps(ld, &maps);
	ev->lost_fd = maps.lost;
	ev->lost_by.map_fd = maps.lost_by_cgroup;
	ev->drift = (struct drift_maps){ maps.drift_written, maps.drift_counts, maps.drift_interpreter_inodes };
	/* pinned maps: containers that went while no vigil ran */
	drift_map__sweep(&ev->drift, maps.containers);
	ev->rb = ring_buffer__new(maps.events, on_record, ev, NULL);
	if (!ev->rb)
		return log_errno(-errno, "open ring buffer");
	map_ring_positions(ev, maps.events, maps.events_size);
	ev->consumer_asleep = loader__consumer_asleep(ld);
	return 0;
}

__u64 events__alerts(const struct events *ev)
{
	__u64 n = 0;

	for (int k = 0; k < VIGIL_EV_KIND_MAX; k++)
		for (int o = 0; o < OUTCOME_MAX; o++)
			n += ev->by_kind[k][o];
	return n + ev->posture_alerts;
}

void events__metrics(const struct events *ev, struct metrics_snapshot *s)
{
	memcpy(s->events, ev->by_kind, sizeof(s->events));
	s->events_lost = ev->lost_reported;
	s->capability_checks_folded = ev->capability_checks_folded;
	s->containers_started = ev->containers_started;
	s->posture_alerts = ev->posture_alerts;
	s->posture_read_ns = ev->posture_read_ns;
	s->capability_windows = ev->cap_windows.count;
	s->capability_window_bytes = ev->cap_windows.bytes;
	s->capability_windows_evicted = ev->cap_windows.evicted;
	s->ringbuf_size_bytes = ev->rb_size;
	if (ev->rb_consumer_pos)
		s->ringbuf_pending_bytes = *ev->rb_producer_pos - *ev->rb_consumer_pos;
}

static void on_container_lost(void *ctx, __u64 cgid, __u64 count, __u64 total)
{
	struct events *ev = ctx;
	const struct container *c = containers__find(ev->enrich.containers, cgid);

	state__container_events_lost(&ev->json, ev->enrich.stream, c ? &c->ref : NULL, cgid, count, total);
}

static void report_lost(struct events *ev)
{
	__u32 zero = 0;
	__u64 total = 0;
	int i;

	if (bpf_map_lookup_elem(ev->lost_fd, &zero, ev->lost_percpu))
		return;
	for (i = 0; i < ev->ncpus; i++)
		total += ev->lost_percpu[i];
	if (total > ev->lost_reported) {
		state__events_lost(&ev->json, ev->enrich.stream, total - ev->lost_reported, total);
		ev->lost_reported = total;
		ev->lost_walk_due = true;
	}
	/*
	 * Who lost what: a walk of the per-cgroup map (two calls a key) when
	 * the total moved, and once a second for counts that landed after the
	 * total was read; not at every poll, which an awake consumer makes
	 * every few ms.
	 */
	if (ev->lost_walk_due) {
		ev->lost_walk_due = false;
		lost__report(&ev->lost_by, on_container_lost, ev);
	}
}

/*
 * Once a second at most: sinks that dropped lines since the last report (the
 * report goes to every sink, the congested one included, and would otherwise
 * feed on itself while it stays full), and the capability windows that ended.
 */
static void each_second(struct events *ev)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec == ev->second_checked)
		return;
	ev->second_checked = now.tv_sec;
	ev->lost_walk_due = true;
	events__report_output_drops(ev);
	end_cap_windows(ev, 0, false);
}

void events__report_output_drops(struct events *ev)
{
	uint64_t fresh, total;
	unsigned int i;

	for (i = 0; i < output__count(); i++) {
		fresh = output__new_drops(i, &total);
		if (fresh)
			state__output_dropped(&ev->json, ev->enrich.stream, output__name(i), fresh, total);
	}
}

#define ACTIVE_POLL_MS 4 /* alerts keep coming: the longest one waits unwoken */

int events__poll(struct events *ev, int timeout_ms)
{
	int err, n = 0;

	/*
	 * Awake (the last poll found records): poll again within
	 * ACTIVE_POLL_MS, unwoken, so a stream of alerts costs no wakeup per
	 * record yet waits a few ms at most. Idle: say so to the BPF side,
	 * which wakes us at the next record (record.bpf.h), and wait up to
	 * timeout_ms. A record queued before the flag was seen is consumed
	 * first rather than slept on; one queued in the nanoseconds between
	 * the BPF side reading the flag and this check waits for the timeout.
	 */
	if (!ev->active) {
		__atomic_store_n(ev->consumer_asleep, 1, __ATOMIC_SEQ_CST);
		n = ring_buffer__consume(ev->rb);
		if (n > 0)
			timeout_ms = 0;
	} else if (timeout_ms > ACTIVE_POLL_MS) {
		timeout_ms = ACTIVE_POLL_MS;
	}
	err = n < 0 ? n : ring_buffer__poll(ev->rb, timeout_ms);
	*ev->consumer_asleep = 0;
	if (err >= 0)
		n += err;
	if (err >= 0 || err == -EINTR)
		err = ring_buffer__consume(ev->rb);
	if (err > 0)
		n += err;
	ev->active = n > 0;
	if (err == -EINTR)
		err = 0;
	if (err < 0)
		return err;
	report_lost(ev);
	each_second(ev);
	return output__flush() ? 0 : -EIO;
}

void events__close(struct events *ev)
{
	long page = sysconf(_SC_PAGESIZE);

	if (ev->rb_consumer_pos) {
		munmap((void *)ev->rb_consumer_pos, page);
		munmap((void *)ev->rb_producer_pos, page);
	}
	ring_buffer__free(ev->rb);
	cap_windows__free(&ev->cap_windows);
	json__free(&ev->json);
	free(ev->lost_percpu);
	lost__free(&ev->lost_by);
	ev->rb = NULL;
	ev->lost_percpu = NULL;
}
