// SPDX-License-Identifier: GPL-2.0
/*
 * syslog: each line becomes one RFC 5424 message (facility authpriv,
 * severity from the line's kind, MSGID its event.action, the JSON as MSG),
 * sent to a local socket (/dev/log: datagrams), a UDP collector (one
 * datagram each) or a TCP collector (RFC 6587 octet counting, so a message
 * may hold anything). Formatting happens at push time, in the event loop;
 * the queued sink's thread only sends.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include "hostport.h"
#include "log.h"
#include "sink_queue.h"
#include "sink_syslog.h"

#define SYSLOG_BATCH_MAX (256 << 10)
#define DATAGRAM_MAX	 65000 /* below UDP's 65507-byte payload limit */
#define SEND_TIMEOUT_S	 5

int syslog_target__parse(const char *spec, struct syslog_target *t, char *err, size_t errlen)
{
	const char *path = NULL;

	memset(t, 0, sizeof(*t));
	if (!strncmp(spec, "unix:", 5))
		path = spec + 5;
	else if (spec[0] == '/')
		path = spec;
	if (path) {
		t->transport = SYSLOG_UNIX;
		if (path[0] != '/' || strlen(path) >= sizeof(t->path)) {
			snprintf(err, errlen, "--syslog: '%s' is not an absolute unix socket path (at most 107 bytes)",
				 spec);
			return -1;
		}
		strcpy(t->path, path);
		return 0;
	}
	if (!strncmp(spec, "udp:", 4))
		t->transport = SYSLOG_UDP;
	else if (!strncmp(spec, "tcp:", 4))
		t->transport = SYSLOG_TCP;
	else {
		snprintf(err, errlen, "--syslog: '%s' is not unix:PATH, udp:HOST:PORT or tcp:HOST:PORT", spec);
		return -1;
	}
	if (hostport__parse(spec + 4, &t->addr, false)) {
		snprintf(err, errlen, "--syslog: '%s': expected HOST:PORT ([ADDR]:PORT for IPv6), port 1-65535", spec);
		return -1;
	}
	return 0;
}

/* RFC 5424 header fields are printable US-ASCII without spaces; "-" when empty. */
static void header_field(char *out, size_t cap, const char *s)
{
	size_t n = 0;

	for (; s && *s && n + 1 < cap; s++)
		if (*s > ' ' && *s < 0x7f)
			out[n++] = *s;
	if (!n)
		out[n++] = '-';
	out[n] = 0;
}

size_t syslog__format(char *out, size_t cap, const struct line_tag *tag, const struct timespec *now, const char *host,
		      int pid, const char *json, size_t len)
{
	char ts[40], hostname[256], msgid[33];
	struct tm tm;
	int n;

	gmtime_r(&now->tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	header_field(hostname, sizeof(hostname), host);
	header_field(msgid, sizeof(msgid), tag ? tag->msgid : NULL);
	n = snprintf(out, cap, "<%d>1 %s.%06ldZ %s vigil %d %s - ",
		     SYSLOG_FACILITY_AUTHPRIV * 8 + (tag ? tag->severity : SEVERITY_INFO), ts, now->tv_nsec / 1000,
		     hostname, pid, msgid);
	if (n < 0 || (size_t)n + len > cap)
		return 0;
	memcpy(out + n, json, len);
	return n + len;
}

struct sink_syslog {
	struct queued_sink q; /* first: the sink's base */
	struct syslog_target target;
	char host[256];
	int pid;
	int fd;	       /* the delivery thread's */
	char *scratch; /* the event loop's: one formatted message */
	size_t scratch_cap;
};

static int connect_unix(const struct syslog_target *t)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	strcpy(sa.sun_path, t->path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int connect_inet(const struct syslog_target *t)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC }, *res, *ai;
	int fd = -EHOSTUNREACH, err;

	hints.ai_socktype = t->transport == SYSLOG_TCP ? SOCK_STREAM : SOCK_DGRAM;
	err = getaddrinfo(t->addr.host, t->addr.port, &hints, &res);
	if (err)
		return -EHOSTUNREACH;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			fd = -errno;
			continue;
		}
		if (!connect(fd, ai->ai_addr, ai->ai_addrlen))
			break;
		err = -errno;
		close(fd);
		fd = err;
	}
	freeaddrinfo(res);
	return fd;
}

/* The thread's socket, connected on first use and after each failure. */
static int syslog_connect(struct sink_syslog *s)
{
	struct timeval tv = { .tv_sec = SEND_TIMEOUT_S };
	int fd;

	if (s->fd >= 0)
		return 0;
	fd = s->target.transport == SYSLOG_UNIX ? connect_unix(&s->target) : connect_inet(&s->target);
	if (fd < 0)
		return fd;
	/* a stalled collector must not hold the exit drain forever */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	s->fd = fd;
	return 0;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

static int send_message(struct sink_syslog *s, const char *msg, size_t len)
{
	char prefix[24];
	int n;

	if (s->target.transport != SYSLOG_TCP)
		return send(s->fd, msg, len, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
	n = snprintf(prefix, sizeof(prefix), "%zu ", len);
	return send_all(s->fd, prefix, n) || send_all(s->fd, msg, len) ? -1 : 0;
}

static enum delivery syslog_deliver(struct sink *base, const char *batch, size_t len, size_t *consumed)
{
	struct sink_syslog *s = (struct sink_syslog *)base;
	const char *p = batch, *end = batch + len, *nl;

	if (syslog_connect(s))
		return DELIVERY_RETRY;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (send_message(s, p, nl - p)) {
			close(s->fd);
			s->fd = -1;
			*consumed = p - batch;
			return DELIVERY_RETRY;
		}
	}
	return DELIVERED;
}

static const struct transport syslog_transport = {
	.deliver = syslog_deliver,
	.batch_max = SYSLOG_BATCH_MAX,
};

static bool syslog_line(struct sink *base, const struct line_tag *tag, const char *line, size_t len)
{
	struct sink_syslog *s = (struct sink_syslog *)base;
	struct timespec now;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &now);
	/* the JSON without its newline; the queue's newline ends the message */
	n = syslog__format(s->scratch, s->scratch_cap - 1, tag, &now, s->host, s->pid, line, len - 1);
	if (!n || (s->target.transport == SYSLOG_UDP && n > DATAGRAM_MAX)) {
		queued_sink__drop(&s->q);
		return true;
	}
	s->scratch[n++] = '\n';
	queued_sink__push(&s->q, s->scratch, n);
	return true;
}

static void syslog_close(struct sink *base)
{
	struct sink_syslog *s = (struct sink_syslog *)base;

	queued_sink__stop(&s->q);
	if (s->fd >= 0)
		close(s->fd);
	free(s->scratch);
	free(s);
}

static const struct sink_ops syslog_ops = {
	.start = queued_sink__run,
	.line = syslog_line,
	.flush = queued_sink__flush,
	.reopen = queued_sink__reopen,
	.stats = queued_sink__stats,
	.close = syslog_close,
};

struct sink *sink_syslog__open(const char *spec, const struct syslog_target *t, size_t queue_bytes)
{
	struct sink_syslog *s = calloc(1, sizeof(*s));

	if (!s) {
		log_err(-ENOMEM, "out of memory");
		return NULL;
	}
	s->fd = -1;
	snprintf(s->q.base.name, sizeof(s->q.base.name), "syslog:%s", spec);
	s->target = *t;
	gethostname(s->host, sizeof(s->host) - 1);
	s->pid = getpid();
	s->scratch_cap = SYSLOG_BATCH_MAX;
	s->scratch = malloc(s->scratch_cap);
	if (!s->scratch || queued_sink__init(&s->q, &syslog_ops, &syslog_transport, queue_bytes)) {
		syslog_close(&s->q.base);
		return NULL;
	}
	return &s->q.base;
}
