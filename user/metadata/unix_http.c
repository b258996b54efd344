// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include "unix_http.h"

struct answer {
	struct unix_http_response *rs;
	bool too_big;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct answer *a = userdata;
	struct unix_http_response *rs = a->rs;
	size_t n = size * nmemb;
	char *grown;

	if (rs->len + n > UNIX_HTTP_BODY_MAX) {
		a->too_big = true;
		return 0; /* aborts the transfer */
	}
	grown = realloc(rs->body, rs->len + n + 1);
	if (!grown)
		return 0;
	memcpy(grown + rs->len, ptr, n);
	rs->body = grown;
	rs->len += n;
	rs->body[rs->len] = '\0';
	return n;
}

/* gRPC puts its verdict in a trailer; libcurl hands trailers to the header callback too. */
static size_t on_header(char *line, size_t size, size_t nmemb, void *userdata)
{
	static const char key[] = "grpc-status:";
	struct answer *a = userdata;
	size_t n = size * nmemb;

	if (n > sizeof(key) - 1 && !strncasecmp(line, key, sizeof(key) - 1))
		a->rs->grpc_status = atoi(line + sizeof(key) - 1);
	return n;
}

static struct curl_slist *header_list(const char *const *headers, bool *failed)
{
	struct curl_slist *list = NULL, *grown;

	for (; headers && *headers; headers++) {
		grown = curl_slist_append(list, *headers);
		if (!grown) {
			*failed = true;
			break;
		}
		list = grown;
	}
	return list;
}

int unix_http__request(const struct unix_http_request *rq, struct unix_http_response *rs)
{
	struct answer a = { .rs = rs };
	struct curl_slist *headers;
	bool failed = false;
	CURLcode rc;
	CURL *h;

	memset(rs, 0, sizeof(*rs));
	rs->grpc_status = -1;
	h = curl_easy_init();
	headers = header_list(rq->headers, &failed);
	if (!h || failed) {
		curl_easy_cleanup(h);
		curl_slist_free_all(headers);
		return -ENOMEM;
	}
	curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, rq->socket);
	curl_easy_setopt(h, CURLOPT_URL, rq->url);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)UNIX_HTTP_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); /* a worker thread: no SIGALRM */
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &a);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &a);
	if (rq->post) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->post);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)rq->post_len);
	}
	if (rq->grpc)
		curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &rs->status);
	curl_easy_cleanup(h);
	curl_slist_free_all(headers);
	if (rc == CURLE_OK)
		return 0;
	free(rs->body);
	rs->body = NULL;
	rs->len = 0;
	return rc == CURLE_OPERATION_TIMEDOUT ? -ETIMEDOUT : a.too_big ? -EFBIG : -ECONNREFUSED;
}
