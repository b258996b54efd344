// SPDX-License-Identifier: GPL-2.0
/* The --metrics HTTP server (libmicrohttpd, its own thread). */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <microhttpd.h>
#include "hostport.h"
#include "log.h"
#include "metrics.h"

#define METRICS_TEXT_MAX (64 << 10)

static enum MHD_Result reply(struct MHD_Connection *c, unsigned int status, const char *type, const char *body,
			     size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static bool loop_alive(const struct metrics_snapshot *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return s->published.tv_sec && now.tv_sec - s->published.tv_sec < HEALTHZ_STALE_S;
}

/* The agent's whole resident memory, the ring buffer's pages it touched included. */
static uint64_t resident_bytes(void)
{
	unsigned long long size, resident = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (!f)
		return 0;
	if (fscanf(f, "%llu %llu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct metrics_server *m = cls;
	enum MHD_Result ret;
	char *text;
	size_t len;
	bool alive;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)con_cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", "GET only\n", 9);
	if (!strcmp(url, "/healthz")) {
		pthread_mutex_lock(&m->lock);
		alive = loop_alive(&m->snap);
		pthread_mutex_unlock(&m->lock);
		return alive ? reply(c, MHD_HTTP_OK, "text/plain", "ok\n", 3)
			     : reply(c, MHD_HTTP_SERVICE_UNAVAILABLE, "text/plain", "event loop stalled\n", 19);
	}
	if (strcmp(url, "/metrics"))
		return reply(c, MHD_HTTP_NOT_FOUND, "text/plain", "/metrics or /healthz\n", 21);
	text = malloc(METRICS_TEXT_MAX);
	if (!text)
		return MHD_NO;
	pthread_mutex_lock(&m->lock);
	m->snap.resident_memory_bytes = resident_bytes();
	len = metrics__format(&m->snap, text, METRICS_TEXT_MAX);
	pthread_mutex_unlock(&m->lock);
	ret = reply(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", text, len);
	free(text);
	return ret;
}

static int resolve(const struct hostport *hp, struct sockaddr_storage *sa, socklen_t *len)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
	struct addrinfo *res;

	if (getaddrinfo(hp->host[0] ? hp->host : NULL, hp->port, &hints, &res))
		return -EHOSTUNREACH;
	memcpy(sa, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int metrics__listen(struct metrics_server *m, const char *addr, const struct hostport *hp)
{
	struct sockaddr_storage sa;
	socklen_t salen;
	int one = 1, err;

	memset(m, 0, sizeof(*m));
	m->listen_fd = -1;
	err = resolve(hp, &sa, &salen);
	if (err)
		return log_err(err, "--metrics %s: cannot resolve the address", addr);
	m->listen_fd = socket(sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (m->listen_fd < 0)
		return log_errno(-errno, "--metrics %s: socket", addr);
	setsockopt(m->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(m->listen_fd, (struct sockaddr *)&sa, salen) || listen(m->listen_fd, 16)) {
		err = -errno;
		close(m->listen_fd);
		m->listen_fd = -1;
		return log_errno(err, "--metrics %s: cannot listen", addr);
	}
	return 0;
}

int metrics__start(struct metrics_server *m)
{
	/* the socket is bound already: its address family needs no flag */
	pthread_mutex_init(&m->lock, NULL);
	m->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, on_request, m,
				     MHD_OPTION_LISTEN_SOCKET, m->listen_fd, MHD_OPTION_CONNECTION_LIMIT, 16u,
				     MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
	if (!m->daemon) {
		pthread_mutex_destroy(&m->lock);
		return log_err(-EIO, "--metrics: the HTTP server did not start");
	}
	m->listen_fd = -1; /* the daemon's now */
	return 0;
}

void metrics__publish(struct metrics_server *m, const struct metrics_snapshot *s)
{
	if (!m->daemon)
		return;
	pthread_mutex_lock(&m->lock);
	m->snap = *s;
	pthread_mutex_unlock(&m->lock);
}

void metrics__stop(struct metrics_server *m)
{
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	m->listen_fd = -1;
	if (!m->daemon)
		return;
	MHD_stop_daemon(m->daemon);
	m->daemon = NULL;
	pthread_mutex_destroy(&m->lock);
}
