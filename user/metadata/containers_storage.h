/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Container metadata for Podman and CRI-O from the containers/storage files
 * both keep: <root>/<driver>-containers/containers.json (names, image) and
 * the OCI bundle's userdata/config.json (CRI-O's pod annotations). Files,
 * not a daemon: nothing to be down, and Podman has no daemon to ask.
 */
#ifndef VIGIL_CONTAINERS_STORAGE_H
#define VIGIL_CONTAINERS_STORAGE_H

#include <stddef.h>
#include "metadata.h"

#define STORAGE_ROOT_DEFAULT "/var/lib/containers/storage"
#define STORAGE_FILE_MAX     (64 << 20) /* containers.json grows ~600 bytes per container */

/* 0, or a negative errno (-ENOENT: no such container in the storage). */
int containers_storage__inspect(const char *root, const char *id, struct container_meta *m);
/* The parsing halves: the record of id in containers.json, then the annotations of its config.json. */
int containers_storage__parse_list(const char *text, size_t len, const char *id, struct container_meta *m);
void containers_storage__parse_config(const char *text, size_t len, struct container_meta *m);

#endif /* VIGIL_CONTAINERS_STORAGE_H */
