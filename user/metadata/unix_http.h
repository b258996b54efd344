/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One HTTP request to a container runtime's unix socket (libcurl): the
 * Docker Engine API (HTTP/1.1 GET) and containerd's gRPC API (HTTP/2 POST,
 * prior knowledge). Bounded in time and in the size of the answer, so a
 * hung or babbling runtime costs the metadata worker a timeout, nothing more.
 */
#ifndef VIGIL_UNIX_HTTP_H
#define VIGIL_UNIX_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define UNIX_HTTP_TIMEOUT_MS 2000
#define UNIX_HTTP_BODY_MAX   (1 << 20) /* an answer about one container is a few KiB */

struct unix_http_request {
	const char *socket;
	const char *url;	    /* http://<any host>/path */
	const char *const *headers; /* NULL-terminated, or NULL */
	const void *post;	    /* POST this body when not NULL, else GET */
	size_t post_len;
	bool grpc; /* HTTP/2 without upgrade; reads the grpc-status trailer */
};

struct unix_http_response {
	long status;	 /* HTTP status */
	int grpc_status; /* -1 when absent */
	char *body;	 /* NUL-terminated; the caller frees it */
	size_t len;
};

/* 0 when an answer came (any status); -ETIMEDOUT, -EFBIG, -ECONNREFUSED, -ENOMEM otherwise. */
int unix_http__request(const struct unix_http_request *rq, struct unix_http_response *rs);

#endif /* VIGIL_UNIX_HTTP_H */
