// SPDX-License-Identifier: GPL-2.0
/*
 * Docker Engine API: one inspect per container, over the engine's unix
 * socket with libcurl, parsed with json-c. Bounded in time (a hung engine
 * costs the metadata worker DOCKER_API_TIMEOUT_MS, never the event path)
 * and in size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <json-c/json.h>
#include "docker_api.h"

#define BODY_MAX (1 << 20)	/* an inspect answer is a few KiB */

struct body {
	char *data;
	size_t len;
	bool too_big;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct body *b = userdata;
	size_t n = size * nmemb;
	char *grown;

	if (b->len + n > BODY_MAX) {
		b->too_big = true;
		return 0;	/* aborts the transfer */
	}
	grown = realloc(b->data, b->len + n + 1);
	if (!grown)
		return 0;
	memcpy(grown + b->len, ptr, n);
	b->data = grown;
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static const char *string_at(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!obj || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static struct json_object *object_at(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!obj || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

int docker_api__parse(const char *body, size_t len, struct container_meta *m)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root, *config, *labels;
	const char *name;

	memset(m, 0, sizeof(*m));
	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, body, (int)len);
	json_tokener_free(tok);
	if (!root || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return -EINVAL;
	}
	name = string_at(root, "Name");
	if (name && name[0] == '/')	/* the engine prefixes names with '/' */
		name++;
	m->name = container_meta__dup(name);
	m->image_id = container_meta__dup(string_at(root, "Image"));
	config = object_at(root, "Config");
	m->image = container_meta__dup(string_at(config, "Image"));
	labels = object_at(config, "Labels");
	if (labels) {
		json_object_object_foreach(labels, key, val) {
			if (json_object_is_type(val, json_type_string))
				container_meta__add_label(m, key, json_object_get_string(val));
		}
	}
	json_object_put(root);
	return m->name || m->image ? 0 : -EINVAL;
}

int docker_api__inspect(const char *socket, const char *id, struct container_meta *m)
{
	struct body b = { 0 };
	char url[256];
	long status = 0;
	CURLcode rc;
	CURL *h;
	int err;

	h = curl_easy_init();
	if (!h)
		return -ENOMEM;
	snprintf(url, sizeof(url), "http://docker/containers/%s/json", id);
	curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, socket);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)DOCKER_API_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);	/* a worker thread: no SIGALRM */
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	if (rc != CURLE_OK)
		err = rc == CURLE_OPERATION_TIMEDOUT ? -ETIMEDOUT : b.too_big ? -EFBIG : -ECONNREFUSED;
	else if (status == 404)
		err = -ENOENT;
	else if (status != 200 || !b.data)
		err = -EPROTO;
	else
		err = docker_api__parse(b.data, b.len, m);
	free(b.data);
	return err;
}
