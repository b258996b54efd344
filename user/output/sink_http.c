// SPDX-License-Identifier: GPL-2.0
/*
 * HTTP: batches of lines POSTed as NDJSON (Content-Type application/x-ndjson),
 * the body a plain HTTP collector takes (Vector's http_server, Fluent Bit's
 * http input). 2xx is delivered; no answer, 408, 429 and 5xx are retried with
 * backoff; any other status means the collector refuses this body for good,
 * so its lines are counted as dropped instead of retried forever.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include "log.h"
#include "sink_queue.h"

#define HTTP_BATCH_MAX		(1 << 20)
#define HTTP_TIMEOUT_MS		10000
#define HTTP_CONNECT_TIMEOUT_MS 3000

struct sink_http {
	struct queued_sink q; /* first: the sink's base */
	char *url;
	CURL *curl; /* the delivery thread's */
	struct curl_slist *headers;
	long last_status; /* for one log line per change, not one per retry */
};

static size_t discard_body(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

static bool retryable(long status)
{
	return status == 408 || status == 429 || status >= 500;
}

static void note_status(struct sink_http *s, long status, const char *why)
{
	if (status == s->last_status)
		return;
	s->last_status = status;
	if (status)
		log_err(0, "%s: %s", s->q.base.name, why);
}

static enum delivery http_deliver(struct sink *base, const char *batch, size_t len, size_t *consumed)
{
	struct sink_http *s = (struct sink_http *)base;
	char why[CURL_ERROR_SIZE + 64] = "";
	long status = 0;
	CURLcode rc;

	*consumed = 0;
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDS, batch);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(s->curl);
	if (rc != CURLE_OK) {
		snprintf(why, sizeof(why), "%s (retrying)", curl_easy_strerror(rc));
		note_status(s, -1 - (long)rc, why);
		return DELIVERY_RETRY;
	}
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	if (status >= 200 && status < 300) {
		if (s->last_status)
			log_err(0, "%s: delivering again", s->q.base.name);
		s->last_status = 0;
		return DELIVERED;
	}
	snprintf(why, sizeof(why), "HTTP status %ld (%s)", status,
		 retryable(status) ? "retrying" : "batch dropped: the collector refuses it");
	note_status(s, status, why);
	return retryable(status) ? DELIVERY_RETRY : DELIVERY_REJECTED;
}

static const struct transport http_transport = {
	.deliver = http_deliver,
	.batch_max = HTTP_BATCH_MAX,
};

static bool http_line(struct sink *base, const struct line_tag *tag, const char *line, size_t len)
{
	(void)tag;
	queued_sink__push((struct queued_sink *)base, line, len);
	return true;
}

static void http_close(struct sink *base)
{
	struct sink_http *s = (struct sink_http *)base;

	queued_sink__stop(&s->q);
	if (s->curl)
		curl_easy_cleanup(s->curl);
	curl_slist_free_all(s->headers);
	free(s->url);
	free(s);
	curl_global_cleanup();
}

static const struct sink_ops http_ops = {
	.start = queued_sink__run,
	.line = http_line,
	.flush = queued_sink__flush,
	.reopen = queued_sink__reopen,
	.stats = queued_sink__stats,
	.close = http_close,
};

static int setup_curl(struct sink_http *s)
{
	s->curl = curl_easy_init();
	s->headers = curl_slist_append(NULL, "Content-Type: application/x-ndjson");
	if (!s->curl || !s->headers)
		return -ENOMEM;
	curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS, (long)HTTP_TIMEOUT_MS);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT_MS, (long)HTTP_CONNECT_TIMEOUT_MS);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, discard_body);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	return 0;
}

struct sink *sink_http__open(const char *url, size_t queue_bytes)
{
	struct sink_http *s = calloc(1, sizeof(*s));

	if (!s) {
		log_err(-ENOMEM, "out of memory");
		return NULL;
	}
	snprintf(s->q.base.name, sizeof(s->q.base.name), "http:%s", url);
	/* before the delivery thread exists: curl_global_init is not thread-safe */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	s->url = strdup(url);
	if (!s->url || setup_curl(s)) {
		log_err(-ENOMEM, "%s: cannot set up libcurl", s->q.base.name);
		http_close(&s->q.base);
		return NULL;
	}
	if (queued_sink__init(&s->q, &http_ops, &http_transport, queue_bytes)) {
		http_close(&s->q.base);
		return NULL;
	}
	return &s->q.base;
}
