// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <time.h>
#include <sys/utsname.h>
#include "output.h"
#include "state.h"

static void begin(struct json *j, const char *host, const char *action)
{
	struct timespec ts;
	struct tm tm;
	char buf[64];
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, sizeof(buf) - n, ".%09ldZ", ts.tv_nsec);
	json__reset(j);
	json__str(j, "@timestamp", buf);
	json__begin_object(j, "event");
	json__str(j, "kind", "state");
	json__str(j, "module", "vigil");
	json__str(j, "action", action);
	json__end_object(j);
	json__begin_object(j, "host");
	json__str(j, "name", host);
	json__end_object(j);
}

static void emit(struct json *j)
{
	if (json__end_line(j))
		output__line(j->buf, j->len);
	output__flush();
}

void state__agent_start(struct json *j, const char *host, const struct loader *ld,
			unsigned int containers)
{
	struct utsname u;
	unsigned int i;

	uname(&u);
	begin(j, host, "agent-start");
	json__begin_object(j, "agent");
	json__str(j, "type", "vigil");
	json__str(j, "version", VIGIL_VERSION);
	json__end_object(j);
	json__begin_object(j, "vigil");
	json__str(j, "backend", ld->backend);
	json__bool(j, "enforce", false);
	json__str(j, "kernel", u.release);
	json__begin_array(j, "detections");
	for (i = 0; i < ld->n_detections; i++)
		json__str(j, NULL, ld->detections[i]);
	json__end_array(j);
	json__begin_array(j, "programs");
	for (i = 0; i < ld->n_programs; i++)
		json__str(j, NULL, ld->programs[i]);
	json__end_array(j);
	json__begin_array(j, "unavailable");
	for (i = 0; i < ld->n_missing; i++)
		json__str(j, NULL, ld->missing[i]);
	json__end_array(j);
	json__u64(j, "containers", containers);
	json__end_object(j);
	emit(j);
}

void state__events_lost(struct json *j, const char *host, __u64 count, __u64 total)
{
	begin(j, host, "events-lost");
	json__begin_object(j, "vigil");
	json__u64(j, "lost", count);
	json__u64(j, "lost_total", total);
	json__end_object(j);
	emit(j);
}

void state__agent_stop(struct json *j, const char *host, __u64 alerts, __u64 lost)
{
	begin(j, host, "agent-stop");
	json__begin_object(j, "vigil");
	json__u64(j, "alerts", alerts);
	json__u64(j, "lost_total", lost);
	json__end_object(j);
	emit(j);
}
