/* SPDX-License-Identifier: GPL-2.0 */
/* The syslog sink's pure parts: where to (--syslog TARGET) and RFC 5424 framing. */
#ifndef VIGIL_SINK_SYSLOG_H
#define VIGIL_SINK_SYSLOG_H

#include <stddef.h>
#include <time.h>
#include "hostport.h"
#include "sink.h"

enum syslog_transport { SYSLOG_UNIX, SYSLOG_UDP, SYSLOG_TCP };

struct syslog_target {
	enum syslog_transport transport;
	char path[108];	      /* unix: a sun_path */
	struct hostport addr; /* udp, tcp */
};

/*
 * unix:PATH, udp:HOST:PORT, tcp:HOST:PORT ([v6addr] for IPv6), or an absolute
 * path (unix). 0, or -1 with one line in err.
 */
int syslog_target__parse(const char *spec, struct syslog_target *t, char *err, size_t errlen);

/* Alerts and vigil's own state: facility authpriv (security messages). */
#define SYSLOG_FACILITY_AUTHPRIV 10

/*
 * One RFC 5424 message for a JSON line (without its newline):
 * "<PRI>1 TIMESTAMP HOST vigil PID MSGID - JSON". Returns the length, or 0
 * if it does not fit in cap.
 */
size_t syslog__format(char *out, size_t cap, const struct line_tag *tag, const struct timespec *now, const char *host,
		      int pid, const char *json, size_t len);

#endif /* VIGIL_SINK_SYSLOG_H */
