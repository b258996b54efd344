// SPDX-License-Identifier: GPL-2.0
/*
 * Docker Engine API: one inspect per container (GET /containers/ID/json)
 * over the engine's unix socket, parsed with json-c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "docker_api.h"
#include "json_in.h"
#include "unix_http.h"

int docker_api__parse(const char *body, size_t len, struct container_meta *m)
{
	struct json_object *root = json_in__parse(body, len, json_type_object), *config;
	const char *name;

	memset(m, 0, sizeof(*m));
	if (!root)
		return -EINVAL;
	name = json_in__string(root, "Name");
	if (name && name[0] == '/') /* the engine prefixes names with '/' */
		name++;
	m->name = container_meta__dup(name);
	m->image_id = container_meta__dup(json_in__string(root, "Image"));
	config = json_in__child(root, "Config");
	m->image = container_meta__dup(json_in__string(config, "Image"));
	container_meta__add_labels(m, json_in__child(config, "Labels"));
	json_object_put(root);
	return m->name || m->image ? 0 : -EINVAL;
}

int docker_api__inspect(const char *socket, const char *id, struct container_meta *m)
{
	struct unix_http_request rq = { .socket = socket };
	struct unix_http_response rs;
	char url[256];
	int err;

	snprintf(url, sizeof(url), "http://docker/containers/%s/json", id);
	rq.url = url;
	err = unix_http__request(&rq, &rs);
	if (err)
		return err;
	if (rs.status == 404)
		err = -ENOENT;
	else if (rs.status != 200 || !rs.body)
		err = -EPROTO;
	else
		err = docker_api__parse(rs.body, rs.len, m);
	free(rs.body);
	return err;
}
