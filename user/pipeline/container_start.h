/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's start, at its first entrypoint record: the posture read
 * (user/posture/) into one container-start line and one posture alert per
 * finding. Later entrypoints (docker exec) say nothing here. During the
 * container's life: an SSH server's exec.
 */
#ifndef VIGIL_CONTAINER_START_H
#define VIGIL_CONTAINER_START_H

#include "events.h"

/* 0, or -EIO when the stream failed. */
int container_start__write(struct events *ev, const struct vigil_record *r);
/* An SSH server's exec: one ssh-server alert per container and executable. */
int container_start__ssh_server(struct events *ev, const struct vigil_record *r);

#endif /* VIGIL_CONTAINER_START_H */
