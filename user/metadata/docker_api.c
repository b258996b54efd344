// SPDX-License-Identifier: GPL-2.0
/*
 * Docker Engine API: one inspect per container (GET /containers/ID/json)
 * over the engine's unix socket, parsed with json-c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
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

#define CONFIG_MAX (4u << 20) /* a container's config.v2.json: labels, env, mounts */

int docker_api__read_config(const char *root, const char *id, struct container_meta *m)
{
	char path[4200], *buf;
	size_t len = 0;
	ssize_t n;
	int fd, err;

	memset(m, 0, sizeof(*m));
	if (!root || strspn(id, "0123456789abcdef") != strlen(id) || strlen(id) != 64)
		return -EINVAL; /* a Docker id, nothing a path could be made of */
	snprintf(path, sizeof(path), "%s/containers/%s/config.v2.json", root, id);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	buf = malloc(CONFIG_MAX);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (len < CONFIG_MAX && (n = read(fd, buf + len, CONFIG_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	err = len && len < CONFIG_MAX ? docker_api__parse(buf, len, m) : -EFBIG;
	free(buf);
	if (err)
		container_meta__free(m);
	return err;
}
