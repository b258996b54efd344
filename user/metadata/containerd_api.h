/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Container metadata from containerd's gRPC API on its unix socket: the
 * container record (image, labels, and the OCI spec whose annotations carry
 * the CRI's pod fields). For ctr, nerdctl and Kubernetes (CRI) containers.
 */
#ifndef VIGIL_CONTAINERD_API_H
#define VIGIL_CONTAINERD_API_H

#include <stddef.h>
#include <stdint.h>
#include "metadata.h"

#define CONTAINERD_SOCKET_DEFAULT "/run/containerd/containerd.sock"

/* Looks the id up in every containerd namespace; 0, or a negative errno (-ENOENT: in none). */
int containerd_api__inspect(const char *socket, const char *id, struct container_meta *m);
/* The decoding half, on a GetContainerResponse message (protobuf, no gRPC framing). */
int containerd_api__parse(const uint8_t *msg, size_t len, struct container_meta *m);

#endif /* VIGIL_CONTAINERD_API_H */
