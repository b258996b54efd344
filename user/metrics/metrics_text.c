// SPDX-License-Identifier: GPL-2.0
/* The Prometheus text exposition (format 0.0.4) of a metrics snapshot (pure). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "metrics.h"
#include "record.h"

struct text {
	char *buf;
	size_t cap, len;
};

__attribute__((format(printf, 2, 3))) static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= t->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = t->len + n < t->cap ? t->len + n : t->cap;
}

static void head(struct text *t, const char *name, const char *type, const char *help)
{
	put(t, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void single(struct text *t, const char *name, const char *type, const char *help, uint64_t v)
{
	head(t, name, type, help);
	put(t, "%s %llu\n", name, (unsigned long long)v);
}

/* A label value, escaped as the format asks: backslash, quote and newline. */
static void label_value(struct text *t, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			put(t, "\\%c", *s);
		else if (*s == '\n')
			put(t, "\\n");
		else
			put(t, "%c", *s);
	}
}

static void per_output(struct text *t, const struct metrics_snapshot *s, const char *name, const char *type,
		       const char *help, size_t offset)
{
	unsigned int i;

	head(t, name, type, help);
	for (i = 0; i < s->noutputs; i++) {
		put(t, "%s{output=\"", name);
		label_value(t, s->outputs[i].name);
		put(t, "\"} %llu\n", (unsigned long long)*(const uint64_t *)((const char *)&s->outputs[i].st + offset));
	}
}

size_t metrics__format(const struct metrics_snapshot *s, char *buf, size_t cap)
{
	struct text t = { .buf = buf, .cap = cap };
	int k, o;

	head(&t, "vigil_build_info", "gauge", "vigil's version, backend and kernel; always 1");
	put(&t, "vigil_build_info{version=\"");
	label_value(&t, s->version);
	put(&t, "\",backend=\"");
	label_value(&t, s->backend);
	put(&t, "\",kernel=\"");
	label_value(&t, s->kernel);
	put(&t, "\"} 1\n");
	single(&t, "vigil_programs_attached", "gauge", "BPF programs attached", s->programs_attached);
	single(&t, "vigil_programs_refused", "gauge",
	       "BPF programs this kernel refused to load or attach (agent-start's vigil.degraded says which)",
	       s->programs_refused);
	head(&t, "vigil_detection_active", "gauge",
	     "1 while a detection runs (state: active, or degraded when some of its programs were refused), 0 when "
	     "unavailable");
	for (k = 0; k < METRICS_DETECTIONS; k++)
		if (s->detections[k].name[0])
			put(&t, "vigil_detection_active{detection=\"%s\",state=\"%s\"} %d\n", s->detections[k].name,
			    s->detections[k].state, strcmp(s->detections[k].state, "unavailable") != 0);
	head(&t, "vigil_events_total", "counter", "Alerts written, by event.action and event.outcome");
	for (k = 0; k < VIGIL_EV_KIND_MAX; k++)
		for (o = 0; record__action(k) && o < OUTCOME_MAX; o++)
			put(&t, "vigil_events_total{action=\"%s\",outcome=\"%s\"} %llu\n", record__action(k),
			    outcome__name(o), (unsigned long long)s->events[k][o]);
	single(&t, "vigil_events_lost_total", "counter", "Records the kernel could not queue (ring buffer full)",
	       s->events_lost);
	single(&t, "vigil_ringbuf_pending_bytes", "gauge", "Bytes queued in the ring buffer, not yet read",
	       s->ringbuf_pending_bytes);
	single(&t, "vigil_ringbuf_size_bytes", "gauge", "Ring buffer size", s->ringbuf_size_bytes);
	single(&t, "vigil_capability_checks_folded_total", "counter",
	       "Capability checks folded into an earlier alert by the dedup window (counted when an alert or the end "
	       "of their window reports them)",
	       s->capability_checks_folded);
	single(&t, "vigil_capability_windows", "gauge",
	       "Open capability dedup windows whose opening alert is kept to report their end", s->capability_windows);
	single(&t, "vigil_capability_window_bytes", "gauge", "Memory those windows hold (bounded)",
	       s->capability_window_bytes);
	single(&t, "vigil_capability_windows_evicted_total", "counter",
	       "Windows forgotten early to stay within the bound (their end is reported without process fields)",
	       s->capability_windows_evicted);
	if (s->resident_memory_bytes)
		single(&t, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes",
		       s->resident_memory_bytes);
	single(&t, "vigil_containers_tracked", "gauge", "Container cgroups vigil watches", s->containers);
	single(&t, "vigil_containers_started_total", "counter",
	       "Container starts vigil judged the posture of (container-start lines)", s->containers_started);
	single(&t, "vigil_posture_alerts_total", "counter", "Posture alerts written (one per finding)",
	       s->posture_alerts);
	head(&t, "vigil_posture_read_seconds_total", "counter",
	     "Time the event loop spent reading started containers' cgroup files, labels and mounts");
	put(&t, "vigil_posture_read_seconds_total %.6f\n", s->posture_read_ns / 1e9);
	single(&t, "vigil_metadata_lookups_total", "counter", "Container runtime metadata lookups",
	       s->metadata_lookups);
	single(&t, "vigil_metadata_lookup_failures_total", "counter",
	       "Metadata lookups that failed (runtime down, slow or unaware of the container)",
	       s->metadata_lookup_failures);
	per_output(&t, s, "vigil_output_dropped_total", "counter",
		   "Lines an output dropped (queue full, refused, or undelivered at exit)",
		   offsetof(struct sink_stats, dropped));
	per_output(&t, s, "vigil_output_errors_total", "counter", "Failed delivery attempts of an output",
		   offsetof(struct sink_stats, errors));
	per_output(&t, s, "vigil_output_queue_bytes", "gauge", "Bytes waiting in an output's queue",
		   offsetof(struct sink_stats, queued_bytes));
	per_output(&t, s, "vigil_output_queue_capacity_bytes", "gauge", "Size of an output's queue",
		   offsetof(struct sink_stats, queue_capacity));
	return t.len;
}
