/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the stream goes. output.c hands every line to each sink; a sink is a
 * file or stdout (sink_file.c: written in the event loop, a write error stops
 * vigil), or a queued sink (sink_queue.c) that delivers from its own thread
 * with bounded buffering, retry with backoff and counted drops: syslog
 * (sink_syslog.c) and HTTP (sink_http.c).
 */
#ifndef VIGIL_SINK_H
#define VIGIL_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a line is, for sinks whose framing says it (syslog PRI and MSGID). */
struct line_tag {
	int severity;	   /* RFC 5424 severity */
	const char *msgid; /* event.action */
};

#define SEVERITY_WARNING 4
#define SEVERITY_NOTICE	 5
#define SEVERITY_INFO	 6

struct sink_stats {
	uint64_t dropped; /* lines lost: buffer full, rejected, or undelivered at exit */
	uint64_t errors;  /* failed delivery attempts */
	uint64_t queued_bytes;
	uint64_t queue_capacity;
};

struct sink;

struct sink_ops {
	/* optional: starts the sink's thread, once vigil runs unprivileged */
	int (*start)(struct sink *s);
	/* false: the sink failed and vigil must stop (files and stdout only) */
	bool (*line)(struct sink *s, const struct line_tag *tag, const char *line, size_t len);
	bool (*flush)(struct sink *s);
	void (*reopen)(struct sink *s);
	void (*stats)(struct sink *s, struct sink_stats *out);
	void (*close)(struct sink *s); /* delivers what it can, then frees */
};

struct sink {
	const struct sink_ops *ops;
	char name[160]; /* as given on the command line: "syslog:udp:127.0.0.1:514" */
};

struct sink *sink_file__open(const char *path); /* NULL path or "-": stdout */
struct syslog_target;
/* spec names the sink; t is spec as cli.c parsed it (sink_syslog.h). */
struct sink *sink_syslog__open(const char *spec, const struct syslog_target *t, size_t queue_bytes);
struct sink *sink_http__open(const char *url, size_t queue_bytes);

#endif /* VIGIL_SINK_H */
