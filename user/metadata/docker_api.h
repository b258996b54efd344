/* SPDX-License-Identifier: GPL-2.0 */
/* Container metadata from the Docker Engine API (GET /containers/ID/json on its unix socket). */
#ifndef VIGIL_DOCKER_API_H
#define VIGIL_DOCKER_API_H

#include <stddef.h>
#include "metadata.h"

#define DOCKER_SOCKET_DEFAULT "/var/run/docker.sock"

/* Fills m from the engine; 0, or a negative errno (-ENOENT: no such container). */
int docker_api__inspect(const char *socket, const char *id, struct container_meta *m);
/*
 * The container's configuration as the engine stored it when it was
 * created, ROOT/containers/ID/config.v2.json (the inspect document's shape):
 * readable while the engine is still starting it. 0, or negative errno.
 */
int docker_api__read_config(const char *root, const char *id, struct container_meta *m);
#define DOCKER_ROOT_DEFAULT "/var/lib/docker"
/* The parsing half, on an inspect response body. */
int docker_api__parse(const char *body, size_t len, struct container_meta *m);

#endif /* VIGIL_DOCKER_API_H */
